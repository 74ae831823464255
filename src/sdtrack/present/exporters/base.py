"""What every exporter shares: the report it renders, the files it returns, cell safety.

An exporter is a function from a computed `ExportContext` to a list of `ExportFile`s; it
never recomputes an assessment, and never adds regions' readings up itself (the
breakdowns are `present.regional`'s), so every format says the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sdtrack import __version__
from sdtrack.core.assessment import Assessment, TrendAssessment
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.regions import Geography, Region
from sdtrack.core.sources import Plan
from sdtrack.present.briefing import gap_paragraph
from sdtrack.present.documents import (
    assessment_dict,
    outlook_summary,
    summary_dict,
    trend_dict,
)
from sdtrack.present.exporters.cells import neutralise as neutralise
from sdtrack.present.json_text import EncodedItems
from sdtrack.present.reading_documents import ReadingDicts
from sdtrack.present.regional import Breakdown, breakdowns
from sdtrack.present.report import StatusReport
from sdtrack.store.workspace import Workspace


class ExportFile(NamedTuple):
    """One file an exporter produces; `name` is relative to the output directory, or ""
    for a single-file format written to -o PATH or stdout."""

    name: str
    content: bytes


@dataclass(frozen=True)
class ExportOptions:
    """What a user may ask of a format besides the report itself."""

    readings: bool = False
    """CSV: the long table of every reading instead of one row per target."""
    excel: bool = False
    """CSV: UTF-8 with a byte-order mark and CRLF lines, for Excel."""


@dataclass(frozen=True)
class ExportContext:
    """Everything a report says, computed once: the report, each indicator's readings of
    the workspace's own region and of every other region, the breakdowns over the own
    region's children, and the plans."""

    title: str
    workspace: str
    report: StatusReport
    indicators: tuple[Indicator, ...]
    readings: Mapping[str, tuple[Reading, ...]]
    """Each indicator's readings of the workspace's own region (a derived one's computed)."""
    generated_at: dt.datetime
    paragraphs: Mapping[str, str] = field(default_factory=dict)
    geography: Geography = field(default_factory=Geography.of)
    regional: Mapping[str, Mapping[str, tuple[Reading, ...]]] = field(default_factory=dict)
    """Each indicator's readings of every other region, by region in the table's order."""
    breakdowns: tuple[Breakdown, ...] = ()
    """Each indicator's breakdown over the workspace region's children (`present.regional`)."""
    plans: tuple[Plan, ...] = ()
    version: str = __version__
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    """Told (done, total) by exporters whose work grows with the workspace (charts, files)."""

    @classmethod
    def of(
        cls,
        workspace: Workspace,
        report: StatusReport,
        generated_at: dt.datetime,
        progress: Callable[[int, int], None] | None = None,
    ) -> ExportContext:
        """The context for `report`, with the workspace's readings up to the as-of date."""
        geography = workspace.geography
        order = {region: n for n, region in enumerate(geography.table)}
        readings, regional = {}, {}
        for indicator in workspace.indicators:
            own, by_region = workspace.readings_by_region(indicator.id, report.as_of)
            readings[indicator.id] = tuple(own)
            regional[indicator.id] = {
                region: tuple(by_region[region])
                for region in sorted(by_region, key=lambda r: order.get(r, len(order)))
            }
        return cls(
            title=workspace.targets.title,
            workspace=report.workspace,
            report=report,
            indicators=tuple(workspace.indicators),
            readings=readings,
            generated_at=generated_at,
            paragraphs={a.target.id: gap_paragraph(a) for a in report.assessments},
            geography=geography,
            regional=regional,
            breakdowns=tuple(breakdowns(workspace, report.as_of)),
            plans=tuple(workspace.targets.plans),
            progress=progress,
        )

    def report_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    @property
    def as_of(self) -> dt.date:
        return self.report.as_of

    @property
    def method(self) -> str:
        methods = sorted({a.method for a in self.report.assessments})
        return ", ".join(methods) if methods else "cagr-ratio"

    def target_records(self) -> list[dict[str, Any]]:
        return [
            assessment_dict(
                a, current=self.report.is_current(a), paragraph=self.paragraphs.get(a.target.id)
            )
            for a in self.report.assessments
        ]

    def trend_records(self) -> list[dict[str, Any]]:
        return [trend_dict(t) for t in self.report.trends]

    def reading_records(self) -> list[dict[str, Any]]:
        """Every reading up to the as-of date, each indicator's own region's first, then
        each other region's; `region` names the region every reading is for."""
        records: list[dict[str, Any]] = []
        made = ReadingDicts()
        for indicator in self.indicators:
            records += made.records(self.all_readings_for(indicator), indicator, self.region_of)
        return records

    def reading_texts(self) -> EncodedItems:
        """The JSON text of each of `reading_records`, in their order, made as they are
        written."""
        made = ReadingDicts()

        def texts(newline: str) -> Iterator[str]:
            for indicator in self.indicators:
                readings = self.all_readings_for(indicator)
                yield from made.texts(readings, indicator, self.region_of, newline)

        return EncodedItems(texts("\n"), indented=texts)

    def all_readings_for(self, indicator: Indicator) -> list[Reading]:
        """The indicator's readings of the own region, then of every other region."""
        readings = list(self.readings.get(indicator.id, ()))
        for regional in self.regional.get(indicator.id, {}).values():
            readings += regional
        return readings

    def region_of(self, reading: Reading) -> str | None:
        """The id of the region a reading is for: its own, else the workspace's."""
        return self.geography.key(reading.region) or self.geography.own

    def region(self, region_id: str) -> Region | None:
        return self.geography.table.get(region_id)

    def region_name(self, region_id: str | None) -> str:
        """A region's name in the language in use (the workspace's own for None)."""
        return self.geography.name(region_id)

    def breakdown_for(self, indicator: Indicator) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.indicator.id == indicator.id), None)

    def reported_breakdowns(self) -> list[Breakdown]:
        """The breakdowns of the indicators in the report, in file order."""
        wanted = {i.id for i in self.reported_indicators()}
        return [b for b in self.breakdowns if b.indicator.id in wanted]

    def of_own_region(self, target: Target) -> bool:
        """Whether a target is the workspace's own region's (drawn on its readings)."""
        return self.geography.key(target.region) is None

    def plan_for(self, target: Target) -> Plan | None:
        return next((p for p in self.plans if p.id == target.plan), None)

    def reported_plans(self) -> list[tuple[Plan, list[Assessment]]]:
        """Each plan with the report's targets that belong to it, in the file's order;
        plans none of whose targets is in the report left out."""
        found = []
        for plan in self.plans:
            assessments = [a for a in self.report.assessments if a.target.plan == plan.id]
            if assessments:
                found.append((plan, assessments))
        return found

    def assessments_for(self, indicator: Indicator) -> list[Assessment]:
        return [a for a in self.report.assessments if a.indicator.id == indicator.id]

    def trend_for(self, indicator: Indicator) -> TrendAssessment | None:
        return next((t for t in self.report.trends if t.indicator.id == indicator.id), None)

    def reported_indicators(self) -> list[Indicator]:
        """Indicators with at least one target or trend in the report, in file order."""
        wanted = {a.indicator.id for a in self.report.assessments}
        wanted |= {t.indicator.id for t in self.report.trends}
        return [i for i in self.indicators if i.id in wanted]

    def sources(self) -> list[Target]:
        """Targets in report order: each carries its own source."""
        return [a.target for a in self.report.assessments]

    def summary(self) -> dict[str, int]:
        """How many targets have each status, keyed by status code."""
        return summary_dict(self.report)

    def outlook_summary(self) -> dict[str, dict[str, int]]:
        """The awaiting and overdue targets counted by outlook (likely_met, likely_missed,
        unknown), keyed by status code."""
        return outlook_summary(self.report)


Exporter = Callable[[ExportContext, ExportOptions], Sequence[ExportFile]]
