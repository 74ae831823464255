"""GitHub-flavoured Markdown: summary, status table, gap paragraphs, numbered sources."""

from __future__ import annotations

from collections.abc import Sequence

from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.sources import SourceList
from sdtrack.present.phrases import (
    gap_phrase,
    percent,
    point_phrase,
    target_phrase,
    time_left_phrase,
)

SUMMARY_ORDER = (
    "achieved",
    "on track",
    "behind",
    "off track",
    "missed",
    "deadline passed — awaiting data",
    "no data",
    "not assessable",
)


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def summary_line(context: ExportContext) -> str:
    counts = context.summary()
    total = len(context.report.assessments)
    parts = [f"{counts.get(status, 0)} {status}" for status in SUMMARY_ORDER[:4]]
    parts.append(f"{counts.get('deadline passed — awaiting data', 0)} awaiting data")
    for status in ("missed", "no data", "not assessable"):
        if counts.get(status):
            parts.append(f"{counts[status]} {status}")
    return f"**{total} targets:** " + ", ".join(parts) + "."


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    sources = SourceList.of(context)
    lines = [
        f"# {cell(context.title)}: progress report",
        "",
        f"As of **{context.as_of.isoformat()}** · generated "
        f"{context.generated_at.isoformat()} · method {context.method} · "
        f"sdtrack {context.version} · workspace: {cell(context.workspace)}",
        "",
        summary_line(context),
        "",
        "## Status",
        "",
        "| Target | Indicator | Declared | Latest | Progress | Gap | Time left | Status | Source |",
        "| --- | --- | --- | --- | ---: | --- | --- | --- | --- |",
    ]
    for a in context.report.assessments:
        latest = f"{point_phrase(a.latest, a.indicator)} ({a.latest.period})" if a.latest else "—"
        stale = " (stale data)" if a.stale else ""
        row = [
            f"`{a.target.id}`",
            f"{a.indicator.name} ({a.indicator.name_zh})",
            target_phrase(a.target, a.indicator),
            latest,
            percent(a.progress),
            gap_phrase(a) or "—",
            time_left_phrase(a.as_of, a.deadline),
            f"**{a.status.value}**{stale}",
            f"[{sources.number_for_target(a.target)}]",
        ]
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    if context.report.trends:
        lines += [
            "",
            "## Indicators without a target",
            "",
            "| Indicator | Latest | Period | Trend |",
            "| --- | --- | --- | --- |",
        ]
        for t in context.report.trends:
            latest = point_phrase(t.latest, t.indicator) if t.latest else "—"
            period = str(t.latest.period) if t.latest else "—"
            trend = t.band + (" (stale data)" if t.stale else "")
            name = f"{t.indicator.name} ({t.indicator.name_zh})"
            lines.append("| " + " | ".join(cell(c) for c in (name, latest, period, trend)) + " |")
    if context.paragraphs:
        lines += ["", "## Gap report", ""]
        for a in context.report.assessments:
            paragraph = context.paragraphs.get(a.target.id)
            if paragraph:
                number = sources.number_for_target(a.target)
                lines += [
                    f"### {a.target.id}: {a.indicator.name}",
                    "",
                    f"{paragraph} [{number}]",
                    "",
                ]
    lines += ["", "## Sources", ""]
    for number, source in sources.numbered():
        title = f"[{source.title}]({source.url})" if source.url else source.title
        lines.append(f"{number}. {title}" + (f": {source.byline}" if source.byline else ""))
        if source.quote:
            lines.append(f"   > “{source.quote}”")
    return [ExportFile("", ("\n".join(lines).rstrip() + "\n").encode("utf-8"))]
