"""One indicator and its targets (`show`), the list of targets (`targets`), the gap report
(`gap`) and the terminal chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from sdtrack.core.assessment import Assessment, TrendAssessment
from sdtrack.core.derived import DerivedReading
from sdtrack.core.language import _
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.regions import Geography
from sdtrack.core.sources import Plan
from sdtrack.present import numbers
from sdtrack.present.briefing import gap_paragraph
from sdtrack.present.chart_grid import ChartGrid
from sdtrack.present.phrases import (
    assessed_indicator,
    assessment_target_phrase,
    band_adds,
    band_words,
    disputed_words,
    kind_words,
    list_separator,
    pace_note_words,
    point_phrase,
    qualifier_words,
    quantity,
    status_words,
    target_phrase,
    warning_words,
)
from sdtrack.present.region_words import missing_words, region_name, target_counting
from sdtrack.present.render.fit import Column, blocks, fitted_table
from sdtrack.present.render.regions import print_breakdown
from sdtrack.present.render.status import print_plans
from sdtrack.present.render.terminal import status_text
from sdtrack.present.report import (
    StatusReport,
    declared_in,
    lineage_words,
    lineages,
    plan_line,
    superseded_words,
)
from sdtrack.present.status_rows import (
    disputed_mark,
    gap_words,
    indicative_mark,
    latest_sources,
    progress_note,
    progress_words,
    status_phrase,
    time_words,
)
from sdtrack.present.status_view import BreakdownView

SPARK_CHARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[Decimal]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARK_CHARS[len(SPARK_CHARS) // 2] * len(values)
    scale = (len(SPARK_CHARS) - 1) / (high - low)
    return "".join(SPARK_CHARS[int((v - low) * scale)] for v in values)


def _source_block(target: Target) -> Text:
    source = target.source
    quote, url, in_reader_language = source.display_quote
    text = Text(f"“{quote}”\n", style="italic")
    if not in_reader_language:
        text.append(_("(the English source's words; no Chinese original was found)") + "\n")
    text.append(f"— {source.citation()}", style="dim")
    if url:
        text.append(f"\n  {url}", style="dim underline")
    zh = source.zh
    if in_reader_language and zh is not None and zh.note and zh.quote == quote:
        text.append(f"\n  {zh.note}", style="dim")
    return text


def _inputs_text(reading: DerivedReading, inputs: Mapping[str, Indicator]) -> Text:
    """A derived value's two readings, each with its value, period and source."""
    text = Text()
    for label, used in zip((_("numerator"), _("denominator")), reading.inputs, strict=True):
        found = inputs.get(used.indicator)
        value = quantity(used.value, found) if found is not None else str(used.value)
        line = _("{label}: {value} ({period}), {source}").format(
            label=label, value=value, period=numbers.period(used.date), source=used.source
        )
        text.append(("\n" if text.plain else "") + line)
        if used.url:
            text.append(f"\n  {used.url}", style="dim underline")
    return text


def _readings_table(
    readings: Sequence[Reading],
    indicator: Indicator,
    disputed: frozenset[str] = frozenset(),
    width: int = 160,
    inputs: Mapping[str, Indicator] | None = None,
) -> RenderableType:
    """The readings as a table where their longest words fit `width`, else as blocks."""
    columns = [Column(_("Date")), Column(_("Value")), Column(_("Source")), Column(_("Id"))]
    rows: list[list[Text | str]] = []
    for reading in readings:
        value = quantity(reading.value, indicator)
        if reading.qualifier:
            value = _("{qualifier} {value}").format(
                qualifier=qualifier_words(reading.qualifier), value=value
            )
        if reading.derived:
            value = _("{value} (derived)").format(value=value)
        if reading.key in disputed:
            value = _("{value} ({mark})").format(value=value, mark=disputed_words())
        source = Text(reading.source)
        if isinstance(reading, DerivedReading):
            source = _inputs_text(reading, inputs or {})
        elif reading.url:
            source.append(f"\n{reading.url}", style="dim underline")
        if reading.note:
            source.append("\n" + _("note: {note}").format(note=reading.note), style="dim")
        rows.append([numbers.period(reading.date), value, source, Text(reading.key, style="dim")])
    table = fitted_table(columns, rows, width)
    return table if table is not None else blocks(columns, rows, width)


def _standing(a: Assessment) -> Text:
    """ "overdue · likely met", in the status's colour."""
    return status_text(a.status, words=status_phrase(a))


def _assessment_lines(a: Assessment) -> Text:
    text = Text(_("Standing: "), style="bold") + _standing(a)
    method = _("method {method}").format(method=a.method)
    if band_adds(a.band, a.status.value):
        method = band_words(a.band) + list_separator() + method
    text.append(" " + _("({detail})").format(detail=method), style="dim")
    if indicative_mark(a):
        notes = list_separator().join(pace_note_words(note.value) for note in a.pace_notes)
        text.append(
            "\n" + _("{mark}: {notes}").format(mark=indicative_mark(a), notes=notes),
            style="yellow",
        )
    if a.disputed:
        text.append(
            "\n"
            + _("{mark}: readings {ids} disagree; the least favourable value counts").format(
                mark=disputed_mark(a), ids=_(", ").join(a.disputed)
            ),
            style="bold yellow",
        )
    if a.latest is not None:
        value = point_phrase(a.latest, assessed_indicator(a))
        sources = latest_sources(a)
        if sources:
            value = _("{value}, {sources}").format(value=value, sources=sources)
        latest = _("Latest: {value} ({period})").format(
            value=value, period=numbers.period(a.latest.period)
        )
        text.append("\n" + latest)
    if a.progress is not None:
        text.append(
            "\n"
            + _("Progress: {percent} of the way from the base value").format(
                percent=progress_words(a)
            )
        )
    elif progress_note(a):
        text.append("\n" + _("Progress: {note}").format(note=progress_note(a)))
    gap = gap_words(a)
    if gap is not None:
        text.append("\n" + _("Still to go: {gap}").format(gap=gap))
    text.append("\n" + _("Time: {time}").format(time=time_words(a)))
    if a.ratio is not None and a.cagr_observed is not None and a.cagr_required is not None:
        text.append(
            "\n"
            + _(
                "Growth: observed {observed} % a year, required {required} % a year (ratio {ratio})"
            ).format(
                observed=f"{a.cagr_observed * 100:.2f}",
                required=f"{a.cagr_required * 100:.2f}",
                ratio=f"{a.ratio:.3f}",
            )
        )
    for period in a.periods:
        verdict = (
            _("no figure") if period.met is None else (_("met") if period.met else _("missed"))
        )
        value = "" if period.value is None else f" ({period.value:.1f})"
        text.append(
            "\n  " + _("{year}: {verdict}").format(year=period.year, verdict=verdict) + value
        )
    for warning in a.warnings:
        text.append(
            "\n" + _("warning: {warning}").format(warning=warning_words(warning)), style="yellow"
        )
    return text


def _formula_line(indicator: Indicator, inputs: Mapping[str, Indicator]) -> str | None:
    """ "Derived: 5G base stations (5g-base-stations) ÷ Resident population (…) × 10,000"."""
    formula = indicator.formula
    if formula is None:
        return None

    def named(item: str) -> str:
        found = inputs.get(item)
        return f"{found.display_name} ({item})" if found is not None else item

    text = _("{numerator} ÷ {denominator}").format(
        numerator=named(formula.numerator), denominator=named(formula.denominator)
    )
    if formula.multiplier != 1:
        text += " × " + numbers.number(formula.multiplier, indicator.unit_info)
    return _("Derived by sdtrack, never recorded: {formula}").format(formula=text)


def _header(indicator: Indicator, inputs: Mapping[str, Indicator]) -> Text:
    header = Text(indicator.name, style="bold")
    if indicator.name_zh:
        header.append(f"  {indicator.name_zh}")
    header.append(
        "\n"
        + _("id {id} · {kind} · unit: {unit}").format(
            id=indicator.id, kind=kind_words(indicator.kind), unit=_unit(indicator)
        ),
        style="dim",
    )
    formula = _formula_line(indicator, inputs)
    if formula:
        header.append("\n" + formula, style="cyan")
    if indicator.description:
        header.append(f"\n{indicator.description}")
    return header


def _region_lines(a: Assessment, report: StatusReport | None) -> list[Text]:
    """A count-of-regions target's regions: meeting, short, without a reading, and who
    is still missing."""
    count = a.region_count
    if count is None:
        return []
    table = report.geography.table if report is not None and report.geography else None
    lines = []
    groups = (
        (_("Meeting ({count}): {regions}"), count.meeting, "green"),
        (_("Short ({count}): {regions}"), count.short, "red"),
        (_("No reading ({count}): {regions}"), count.unreported, "yellow"),
    )
    for template, regions, style in groups:
        if regions:
            names = _(", ").join(region_name(r, table) for r in regions)
            lines.append(Text(template.format(count=len(regions), regions=names), style=style))
    missing = missing_words(a, a.indicator, table)
    if missing:
        lines.append(Text(missing, style="bold yellow"))
    return lines


def _lineage_lines(a: Assessment, report: StatusReport | None) -> list[Text]:
    """Where the target stands among plans: its plan, its region, what it revises and what
    superseded it."""
    if report is None:
        return []
    target = a.target
    lines = []
    plan: Plan | None = report.plans.get(target.plan) if target.plan else None
    if plan is not None:
        lines.append(Text(_("Plan: {plan}").format(plan=plan_line(plan)), style="cyan"))
    if report.geography is not None and report.geography.key(target.region) is not None:
        region = report.geography.name(target.region)
        lines.append(Text(_("Region: {region}").format(region=region), style="cyan"))
    earlier = [t for t, later in report.revisions.items() if later.id == target.id]
    for before in earlier:
        words = _("Revises {target} ({declared})").format(
            target=before, declared=_declared_of(before, a, report)
        )
        lines.append(Text(words, style="cyan"))
    later = report.superseded_by(a)
    if later is not None:
        words = superseded_words(later, report.plans)
        lines.append(Text(words[:1].upper() + words[1:], style="dim"))
    return lines


def _declared_of(target_id: str, a: Assessment, report: StatusReport) -> str:
    found = next((t for t in a.indicator.targets if t.id == target_id), None)
    return declared_in(found, report.plans) if found is not None else ""


def _target_panel(
    a: Assessment,
    indicator: Indicator,
    several: bool,
    change: str | None,
    current: frozenset[str],
    report: StatusReport | None,
) -> Panel:
    table = report.geography.table if report is not None and report.geography else None
    title = Text(_("Target {id}: ").format(id=a.target.id), style="bold")
    title.append(assessment_target_phrase(a, table=table))
    if several:
        title.append(
            " " + (_("(current)") if a.target.id in current else _("(superseded)")),
            style="green" if a.target.id in current else "dim",
        )
    parts: list[Text] = [title, *_lineage_lines(a, report)]
    if change:
        parts.append(Text(_("Revision: {change}").format(change=change), style="cyan"))
    if a.target.baseline is not None:
        base = a.target.baseline
        line = _("Baseline: {value} ({date})").format(
            value=quantity(base.value, indicator), date=numbers.period(base.date)
        )
        if base.derived:
            line += _(" — derived")
        if base.note:
            line += f"\n  {base.note}"
        parts.append(Text(line))
    if a.target.note:
        parts.append(Text(_("Note: {note}").format(note=a.target.note), style="dim"))
    parts.append(_source_block(a.target))
    parts.append(_assessment_lines(a))
    parts.extend(_region_lines(a, report))
    return Panel(Group(*parts), expand=False, box=box.ROUNDED)


def print_indicator(
    console: Console,
    indicator: Indicator,
    readings: Sequence[Reading],
    assessments: Sequence[Assessment],
    trend: TrendAssessment | None,
    changes: Mapping[str, str | None] | None = None,
    current: frozenset[str] = frozenset(),
    *,
    report: StatusReport | None = None,
    inputs: Mapping[str, Indicator] | None = None,
    breakdown: BreakdownView | None = None,
    region: str = "",
) -> None:
    """One indicator: its definition (a derived one's formula), each target's panel (its
    plan and lineage, source, standing, and a count-of-regions target's regions), its
    readings (a derived value's with both inputs; `region`'s, when not the workspace's
    own) and its breakdown by region."""
    console.print(Panel(_header(indicator, inputs or {}), expand=False))
    if report is not None:
        for chain in lineages(indicator):
            if any(t.id == a.target.id for t in chain for a in assessments):
                words = lineage_words(chain, report.plans)
                console.print(Text(_("Lineage: {lineage}").format(lineage=words), style="cyan"))
    several = len(assessments) > 1
    for a in assessments:
        change = (changes or {}).get(a.target.id)
        console.print(_target_panel(a, indicator, several, change, current, report))
    if trend is not None:
        words = status_words(trend.status.value) if trend.status else ""
        console.print(
            Text(_("Trend: "), style="bold")
            + status_text(trend.status, band_words(trend.band), words)
        )
    values = [r.value for r in readings]
    heading = _("Readings ({count})").format(count=len(readings))
    if region:
        heading = _("Readings of {region} ({count})").format(region=region, count=len(readings))
    console.print(Text(heading + "  ", style="bold") + Text(sparkline(values)))
    if readings:
        disputed = frozenset(key for a in assessments for key in a.disputed)
        console.print(_readings_table(readings, indicator, disputed, console.width, inputs))
    else:
        console.print(Text(_("no readings yet: add one with `sdtrack record`"), style="dim"))
    if breakdown is not None:
        print_breakdown(console, breakdown, heading=_("By region"), targets=False)


CHART_STYLES = {"●": "bold cyan", "★": "bold red", "·": "dim", "-": "cyan"}


def print_chart(console: Console, grid: ChartGrid | None) -> None:
    """The indicator's chart as coloured characters, with axes and a legend."""
    if grid is None:
        console.print(Text(_("nothing to chart yet: no readings and no level target"), style="dim"))
        return
    label_width = max(len(label) for label in grid.y_labels)
    for label, row in zip(grid.y_labels, grid.rows, strict=True):
        line = Text(f"{label:>{label_width}} │", style="dim")
        for char, symbol in row:
            line.append(char, style=CHART_STYLES.get(symbol, ""))
        console.print(line, soft_wrap=True)
    width = len(grid.rows[0])
    console.print(Text(" " * label_width + " └" + "─" * width, style="dim"), soft_wrap=True)
    gap = max(width - len(grid.x_start) - len(grid.x_end), 1)
    console.print(
        Text(" " * (label_width + 2) + grid.x_start + " " * gap + grid.x_end, style="dim"),
        soft_wrap=True,
    )
    legend = Text(" " * (label_width + 2))
    for char, symbol, words in grid.legend:
        legend.append(char, style=CHART_STYLES.get(symbol, ""))
        legend.append(f" {_(words)}   ", style="dim")
    console.print(legend, soft_wrap=True)


def _unit(indicator: Indicator) -> str:
    """The unit as a reader of the language in use names it: base stations / 个."""
    if numbers.chinese():
        return numbers.measure_word(indicator.unit_info, indicator.unit_zh)
    return indicator.unit


def _day(value: dt.date) -> str:
    return numbers.day(value) if numbers.chinese() else value.isoformat()


def print_gap_report(console: Console, report: StatusReport) -> None:
    """One heading and paragraph per target, plain enough to paste into a briefing."""
    console.print(
        Text(_("Gap report as of {day}").format(day=_day(report.as_of)), style="bold")
        + Text(f" · {report.workspace}", style="dim")
    )
    for a in report.assessments:
        heading = Text(f"\n{a.target.id}", style="bold")
        heading.append("  ")
        heading.append_text(_standing(a))
        if not report.is_current(a):
            heading.append("  " + _("(superseded)"), style="dim")
        console.print(heading)
        console.print(Text(gap_paragraph(a)), soft_wrap=True)


def _target_source(target: Target, geography: Geography | None) -> Text:
    """Where a target was declared: the citation, its region and its plan."""
    text = Text(target.source.citation(), style="dim")
    if geography is not None and geography.key(target.region) is not None:
        region = geography.name(target.region)
        text.append("\n" + _("region: {region}").format(region=region), style="cyan")
    if target.plan:
        text.append("\n" + _("plan: {plan}").format(plan=target.plan), style="cyan")
    return text


def print_targets(
    console: Console,
    indicators: Sequence[Indicator],
    *,
    plans: Sequence[Plan] = (),
    geography: Geography | None = None,
) -> None:
    """The plans, then each indicator and, indented under it, its targets, each with its
    plan: a table where the longest words fit the console, else a block of lines each."""
    print_plans(console, [(plan.id, plan_line(plan)) for plan in plans])
    columns = [
        Column(_("Id")),
        Column(_("Indicator / target")),
        Column(_("Unit · kind")),
        Column(_("Source")),
    ]
    rows: list[list[Text | str]] = []
    for indicator in indicators:
        name = Text(indicator.name, style="bold")
        if indicator.name_zh:
            name.append(f"  {indicator.name_zh}")
        unit = f"{_unit(indicator)} · {kind_words(indicator.kind)}"
        if indicator.derived:
            unit += " · " + _("derived")
        rows.append([Text(indicator.id, style="bold"), name, unit, ""])
        for target in indicator.targets:
            counting = target_counting(target, geography) if geography is not None else None
            phrase = target_phrase(target, indicator, symbols=True, counting=counting)
            rows.append(
                [
                    Text(f"  {target.id}", style="cyan"),
                    Text(f"  {phrase}"),
                    kind_words(target.kind),
                    _target_source(target, geography),
                ]
            )
    table = fitted_table(columns, rows, console.width)
    console.print(table if table is not None else blocks(columns, rows, console.width))
