"""`sdtrack show ID`: one indicator or target with its sources, readings and standing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdtrack.commands.base import Command
from sdtrack.commands.common import Output, as_of_day, emit_cached, location
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
from sdtrack.store.locations import WorkspaceLocation

if TYPE_CHECKING:
    from rich.console import Console

    from sdtrack.core.model import Indicator
    from sdtrack.store.workspace import Workspace


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

A target's plan and the targets it revises or that superseded it are named; a derived
indicator shows its formula and, for each value, the two readings it was computed from;
an indicator with readings of the workspace region's regions shows each region's latest,
their total beside the region's own figure, and who meets each count-of-regions target.

[bold]Examples[/bold]

  sdtrack show 5g-base-stations

  sdtrack show gigabit-cities-2024

  sdtrack show it-industry-revenue-2025 --as-of 2025-06-30

  sdtrack show 5g-base-stations --chart
""")


def run(p: ShowParameters) -> None:
    where, day = location(p.directory), as_of_day(p.as_of)
    emit_cached("show", p, where, day, p.json, lambda: shown(p, where, day))


def shown(p: ShowParameters, where: WorkspaceLocation, day: dt.date) -> Output:
    """The indicator or target `p` names, as `show` prints it (on a read-cache miss)."""
    from sdtrack.commands.loading import load_from
    from sdtrack.present.chart_grid import chart_grid
    from sdtrack.present.documents import show_document
    from sdtrack.present.region_documents import breakdown_dict
    from sdtrack.present.regional import breakdown
    from sdtrack.present.render import indicator as indicator_render
    from sdtrack.present.render import ledger as ledger_render
    from sdtrack.present.report import build_status, revision_order
    from sdtrack.present.status_rows import breakdown_view

    workspace = load_from(where)
    indicator, target = workspace.find(p.item_id)
    region = target.region if target is not None else None  # a city's target: its readings
    readings = workspace.readings_for(indicator.id, region)
    replaced = workspace.replaced_entries(indicator.id)
    report = build_status(workspace, day, [p.item_id], p.method)
    revised = revision_order(indicator, report.assessments)
    assessments = [a for a, _ in revised]
    regional = breakdown(workspace, indicator, day)

    def text(console: Console) -> None:
        changes = {a.target.id: change for a, change in revised}
        trend = report.trends[0] if report.trends else None
        indicator_render.print_indicator(
            console, indicator, readings, assessments, trend, changes, report.current,
            report=report, inputs=formula_inputs(workspace, indicator),
            region=workspace.geography.name(region) if region else "",
            breakdown=breakdown_view(regional, assessments, report) if regional else None,
        )  # fmt: skip
        ledger_render.print_history(console, replaced, indicator)
        if p.chart:
            visible = [r for r in readings if r.date.end <= day]
            indicator_render.print_chart(console, chart_grid(indicator, visible, assessments))

    def document() -> dict[str, Any]:
        found = breakdown_dict(regional, assessments, report) if regional else None
        return show_document(indicator, report, revised, readings, replaced, found)

    return Output(document, text)


def formula_inputs(workspace: Workspace, indicator: Indicator) -> dict[str, Indicator]:
    """A derived indicator's two inputs, by id (none for a recorded indicator)."""
    if indicator.formula is None:
        return {}
    return {i: workspace.indicator(i) for i in indicator.formula.inputs}


COMMAND = Command("show", ShowParameters, run, HELP)
