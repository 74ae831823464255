"""Charts for the HTML report: one SVG per indicator, drawn with matplotlib.

Each chart shows the readings over time, every target marked at its deadline, the required
path from the baseline to the target, and the projection at the observed pace (dashed).
Text stays text in the SVG (svg.fonttype = none) so that the browser draws Chinese names
with its own fonts. The legend and the axis speak the language in use (values as
`present.numbers` writes them: 22.4万 in Chinese). matplotlib is imported only here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Sequence
from decimal import Decimal

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from sdtrack.core.assessment import Assessment
from sdtrack.core.language import _, current
from sdtrack.core.model import Indicator, Reading
from sdtrack.present import numbers

READING_COLOUR = "#1f5fa8"
TARGET_COLOUR = "#b3261e"
REQUIRED_COLOUR = "#6b6b6b"
PROJECTION_COLOUR = "#1f5fa8"


# Text stays text in the SVG, and ids are stable from one run to the next.
matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",
        "svg.hashsalt": "sdtrack",
        "font.family": "sans-serif",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def indicator_chart(
    indicator: Indicator, readings: Sequence[Reading], assessments: Sequence[Assessment]
) -> str:
    """An inline SVG (no XML prolog) charting one indicator."""
    unit = indicator.unit_info
    # A Figure of its own, not pyplot's: no backend, no global figure to close.
    figure = Figure(figsize=(7.0, 3.0), layout="constrained")
    axes = figure.subplots()
    points = sorted(((r.date.end, float(r.value)) for r in readings), key=lambda p: p[0])
    if points:
        axes.plot(
            _days([p[0] for p in points]),
            [p[1] for p in points],
            marker="o",
            color=READING_COLOUR,
            label=_("readings"),
            zorder=3,
        )
    for number, a in enumerate(assessments):
        _draw_target(axes, a, first=number == 0)
    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda y, _position: numbers.number(Decimal(repr(float(y))), unit))
    )
    axes.xaxis_date()
    axes.set_ylabel(_axis_unit(indicator))
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.margins(x=0.08, y=0.15)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="best", fontsize=8, frameon=False)
    buffer = io.StringIO()
    with warnings.catch_warnings():
        # Text stays text: the browser, not matplotlib's DejaVu, draws Chinese glyphs.
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _inline(buffer.getvalue())


def _axis_unit(indicator: Indicator) -> str:
    """The y axis's unit: the indicator's own (its Chinese one in Chinese), % for shares."""
    unit = indicator.unit_info
    if unit.family == "percent":
        return "%"
    if current() == "zh":
        return numbers.measure_word(unit, indicator.unit_zh)
    return indicator.unit


def _draw_target(axes: Axes, a: Assessment, *, first: bool) -> None:
    target = a.target
    if target.kind == "recurring" or target.kind == "growth":
        if target.kind == "recurring":
            axes.axhline(
                float(target.value),
                color=TARGET_COLOUR,
                linestyle=":",
                linewidth=1,
                label=_("{target} (each year)").format(target=target.id),
            )
        return
    assert target.deadline is not None
    deadline = target.deadline.end
    goal = float(target.value)
    axes.plot(
        _days([deadline]),
        [goal],
        marker="*",
        markersize=12,
        color=TARGET_COLOUR,
        linestyle="none",
        label=_("target at its deadline") if first else None,
        zorder=4,
    )
    axes.annotate(
        target.id,
        (float(_days([deadline])[0]), goal),
        textcoords="offset points",
        xytext=(0, 8),
        ha="center",
        fontsize=7,
        color=TARGET_COLOUR,
    )
    if a.base is not None and a.base.date < deadline:
        axes.plot(
            _days([a.base.date, deadline]),
            [float(a.base.value), goal],
            color=REQUIRED_COLOUR,
            linestyle=":",
            linewidth=1.2,
            label=_("required path") if first else None,
        )
    if a.latest is not None and a.projected is not None and a.latest.date < deadline:
        axes.plot(
            _days([a.latest.date, deadline]),
            [float(a.latest.value), float(a.projected)],
            color=PROJECTION_COLOUR,
            linestyle="--",
            linewidth=1.2,
            label=_("projection at observed pace") if first else None,
        )


# matplotlib's date axis counts days since its default epoch, 1970-01-01.
MATPLOTLIB_EPOCH = dt.date(1970, 1, 1)


def _days(dates: Sequence[dt.date]) -> list[float]:
    """Dates as matplotlib's day numbers."""
    return [float((day - MATPLOTLIB_EPOCH).days) for day in dates]


def _inline(svg: str) -> str:
    svg = svg[svg.index("<svg") :]
    size = r'<svg([^>]*?) width="[^"]*" height="[^"]*"'
    return re.sub(size, r'<svg\1 class="chart"', svg, count=1)
