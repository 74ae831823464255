"""What every exporter shares: the report it renders, the files it returns, cell safety.

An exporter is a function from a computed `ExportContext` to a list of `ExportFile`s; it
never recomputes an assessment, so every format says the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sdtrack import __version__
from sdtrack.core.assessment import Assessment, TrendAssessment
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.present.briefing import gap_paragraph
from sdtrack.present.documents import (
    assessment_dict,
    outlook_summary,
    reading_dict,
    summary_dict,
    trend_dict,
)
from sdtrack.present.exporters.cells import neutralise as neutralise
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
    """Everything a report says, computed once."""

    title: str
    workspace: str
    report: StatusReport
    indicators: tuple[Indicator, ...]
    readings: Mapping[str, tuple[Reading, ...]]
    generated_at: dt.datetime
    paragraphs: Mapping[str, str] = field(default_factory=dict)
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
        return cls(
            title=workspace.targets.title,
            workspace=report.workspace,
            report=report,
            indicators=tuple(workspace.indicators),
            readings={
                i.id: tuple(r for r in workspace.readings_for(i.id) if r.date.end <= report.as_of)
                for i in workspace.indicators
            },
            generated_at=generated_at,
            paragraphs={a.target.id: gap_paragraph(a) for a in report.assessments},
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
            assessment_dict(a, current=self.report.is_current(a)) for a in self.report.assessments
        ]

    def trend_records(self) -> list[dict[str, Any]]:
        return [trend_dict(t) for t in self.report.trends]

    def reading_records(self) -> list[dict[str, Any]]:
        records = []
        for indicator in self.indicators:
            for reading in self.readings.get(indicator.id, ()):
                records.append(reading_dict(reading, indicator))
        return records

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
