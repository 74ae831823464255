"""GitHub-flavoured Markdown: summary, status table, gap paragraphs, each indicator's
regions, derived indicators with the readings they were computed from, plans, numbered
sources.

Every heading, label and status word is in the language in use; numbers and dates come
from `present.numbers`, target and value phrases from `present.phrases`.

Every piece of text from a file or an argument is escaped where it is put
(`present.safety`): it stays inside its cell, heading, list item or quote, makes no link,
no emphasis and no HTML; a source's `url` is a link only when it is http or https."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sdtrack.core.assessment import Assessment, Status
from sdtrack.core.derived import DerivedReading
from sdtrack.core.language import _
from sdtrack.core.model import Reading
from sdtrack.core.regions import Region
from sdtrack.present import numbers
from sdtrack.present.exporters import regions
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.sources import SourceList
from sdtrack.present.exporters.words import both_names, separator, with_period
from sdtrack.present.phrases import (
    assessed_indicator,
    assessment_target_phrase,
    band_words,
    display_name,
    outlook_words,
    point_phrase,
    status_words,
)
from sdtrack.present.regional import Breakdown
from sdtrack.present.report import waiting_lines
from sdtrack.present.safety import markdown_inline, markdown_text, safe_url
from sdtrack.present.status_rows import (
    gap_words,
    latest_sources,
    outlook_code,
    progress_note,
    progress_words,
    region_mark,
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


def latest_cell(a: Assessment, table: Mapping[str, Region] | None = None) -> str:
    """The latest value with its period, and how many sources give it when several (a
    count-of-regions target's a count of the regions of `table`)."""
    if a.latest is None:
        return "—"
    indicator = assessed_indicator(a, table)
    text = with_period(point_phrase(a.latest, indicator), a.latest.period)
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
        region = region_mark(a, context.report)
        cells = [
            f"`{a.target.id}` ({cell(region)})" if region else f"`{a.target.id}`",
            cell(both_names(a.indicator)),
            cell(assessment_target_phrase(a, table=context.geography.table)),
            latest_cell(a, context.geography.table),
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


def _cited(number: int | None) -> str:
    return f"[{number}]" if number is not None else "—"


def _citations(reading: Reading, sources: SourceList) -> str:
    """A reading's source number; a derived value's, its two inputs' ("[4] ÷ [6]")."""
    if isinstance(reading, DerivedReading):
        return _(" ÷ ").join(_cited(sources.by_reading.get(r.key)) for r in reading.inputs)
    return _cited(sources.number_for_reading(reading))


def breakdown_lines(breakdown: Breakdown, context: ExportContext, sources: SourceList) -> list[str]:
    """An indicator's regions: how many reported, each one's latest reading and its
    source, and each period's roll-up beside the region's own figure (a difference in
    bold)."""
    indicator = breakdown.indicator
    heading = _("{indicator}: by region").format(indicator=cell(both_names(indicator)))
    summary = regions.summary_words(breakdown, context)
    lines = [f"### {heading}", "", markdown_text(summary), ""]
    lines += [
        text_row((_("Region"), _("Latest"), _("Period"), _("Source"))),
        "| --- | ---: | --- | --- |",
    ]
    for latest in breakdown.latest:
        reading = latest.reading
        if reading is None:
            lines.append(text_row((latest.region.display_name, "—", "—", "—")))
            continue
        value = regions.value_words(reading, indicator)
        period = numbers.period(reading.date)
        cells = [cell(latest.region.display_name), cell(value), cell(period)]
        lines.append(row([*cells, _citations(reading, sources)]))
    lines.append("")
    for rollup in breakdown.rollups:
        words = regions.rollup_texts(rollup, breakdown, context)
        parts = [cell(words.total), cell(words.own)]
        if words.difference:
            parts.append(f"**{cell(words.difference)}**")
        text = _("{period}: {text}").format(period=cell(words.period), text=_("; ").join(parts))
        lines.append(f"- {text}")
    return [*lines, ""]


def derived_lines(context: ExportContext, sources: SourceList) -> list[str]:
    """Each derived indicator of the report: its formula, and each value with the two
    readings it was computed from, cited."""
    table = regions.indicator_table(context)
    lines: list[str] = []
    for indicator in context.reported_indicators():
        if indicator.formula is None:
            continue
        formula = regions.formula_words(indicator, table)
        lines += [f"### {cell(both_names(indicator))}", "", markdown_text(formula), ""]
        readings = context.readings.get(indicator.id, ())
        for reading in readings:
            inputs = _(" ÷ ").join(
                f"{cell(text)} {_cited(sources.by_reading.get(source.key))}"
                for source, text in regions.derived_inputs(reading, table)
            )
            text = _("{period}: {value}, computed from {inputs}").format(
                period=cell(numbers.period(reading.date)),
                value=cell(regions.value_words(reading, indicator)),
                inputs=inputs,
            )
            lines.append(f"- {text}")
        if not readings:
            lines.append(
                markdown_text(_("No value yet: it needs readings of both inputs of one period."))
            )
        lines.append("")
    return lines


def plan_lines(context: ExportContext) -> list[str]:
    """Each plan the report's targets belong to: its title (a link when its address is
    http or https), issuer, date and document number, and its targets."""
    lines: list[str] = []
    for plan, assessments in context.reported_plans():
        title = source_title(plan.display_title, plan.url)
        byline = cell(regions.plan_words(plan))
        lines.append("- " + _("{title}: {byline}").format(title=f"**{title}**", byline=byline))
        targets = separator().join(f"`{a.target.id}`" for a in assessments)
        lines.append("  " + _("Targets: {targets}").format(targets=targets))
    return lines


def _target_notes(context: ExportContext, a: Assessment) -> list[str]:
    """Under a target's gap paragraph: its plan, and a count-of-regions target's regions."""
    notes = [markdown_text(line) for line in regions.region_count_lines(a, context)]
    plan = context.plan_for(a.target)
    if plan is not None:
        notes.append(_("Plan: {plan}").format(plan=cell(plan.display_title)))
    return [f"- {note}" for note in notes]


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
                target = cell(a.target.id)
                if region := region_mark(a, context.report):
                    target = _("{value} ({mark})").format(value=target, mark=cell(region))
                heading = _("{target}: {indicator}").format(
                    target=target, indicator=cell(display_name(a.indicator))
                )
                lines += [f"### {heading}", "", f"{markdown_text(paragraph)} [{number}]", ""]
                if notes := _target_notes(context, a):
                    lines += [*notes, ""]
    if breakdowns := context.reported_breakdowns():
        lines += ["", "## " + _("Regional breakdown"), ""]
        for breakdown in breakdowns:
            lines += breakdown_lines(breakdown, context, sources)
    if derived := derived_lines(context, sources):
        lines += ["", "## " + _("Derived indicators"), "", *derived]
    if plans := plan_lines(context):
        lines += ["", "## " + _("Plans"), "", *plans]
    lines += ["", "## " + _("Sources"), ""]
    for number, source in sources.numbered():
        title = source_title(source.title, source.url)
        if source.byline:
            title = _("{title}: {byline}").format(title=title, byline=cell(source.byline))
        lines.append(f"{number}. {title}")
        if source.quote:
            lines.append(f"   > “{cell(source.quote)}”")
    return [ExportFile("", ("\n".join(lines).rstrip() + "\n").encode("utf-8"))]
