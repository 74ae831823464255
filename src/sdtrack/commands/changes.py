"""`sdtrack changes --since DAY`: what sdtrack learned between two days, by when things
were recorded, as a briefing section (terminal, `--format md`) or `--json`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sdtrack.commands.base import Command
from sdtrack.commands.common import period_day
from sdtrack.commands.loading import load
from sdtrack.commands.spec import directory_option, json_option, option
from sdtrack.core import clock
from sdtrack.core.errors import Problem, UsageError
from sdtrack.core.language import N_, _
from sdtrack.present.changes import build_changes, changes_document
from sdtrack.present.render import changes as changes_render
from sdtrack.present.render import terminal
from sdtrack.store.targets_history import TargetsHistory

OutputFormat = Literal["md"]

DAY_HINT = N_(
    "--since and --until take a day, a month or a year; a month or a year stands for its "
    "last day (2025-06 is 2025-06-30, 2025 is 2025-12-31)"
)


@dataclass(frozen=True, kw_only=True)
class ChangesParameters:
    since: str = option(
        "--since",
        metavar="DAY",
        help=N_(
            "What was recorded after this day ended (UTC); the standing known at its end is "
            "the 'before'. A day (2026-11-21), a month (its last day) or a year (31 December)."
        ),
    )
    until: str | None = option(
        "--until",
        metavar="DAY",
        help=N_("Up to the end of this day (UTC), the 'after'. Default: today."),
        default=None,
        show_default=False,
    )
    output_format: OutputFormat | None = option(
        "--format",
        help=N_("md: Markdown to paste into a briefing. Default: text for the terminal."),
        default=None,
        show_default=False,
    )
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""What sdtrack learned between two days: new readings, corrections and retractions,
targets added, removed or revised in targets.toml, and every verdict that moved.

Entries are placed by when they were recorded (`record`, `correct` and `retract` write
the time), not by the readings' own dates; days are UTC days. An entry with no recorded
time (written by hand, or shipped with the dataset) counts as known from the start: it is
never new, and the report says how many there are. Verdicts compare the standing known at
the end of --since, judged as of that day, with the standing known at the end of --until,
judged as of that day. targets.toml is compared with its version in git (the last commit
before the day ended; uncommitted edits count as today); outside a git repository the
report says it cannot tell.

[bold]Examples[/bold]

  sdtrack changes --since 2026-11-21

  sdtrack changes --since 2026-10-31 --until 2026-11-30

  sdtrack changes --since 2026-11-21 --format md > briefing.md

  sdtrack changes --since 2026-11-21 --json | jq '.verdicts[].target_id'
""")


def run(p: ChangesParameters) -> None:
    today = clock.now().date()
    since = period_day(p.since, "--since", hint=_(DAY_HINT))
    until = period_day(p.until, "--until", hint=_(DAY_HINT)) if p.until is not None else today
    if since > until:
        message = _("{since} is after --until {until}; give a day on or before it")
        problem = Problem(message.format(since=since, until=until), field="--since")
        raise UsageError([problem])
    if p.json and p.output_format is not None:
        problem = Problem(_("--json prints JSON; leave out --format"), field="--format")
        raise UsageError([problem])
    workspace = load(p.directory)
    history = TargetsHistory.of(workspace.location)
    report = build_changes(workspace, history, since, until, today)
    console = terminal.make_console()
    if p.json:
        terminal.print_json(console, changes_document(report))
    elif p.output_format == "md":
        terminal.write_bytes(changes_render.changes_markdown(report).encode("utf-8"))
    else:
        changes_render.print_changes(console, report)


COMMAND = Command("changes", ChangesParameters, run, HELP)
