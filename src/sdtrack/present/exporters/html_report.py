"""A self-contained HTML report: summary cards, status table, a chart per indicator, gap
paragraphs and sources. Rendered by a Jinja template with autoescaping; charts are inline
SVG, styles inline, so the page needs no network. Jinja is imported only here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader

from sdtrack.core.assessment import Assessment, Status, TrendAssessment
from sdtrack.core.model import Indicator
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.charts import indicator_chart
from sdtrack.present.exporters.sources import CitedSource, SourceList
from sdtrack.present.phrases import (
    gap_phrase,
    percent,
    point_phrase,
    target_phrase,
    time_left_phrase,
)

STATUS_CLASSES: dict[str, str] = {
    Status.ACHIEVED.value: "achieved",
    Status.ON_TRACK.value: "on-track",
    Status.BEHIND.value: "behind",
    Status.OFF_TRACK.value: "off-track",
    Status.MISSED.value: "missed",
    Status.AWAITING_DATA.value: "awaiting",
    Status.NO_DATA.value: "no-data",
    Status.NOT_ASSESSABLE.value: "no-data",
}


@dataclass(frozen=True)
class TargetView:
    assessment: Assessment
    declared: str
    latest: str
    progress: str
    progress_share: float
    gap: str
    time_left: str
    status: str
    status_class: str
    paragraph: str | None
    source_number: int


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    chart: str
    targets: list[TargetView]
    trend: TrendAssessment | None
    trend_latest: str | None


def _target_view(context: ExportContext, a: Assessment, sources: SourceList) -> TargetView:
    return TargetView(
        assessment=a,
        declared=target_phrase(a.target, a.indicator),
        latest=(f"{point_phrase(a.latest, a.indicator)} ({a.latest.period})" if a.latest else "—"),
        progress=percent(a.progress),
        progress_share=max(0.0, min(a.progress or 0.0, 1.0)),
        gap=gap_phrase(a) or "—",
        time_left=time_left_phrase(a.as_of, a.deadline),
        status=a.status.value,
        status_class=STATUS_CLASSES[a.status.value],
        paragraph=context.paragraphs.get(a.target.id),
        source_number=sources.number_for_target(a.target),
    )


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    environment = Environment(
        loader=PackageLoader("sdtrack.present", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    sources = SourceList.of(context)
    targets = [_target_view(context, a, sources) for a in context.report.assessments]
    indicators = []
    reported = context.reported_indicators()
    for done, indicator in enumerate(reported, start=1):
        readings = context.readings.get(indicator.id, ())
        assessments = context.assessments_for(indicator)
        trend = context.trend_for(indicator)
        indicators.append(
            IndicatorView(
                indicator=indicator,
                chart=indicator_chart(indicator, readings, assessments),
                targets=[t for t in targets if t.assessment.indicator.id == indicator.id],
                trend=trend,
                trend_latest=(
                    point_phrase(trend.latest, indicator) if trend and trend.latest else None
                ),
            )
        )
        context.report_progress(done, len(reported))
    counts = context.summary()
    cards = [
        (status, counts.get(status, 0), STATUS_CLASSES[status])
        for status in STATUS_CLASSES
        if counts.get(status, 0) or status in ("achieved", "on track", "behind", "off track")
    ]
    sources_list: list[tuple[int, CitedSource]] = sources.numbered()
    html = environment.get_template("report.html.j2").render(
        context=context,
        cards=cards,
        targets=targets,
        indicators=indicators,
        sources=sources_list,
    )
    return [ExportFile("", html.encode("utf-8"))]
