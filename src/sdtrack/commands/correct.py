"""`sdtrack correct READING-ID VALUE`: append a reading that supersedes another."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sdtrack.commands.base import Command
from sdtrack.commands.common import emit
from sdtrack.commands.loading import load
from sdtrack.commands.spec import (
    argument,
    directory_option,
    json_option,
    option,
    region_option,
)
from sdtrack.core import clock
from sdtrack.core.arguments import region_argument
from sdtrack.core.errors import Problem, UsageError
from sdtrack.core.language import N_, _
from sdtrack.core.ledger import KEEP, NO_SUCH_READING
from sdtrack.core.suggestions import with_suggestion
from sdtrack.present.documents import correction_document
from sdtrack.present.render import ledger as ledger_render
from sdtrack.present.render import terminal
from sdtrack.store.append import correct_reading
from sdtrack.store.workspace import Workspace


def require_reading(workspace: Workspace, reading_id: str) -> None:
    """Refuse an unknown reading id before the ledger is locked, saying which ids are close
    (the append refuses it again under the lock, should the ledger have changed since)."""
    if workspace.ledger.entry(reading_id) is None:
        hint = _("`sdtrack readings` lists every reading with its id")
        known = (e.id for e in workspace.ledger.entries)
        raise UsageError(
            [Problem(_(NO_SUCH_READING).format(target=reading_id), field="READING-ID")],
            hint=with_suggestion(hint, reading_id, known),
        )


def reading_id_argument() -> Any:
    return argument(
        metavar="READING-ID",
        help=N_("The reading's id (see `sdtrack readings`)."),
        complete="readings",
    )


@dataclass(frozen=True, kw_only=True)
class CorrectParameters:
    reading_id: str = reading_id_argument()
    value: str = argument(metavar="VALUE", help=N_("The correct value, as printed: 22.4万, 47%."))
    source: str | None = option(
        "--source",
        help=N_("Where the correct value was published (default: the old reading's source)."),
        default=None,
        show_default=False,
    )
    note: str | None = option(
        "--note", help=N_("Why the reading was corrected."), default=None, show_default=False
    )
    region: str | None = region_option(
        N_(
            "The region the correct value is for: an id or a name (qingdao, 青岛); default: "
            "the old reading's region."
        )
    )
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""Correct a reading: append a reading that supersedes it; nothing is rewritten.

The correction keeps the old reading's indicator, date and region (unless --region
names another); the old reading stays in the ledger, marked as superseded, and
`sdtrack readings ID` shows the history.

[bold]Examples[/bold]

  sdtrack correct r-fc377d884a 23.6万 --note "Bulletin revised on 2025-03-01"

  sdtrack correct r-fc377d884a 236000 --source "Statistical yearbook 2025"

  sdtrack correct r-3e1f0c9a27 5.1万 --region 青岛 --note "The figure was Qingdao's"
""")


def run(p: CorrectParameters) -> None:
    workspace = load(p.directory)
    require_reading(workspace, p.reading_id)
    region = (
        KEEP if p.region is None else region_argument(workspace.geography, p.region, "--region")
    )
    workspace.location.require_writable()
    with terminal.progress_on_stderr(_("Reading the ledger under its lock")) as progress:
        old, correction = correct_reading(
            workspace.location,
            workspace.targets,
            p.reading_id,
            p.value,
            source=p.source,
            note=p.note,
            recorded=clock.now(),
            region=region,
            progress=progress,
        )
    indicator, geography = workspace.indicator(correction.indicator), workspace.geography
    emit(
        p.json,
        lambda: correction_document(old, correction, indicator),
        lambda console: ledger_render.print_corrected(
            console, old, correction, indicator, geography
        ),
    )


COMMAND = Command("correct", CorrectParameters, run, HELP)
