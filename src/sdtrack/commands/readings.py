"""`sdtrack readings [ID]`: ledger entries with their ids and state, or one's history."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import emit
from sdtrack.commands.loading import load
from sdtrack.commands.spec import argument, directory_option, json_option, option
from sdtrack.core.language import N_
from sdtrack.present.documents import readings_document
from sdtrack.present.render import ledger as ledger_render


@dataclass(frozen=True, kw_only=True)
class ReadingsParameters:
    item_id: str | None = argument(
        metavar="[ID]",
        help=N_("A reading id (its history), or an indicator or target id (its readings)."),
        default=None,
        show_default=False,
    )
    current: bool = option(
        "--current", help=N_("Only current readings: hide superseded ones."), default=False
    )
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""List recorded readings with their ids, and which are corrected or retracted.

With a reading id, show that reading's history: the reading it corrects, and the
readings that superseded it.

[bold]Examples[/bold]

  sdtrack readings

  sdtrack readings 5g-base-stations --current

  sdtrack readings r-fc377d884a --json
""")


def run(p: ReadingsParameters) -> None:
    workspace = load(p.directory)
    entries = workspace.select_entries(p.item_id)
    if p.current:
        entries = [e for e in entries if e.is_current]
    indicators = {i.id: i for i in workspace.indicators}
    emit(
        p.json,
        lambda: readings_document(entries, indicators),
        lambda console: ledger_render.print_entries(console, entries, indicators),
    )


COMMAND = Command("readings", ReadingsParameters, run, HELP)
