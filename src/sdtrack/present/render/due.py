"""`sdtrack due` in the terminal: the figures to look up next, overdue first (red), then
expected, then upcoming (dim)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Console, RenderableType
from rich.text import Text

from sdtrack.core.due import STATE_ORDER, DueFigure
from sdtrack.core.language import N_, _, ngettext
from sdtrack.core.releases import FigureState
from sdtrack.present import numbers
from sdtrack.present.render.fit import Column, blocks, fitted_table

STATE_WORDS: dict[FigureState, str] = {
    "overdue": N_("overdue"),
    "expected": N_("expected"),
    "upcoming": N_("upcoming"),
}
STATE_STYLES: dict[FigureState, str] = {
    "overdue": "bold red",
    "expected": "yellow",
    "upcoming": "dim",
}


def state_words(state: FigureState) -> str:
    return _(STATE_WORDS[state])


def days_words(figure: DueFigure) -> str:
    """'245 days overdue', 'expected today', 'expected in 120 days'."""
    if figure.days_overdue is not None:
        late = figure.days_overdue
        return ngettext("{count} day overdue", "{count} days overdue", late).format(
            count=f"{late:,}"
        )
    left = figure.days_until_expected or 0
    if left == 0:
        return _("expected today")
    return ngettext("expected in {count} day", "expected in {count} days", left).format(
        count=f"{left:,}"
    )


def _day(value: dt.date) -> str:
    return numbers.day(value) if numbers.chinese() else value.isoformat()


def summary_line(figures: Sequence[DueFigure], as_of: dt.date) -> Text:
    """'Figures due as of 2026-12-01: 17 overdue, 0 expected, 1 upcoming'."""
    counts = {state: sum(f.state == state for f in figures) for state in STATE_ORDER}
    return Text(
        _(
            "Figures due as of {day}: {overdue} overdue, {expected} expected, {upcoming} upcoming"
        ).format(
            day=_day(as_of),
            overdue=f"{counts['overdue']:,}",
            expected=f"{counts['expected']:,}",
            upcoming=f"{counts['upcoming']:,}",
        ),
        style="bold",
    )


# Below this width the targets that need a figure go under its indicator, not in a column;
# a terminal too narrow for that table's longest words gets one block of lines a figure.
WIDE_TABLE = 100


def _needed(figure: DueFigure) -> Text:
    if figure.targets:
        return Text("\n".join(figure.targets))
    return Text(_("trend (no target)"), style="dim")


def _columns(wide: bool) -> list[Column]:
    first = _("Indicator") if wide else _("Indicator · needed by")
    columns = [Column(first), Column(_("Figure")), Column(_("Expected by")), Column(_("State"))]
    return [*columns, Column(_("Needed by"))] if wide else columns


def _cells(figure: DueFigure, wide: bool) -> list[Text | str]:
    name = Text(figure.indicator.id, style="bold")
    if figure.region is not None:
        name.append(" · " + figure.region.display_name, style="bold cyan")
    name.append("\n" + figure.indicator.display_name, style="dim")
    if not wide:
        name.append("\n").append_text(_needed(figure))
    state = Text(state_words(figure.state), style=STATE_STYLES[figure.state])
    state.append("\n" + days_words(figure), style="dim")
    cells: list[Text | str] = [name, numbers.period(figure.period), _day(figure.expected_by)]
    cells.append(state)
    if wide:
        cells.append(_needed(figure))
    return cells


def due_table(figures: Sequence[DueFigure], width: int = WIDE_TABLE) -> RenderableType:
    """The figures as the widest table whose longest words fit `width`, else as blocks;
    an upcoming row is dim throughout."""
    styles = ["dim" if figure.state == "upcoming" else "" for figure in figures]
    keep = [state_words(state) for state in STATE_ORDER]
    for wide in (True, False) if width >= WIDE_TABLE else (False,):
        rows = [_cells(figure, wide) for figure in figures]
        table = fitted_table(
            _columns(wide), rows, width, show_lines=True, row_styles=styles, keep=keep
        )
        if table is not None:
            return table
    rows = [_cells(figure, True) for figure in figures]
    return blocks(_columns(True), rows, width, row_styles=styles, keep=keep)


def print_due(
    console: Console, figures: Sequence[DueFigure], as_of: dt.date, *, every_upcoming: bool
) -> None:
    """The summary line, the table, and what to do next."""
    if not figures:
        message = _("Nothing is due as of {day}: every figure the targets need is recorded.")
        console.print(Text(message.format(day=_day(as_of)), style="green"))
        return
    console.print(summary_line(figures, as_of))
    console.print(due_table(figures, console.width))
    if any(f.state != "upcoming" for f in figures):
        hint = _(
            "Record each figure with `sdtrack record INDICATOR VALUE --date PERIOD "
            "--source SOURCE` once you find it; an overdue one should be out by now."
        )
        if any(f.region is not None for f in figures):
            hint += " " + _("A city's figure takes `--region CITY`.")
        console.print(Text(hint, style="magenta"))
    if not every_upcoming:
        note = _(
            "Upcoming figures are listed when their period ends within a year; "
            "`sdtrack due --all` lists every one."
        )
        console.print(Text(note, style="dim"))
