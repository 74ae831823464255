"""GitHub-flavoured Markdown: summary, status table, gap paragraphs, numbered sources.

Every heading, label and status word is in the language in use; numbers and dates come
from `present.numbers`, target and value phrases from `present.phrases`."""

from __future__ import annotations

from collections.abc import Sequence

from sdtrack.core.assessment import Assessment, Status
from sdtrack.core.language import _
from sdtrack.present import numbers
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.sources import SourceList
from sdtrack.present.exporters.words import both_names, separator, with_period
from sdtrack.present.phrases import (
    band_words,
    display_name,
    outlook_words,
    point_phrase,
    status_words,
    target_phrase,
)
from sdtrack.present.report import waiting_lines
from sdtrack.present.status_rows import (
    gap_words,
    latest_sources,
    outlook_code,
    progress_note,
    progress_words,
    status_marks,
    time_words,
)

# Statuses in the order of `Status`: settled, on the way, waiting, unjudged.
SUMMARY_ORDER = tuple(status.value for status in Status)


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def summary_line(context: ExportContext) -> str:
    counts = context.summary()
    total = len(context.report.assessments)
    count_of = _("{count} {status}")
    parts = [
        count_of.format(count=counts.get(status, 0), status=status_words(status))
        for status in SUMMARY_ORDER[:4]
    ]
    awaiting = counts.get("awaiting_data", 0)
    parts.append(_("{count} awaiting data").format(count=awaiting))
    for status in ("missed", "overdue", "not_yet_due", "no_data", "not_assessable"):
        if counts.get(status):
            parts.append(count_of.format(count=counts[status], status=status_words(status)))
    heading = _("**{total} targets:**").format(total=total)
    return _("{heading} {counts}.").format(heading=heading, counts=separator().join(parts))


def waiting_summary(context: ExportContext) -> list[str]:
    """A list item per waiting status, its targets counted by outlook:
    "- 9 awaiting data: 5 likely met, 1 likely missed, 3 unknown"."""
    return [f"- {line}" for _status, line in waiting_lines(context.report)]


def latest_cell(a: Assessment) -> str:
    """The latest value with its period, and how many sources give it when several."""
    if a.latest is None:
        return "—"
    text = with_period(point_phrase(a.latest, a.indicator), a.latest.period)
    sources = latest_sources(a)
    return _("{value}, {sources}").format(value=text, sources=sources) if sources else text


def progress_cell(a: Assessment) -> str:
    note = progress_note(a)
    if note:
        return _("— ({note})").format(note=note)
    return progress_words(a)


def status_cell(a: Assessment) -> str:
    """ "**overdue** · likely met", then the marks (indicative, disputed, stale data)."""
    text = f"**{status_words(a.status.value)}**"
    code = outlook_code(a)
    if code:
        text = _("{status} · {outlook}").format(status=text, outlook=outlook_words(code))
    for mark in status_marks(a):
        text = _("{value} ({mark})").format(value=text, mark=mark)
    return stale_mark(text, a.stale)


def stale_mark(text: str, stale: bool) -> str:
    return _("{text} (stale data)").format(text=text) if stale else text


def row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(cell(c) for c in cells) + " |"


def _meta_line(context: ExportContext) -> str:
    return _(
        "As of **{as_of}** · generated {generated} · method {method} · "
        "sdtrack {version} · workspace: {workspace}"
    ).format(
        as_of=numbers.day(context.as_of),
        generated=context.generated_at.isoformat(),
        method=context.method,
        version=context.version,
        workspace=cell(context.workspace),
    )


def _status_table(context: ExportContext, sources: SourceList) -> list[str]:
    lines = [
        row(
            (
                _("Target"),
                _("Indicator"),
                _("Declared"),
                _("Latest"),
                _("Progress"),
                _("Gap"),
                _("Time left"),
                _("Status"),
                _("Source"),
            )
        ),
        "| --- | --- | --- | --- | ---: | --- | --- | --- | --- |",
    ]
    for a in context.report.assessments:
        cells = [
            f"`{a.target.id}`",
            both_names(a.indicator),
            target_phrase(a.target, a.indicator),
            latest_cell(a),
            progress_cell(a),
            gap_words(a) or "—",
            time_words(a),
            status_cell(a),
            f"[{sources.number_for_target(a.target)}]",
        ]
        lines.append(row(cells))
    return lines


def _trend_table(context: ExportContext) -> list[str]:
    lines = [
        "",
        "## " + _("Indicators without a target"),
        "",
        row((_("Indicator"), _("Latest"), _("Period"), _("Trend"))),
        "| --- | --- | --- | --- |",
    ]
    for t in context.report.trends:
        latest = point_phrase(t.latest, t.indicator) if t.latest else "—"
        period = numbers.period(t.latest.period) if t.latest else "—"
        lines.append(
            row((both_names(t.indicator), latest, period, stale_mark(band_words(t.band), t.stale)))
        )
    return lines


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    sources = SourceList.of(context)
    lines = [
        "# " + _("{title}: progress report").format(title=cell(context.title)),
        "",
        _meta_line(context),
        "",
        summary_line(context),
        "",
        *([*waiting, ""] if (waiting := waiting_summary(context)) else []),
        "## " + _("Status"),
        "",
        *_status_table(context, sources),
    ]
    if context.report.trends:
        lines += _trend_table(context)
    if context.paragraphs:
        lines += ["", "## " + _("Gap report"), ""]
        for a in context.report.assessments:
            paragraph = context.paragraphs.get(a.target.id)
            if paragraph:
                number = sources.number_for_target(a.target)
                heading = _("{target}: {indicator}").format(
                    target=a.target.id, indicator=display_name(a.indicator)
                )
                lines += [f"### {heading}", "", f"{paragraph} [{number}]", ""]
    lines += ["", "## " + _("Sources"), ""]
    for number, source in sources.numbered():
        title = f"[{source.title}]({source.url})" if source.url else source.title
        if source.byline:
            title = _("{title}: {byline}").format(title=title, byline=source.byline)
        lines.append(f"{number}. {title}")
        if source.quote:
            lines.append(f"   > “{source.quote}”")
    return [ExportFile("", ("\n".join(lines).rstrip() + "\n").encode("utf-8"))]
