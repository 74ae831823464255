"""`sdtrack init DIR`: a new workspace, with the Shandong dataset or empty."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.spec import argument, option
from sdtrack.core.language import N_, _
from sdtrack.present.render import terminal
from sdtrack.store.workspace import init_workspace


@dataclass(frozen=True, kw_only=True)
class InitParameters:
    directory: Path = argument(
        help=N_("Where to create the workspace (created if missing)."), default=Path(".")
    )
    empty: bool = option(
        "--empty", help=N_("A blank workspace with a commented example."), default=False
    )
    no_readings: bool = option(
        "--no-readings",
        help=N_("The Shandong targets with an empty ledger, to record or import into."),
        default=False,
    )


HELP = N_("""Create a workspace: the Shandong dataset (or --empty), ready to record into.

Never overwrites existing files.

[bold]Examples[/bold]

  sdtrack init my-workspace && cd my-workspace && sdtrack status

  sdtrack init --empty ~/targets/beijing

  sdtrack init --no-readings fresh && sdtrack import bulletin.csv --dir fresh
""")


def run(p: InitParameters) -> None:
    created = init_workspace(p.directory, empty=p.empty, readings=not p.no_readings)
    console = terminal.make_console()
    terminal.print_created(console, created)
    console.print(_("Next: cd {directory} && sdtrack status").format(directory=p.directory))


COMMAND = Command("init", InitParameters, run, HELP)
