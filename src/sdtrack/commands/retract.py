"""`sdtrack retract READING-ID --reason R`: append a retraction of a reading."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import emit
from sdtrack.commands.correct import reading_id_argument, require_reading
from sdtrack.commands.loading import load
from sdtrack.commands.spec import directory_option, json_option, option
from sdtrack.core import clock
from sdtrack.core.language import N_, _
from sdtrack.present.documents import retraction_document
from sdtrack.present.render import ledger as ledger_render
from sdtrack.present.render import terminal
from sdtrack.store.append import retract_reading


@dataclass(frozen=True, kw_only=True)
class RetractParameters:
    reading_id: str = reading_id_argument()
    reason: str = option("--reason", help=N_("Why the reading is withdrawn (kept in the ledger)."))
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""Retract a reading: append a retraction; the reading stays in the ledger's history.

A retracted reading no longer counts in status or show.

[bold]Examples[/bold]

  sdtrack retract r-fc377d884a --reason "Recorded for the wrong indicator"
""")


def run(p: RetractParameters) -> None:
    workspace = load(p.directory)
    require_reading(workspace, p.reading_id)
    workspace.location.require_writable()
    with terminal.progress_on_stderr(_("Reading the ledger under its lock")) as progress:
        old, retraction = retract_reading(
            workspace.location, workspace.targets, p.reading_id, p.reason, clock.now(), progress
        )
    indicator = workspace.indicator(old.indicator)
    emit(
        p.json,
        lambda: retraction_document(old, retraction, indicator),
        lambda console: ledger_render.print_retracted(console, old, retraction),
    )


COMMAND = Command("retract", RetractParameters, run, HELP)
