"""A character-grid chart of one indicator for the terminal (`sdtrack show ID --chart`).

Pure layout: it places readings, targets, required paths and projections on a grid of
cells and returns them with a style name per cell; render.py turns that into Rich text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.assessment import Assessment
from sdtrack.core.language import N_
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.quantities import Unit, format_number

READING = "●"
TARGET = "★"
REQUIRED = "·"
PROJECTION = "-"
# Later layers overwrite earlier ones: paths first, then readings, targets last.
LAYER_ORDER = {REQUIRED: 0, PROJECTION: 1, READING: 2, TARGET: 3}


@dataclass(frozen=True)
class ChartGrid:
    """Rows of (character, style) cells, top row first, with axis labels."""

    rows: list[list[tuple[str, str]]]
    y_labels: list[str]
    x_start: str
    x_end: str
    legend: list[tuple[str, str, str]]


def chart_grid(
    indicator: Indicator,
    readings: Sequence[Reading],
    assessments: Sequence[Assessment],
    width: int = 60,
    height: int = 12,
) -> ChartGrid | None:
    """The grid, or None when there is nothing to draw."""
    series: list[tuple[str, list[tuple[dt.date, float]]]] = []
    points = [
        (r.date.end, float(r.value)) for r in sorted(readings, key=lambda r: r.date.sort_key())
    ]
    for a in assessments:
        if a.target.kind != "level" or a.target.deadline is None:
            continue
        deadline, goal = a.target.deadline.end, float(a.target.value)
        if a.base is not None and a.base.date < deadline:
            series.append((REQUIRED, _line((a.base.date, float(a.base.value)), (deadline, goal))))
        if a.latest is not None and a.projected is not None and a.latest.date < deadline:
            start = (a.latest.date, float(a.latest.value))
            series.append((PROJECTION, _line(start, (deadline, float(a.projected)))))
        series.append((TARGET, [(deadline, goal)]))
    series.append((READING, points))
    everything = [p for _, ps in series for p in ps]
    if not everything:
        return None
    first = min(d for d, _ in everything)
    last = max(d for d, _ in everything)
    low = min(v for _, v in everything)
    high = max(v for _, v in everything)
    if high == low:
        high, low = high + abs(high or 1) * 0.1, low - abs(low or 1) * 0.1
    span_days = max((last - first).days, 1)
    cells: list[list[tuple[str, str]]] = [[(" ", "")] * width for _ in range(height)]
    for symbol, ps in sorted(series, key=lambda s: LAYER_ORDER[s[0]]):
        for day, value in ps:
            x = round((day - first).days / span_days * (width - 1))
            y = round((value - low) / (high - low) * (height - 1))
            cells[height - 1 - y][x] = (symbol, symbol)
    unit = indicator.unit_info
    y_labels = [
        format_number(_label_value(high - (high - low) * i / (height - 1), unit), unit)
        if i in (0, height // 2, height - 1)
        else ""
        for i in range(height)
    ]
    if unit.family == "count" and y_labels[height // 2] in (y_labels[0], y_labels[-1]):
        y_labels[height // 2] = ""  # a count too narrow for a whole number between its ends
    # The words are marked for the catalog and translated where the legend is drawn.
    legend = [
        (READING, READING, N_("readings")),
        (TARGET, TARGET, N_("target at its deadline")),
        (REQUIRED, REQUIRED, N_("required path")),
        (PROJECTION, PROJECTION, N_("projection at the observed pace")),
    ]
    return ChartGrid(cells, y_labels, first.isoformat(), last.isoformat(), legend)


def _label_value(value: float, unit: Unit) -> Decimal:
    """An axis label's value: three significant digits; a count's, a whole number."""
    rounded = _rounded(value)
    return rounded.quantize(Decimal(1)) + 0 if unit.family == "count" else rounded


def _rounded(value: float, digits: int = 3) -> Decimal:
    """An axis label's value, to three significant digits."""
    return Decimal(f"{value:.{digits}g}").normalize() + 0


def _line(
    start: tuple[dt.date, float], end: tuple[dt.date, float], steps: int = 40
) -> list[tuple[dt.date, float]]:
    (d0, v0), (d1, v1) = start, end
    days = (d1 - d0).days
    return [
        (d0 + dt.timedelta(days=round(days * i / steps)), v0 + (v1 - v0) * i / steps)
        for i in range(steps + 1)
    ]
