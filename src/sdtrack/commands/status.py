"""`sdtrack status`: one row per target; the start-up path runs it without Typer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import as_of_day, cache_directory, location
from sdtrack.commands.spec import (
    as_of_option,
    directory_option,
    ids_argument,
    json_option,
    method_option,
    option,
)
from sdtrack.core.choices import Method
from sdtrack.core.language import N_, _
from sdtrack.fast.status_cache import cached_status
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
    json: bool = json_option()


HELP = N_("""Show where every target stands: progress, gap, time left and status.

Results are cached (in $SDTRACK_CACHE_DIR, else ~/.cache/sdtrack) and reused while
the workspace's files are unchanged; the cache can be deleted at any time.

[bold]Examples[/bold]

  sdtrack status

  sdtrack status --as-of 2025-12-31

  sdtrack status --all --dir big-workspace

  sdtrack status 5g-base-stations --json | jq '.targets[0].status'
""")


def run(parameters: StatusParameters) -> None:
    where = location(parameters.directory)
    day = as_of_day(parameters.as_of)
    with terminal.progress_on_stderr(_("Reading the ledger")) as progress:
        result = cached_status(
            where, day, parameters.ids or [], parameters.method, cache_directory(), progress
        )
    console = terminal.make_console()
    if parameters.json:
        terminal.print_json(console, result.document)
    else:
        status_render.print_status(console, result.view, show_all=parameters.show_all)


COMMAND = Command("status", StatusParameters, run, HELP)
