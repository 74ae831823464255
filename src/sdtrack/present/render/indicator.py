"""One indicator and its targets (`show`), the list of targets (`targets`), the gap report
(`gap`) and the terminal chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sdtrack.core.assessment import Assessment, TrendAssessment
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.present.briefing import gap_paragraph
from sdtrack.present.chart_grid import ChartGrid
from sdtrack.present.phrases import (
    gap_phrase,
    point_phrase,
    quantity,
    target_phrase,
    time_left_phrase,
)
from sdtrack.present.render.terminal import status_text
from sdtrack.present.report import StatusReport

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
    text = Text(f"“{source.quote}”\n", style="italic")
    text.append(f"— {source.citation()}", style="dim")
    if source.url:
        text.append(f"\n  {source.url}", style="dim underline")
    return text


def _readings_table(readings: Sequence[Reading], indicator: Indicator) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Value", overflow="fold")
    table.add_column("Source", overflow="fold")
    table.add_column("Id", style="dim", overflow="fold")
    for reading in readings:
        value = quantity(reading.value, indicator)
        if reading.qualifier:
            value = f"{reading.qualifier} {value}"
        if reading.derived:
            value += " (derived)"
        source = Text(reading.source)
        if reading.url:
            source.append(f"\n{reading.url}", style="dim underline")
        if reading.note:
            source.append(f"\nnote: {reading.note}", style="dim")
        table.add_row(str(reading.date), value, source, reading.key)
    return table


def _assessment_lines(a: Assessment) -> Text:
    text = Text("Standing: ", style="bold") + status_text(a.status)
    detail = a.band if a.band != a.status.value else ""
    text.append(f" ({detail + '; ' if detail else ''}method {a.method})", style="dim")
    if a.latest is not None:
        text.append(f"\nLatest: {point_phrase(a.latest, a.indicator)} ({a.latest.period})")
    if a.progress is not None:
        text.append(f"\nProgress: {a.progress * 100:.0f} % of the way from the base value")
    gap = gap_phrase(a)
    if gap is not None:
        text.append(f"\nStill to go: {gap}")
    text.append(f"\nTime: {time_left_phrase(a.as_of, a.deadline)}")
    if a.ratio is not None and a.cagr_observed is not None and a.cagr_required is not None:
        text.append(
            f"\nGrowth: observed {a.cagr_observed * 100:.2f} % a year, required "
            f"{a.cagr_required * 100:.2f} % a year (ratio {a.ratio:.3f})"
        )
    for period in a.periods:
        verdict = "no figure" if period.met is None else ("met" if period.met else "missed")
        value = "" if period.value is None else f" ({period.value:.1f})"
        text.append(f"\n  {period.year}: {verdict}{value}")
    for warning in a.warnings:
        text.append(f"\nwarning: {warning}", style="yellow")
    return text


def print_indicator(
    console: Console,
    indicator: Indicator,
    readings: Sequence[Reading],
    assessments: Sequence[Assessment],
    trend: TrendAssessment | None,
    changes: Mapping[str, str | None] | None = None,
    current: frozenset[str] = frozenset(),
) -> None:
    header = Text(indicator.name, style="bold")
    header.append(f"  {indicator.name_zh}")
    header.append(f"\nid {indicator.id} · {indicator.kind} · unit: {indicator.unit}", style="dim")
    if indicator.description:
        header.append(f"\n{indicator.description}")
    console.print(Panel(header, expand=False))
    several = len(assessments) > 1
    for a in assessments:
        title = Text(f"Target {a.target.id}: ", style="bold")
        title.append(target_phrase(a.target, indicator))
        if several:
            title.append(
                " (current)" if a.target.id in current else " (superseded)",
                style="green" if a.target.id in current else "dim",
            )
        parts: list[Text] = [title]
        change = (changes or {}).get(a.target.id)
        if change:
            parts.append(Text(f"Revision: {change}", style="cyan"))
        if a.target.baseline is not None:
            base = a.target.baseline
            line = f"Baseline: {quantity(base.value, indicator)} ({base.date})"
            if base.derived:
                line += " — derived"
            if base.note:
                line += f"\n  {base.note}"
            parts.append(Text(line))
        if a.target.note:
            parts.append(Text(f"Note: {a.target.note}", style="dim"))
        parts.append(_source_block(a.target))
        parts.append(_assessment_lines(a))
        console.print(Panel(Group(*parts), expand=False, box=box.ROUNDED))
    if trend is not None:
        console.print(Text("Trend: ", style="bold") + status_text(trend.status, trend.band))
    values = [r.value for r in readings]
    console.print(Text(f"Readings ({len(readings)})  ", style="bold") + Text(sparkline(values)))
    if readings:
        console.print(_readings_table(readings, indicator))
    else:
        console.print(Text("no readings yet: add one with `sdtrack record`", style="dim"))


CHART_STYLES = {"●": "bold cyan", "★": "bold red", "·": "dim", "-": "cyan"}


def print_chart(console: Console, grid: ChartGrid | None) -> None:
    """The indicator's chart as coloured characters, with axes and a legend."""
    if grid is None:
        console.print(Text("nothing to chart yet: no readings and no level target", style="dim"))
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
        legend.append(f" {words}   ", style="dim")
    console.print(legend, soft_wrap=True)


def print_gap_report(console: Console, report: StatusReport) -> None:
    """One heading and paragraph per target, plain enough to paste into a briefing."""
    console.print(
        Text(f"Gap report as of {report.as_of.isoformat()}", style="bold")
        + Text(f" · {report.workspace}", style="dim")
    )
    for a in report.assessments:
        heading = Text(f"\n{a.target.id}", style="bold")
        heading.append("  ")
        heading.append_text(status_text(a.status))
        if not report.is_current(a):
            heading.append("  (superseded)", style="dim")
        console.print(heading)
        console.print(Text(gap_paragraph(a)), soft_wrap=True)


def print_targets(console: Console, indicators: Sequence[Indicator]) -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", overflow="fold")
    table.add_column("Indicator / target", overflow="fold")
    table.add_column("Unit · kind", overflow="fold")
    table.add_column("Source", overflow="fold")
    for indicator in indicators:
        name = Text(indicator.name, style="bold")
        name.append(f"  {indicator.name_zh}")
        table.add_row(indicator.id, name, f"{indicator.unit} · {indicator.kind}", "")
        for target in indicator.targets:
            table.add_row(
                Text(f"  {target.id}", style="cyan"),
                Text(f"  {target_phrase(target, indicator, symbols=True)}"),
                target.kind,
                Text(target.source.citation(), style="dim"),
            )
    console.print(table)
