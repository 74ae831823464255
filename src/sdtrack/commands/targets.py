"""`sdtrack targets`: every indicator and the targets declared for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import emit
from sdtrack.commands.loading import load
from sdtrack.commands.spec import directory_option, json_option
from sdtrack.core.language import N_
from sdtrack.present.documents import targets_document
from sdtrack.present.render import indicator as indicator_render


@dataclass(frozen=True, kw_only=True)
class TargetsParameters:
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""List indicators and the targets declared for them.

[bold]Examples[/bold]

  sdtrack targets

  sdtrack targets --json | jq '.indicators[].id'
""")


def run(p: TargetsParameters) -> None:
    indicators = load(p.directory).indicators
    emit(
        p.json,
        lambda: targets_document(indicators),
        lambda console: indicator_render.print_targets(console, indicators),
    )


COMMAND = Command("targets", TargetsParameters, run, HELP)
