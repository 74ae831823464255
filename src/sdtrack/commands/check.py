"""`sdtrack check`: every problem in the workspace's files, or silence; and every conflict
between current readings, as a warning."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sdtrack.commands.base import Command
from sdtrack.commands.common import as_of_day, cache_directory, location
from sdtrack.commands.spec import directory_option, json_option, option
from sdtrack.core.errors import EXIT_DATA_ERROR
from sdtrack.core.language import N_, _
from sdtrack.fast import read_cache
from sdtrack.present.render import terminal
from sdtrack.store.locations import WorkspaceLocation

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True, kw_only=True)
class CheckParameters:
    strict: bool = option(
        "--strict", help=N_("Exit 1 on warnings too (conflicting readings)."), default=False
    )
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""Validate the workspace: silent when all is well, else every problem and exit 1.

Each problem names the file, the line where it can be found, the field and what is
wrong. Current readings of the same moment that cannot both be true (224,000 and 300,000
base stations for June 2024) are listed as warnings with both lines; they do not change
the exit code unless --strict is given.

[bold]Examples[/bold]

  sdtrack check && echo valid

  sdtrack check --strict --dir my-workspace
""")


def run(p: CheckParameters) -> int | None:
    where = location(p.directory)
    stdout, stderr = terminal.make_console(), terminal.make_console(stderr=True)
    consoles = {"stdout": terminal.console_signature(stdout), "json": p.json}
    consoles["stderr"] = terminal.console_signature(stderr)
    key = read_cache.read_key("check", p, where, as_of_day(None), consoles)
    cache = cache_directory()
    printed = read_cache.replay(cache, key)
    if printed is None:
        stamps = read_cache.workspace_stamps(where) if cache is not None else []
        printed = checked(p, where, stdout, stderr)
        if printed.code is None:  # a workspace with problems is checked anew every time
            read_cache.keep(cache, key, stamps, printed)
    terminal.write_rendered(stdout, printed.stdout)
    terminal.write_rendered(stderr, printed.stderr)
    return printed.code


def checked(
    p: CheckParameters, where: WorkspaceLocation, stdout: Console, stderr: Console
) -> read_cache.Printed:
    """What `check` prints and returns for the workspace at `where`."""
    from sdtrack.present.documents import check_document
    from sdtrack.present.render import ledger as ledger_render
    from sdtrack.store.conflict_check import check_conflicts
    from sdtrack.store.validation import check_workspace

    with terminal.progress_on_stderr(_("Checking the ledger")) as progress:
        problems = check_workspace(where, progress)
    conflicts = [] if problems else check_conflicts(where)
    document = terminal.json_text(check_document(problems, conflicts)) if p.json else ""

    def warnings(console: Console) -> None:
        terminal.print_problems(console, problems)
        ledger_render.print_conflicts(console, conflicts)

    text = "" if p.json else terminal.rendered(stderr, warnings)
    code = EXIT_DATA_ERROR if problems or (p.strict and conflicts) else None
    return read_cache.Printed(document, text, code)


COMMAND = Command("check", CheckParameters, run, HELP)
