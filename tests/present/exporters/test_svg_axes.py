"""The charts' axes and geometry: round value ticks (as matplotlib's MaxNLocator), date ticks
by day, month and year, text widths (CJK wider than Latin), escaping, boxes and stacking."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.present.exporters.svg_axes import (
    char_width,
    covered,
    crosses,
    date_ticks,
    escaped,
    fitting_date_ticks,
    labelled_ticks,
    least_covered,
    lifts,
    meet,
    multiples,
    num,
    star_points,
    stroke,
    text_width,
    value_ticks,
)


def _day(text: str) -> float:
    return float(dt.date.fromisoformat(text).toordinal())


# Each range's ticks as matplotlib's MaxNLocator(nbins, integer, steps=[1, 2, 2.5, 5, 10])
# gives them (checked against matplotlib 3.9 when the charts stopped using it).
MAX_N_LOCATOR = [
    ((0, 1, 9, False), "0.2", ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
    ((-0.3, 10.7, 9, False), "2", ["0", "2", "4", "6", "8", "10"]),
    ((3, 16, 9, True), "2", ["4", "6", "8", "10", "12", "14", "16"]),
    ((0.001, 0.0047, 9, False), "0.0005", ["0.001", "0.0015", "0.002", "0.0025", "0.003",
                                           "0.0035", "0.004", "0.0045"]),
    ((-150, 120, 9, False), "50", ["-150", "-100", "-50", "0", "50", "100"]),
    ((2.3e13, 1.6e14, 9, False), "2E+13", ["40000000000000", "60000000000000",
                                           "80000000000000", "100000000000000",
                                           "120000000000000", "140000000000000",
                                           "160000000000000"]),
    ((0.2, 1.8, 9, True), "0.2", ["0.2", "0.4", "0.6", "0.8", "1", "1.2", "1.4", "1.6", "1.8"]),
    ((-1, 1, 5, False), "0.5", ["-1", "-0.5", "0", "0.5", "1"]),
    ((1234, 1299, 7, False), "10", ["1240", "1250", "1260", "1270", "1280", "1290"]),
]  # fmt: skip


@pytest.mark.parametrize(("limits", "step", "ticks"), MAX_N_LOCATOR)
def test_value_ticks_are_max_n_locators(
    limits: tuple[float, float, int, bool], step: str, ticks: list[str]
) -> None:
    low, high, bins, integer = limits
    found_step, found = value_ticks(low, high, bins=bins, integer=integer)
    assert found_step == Decimal(step)
    assert [str(t) for t in found] == ticks


def test_a_count_with_room_for_whole_numbers_ticks_at_whole_numbers() -> None:
    """A count over 3.6 to 16.4 cities ticks at whole numbers, never at 15.6."""
    step, ticks = value_ticks(3.6, 16.4, bins=9, integer=True)
    assert step >= 1
    assert all(t == t.to_integral_value() for t in ticks)


def test_no_step_is_finer_than_finest() -> None:
    """A share written to one decimal never gets a step of 0.02."""
    step, ticks = value_ticks(45.01, 45.09, bins=9, finest=Decimal("0.1"))
    assert step >= Decimal("0.1")
    assert all(t.as_tuple().exponent >= -1 for t in ticks)  # type: ignore[operator]


def test_value_ticks_refuse_an_empty_range() -> None:
    with pytest.raises(ValueError, match="no range"):
        value_ticks(1.0, 1.0)
    with pytest.raises(ValueError, match="no range"):
        value_ticks(0.0, math.inf)


@given(
    st.floats(min_value=-1e14, max_value=1e14),
    st.floats(min_value=1e-6, max_value=1e14),
    st.integers(1, 9),
    st.booleans(),
)
def test_value_ticks_are_exact_round_multiples_inside_the_range(
    low: float, span: float, bins: int, integer: bool
) -> None:
    """Every tick is a whole multiple of a round step (1, 2, 2.5 or 5 times a power of
    ten), written exactly (0.3, never 0.30000000000000004), inside the range, evenly spaced,
    at most bins + 1 of them."""
    high = low + span
    if high <= low:
        return
    step, ticks = value_ticks(low, high, bins=bins, integer=integer)
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in (1, 2, Decimal("2.5"), 5)
    tolerance = span * 1e-9 + 1e-9 * max(abs(low), abs(high))
    for tick in ticks:
        assert low - tolerance <= float(tick) <= high + tolerance
        assert tick % step == 0
    for a, b in itertools.pairwise(ticks):
        assert b - a == step
    # At most one step finer than bins intervals allow, when that gives fewer than two.
    assert 2 <= len(ticks) <= 2.5 * bins + 1


def test_multiples_are_exact_decimals() -> None:
    assert [str(t) for t in multiples(0.05, 0.35, Decimal("0.1"))] == ["0.1", "0.2", "0.3"]
    assert [str(t) for t in multiples(-250000, 250000, Decimal("2.5E+5"))] == [
        "-250000",
        "0",
        "250000",
    ]


def test_labelled_ticks_coarsen_until_no_two_labels_read_the_same() -> None:
    """Ticks 0.2 apart written as whole numbers (0, 0, 0, 1) go to a coarser step."""

    def whole(value: Decimal) -> str:
        return str(round(value))

    labelled = labelled_ticks(0, 1, bins=9, integer=False, finest=Decimal(0), write=whole)
    assert labelled == ((0.0, "0"), (1.0, "1"))  # not 0, 0, 0, 1, 1, 1 (0.2 apart)


@pytest.mark.parametrize(
    ("low", "high", "labels"),
    [
        ("2024-03-01", "2024-03-03", ["2024-03-01", "2024-03-02", "2024-03-03"]),
        ("2024-03-01", "2024-03-11", [f"2024-03-{n:02d}" for n in range(1, 12)]),
        ("2024-01-15", "2024-09-20", [f"2024-{n:02d}" for n in range(2, 10)]),
        ("2019-06-01", "2028-03-01", [str(year) for year in range(2020, 2029)]),
        ("1900-01-01", "2100-01-01", [str(year) for year in range(1900, 2101, 20)]),
        ("2024-01-01", "2024-01-01", ["2024-01-01"]),
    ],
)
def test_date_ticks_by_day_month_and_year(low: str, high: str, labels: list[str]) -> None:
    """Days under five months, months under five years, years beyond: each tick on the
    first of its month (or January the first), labelled 2024-03-01, 2024-07 or 2024."""
    ticks = date_ticks(_day(low), _day(high))
    assert [text for _d, text in ticks] == labels
    for day, text in ticks:
        date = dt.date.fromordinal(int(day))
        assert date.isoformat().startswith(text)


def test_date_ticks_thin_out_to_the_room_there_is() -> None:
    """Eleven days with room for four ticks: every seventh day from the first (1, 8, as
    matplotlib's weekly ticks); 30 years with room for four: every ten years; 13 months
    with room for five: every fourth month from January."""
    days = date_ticks(_day("2024-03-01"), _day("2024-03-11"), room=4)
    assert [text for _d, text in days] == ["2024-03-01", "2024-03-08"]
    years = date_ticks(_day("1995-06-01"), _day("2025-06-01"), room=4)
    assert [text for _d, text in years] == ["2000", "2010", "2020"]
    months = date_ticks(_day("2023-12-15"), _day("2025-01-15"), room=5)
    assert [text for _d, text in months] == ["2024-01", "2024-05", "2024-09", "2025-01"]


def test_date_ticks_beyond_the_calendar_are_clamped() -> None:
    """A range reaching past year 9999 (a margin around a far deadline) still ticks."""
    ticks = date_ticks(_day("9990-01-01"), float(dt.date.max.toordinal()) + 400)
    assert ticks
    assert ticks[-1][1] == "9999"


def test_fitting_date_ticks_fit_their_labels() -> None:
    """On a narrow axis full dates are fewer: each label, with two ems between, fits."""
    low, high = _day("2024-03-01"), _day("2024-03-11")
    wide = fitting_date_ticks(low, high, 500, 9)
    narrow = fitting_date_ticks(low, high, 150, 9)
    assert len(narrow) < len(wide)
    assert len(narrow) * (text_width("2024-03-01", 9) + 2 * 9) <= 150 + text_width("0", 9)


def test_cjk_characters_are_an_em_wide_and_latin_narrower() -> None:
    """读数 takes two ems; two Latin letters less; a combining accent nothing."""
    assert text_width("读数", 10) == pytest.approx(20.0)
    assert text_width("ab", 10) < text_width("读数", 10)
    assert text_width("readings", 10) < text_width("读数读数读数读数", 10)
    assert char_width("万") == char_width("Ａ") == 1.0  # full-width forms too
    assert char_width("\u0301") == 0.0
    assert 0 < char_width("é") < 1.0
    assert text_width("i", 10) < text_width("W", 10)
    assert text_width("", 10) == 0.0


def test_text_width_scales_with_size() -> None:
    assert text_width("250,000", 18) == pytest.approx(2 * text_width("250,000", 9))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ('"><a href="x">', "&quot;&gt;&lt;a href=&quot;x&quot;&gt;"),
        ("' onmouseover='x", "&#39; onmouseover=&#39;x"),
        ("]]><x/>", "]]&gt;&lt;x/&gt;"),
        ("&lt;", "&amp;lt;"),
        ("\x1b[2J\x00\x9b", "\ufffd[2J\ufffd\ufffd"),
        ("\ud800", "\ufffd"),
        ("个 万 ok", "个 万 ok"),
    ],
)
def test_escaped_text_is_inert(text: str, shown: str) -> None:
    assert escaped(text) == shown


@given(st.text())
def test_escaped_text_has_no_markup(text: str) -> None:
    shown = escaped(text)
    assert "<" not in shown
    assert ">" not in shown
    assert '"' not in shown
    assert "'" not in shown
    assert "&" not in shown.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "").replace(
        "&quot;", ""
    ).replace("&#39;", "")


def test_meet_and_crosses() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    assert meet(box, (5.0, 5.0, 15.0, 15.0))
    assert not meet(box, (10.0, 0.0, 20.0, 10.0))  # touching is not meeting
    assert crosses((-5.0, 5.0), (15.0, 5.0), box)  # straight through
    assert crosses((5.0, 5.0), (6.0, 6.0), box)  # inside
    assert not crosses((-5.0, -5.0), (-1.0, 20.0), box)  # beside it
    assert not crosses((11.0, 0.0), (20.0, 10.0), box)
    assert crosses((-5.0, 5.0), (5.0, 15.0), box)  # across a corner


def test_covered_counts_points_and_segments() -> None:
    line = [(0.0, 0.0), (5.0, 5.0), (20.0, 5.0), (30.0, 30.0)]
    assert covered(line, (4.0, 4.0, 6.0, 6.0)) == 3  # one point, two segments through it
    assert covered(line, (100.0, 0.0, 110.0, 10.0)) == 0
    assert covered(line, (10.0, 4.0, 12.0, 6.0)) == 1  # one segment, no point


def test_least_covered_takes_the_first_empty_place() -> None:
    line = [(0.0, 0.0), (10.0, 10.0)]
    places = [(0.0, 0.0, 4.0, 4.0), (6.0, 0.0, 10.0, 4.0), (0.0, 6.0, 4.0, 10.0)]
    assert least_covered(places, [line], [], []) == places[1]
    assert least_covered(places, [line], [(8.0, 2.0)], []) == places[2]
    assert least_covered(places[:1], [line], [], []) == places[0]  # no better place
    with pytest.raises(ValueError, match="no place"):
        least_covered([], [line], [], [])


def test_lifts_stack_boxes_apart() -> None:
    """Three labels in one place go up one above the other, `gap` apart; a label over
    another's star goes above it; its own star never moves it."""
    label = (0.0, 90.0, 50.0, 100.0)
    shifts = lifts([label, label, label], [], 3.0)
    assert sorted(shifts) == [0.0, 13.0, 26.0]
    own = lifts([label], [(20.0, 95.0, 30.0, 105.0)], 3.0)
    assert own == [0.0]
    other = lifts(
        [label, (200.0, 0.0, 210.0, 10.0)], [(0.0, 0.0, 1.0, 1.0), (20.0, 95.0, 30.0, 105.0)], 3.0
    )
    assert other[0] == pytest.approx(8.0)  # 3 points above the other target's star
    assert other[1] == 0.0


@given(
    st.lists(
        st.tuples(st.floats(0, 100), st.floats(0, 100), st.floats(1, 60), st.floats(1, 12)),
        max_size=8,
    )
)
def test_lifted_boxes_never_meet(specs: list[tuple[float, float, float, float]]) -> None:
    boxes = [(x, y, x + w, y + h) for x, y, w, h in specs]
    shifts = lifts(boxes, [], 3.0)
    moved = [(b[0], b[1] - s, b[2], b[3] - s) for b, s in zip(boxes, shifts, strict=True)]
    assert all(s >= 0 for s in shifts)
    for a, b in itertools.combinations(moved, 2):
        grown = (a[0], a[1] - 3.0 + 1e-6, a[2], a[3] + 3.0 - 1e-6)
        assert not meet(grown, b)


def test_svg_syntax_is_fixed() -> None:
    """Coordinates to two decimals, strokes without a fill, a star's ten corners."""
    assert num(1 / 3) == "0.33"
    assert num(-0.0001) == "-0.00"
    assert stroke("#000000", 1.0) == 'fill="none" stroke="#000000" stroke-width="1"'
    assert stroke("#000000", 1.2, "4 2").endswith('stroke-width="1.2" stroke-dasharray="4 2"')
    corners = star_points(10.0, 10.0, 6.0).split()
    assert len(corners) == 10
    assert corners[0] == "10.00,4.00"  # the top point
    xs = [float(c.split(",")[0]) for c in corners]
    assert min(xs) >= 10.0 - 6.0
    assert max(xs) <= 10.0 + 6.0
