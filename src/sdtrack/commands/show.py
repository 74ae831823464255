"""`sdtrack show ID`: one indicator or target with its sources, readings and standing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sdtrack.commands.base import Command
from sdtrack.commands.common import as_of_day, emit
from sdtrack.commands.loading import load
from sdtrack.commands.spec import (
    argument,
    as_of_option,
    directory_option,
    json_option,
    method_option,
    option,
)
from sdtrack.core.choices import Method
from sdtrack.core.language import N_
from sdtrack.present.chart_grid import chart_grid
from sdtrack.present.documents import show_document
from sdtrack.present.render import indicator as indicator_render
from sdtrack.present.render import ledger as ledger_render
from sdtrack.present.report import build_status, revision_order

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True, kw_only=True)
class ShowParameters:
    item_id: str = argument(metavar="ID", help=N_("An indicator or target id."), complete="items")
    directory: Path | None = directory_option()
    as_of: str | None = as_of_option()
    method: Method | None = method_option()
    chart: bool = option(
        "--chart", help=N_("Draw readings, targets and projection in the terminal."), default=False
    )
    json: bool = json_option()


HELP = N_("""Show one indicator or target: definition, source quote, readings and standing.

[bold]Examples[/bold]

  sdtrack show 5g-base-stations

  sdtrack show it-industry-revenue-2025 --as-of 2025-06-30

  sdtrack show 5g-base-stations --chart
""")


def run(p: ShowParameters) -> None:
    workspace = load(p.directory)
    indicator, _ = workspace.find(p.item_id)
    day = as_of_day(p.as_of)
    readings = workspace.readings_for(indicator.id)
    replaced = workspace.replaced_entries(indicator.id)
    report = build_status(workspace, day, [p.item_id], p.method)
    revised = revision_order(indicator, report.assessments)
    assessments = [a for a, _ in revised]

    def text(console: Console) -> None:
        changes = {a.target.id: change for a, change in revised}
        trend = report.trends[0] if report.trends else None
        indicator_render.print_indicator(
            console, indicator, readings, assessments, trend, changes, report.current
        )
        ledger_render.print_history(console, replaced, indicator)
        if p.chart:
            visible = [r for r in readings if r.date.end <= day]
            indicator_render.print_chart(console, chart_grid(indicator, visible, assessments))

    emit(p.json, lambda: show_document(indicator, report, revised, readings, replaced), text)


COMMAND = Command("show", ShowParameters, run, HELP)
