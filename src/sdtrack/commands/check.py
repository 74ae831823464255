"""`sdtrack check`: every problem in the workspace's files, or silence; and every conflict
between current readings, as a warning."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import location
from sdtrack.commands.spec import directory_option, json_option, option
from sdtrack.core.errors import EXIT_DATA_ERROR
from sdtrack.core.language import N_, _
from sdtrack.present.documents import check_document
from sdtrack.present.render import ledger as ledger_render
from sdtrack.present.render import terminal
from sdtrack.store.conflict_check import check_conflicts
from sdtrack.store.validation import check_workspace


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
    with terminal.progress_on_stderr(_("Checking the ledger")) as progress:
        problems = check_workspace(where, progress)
    conflicts = [] if problems else check_conflicts(where)
    if p.json:
        terminal.print_json(terminal.make_console(), check_document(problems, conflicts))
    else:
        stderr = terminal.make_console(stderr=True)
        terminal.print_problems(stderr, problems)
        ledger_render.print_conflicts(stderr, conflicts)
    if problems or (p.strict and conflicts):
        return EXIT_DATA_ERROR
    return None


COMMAND = Command("check", CheckParameters, run, HELP)
