"""Charts for the HTML report: one SVG per indicator, written as text (no plotting library).

Each chart shows the readings over time (line and markers), every target marked at its
deadline (a star, its id above it, ids stacked apart when they would meet), the required
path from the baseline to the target, and the projection at the observed pace (dashed);
a recurring target is a dotted line at its level. The axes have round ticks
(`svg_axes.value_ticks`, as matplotlib's MaxNLocator) whose values `present.numbers` writes
in the language in use (22.4万 in Chinese), dates on the time axis, and a legend in the
language in use, placed where it hides least. Text stays text, so that the browser draws
Chinese with its own fonts; every piece of text is escaped. The same input gives the same
bytes: there are no ids, no dates, nothing random.

The layout is computed first (`chart_layout`: where everything goes, in points of the
7 x 3 inch figure the charts were drawn in with matplotlib), then written (`svg_of`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sdtrack.core.assessment import Assessment
from sdtrack.core.language import _, current
from sdtrack.core.model import Indicator, Reading
from sdtrack.present import numbers
from sdtrack.present.exporters.svg_axes import (
    Box,
    escaped,
    fitting_date_ticks,
    labelled_ticks,
    least_covered,
    lifts,
    num,
    star_points,
    stroke,
    text_width,
)

READING_COLOUR = "#1f5fa8"
TARGET_COLOUR = "#b3261e"
REQUIRED_COLOUR = "#6b6b6b"
PROJECTION_COLOUR = "#1f5fa8"
GRID_COLOUR = "#dddddd"
AXIS_COLOUR = "#000000"
FONT = (
    "'DejaVu Sans', Verdana, 'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', "
    "'PingFang SC', 'Microsoft YaHei', sans-serif"
)

# The figure, in points (7 x 3 inches); font sizes, tick and padding lengths in points.
WIDTH = 504.0
HEIGHT = 216.0
TICK_SIZE = 9.0
LEGEND_SIZE = 8.0
LABEL_SIZE = 7.0
TICK_LENGTH = 3.5
TICK_PAD = 3.5
AXIS_LABEL_PAD = 4.0
EDGE = 3.0
# A text's box from its baseline, in ems: up to the ascent, down to the descent.
ASCENT = 0.76
DESCENT = 0.24
# Room left around the data, as a share of its range (matplotlib's margins).
X_MARGIN = 0.08
Y_MARGIN = 0.15
# A single day is shown two years either side (as matplotlib's date axis does).
SINGLE_DAY_SPAN = 730.5
# A target's label stands LABEL_OFFSET points above its star; labels are stacked
# LABEL_GAP points apart; the layout is redone at most LABEL_PASSES times to make room.
STAR_SIZE = 12.0
LABEL_OFFSET = 8.0
LABEL_GAP = 3.0
LABEL_PASSES = 8
MARKER_RADIUS = 3.0

# Finest step between value ticks that a unit's numbers still tell apart.
FINEST = {"percent": Decimal("0.1"), "currency": Decimal("0.01")}
FINEST_CHINESE_COUNT = Decimal("0.001")


@dataclass(frozen=True)
class Line:
    """A line in data coordinates (day numbers, values), and how it is drawn."""

    points: tuple[tuple[float, float], ...]
    colour: str
    width: float
    dashes: str | None = None
    markers: bool = False


@dataclass(frozen=True)
class Star:
    """A target at its deadline, with its id."""

    day: float
    value: float
    text: str


@dataclass(frozen=True)
class LegendEntry:
    text: str
    colour: str
    width: float
    dashes: str | None = None
    marker: str | None = None  # "circle", "star" or none
    line: bool = True


@dataclass
class Plot:
    """What a chart draws, in data coordinates."""

    lines: list[Line] = field(default_factory=list)
    levels: list[tuple[float, str]] = field(default_factory=list)  # recurring targets
    stars: list[Star] = field(default_factory=list)
    legend: list[LegendEntry] = field(default_factory=list)

    def add_entry(self, entry: LegendEntry) -> None:
        if all(e.text != entry.text for e in self.legend):
            self.legend.append(entry)


@dataclass(frozen=True)
class Label:
    """A target's id by its star: centred at `x`, its baseline at `baseline`."""

    text: str
    x: float
    baseline: float
    width: float

    @property
    def box(self) -> Box:
        half = self.width / 2
        top = self.baseline - ASCENT * LABEL_SIZE
        return (self.x - half, top, self.x + half, self.baseline + DESCENT * LABEL_SIZE)


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in points of the figure."""

    frame: Box
    days: tuple[float, float]
    values: tuple[float, float]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    axis_label: str
    labels: tuple[Label, ...] = ()
    legend: Box | None = None

    def x(self, day: float) -> float:
        left, _top, right, _bottom = self.frame
        low, high = self.days
        return left + (day - low) / (high - low) * (right - left)

    def y(self, value: float) -> float:
        _left, top, _right, bottom = self.frame
        low, high = self.values
        return bottom - (value - low) / (high - low) * (bottom - top)


def indicator_chart(
    indicator: Indicator, readings: Sequence[Reading], assessments: Sequence[Assessment]
) -> str:
    """An inline SVG (no XML prolog, no fixed size) charting one indicator."""
    plot = indicator_plot(readings, assessments)
    return svg_of(plot, chart_layout(plot, indicator))


def indicator_plot(readings: Sequence[Reading], assessments: Sequence[Assessment]) -> Plot:
    """What the chart of an indicator draws: its readings, and each target."""
    plot = Plot()
    points = sorted(((r.date.end, float(r.value)) for r in readings), key=lambda p: p[0])
    if points:
        days = tuple((float(day.toordinal()), value) for day, value in points)
        plot.lines.append(Line(days, READING_COLOUR, 1.5, markers=True))
        plot.add_entry(LegendEntry(_("readings"), READING_COLOUR, 1.5, marker="circle"))
    for a in assessments:
        _add_target(plot, a)
    return plot


DOTTED = "1.2 1.98"  # matplotlib's ':' at 1.2 points
DASHED = "4.44 1.92"  # its '--' at 1.2 points
LEVEL_DOTS = "1 1.65"  # its ':' at 1 point


def _add_target(plot: Plot, a: Assessment) -> None:
    target = a.target
    if target.kind == "growth":
        return
    goal = float(target.value)
    if target.kind == "recurring":
        text = _("{target} (each year)").format(target=target.id)
        plot.levels.append((goal, text))
        plot.add_entry(LegendEntry(text, TARGET_COLOUR, 1.0, dashes=LEVEL_DOTS))
        return
    assert target.deadline is not None
    deadline = target.deadline.end
    day = float(deadline.toordinal())
    plot.stars.append(Star(day, goal, target.id))
    star = LegendEntry(_("target at its deadline"), TARGET_COLOUR, 1.0, marker="star", line=False)
    plot.add_entry(star)
    if a.base is not None and a.base.date < deadline:
        start = (float(a.base.date.toordinal()), float(a.base.value))
        plot.lines.append(Line((start, (day, goal)), REQUIRED_COLOUR, 1.2, DOTTED))
        plot.add_entry(LegendEntry(_("required path"), REQUIRED_COLOUR, 1.2, DOTTED))
    projected = float(a.projected) if a.projected is not None else math.nan
    if a.latest is not None and math.isfinite(projected) and a.latest.date < deadline:
        start = (float(a.latest.date.toordinal()), float(a.latest.value))
        end = (day, projected)
        plot.lines.append(Line((start, end), PROJECTION_COLOUR, 1.2, DASHED))
        entry = LegendEntry(_("projection at observed pace"), PROJECTION_COLOUR, 1.2, DASHED)
        plot.add_entry(entry)


def _axis_unit(indicator: Indicator) -> str:
    """The y axis's unit: the indicator's own (its Chinese one in Chinese), % for shares."""
    unit = indicator.unit_info
    if unit.family == "percent":
        return "%"
    if current() == "zh":
        return numbers.measure_word(unit, indicator.unit_zh)
    return indicator.unit


def _day_range(plot: Plot) -> tuple[float, float] | None:
    days = [d for line in plot.lines for d, _v in line.points] + [s.day for s in plot.stars]
    if not days:
        return None
    low, high = min(days), max(days)
    span = high - low
    pad = SINGLE_DAY_SPAN * (1 + 2 * X_MARGIN) if span == 0 else span * X_MARGIN
    return low - pad, high + pad


def _value_range(plot: Plot, integer: bool) -> tuple[float, float]:
    values = [v for line in plot.lines for _d, v in line.points]
    values += [s.value for s in plot.stars] + [v for v, _t in plot.levels]
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if high - low <= max(abs(low), abs(high)) * 1e-12:
        # One value: 5% either side (as matplotlib widens it), at least the whole numbers
        # either side of a count or of zero.
        pad = abs(high) * 0.05
        if integer or pad == 0:
            pad = max(pad, 1.0)
        low, high = low - pad, high + pad
    span = high - low
    return low - span * Y_MARGIN, high + span * Y_MARGIN


def chart_layout(plot: Plot, indicator: Indicator) -> Layout:
    """Where everything goes: the axes sized to their tick labels, every target's label by
    its star and apart from the others, the figure's margins grown until each label is
    inside it, and the legend where it hides least."""
    unit = indicator.unit_info
    axis_label = _axis_unit(indicator)
    days = _day_range(plot)
    integer = unit.family == "count"
    values = _value_range(plot, integer)
    finest = FINEST.get(unit.family, FINEST_CHINESE_COUNT if numbers.chinese() else Decimal(0))

    def writer(value: Decimal) -> str:
        return numbers.number(value, unit)

    band = TICK_SIZE * (ASCENT + DESCENT)
    top, right = EDGE, EDGE * 2
    bottom = EDGE + TICK_LENGTH + TICK_PAD + band
    extra_left = 0.0
    layout: Layout | None = None
    for _pass in range(LABEL_PASSES):
        bins = max(1, min(9, math.floor((HEIGHT - top - bottom) / (2 * TICK_SIZE))))
        y_ticks = labelled_ticks(*values, bins=bins, integer=integer, finest=finest, write=writer)
        widest = max((text_width(text, TICK_SIZE) for _v, text in y_ticks), default=0.0)
        left = EDGE + (band + AXIS_LABEL_PAD if axis_label else 0.0)
        left += widest + TICK_PAD + TICK_LENGTH + extra_left
        x_ticks = fitting_date_ticks(*days, WIDTH - left - right, TICK_SIZE) if days else ()
        layout = Layout(
            (left, top, WIDTH - right, HEIGHT - bottom),
            days or (0.0, 1.0),
            values,
            y_ticks,
            x_ticks,
            axis_label,
        )
        layout = replace(layout, labels=tuple(stacked(layout, plot.stars)))
        over_left, over_top, over_right = _overflow(layout)
        if max(over_left, over_top, over_right) <= 0.01:
            break
        extra_left = min(WIDTH / 3, extra_left + max(0.0, over_left))
        right = min(WIDTH / 3, right + max(0.0, over_right))
        top = min(HEIGHT / 2, top + max(0.0, over_top))
    assert layout is not None
    return replace(layout, legend=_legend_place(layout, plot))


def _overflow(layout: Layout) -> tuple[float, float, float]:
    """How far the targets' labels and the ticks' labels reach past the figure's left, top
    and right edges (less EDGE), in points: negative when they are inside."""
    boxes = [label.box for label in layout.labels]
    _left, _top, _right, bottom = layout.frame
    for day, text in layout.x_ticks:
        half = text_width(text, TICK_SIZE) / 2
        boxes.append((layout.x(day) - half, bottom, layout.x(day) + half, HEIGHT))
    for value, _text in layout.y_ticks:  # only their height matters: the left is made to fit
        baseline = layout.y(value) + 0.35 * TICK_SIZE
        boxes.append((EDGE, baseline - ASCENT * TICK_SIZE, EDGE, baseline))
    return (
        max((EDGE - box[0] for box in boxes), default=0.0),
        max((EDGE - box[1] for box in boxes), default=0.0),
        max((box[2] - (WIDTH - EDGE) for box in boxes), default=0.0),
    )


def stacked(layout: Layout, stars: Sequence[Star]) -> list[Label]:
    """Each star's label, LABEL_OFFSET points above it, lifted past any label below it or
    any other target's star that it would meet, LABEL_GAP points apart (`svg_axes.lifts`)."""
    half = STAR_SIZE / 2
    centres = [(layout.x(s.day), layout.y(s.value)) for s in stars]
    labels = [
        Label(s.text, x, y - LABEL_OFFSET, text_width(s.text, LABEL_SIZE))
        for s, (x, y) in zip(stars, centres, strict=True)
    ]
    star_boxes = [(x - half, y - half, x + half, y + half) for x, y in centres]
    shifts = lifts([label.box for label in labels], star_boxes, LABEL_GAP)
    return [
        replace(label, baseline=label.baseline - shift)
        for label, shift in zip(labels, shifts, strict=True)
    ]


# The legend, as matplotlib lays it out (in ems of its font): a handle two ems long, text
# 0.8 em after it, rows 1.5 em apart, 0.4 em inside its box, 0.5 em inside the axes.
HANDLE = 2.0
HANDLE_PAD = 0.8
ROW = 1.5
BORDER = 0.4
AXES_PAD = 0.5
# Where the legend may go, in matplotlib's order of preference for "best": (x, y), each
# 0 (left or top), 0.5 (centre) or 1 (right or bottom).
# ("right" and "center right" are one place: it is tried once).
LEGEND_PLACES = (
    (1.0, 0.0), (0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.5),
    (0.0, 0.5), (0.5, 1.0), (0.5, 0.0), (0.5, 0.5),
)  # fmt: skip


def legend_size(plot: Plot) -> tuple[float, float]:
    size = LEGEND_SIZE
    texts = max((text_width(e.text, size) for e in plot.legend), default=0.0)
    width = (2 * BORDER + HANDLE + HANDLE_PAD) * size + texts
    height = (len(plot.legend) * ROW - (ROW - 1) + 2 * BORDER) * size
    return width, height


def _legend_place(layout: Layout, plot: Plot) -> Box | None:
    """The legend's box: the first place (in matplotlib's order) that covers the fewest
    points, lines, stars and labels."""
    if not plot.legend:
        return None
    width, height = legend_size(plot)
    left, top, right, bottom = layout.frame
    pad = AXES_PAD * LEGEND_SIZE
    places = []
    for across, down in LEGEND_PLACES:
        x0 = left + pad + (right - left - 2 * pad - width) * across
        y0 = top + pad + (bottom - top - 2 * pad - height) * down
        places.append((x0, y0, x0 + width, y0 + height))
    lines = [[(layout.x(d), layout.y(v)) for d, v in line.points] for line in plot.lines]
    lines += [[(left, layout.y(v)), (right, layout.y(v))] for v, _t in plot.levels]
    stars = [(layout.x(s.day), layout.y(s.value)) for s in plot.stars]
    return least_covered(places, lines, stars, [label.box for label in layout.labels])


def svg_of(plot: Plot, layout: Layout) -> str:
    """The chart as SVG text, drawn from the back: the grid, the targets' levels and lines,
    the axes and their ticks, the readings, the targets' labels and stars, the legend."""
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" '
        f'viewBox="0 0 {WIDTH:g} {HEIGHT:g}" version="1.1" font-family="{FONT}">',
        f'<rect width="{WIDTH:g}" height="{HEIGHT:g}" fill="#ffffff"/>',
    ]
    left, _top, right, _bottom = layout.frame
    if layout.y_ticks:
        grid = "".join(f"M{num(left)} {num(layout.y(v))}H{num(right)}" for v, _t in layout.y_ticks)
        out.append(f'<path d="{grid}" {stroke(GRID_COLOUR, 0.6)}/>')
    for value, _text in plot.levels:
        level = f"M{num(left)} {num(layout.y(value))}H{num(right)}"
        out.append(f'<path d="{level}" {stroke(TARGET_COLOUR, 1.0, LEVEL_DOTS)}/>')
    out.extend(_line(layout, line) for line in plot.lines if not line.markers)
    out.extend(_axes(layout))
    out.extend(_line(layout, line) for line in plot.lines if line.markers)
    out.extend(_targets(plot, layout))
    if layout.legend is not None:
        out.extend(_legend(plot, layout.legend))
    out.append("</svg>")
    return "\n".join(out)


def _axes(layout: Layout) -> list[str]:
    """The left and bottom spines, their ticks, the ticks' labels and the unit's label."""
    left, top, right, bottom = layout.frame
    ys = [(layout.y(value), text) for value, text in layout.y_ticks]
    xs = [(layout.x(day), text) for day, text in layout.x_ticks]
    spines = f"M{num(left)} {num(top)}V{num(bottom)}H{num(right)}"
    spines += "".join(f"M{num(left)} {num(y)}h-{TICK_LENGTH:g}" for y, _t in ys)
    spines += "".join(f"M{num(x)} {num(bottom)}v{TICK_LENGTH:g}" for x, _t in xs)
    out = [
        f'<path d="{spines}" {stroke(AXIS_COLOUR, 0.8)}/>',
        f'<g font-size="{TICK_SIZE:g}" fill="{AXIS_COLOUR}">',
    ]
    tick_x = num(left - TICK_LENGTH - TICK_PAD)
    for y, text in ys:
        baseline = num(y + 0.35 * TICK_SIZE)
        out.append(f'<text x="{tick_x}" y="{baseline}" text-anchor="end">{escaped(text)}</text>')
    under = num(bottom + TICK_LENGTH + TICK_PAD + ASCENT * TICK_SIZE)
    for x, text in xs:
        out.append(f'<text x="{num(x)}" y="{under}" text-anchor="middle">{escaped(text)}</text>')
    if layout.axis_label:
        widest = max((text_width(t, TICK_SIZE) for _y, t in ys), default=0.0)
        across = left - TICK_LENGTH - TICK_PAD - widest - AXIS_LABEL_PAD - DESCENT * TICK_SIZE
        middle = (top + bottom) / 2
        out.append(
            f'<text transform="rotate(-90)" x="{num(-middle)}" y="{num(across)}" '
            f'text-anchor="middle">{escaped(layout.axis_label)}</text>'
        )
    out.append("</g>")
    return out


def _targets(plot: Plot, layout: Layout) -> list[str]:
    """Each target's label where `stacked` put it, then its star."""
    out = []
    if layout.labels:
        out.append(f'<g font-size="{LABEL_SIZE:g}" fill="{TARGET_COLOUR}" text-anchor="middle">')
        out.extend(
            f'<text x="{num(label.x)}" y="{num(label.baseline)}">{escaped(label.text)}</text>'
            for label in layout.labels
        )
        out.append("</g>")
    if plot.stars:
        out.append(f'<g fill="{TARGET_COLOUR}" stroke="{TARGET_COLOUR}" stroke-width="1">')
        out.extend(
            f'<polygon points="{star_points(layout.x(s.day), layout.y(s.value), STAR_SIZE / 2)}"/>'
            for s in plot.stars
        )
        out.append("</g>")
    return out


def _line(layout: Layout, line: Line) -> str:
    points = [(num(layout.x(d)), num(layout.y(v))) for d, v in line.points]
    path = "M" + "L".join(f"{x} {y}" for x, y in points)
    drawn = (
        f'<path d="{path}" {stroke(line.colour, line.width, line.dashes)} stroke-linejoin="round"/>'
    )
    if not line.markers:
        return drawn
    circles = "".join(f'<circle cx="{x}" cy="{y}" r="{MARKER_RADIUS:g}"/>' for x, y in points)
    return f'{drawn}\n<g fill="{line.colour}" stroke="{line.colour}" stroke-width="1">{circles}</g>'


def _legend(plot: Plot, box: Box) -> list[str]:
    """The legend in `box`: a row per entry, its handle (a line, a marker or both), its text."""
    size = LEGEND_SIZE
    out = [f'<g font-size="{size:g}" fill="{AXIS_COLOUR}">']
    x0 = box[0] + BORDER * size
    handle_end = x0 + HANDLE * size
    centre = num((x0 + handle_end) / 2)
    for row, entry in enumerate(plot.legend):
        middle = box[1] + (BORDER + row * ROW + 0.5) * size
        y = num(middle)
        if entry.line:
            drawn = stroke(entry.colour, entry.width, entry.dashes)
            out.append(f'<path d="M{num(x0)} {y}H{num(handle_end)}" {drawn}/>')
        paint = f'fill="{entry.colour}" stroke="{entry.colour}" stroke-width="1"'
        if entry.marker == "circle":
            out.append(f'<circle cx="{centre}" cy="{y}" r="{MARKER_RADIUS:g}" {paint}/>')
        elif entry.marker == "star":
            corners = star_points((x0 + handle_end) / 2, middle, STAR_SIZE / 2)
            out.append(f'<polygon points="{corners}" {paint}/>')
        text_x = num(handle_end + HANDLE_PAD * size)
        baseline = num(middle + 0.35 * size)
        out.append(f'<text x="{text_x}" y="{baseline}">{escaped(entry.text)}</text>')
    out.append("</g>")
    return out
