"""Regional breakdowns, from their plain views: `status --by region` (every broken-down
indicator) and `show` (one). Each region's latest value and its standing towards the
indicator's count-of-regions targets, how many regions reported, and the roll-ups beside
the parent region's own figure. No model is loaded: a cached `status --by region`
renders through this module."""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.text import Text

from sdtrack.core.language import _
from sdtrack.present.render.fit import Column, blocks, field, fitted_table, joined, wrap
from sdtrack.present.render.terminal import status_text
from sdtrack.present.status_view import BreakdownTarget, BreakdownView, RegionMatrix

STANDING_STYLES = {"meets": "green", "short": "red", "unreported": "dim"}


def _target_lines(target: BreakdownTarget, width: int) -> list[Text]:
    """ "gigabit-cities-2024: all 16 cities … · overdue", then its counts and who is missing."""
    name = target.target_id
    if target.superseded:
        name = _("{target} (superseded)").format(target=name)
    label, _mark, value = _("{label}: {value}").partition("{value}")
    line = Text(label.replace("{label}", name), style="cyan")
    line.append(value + target.declared + " · ")
    line.append_text(status_text(target.status, words=target.status_word))
    lines = [wrap(line, width, indent="  ", hanging="      ")]
    for extra, style in ((target.counts, ""), (target.missing, "yellow")):
        if extra:
            lines.append(wrap(Text(extra, style=style), width, indent="    ", hanging="      "))
    return lines


def region_table(view: BreakdownView, width: int) -> RenderableType:
    """The regions, a row each: a table where the longest words fit, else blocks."""
    targets = [t for t in view.targets if t.counts]
    columns = [Column(view.level), Column(_("Latest")), Column(_("Period"))]
    columns += [Column(t.target_id) for t in targets]
    rows: list[list[Text | str]] = []
    for row in view.rows:
        latest = Text(row.latest) if row.latest is not None else Text(_("no reading"), style="dim")
        cells: list[Text | str] = [Text(row.name), latest, Text(row.period or "", style="dim")]
        for code, words in row.standings:
            cells.append(Text(words, style=STANDING_STYLES.get(code, "dim")))
        rows.append(cells)
    keep = sorted({words for row in view.rows for _code, words in row.standings})
    table = fitted_table(columns, rows, width, keep=keep)
    return table if table is not None else blocks(columns, rows, width, keep=keep)


def breakdown_renderables(
    view: BreakdownView, width: int, *, heading: str = "", targets: bool = True
) -> list[RenderableType]:
    """One breakdown: its heading (`heading`, else the indicator's id and name), its
    targets (unless shown elsewhere), the region table and the roll-ups."""
    if heading:
        title = Text(heading, style="bold")
    else:
        title = Text(view.indicator_id, style="bold")
        title.append("  " + view.indicator_name, style="dim")
    out: list[RenderableType] = [Text(""), wrap(title, width, hanging="  ")]
    out.append(wrap(Text(view.reported), width, indent="  ", hanging="    "))
    for target in view.targets if targets else ():
        out.extend(_target_lines(target, width))
    out.append(region_table(view, width))
    for rollup in view.rollups:
        parts = [Text(rollup.total), Text(rollup.own, style="dim")]
        if rollup.difference:
            parts.append(Text("≠ " + rollup.difference, style="bold yellow"))
        line = field(rollup.period, joined(parts))
        out.append(wrap(line, width, indent="  ", hanging="    "))
    if view.note:
        out.append(wrap(Text(view.note, style="dim"), width, indent="  ", hanging="    "))
    return out


def print_breakdown(
    console: Console, view: BreakdownView, *, heading: str = "", targets: bool = True
) -> None:
    for renderable in breakdown_renderables(view, console.width, heading=heading, targets=targets):
        console.print(renderable)


def print_matrix(console: Console, matrix: RegionMatrix) -> None:
    """`status --by region`: each broken-down indicator, then the targets without any."""
    console.print(wrap(Text(matrix.region, style="bold"), console.width, hanging="  "))
    if not matrix.breakdowns:
        console.print(Text(_("No indicator has regional readings yet."), style="dim"))
    for view in matrix.breakdowns:
        print_breakdown(console, view)
    if matrix.without:
        console.print(Text(""))
        console.print(wrap(Text(matrix.without, style="dim"), console.width, hanging="  "))
