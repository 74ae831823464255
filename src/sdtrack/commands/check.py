"""`sdtrack check`: every problem in the workspace's files, or silence."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import location
from sdtrack.commands.spec import directory_option
from sdtrack.core.errors import EXIT_DATA_ERROR
from sdtrack.core.language import N_, _
from sdtrack.present.render import terminal
from sdtrack.store.validation import check_workspace


@dataclass(frozen=True, kw_only=True)
class CheckParameters:
    directory: Path | None = directory_option()


HELP = N_("""Validate the workspace: silent when all is well, else every problem and exit 1.

Each problem names the file, the line where it can be found, the field and what is
wrong.

[bold]Examples[/bold]

  sdtrack check && echo valid

  sdtrack check --dir my-workspace
""")


def run(p: CheckParameters) -> int | None:
    with terminal.progress_on_stderr(_("Checking the ledger")) as progress:
        problems = check_workspace(location(p.directory), progress)
    if not problems:
        return None
    terminal.print_problems(terminal.make_console(stderr=True), problems)
    return EXIT_DATA_ERROR


COMMAND = Command("check", CheckParameters, run, HELP)
