"""`sdtrack gap [ID…]`: the gap report, a paragraph per target for a briefing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import Output, as_of_day, emit_cached, location
from sdtrack.commands.spec import (
    as_of_option,
    directory_option,
    ids_argument,
    json_option,
    method_option,
)
from sdtrack.core.choices import Method
from sdtrack.core.language import N_


@dataclass(frozen=True, kw_only=True)
class GapParameters:
    ids: list[str] | None = ids_argument()
    directory: Path | None = directory_option()
    as_of: str | None = as_of_option()
    method: Method | None = method_option()
    json: bool = json_option()


HELP = N_("""The gap report: for each target, a paragraph to paste into a briefing.

Where it stands (value, date, source), what remains, the pace required against the
pace observed, the projected value at the deadline and when the target would be
reached, the verdict with its method, and any warning.

[bold]Examples[/bold]

  sdtrack gap 5g-base-stations-2025 it-industry-revenue-2025

  sdtrack gap --as-of 2025-06-30 --method projection

  sdtrack gap --json | jq -r '.targets[].gap_paragraph'
""")


def run(p: GapParameters) -> None:
    where, day = location(p.directory), as_of_day(p.as_of)

    def compute() -> Output:  # on a miss of the read cache only
        from sdtrack.commands.loading import load_from
        from sdtrack.present.documents import status_json
        from sdtrack.present.render import indicator as indicator_render
        from sdtrack.present.report import build_status

        report = build_status(load_from(where), day, p.ids or (), p.method)
        return Output(
            lambda: status_json(report, command="gap"),
            lambda console: indicator_render.print_gap_report(console, report),
        )

    emit_cached("gap", p, where, day, p.json, compute)


COMMAND = Command("gap", GapParameters, run, HELP)
