"""`sdtrack status`: one row per target; the start-up path runs it without Typer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import as_of_day, cache_directory, location, period_day
from sdtrack.commands.spec import (
    as_of_option,
    directory_option,
    ids_argument,
    json_option,
    method_option,
    option,
)
from sdtrack.core import clock
from sdtrack.core.choices import Method
from sdtrack.core.language import N_, _
from sdtrack.fast.status_cache import KnownAt, cached_status
from sdtrack.present.render import status as status_render
from sdtrack.present.render import terminal


@dataclass(frozen=True, kw_only=True)
class StatusParameters:
    ids: list[str] | None = ids_argument()
    directory: Path | None = directory_option()
    as_of: str | None = as_of_option()
    method: Method | None = method_option()
    show_all: bool = option(
        "--all",
        # The number is status_render.SUMMARY_THRESHOLD (tests/commands/test_status.py checks).
        help=N_(
            "Print every target's row. Large workspaces (over "
            "60 targets) otherwise show a summary by status and "
            "the rows that need attention."
        ),
        default=False,
    )
    known_at: str | None = option(
        "--known-at",
        metavar="DAY",
        help=N_(
            "Show the standing as sdtrack knew it at the end of this day (UTC): only entries "
            "recorded by then, targets.toml as committed by then (from git), judged as of that "
            "day unless --as-of says otherwise. A day, a month or a year (its last day)."
        ),
        default=None,
        show_default=False,
    )
    json: bool = json_option()


HELP = N_("""Show where every target stands: progress, gap, time left and status.

Results are cached (in $SDTRACK_CACHE_DIR, else ~/.cache/sdtrack) and reused while
the workspace's files are unchanged; the cache can be deleted at any time.

[bold]Examples[/bold]

  sdtrack status

  sdtrack status --as-of 2025-12-31

  sdtrack status --known-at 2026-11-20

  sdtrack status --all --dir big-workspace

  sdtrack status 5g-base-stations --json | jq '.targets[0].status'
""")


def run(parameters: StatusParameters) -> None:
    where = location(parameters.directory)
    known = known_at(parameters.known_at)
    as_of = parameters.as_of
    day = known.day if known is not None and as_of is None else as_of_day(as_of)
    with terminal.progress_on_stderr(_("Reading the ledger")) as progress:
        result = cached_status(
            where, day, parameters.ids or [], parameters.method, cache_directory(), progress, known
        )
    console = terminal.make_console()
    if parameters.json:
        terminal.print_json(console, result.document)
    else:
        if result.notes:  # --known-at: already past the light path
            from sdtrack.present.render.changes import print_notes

            print_notes(console, result.notes)
        status_render.print_status(console, result.view, show_all=parameters.show_all)


def known_at(text: str | None) -> KnownAt | None:
    """`--known-at`: a day, or the last day of a month or a year; with today's date."""
    if text is None:
        return None
    return KnownAt(period_day(text, "--known-at"), clock.now().date())


COMMAND = Command("status", StatusParameters, run, HELP)
