"""The status of a workspace in parts, one per indicator, so that an append needs to
reassess only the indicators it touched.

`parts_of(report)` cuts a computed report into each indicator's part: its targets' JSON
objects, table rows and standings, and its trend's. `assemble(frame, order, parts)` puts
the `--json` document and the table's view back together in the indicators' order, the
totals counted from the standings by `StatusReport`'s own methods (through its `counted`
field), so that nothing is worded or counted twice. `compute_status` goes through them for
a whole workspace, and `fast.status_refresh` after an append with the parts of the touched
indicators computed anew: both give the document a full computation gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sdtrack.core.choices import Method
from sdtrack.present.documents import report_target, status_json, trend_dict
from sdtrack.present.report import Standing, StatusReport, build_status
from sdtrack.present.status_rows import status_row, status_view, trend_row
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.workspace import Workspace, load_workspace

Data = dict[str, Any]


@dataclass
class IndicatorPart:
    """One indicator's share of the status: its targets and its trend, each as the
    document and the table show it."""

    targets: list[Data] = field(default_factory=list)
    rows: list[Data] = field(default_factory=list)
    standings: list[list[str | None]] = field(default_factory=list)
    trends: list[Data] = field(default_factory=list)
    trend_rows: list[Data] = field(default_factory=list)

    def to_data(self) -> Data:
        return asdict(self)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> IndicatorPart:
        return cls(
            targets=list(data["targets"]),
            rows=list(data["rows"]),
            standings=[list(s) for s in data["standings"]],
            trends=list(data["trends"]),
            trend_rows=list(data["trend_rows"]),
        )


@dataclass(frozen=True)
class StatusParts:
    """The status of a whole workspace, computed: the document, the view's data, and the
    parts they were put together from, by indicator id, in the indicators' order."""

    document: Data
    view: Data
    parts: dict[str, IndicatorPart]


def parts_of(report: StatusReport) -> dict[str, IndicatorPart]:
    """Each indicator's part of the report, for the indicators it holds."""
    parts: dict[str, IndicatorPart] = {}
    for a in report.assessments:
        part = parts.setdefault(a.indicator.id, IndicatorPart())
        part.targets.append(report_target(a, report))
        part.rows.append(status_row(a, report).to_data())
        part.standings.append(Standing.of(a).to_data())
    for t in report.trends:
        part = parts.setdefault(t.indicator.id, IndicatorPart())
        part.trends.append(trend_dict(t))
        part.trend_rows.append(asdict(trend_row(t)))
    return parts


def assemble(
    frame: StatusReport, order: Sequence[str], parts: Mapping[str, IndicatorPart]
) -> tuple[Data, Data]:
    """The `--json` document and the view's data of the parts, in the order of `order`.

    `frame` is any report of the same workspace, day and scope: its assessments and
    trends are not used, only what it says of the whole (the workspace, the plans, which
    targets are current and what revised them)."""
    chosen = [parts[i] for i in order if i in parts]
    counted = tuple(Standing.from_data(s) for p in chosen for s in p.standings)
    frame = replace(frame, assessments=(), trends=(), counted=counted)
    document = status_json(frame)
    document["targets"] = [t for p in chosen for t in p.targets]
    document["indicators_without_target"] = [t for p in chosen for t in p.trends]
    view = status_view(frame).to_data()
    view["rows"] = [r for p in chosen for r in p.rows]
    view["trends"] = [r for p in chosen for r in p.trend_rows]
    return document, view


def indicator_order(workspace: Workspace) -> list[str]:
    return [i.id for i in workspace.indicators]


def status_in_parts(
    location: WorkspaceLocation,
    as_of: dt.date,
    method: Method | None,
    progress: Callable[[int, int], None] | None = None,
) -> StatusParts:
    """The status of every target of the workspace, with the parts it is made of."""
    workspace = load_workspace(location, progress, single_pass=True)
    report = build_status(workspace, as_of, (), method)
    parts = parts_of(report)
    document, view = assemble(report, indicator_order(workspace), parts)
    return StatusParts(document, view, parts)
