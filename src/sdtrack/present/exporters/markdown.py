"""GitHub-flavoured Markdown: summary, status table, gap paragraphs, numbered sources.

Every heading, label and status word is in the language in use; numbers and dates come
from `present.numbers`, target and value phrases from `present.phrases`.

Every piece of text from a file or an argument is escaped where it is put
(`present.safety`): it stays inside its cell, heading, list item or quote, makes no link,
no emphasis and no HTML; a source's `url` is a link only when it is http or https."""

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
from sdtrack.present.safety import markdown_inline, markdown_text, safe_url
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
    """Text safe inside a Markdown table cell, heading or quote: one line, no bare pipe,
    no markup, link or HTML of its own (`safety.markdown_inline`)."""
    return markdown_inline(text)


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
    return [f"- {markdown_text(line)}" for _status, line in waiting_lines(context.report)]


def latest_cell(a: Assessment) -> str:
    """The latest value with its period, and how many sources give it when several."""
    if a.latest is None:
        return "—"
    text = with_period(point_phrase(a.latest, a.indicator), a.latest.period)
    sources = latest_sources(a)
    return cell(_("{value}, {sources}").format(value=text, sources=sources) if sources else text)


def progress_cell(a: Assessment) -> str:
    note = progress_note(a)
    if note:
        return cell(_("— ({note})").format(note=note))
    return cell(progress_words(a))


def status_cell(a: Assessment) -> str:
    """ "**overdue** · likely met", then the marks (indicative, disputed, stale data)."""
    text = f"**{cell(status_words(a.status.value))}**"
    code = outlook_code(a)
    if code:
        text = _("{status} · {outlook}").format(status=text, outlook=cell(outlook_words(code)))
    for mark in status_marks(a):
        text = _("{value} ({mark})").format(value=text, mark=cell(mark))
    return stale_mark(text, a.stale)


def stale_mark(text: str, stale: bool) -> str:
    return _("{text} (stale data)").format(text=text) if stale else text


def row(cells: Sequence[str]) -> str:
    """A table row of cells already in Markdown (each escaped where it was made)."""
    return "| " + " | ".join(cells) + " |"


def text_row(texts: Sequence[object]) -> str:
    """A table row of plain texts, each escaped."""
    return row([cell(t) for t in texts])


def _meta_line(context: ExportContext) -> str:
    return _(
        "As of **{as_of}** · generated {generated} · method {method} · "
        "sdtrack {version} · workspace: {workspace}"
    ).format(
        as_of=cell(numbers.day(context.as_of)),
        generated=cell(context.generated_at.isoformat()),
        method=cell(context.method),
        version=cell(context.version),
        workspace=cell(context.workspace),
    )


def _status_table(context: ExportContext, sources: SourceList) -> list[str]:
    lines = [
        text_row(
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
            cell(both_names(a.indicator)),
            cell(target_phrase(a.target, a.indicator)),
            latest_cell(a),
            progress_cell(a),
            cell(gap_words(a) or "—"),
            cell(time_words(a)),
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
        text_row((_("Indicator"), _("Latest"), _("Period"), _("Trend"))),
        "| --- | --- | --- | --- |",
    ]
    for t in context.report.trends:
        latest = point_phrase(t.latest, t.indicator) if t.latest else "—"
        period = numbers.period(t.latest.period) if t.latest else "—"
        band = stale_mark(cell(band_words(t.band)), t.stale)
        lines.append(
            row((*(cell(text) for text in (both_names(t.indicator), latest, period)), band))
        )
    return lines


def source_title(title: str, url: str | None) -> str:
    """A source's title, a link when its `url` is http or https; any other address is
    shown after it as text, never linked."""
    link = safe_url(url)
    if link is not None:
        return f"[{cell(title)}]({link.replace('&', '&amp;')})"
    if url is None:
        return markdown_text(title)
    return _("{title} (address not linked: {url})").format(
        title=markdown_text(title), url=cell(url)
    )


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
                    target=cell(a.target.id), indicator=cell(display_name(a.indicator))
                )
                lines += [f"### {heading}", "", f"{markdown_text(paragraph)} [{number}]", ""]
    lines += ["", "## " + _("Sources"), ""]
    for number, source in sources.numbered():
        title = source_title(source.title, source.url)
        if source.byline:
            title = _("{title}: {byline}").format(title=title, byline=cell(source.byline))
        lines.append(f"{number}. {title}")
        if source.quote:
            lines.append(f"   > “{cell(source.quote)}”")
    return [ExportFile("", ("\n".join(lines).rstrip() + "\n").encode("utf-8"))]
