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
import itertools
import math
import re
import warnings
from collections.abc import Sequence
from decimal import Decimal, localcontext

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.ticker import Formatter, MaxNLocator

from sdtrack.core.assessment import Assessment
from sdtrack.core.language import _, current
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.quantities import Unit
from sdtrack.present import numbers

READING_COLOUR = "#1f5fa8"
TARGET_COLOUR = "#b3261e"
REQUIRED_COLOUR = "#6b6b6b"
PROJECTION_COLOUR = "#1f5fa8"
# Points between two target labels stacked apart, and at most how many times the layout is
# redone while moving them.
LABEL_GAP = 3.0
STAR_SIZE = 12
LABEL_PASSES = 8


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
    figure = indicator_figure(indicator, readings, assessments)
    buffer = io.StringIO()
    with warnings.catch_warnings():
        # Text stays text: the browser, not matplotlib's DejaVu, draws Chinese glyphs.
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _inline(buffer.getvalue())


def indicator_figure(
    indicator: Indicator, readings: Sequence[Reading], assessments: Sequence[Assessment]
) -> Figure:
    """The chart as a laid-out matplotlib Figure: every label drawn, none over another.

    Everything the chart says is drawn on it (values on the axis, each target's id by its
    star); nothing is left to a tooltip.
    """
    # A Figure of its own, not pyplot's: no global figure to close. Agg measures the text.
    figure = Figure(figsize=(7.0, 3.0), layout="constrained")
    FigureCanvasAgg(figure)
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
    labels = []
    for number, a in enumerate(assessments):
        label = _draw_target(axes, a, first=number == 0)
        if label is not None:
            labels.append(label)
    unit = indicator.unit_info
    if unit.family == "count":
        # A count is a whole number: no tick at 15.6 cities.
        axes.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
    axes.yaxis.set_major_formatter(TickFormatter(unit))
    axes.xaxis_date()
    axes.set_ylabel(_axis_unit(indicator))
    axes.grid(axis="y", color="#dddddd", linewidth=0.6)
    axes.margins(x=0.08, y=0.15)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="best", fontsize=8, frameon=False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        _separate(figure, labels)
    return figure


class TickFormatter(Formatter):
    """An axis value as the indicator writes its numbers (22.4万 in Chinese, 2.4 trillion),
    rounded to the ticks' own step so that float noise (15.600000000000001) never shows."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.ticks: list[float] = []

    def set_locs(self, locs: Sequence[float]) -> None:
        self.ticks = [float(t) for t in locs]

    def __call__(self, x: float, pos: int | None = None) -> str:
        return numbers.number(tick_value(x, self.ticks), self.unit)


def tick_value(x: float, ticks: Sequence[float] = ()) -> Decimal:
    """A tick's value as the decimal it stands for: rounded to a hundredth of the step
    between ticks (the step itself when ticks are whole numbers), then to 12 digits."""
    if not math.isfinite(x):
        return Decimal(0)
    steps = [abs(b - a) for a, b in itertools.pairwise(ticks) if b != a]
    value = Decimal(f"{x:.12g}")
    if steps:
        step = min(steps)
        if all(float(t).is_integer() for t in ticks) and step >= 1:
            exponent = 0
        else:
            exponent = math.floor(math.log10(step)) - 2
        with localcontext() as context:
            context.prec = 400  # room for any float's digits: quantize never fails
            value = value.quantize(Decimal(1).scaleb(exponent))
    return value.normalize() + 0


def _separate(figure: Figure, labels: Sequence[Annotation]) -> None:
    """Move target labels apart until none overlaps another or another target's star, then
    fix the layout.

    Labels are measured with the figure's renderer after layout; one that meets a label
    below it (sorted by where they stand) or a star goes up just past it, by LABEL_GAP
    points. The layout is redone after each pass, since moving a label can move the axes."""
    if len(labels) < 2:
        return  # one label meets no other label, and no other target's star
    figure.draw_without_rendering()
    for _pass in range(LABEL_PASSES):
        if not _lift_labels(figure, labels):
            break
        figure.draw_without_rendering()
    # What was measured is what is saved: the layout no longer moves.
    figure.set_layout_engine("none")


Box = tuple[float, float, float, float]


def _lift_labels(figure: Figure, labels: Sequence[Annotation]) -> bool:
    """One pass of `_separate`; whether any label moved."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    points = figure.dpi / 72
    gap = LABEL_GAP * points
    boxes = {id(label): label.get_window_extent(renderer) for label in labels}
    stars: dict[int, Box] = {}
    for label in labels:
        assert label.axes is not None
        x, y = label.axes.transData.transform(label.xy)
        half = STAR_SIZE / 2 * points
        stars[id(label)] = (x - half, x + half, y - half, y + half)
    moved = False
    placed: list[Box] = []
    for label in sorted(labels, key=lambda t: (boxes[id(t)].y0, boxes[id(t)].x0)):
        box = boxes[id(label)]
        x0, x1, y0, y1 = box.x0, box.x1, box.y0, box.y1
        obstacles = placed + [star for key, star in stars.items() if key != id(label)]
        shift = 0.0
        clash = True
        while clash:
            clash = False
            for px0, px1, py0, py1 in obstacles:
                if x0 < px1 and px0 < x1 and y0 + shift < py1 + gap and py0 < y1 + shift + gap:
                    shift = py1 + gap - y0
                    clash = True
        if shift > 0:
            dx, dy = label.xyann
            label.xyann = (dx, dy + shift / points)
            moved = True
        placed.append((x0, x1, y0 + shift, y1 + shift))
    return moved


def _axis_unit(indicator: Indicator) -> str:
    """The y axis's unit: the indicator's own (its Chinese one in Chinese), % for shares."""
    unit = indicator.unit_info
    if unit.family == "percent":
        return "%"
    if current() == "zh":
        return numbers.measure_word(unit, indicator.unit_zh)
    return indicator.unit


def _draw_target(axes: Axes, a: Assessment, *, first: bool) -> Annotation | None:
    """Draw one target; returns its label, if it has one."""
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
        return None
    assert target.deadline is not None
    deadline = target.deadline.end
    goal = float(target.value)
    axes.plot(
        _days([deadline]),
        [goal],
        marker="*",
        markersize=STAR_SIZE,
        color=TARGET_COLOUR,
        linestyle="none",
        label=_("target at its deadline") if first else None,
        zorder=4,
    )
    label = axes.annotate(
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
    return label


# matplotlib's date axis counts days since its default epoch, 1970-01-01.
MATPLOTLIB_EPOCH = dt.date(1970, 1, 1)


def _days(dates: Sequence[dt.date]) -> list[float]:
    """Dates as matplotlib's day numbers."""
    return [float((day - MATPLOTLIB_EPOCH).days) for day in dates]


def _inline(svg: str) -> str:
    svg = svg[svg.index("<svg") :]
    size = r'<svg([^>]*?) width="[^"]*" height="[^"]*"'
    return re.sub(size, r'<svg\1 class="chart"', svg, count=1)
