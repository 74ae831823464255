"""The pieces of the HTML report's charts that are not the chart itself: round ticks for
values (as matplotlib's MaxNLocator chooses them, relabelled coarser when two would read
alike), dates by year, month or day (as its AutoDateLocator, as many as fit), the width a
text takes, text escaped for SVG, and the geometry a chart is laid out with (boxes that
meet, labels lifted apart, the place a legend covers least) and the SVG syntax it is
written in (a star's corners, coordinates to two decimals, strokes).

Standard library only. A width is measured with DejaVu Sans's advances (the font the charts
were drawn in with matplotlib, and one of the widest common sans-serif fonts), a CJK
character as one em, so that a label laid out here has room whichever font the browser
draws it in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal

# Steps between value ticks: 1, 2, 2.5 or 5 times a power of ten (matplotlib's AutoLocator).
MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))

# DejaVu Sans's advance widths, in thousandths of an em, of the printable ASCII characters
# (space to tilde), read from the font with FreeType.
_ASCII_WIDTHS = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
)  # fmt: skip
WIDTHS = {chr(32 + n): width / 1000 for n, width in enumerate(_ASCII_WIDTHS)}
OTHER_WIDTH = 0.75  # a letter outside ASCII (é, ж): wider than most, so that it fits

# Control characters (bar tab and line breaks) and lone surrogates: shown as U+FFFD, as the
# HTML report shows them everywhere else (`html_report.visible`).
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def escaped(text: str) -> str:
    """`text` as SVG text or an attribute's value: markup escaped, controls as U+FFFD."""
    return INVISIBLE.sub("\ufffd", text).translate(ESCAPES)


def char_width(character: str) -> float:
    """One character's advance, in ems."""
    width = WIDTHS.get(character)
    if width is not None:
        return width
    if unicodedata.combining(character) or unicodedata.category(character) in ("Mn", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return 1.0
    return OTHER_WIDTH


def text_width(text: str, size: float) -> float:
    """The width `text` takes at font size `size` (in the same unit as `size`)."""
    if text.isascii() and text.isprintable():
        return sum(map(WIDTHS.__getitem__, text)) * size
    return sum(map(char_width, text)) * size


def value_ticks(
    low: float, high: float, *, bins: int = 9, integer: bool = False, finest: Decimal = Decimal(0)
) -> tuple[Decimal, tuple[Decimal, ...]]:
    """Round values between `low` and `high` (both included): the step and the ticks.

    As matplotlib's MaxNLocator: the smallest step of 1, 2, 2.5 or 5 times a power of ten
    that gives at most `bins` intervals, or a finer one when that leaves fewer than two
    ticks. `integer` (a count) keeps steps of whole numbers when the range holds two of them;
    no step is finer than `finest`. Each tick is an exact multiple of the step: 0.3 is 0.3,
    never 0.30000000000000004."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        raise ValueError(f"no range between {low!r} and {high!r}")
    raw = (high - low) / max(1, bins)
    exponent = math.floor(math.log10(raw))
    steps = sorted(
        {m.scaleb(exponent + shift) for shift in (-1, 0, 1) for m in MANTISSAS}
        | {Decimal(2).scaleb(exponent + 1)}
    )
    if integer:
        steps = [s for s in steps if s < 1 or s == s.to_integral_value()]
        if math.floor(high) - math.ceil(low) >= 1:
            steps = sorted({max(Decimal(1), s) for s in steps})
    steps = [s for s in steps if s >= finest] or [_at_least(finest)]
    first = next((n for n, s in enumerate(steps) if float(s) >= raw), len(steps) - 1)
    ticks: tuple[Decimal, ...] = ()
    for step in reversed(steps[: first + 1]):
        ticks = multiples(low, high, step)
        if len(ticks) >= 2:
            return step, ticks
    return steps[0], ticks


def labelled_ticks(
    low: float,
    high: float,
    *,
    bins: int,
    integer: bool,
    finest: Decimal,
    write: Callable[[Decimal], str],
) -> tuple[tuple[float, str], ...]:
    """`value_ticks`, each with its label as `write` writes it; a coarser step (twice the
    last) when two ticks would read the same (a share written to one decimal), up to six
    times."""
    labelled: tuple[tuple[float, str], ...] = ()
    for _attempt in range(6):
        step, ticks = value_ticks(low, high, bins=bins, integer=integer, finest=finest)
        labelled = tuple((float(t), write(t)) for t in ticks)
        if len({text for _v, text in labelled}) == len(labelled):
            break
        finest = step * 2
    return labelled


def _at_least(finest: Decimal) -> Decimal:
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) not finer than `finest`."""
    exponent = finest.adjusted()
    return min(
        m.scaleb(e) for e in (exponent, exponent + 1) for m in MANTISSAS if m.scaleb(e) >= finest
    )


def multiples(low: float, high: float, step: Decimal) -> tuple[Decimal, ...]:
    """Every whole multiple of `step` from `low` to `high`, as exact decimals."""
    size = float(step)
    first = math.ceil(low / size - 1e-9)
    last = math.floor(high / size + 1e-9)
    return tuple(_plain(Decimal(k) * step) for k in range(first, last + 1))


def _plain(value: Decimal) -> Decimal:
    """A tick as the number it is: 250000, not 2.5E+5; 0.3, not 0.30."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


# Dates: matplotlib's AutoDateLocator, with its intervals and tick counts, and its
# AutoDateFormatter's formats (2024, 2024-07, 2024-07-15).
YEARLY = (1, 2, 4, 5, 10, 20, 40, 50, 100, 200, 400, 500, 1000, 2000, 4000, 5000)
MONTHLY = (1, 2, 3, 4, 6, 12)
DAILY = (1, 2, 3, 7, 14)
MAX_TICKS = {"year": 11, "month": 12, "day": 11}
MIN_TICKS = 5
FIRST_DAY = dt.date.min.toordinal()
LAST_DAY = dt.date.max.toordinal()


def date_ticks(low: float, high: float, *, room: int = 11) -> tuple[tuple[float, str], ...]:
    """Ticks on a time axis from day `low` to day `high` (proleptic ordinals, as
    `date.toordinal`): each tick's day and its label.

    Years when the range spans five of them, else months when five, else days; the
    interval is the first that gives at most `room` ticks (as many labels as fit)."""
    start = dt.date.fromordinal(max(FIRST_DAY, min(LAST_DAY, math.ceil(low))))
    end = dt.date.fromordinal(max(FIRST_DAY, min(LAST_DAY, math.floor(high))))
    if end < start:
        return ()
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    days = (end - start).days
    if months // 12 >= MIN_TICKS:
        interval = _interval(months // 12, YEARLY, min(MAX_TICKS["year"], room))
        return tuple(
            (float(dt.date(year, 1, 1).toordinal()), f"{year:04d}")
            for year in range(start.year + ((start.month, start.day) > (1, 1)), end.year + 1)
            if year % interval == 0
        )
    if months >= MIN_TICKS:
        interval = _interval(months, MONTHLY, min(MAX_TICKS["month"], room))
        ticks = []
        for index in range(
            start.year * 12 + start.month - 1 + (start.day > 1), end.year * 12 + end.month
        ):
            year, month = divmod(index, 12)
            if month % interval == 0:
                label = f"{year:04d}" if interval == 12 else f"{year:04d}-{month + 1:02d}"
                ticks.append((float(dt.date(year, month + 1, 1).toordinal()), label))
        return tuple(ticks)
    interval = _interval(days, DAILY, min(MAX_TICKS["day"], room)) if days >= MIN_TICKS else 1
    return tuple(
        (float(day.toordinal()), day.isoformat())
        for day in (start + dt.timedelta(days=n) for n in range(days + 1))
        if interval == 1 or ((day.day - 1) % interval == 0 and day.day + interval <= 32)
    )


def fitting_date_ticks(
    low: float, high: float, width: float, size: float
) -> tuple[tuple[float, str], ...]:
    """`date_ticks` over an axis `width` long, as many as their labels fit at font size
    `size` (each with a gap of two ems): measured first as years, then as the labels the
    ticks turned out to have (2024-07, 2024-07-15)."""
    ticks: tuple[tuple[float, str], ...] = ()
    label = "0000"
    for _attempt in range(3):
        room = math.floor(width / (text_width(label, size) + 2 * size))
        ticks = date_ticks(low, high, room=max(2, room))
        widest = max((text for _d, text in ticks), key=len, default=label)
        if len(widest) <= len(label):
            break
        label = widest
    return ticks


def _interval(count: int, intervals: tuple[int, ...], ticks: int) -> int:
    """The first interval giving at most `ticks` ticks over `count` units, else the last."""
    return next((i for i in intervals if count <= i * (max(2, ticks) - 1)), intervals[-1])


# Geometry, in points of the figure (y grows downwards, as in SVG).
Box = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]
STAR_INNER = 0.381966  # a five-pointed star's inner radius, as a share of its outer one


def meet(a: Box, b: Box) -> bool:
    """Whether two boxes overlap (touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def covered(points: Sequence[Point], box: Box) -> int:
    """How many of a line's points are in `box`, plus how many of its segments cross it
    (its points run left to right)."""
    left, top, right, bottom = box
    xs = [x for x, _y in points]
    first = bisect.bisect_left(xs, left)
    last = bisect.bisect_right(xs, right)
    count = sum(1 for _x, y in points[first:last] if top <= y <= bottom)
    for n in range(max(0, first - 1), min(last, len(points) - 1)):
        if crosses(points[n], points[n + 1], box):
            count += 1
    return count


def crosses(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment from `a` to `b` meets `box` (Liang-Barsky clipping)."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def lifts(boxes: Sequence[Box], stars: Sequence[Box], gap: float) -> list[float]:
    """How far to lift each box (a target's label) so that it meets no other box and no
    star but its own (`boxes[n]` is `stars[n]`'s), `gap` apart from each.

    Boxes are taken from the lowest up (then from the left); one that comes within `gap`
    of a box already placed, or of another star, goes up just past it, and is checked
    again. A box only ever goes up (each move strictly further), so the loop ends."""
    shifts = [0.0] * len(boxes)
    placed: list[Box] = []
    for n in sorted(range(len(boxes)), key=lambda n: (-boxes[n][3], boxes[n][0])):
        left, top, right, bottom = boxes[n]
        obstacles = placed + [box for m, box in enumerate(stars) if m != n]
        shift = 0.0
        clash = True
        while clash:
            clash = False
            for o_left, o_top, o_right, o_bottom in obstacles:
                lifted = bottom - o_top + gap  # just past the obstacle
                if (
                    left < o_right
                    and o_left < right
                    and top - shift < o_bottom + gap
                    and shift < lifted  # (not o_top - gap < bottom - shift: float rounding)
                ):
                    shift = lifted
                    clash = True
        shifts[n] = shift
        placed.append((left, top - shift, right, bottom - shift))
    return shifts


def least_covered(
    places: Sequence[Box],
    lines: Sequence[Sequence[Point]],
    marks: Sequence[Point],
    boxes: Sequence[Box],
) -> Box:
    """The first of `places` (a legend's) that covers the fewest of the lines' points and
    segments, marks and boxes."""
    best: tuple[int, Box] | None = None
    for place in places:
        badness = sum(covered(points, place) for points in lines)
        badness += sum(
            1 for x, y in marks if place[0] <= x <= place[2] and place[1] <= y <= place[3]
        )
        badness += sum(1 for box in boxes if meet(box, place))
        if best is None or badness < best[0]:
            best = (badness, place)
        if badness == 0:
            break
    if best is None:
        raise ValueError("no place to choose from")
    return best[1]


def num(value: float) -> str:
    """A coordinate as SVG writes it here: two decimals, the same bytes every run."""
    return f"{value:.2f}"


def star_points(x: float, y: float, radius: float) -> str:
    """The ten corners of a five-pointed star centred at (x, y), one point up."""
    corners = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * STAR_INNER
        angle = math.pi / 2 + k * math.pi / 5
        corners.append(f"{num(x + r * math.cos(angle))},{num(y - r * math.sin(angle))}")
    return " ".join(corners)


def stroke(colour: str, width: float, dashes: str | None = None) -> str:
    """The attributes of an unfilled stroke, dashed when `dashes` is given."""
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return f'fill="none" stroke="{colour}" stroke-width="{width:g}"{dash}'
