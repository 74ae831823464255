"""What to look up next: the figures targets and trends need, by state on a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sdtrack.core.due import DueFigure, due_figures, named
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period

from ..test_assessment import SOURCE, readings


def make(*targets: dict[str, Any], id: str = "x", kind: str = "stock", **extra: Any) -> Indicator:
    return Indicator.model_validate(
        {
            "id": id,
            "name": id.upper(),
            "unit": "things",
            "kind": kind,
            "integer": False,
            "target": [{"id": f"{id}-t{i}", "source": SOURCE, **t} for i, t in enumerate(targets)],
            **extra,
        }
    )


def of(indicator_id: str, *pairs: tuple[object, object]) -> list[Reading]:
    return [r.model_copy(update={"indicator": indicator_id}) for r in readings(*pairs)]


def due(indicators: list[Indicator], rs: list[Reading], day: str, **kw: Any) -> list[DueFigure]:
    return due_figures(indicators, rs, dt.date.fromisoformat(day), **kw)


def rows(figures: list[DueFigure]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(f.indicator.id, str(f.period), f.state, f.targets) for f in figures]


LEVEL = {"comparison": "at_least", "value": 100, "deadline": 2025}
GROWTH = {
    "kind": "growth",
    "comparison": "at_least",
    "value": "10%",
    "start": 2024,
    "deadline": 2025,
}
RECURRING = {"kind": "recurring", "comparison": "at_least", "value": 100, "start": 2024}


def test_a_level_target_needs_its_deadline_figure() -> None:
    """Without a reading at or after the deadline, the deadline's figure is due: expected
    until 31 March, overdue after, with the days either way."""
    x = make(LEVEL)
    rs = of("x", ("2024-06-30", 50))
    [expected] = due([x], rs, "2026-03-01")
    assert (expected.state, expected.expected_by, expected.days_until_expected) == (
        "expected",
        dt.date(2026, 3, 31),
        30,
    )
    assert expected.days_overdue is None
    [overdue] = due([x], rs, "2026-12-01")
    assert rows([overdue]) == [("x", "2025", "overdue", ("x-t0",))]
    assert (overdue.days_overdue, overdue.days_until_expected, overdue.need) == (
        245,
        None,
        "target",
    )


def test_a_reading_at_or_after_the_deadline_settles_a_level_target() -> None:
    """A year-end figure or a later day-dated one is the figure the target needs; a
    reading before the deadline is not, unless it already meets the target."""
    x = make(LEVEL)
    assert due([x], of("x", (2025, 90)), "2026-12-01") == []
    assert due([x], of("x", ("2026-01-15", 90)), "2026-12-01") == []
    assert rows(due([x], of("x", ("2025-11-30", 90)), "2026-12-01"))[0][1] == "2025"
    assert due([x], of("x", ("2025-11-30", 120)), "2026-12-01") == []  # already met


def test_readings_after_the_day_are_ignored() -> None:
    """Looking from an earlier day, a figure published later is still missing."""
    x = make(LEVEL)
    assert rows(due([x], of("x", ("2026-01-15", 90)), "2026-01-10")) == [
        ("x", "2025", "expected", ("x-t0",))
    ]


def test_a_growth_target_needs_every_year_from_the_year_before_its_start() -> None:
    """Growth in 2024 needs 2023's figure: 2023, 2024 and 2025 are due unless recorded as
    year figures; a day-dated reading after a year ends is no year's figure."""
    x = make(GROWTH, kind="flow")
    assert rows(due([x], [], "2026-12-01")) == [
        ("x", "2023", "overdue", ("x-t0",)),
        ("x", "2024", "overdue", ("x-t0",)),
        ("x", "2025", "overdue", ("x-t0",)),
    ]
    rs = of("x", (2023, 10), (2024, 11), ("2026-01-20", 12))
    assert rows(due([x], rs, "2026-12-01")) == [("x", "2025", "overdue", ("x-t0",))]


def test_an_open_recurring_target_needs_each_year_ended_and_the_one_under_way() -> None:
    """Without a deadline: each year from the start to the last ended, and the year under
    way as upcoming (its period ends within a year)."""
    x = make(RECURRING, kind="flow")
    assert rows(due([x], of("x", (2024, 104)), "2026-12-01")) == [
        ("x", "2025", "overdue", ("x-t0",)),
        ("x", "2026", "upcoming", ("x-t0",)),
    ]
    [upcoming] = due([x], of("x", (2024, 104), (2025, 101)), "2026-12-01")
    assert (upcoming.period, upcoming.days_until_expected) == (Period.year(2026), 485 - 365)


def test_upcoming_figures_beyond_a_year_only_with_every_upcoming() -> None:
    """A deadline more than a year away is listed only when every upcoming figure is asked
    for."""
    x = make({**GROWTH, "start": 2027, "deadline": 2029}, kind="flow")
    assert rows(due([x], [], "2026-03-01")) == [("x", "2026", "upcoming", ("x-t0",))]
    every = due([x], [], "2026-03-01", every_upcoming=True)
    assert [str(f.period) for f in every] == ["2026", "2027", "2028", "2029"]


def test_targets_needing_one_figure_share_its_row() -> None:
    """Two targets on one deadline, one figure: one row naming both."""
    x = make(LEVEL, {**LEVEL, "value": 200})
    assert rows(due([x], [], "2026-12-01")) == [("x", "2025", "overdue", ("x-t0", "x-t1"))]


def test_a_trend_needs_its_last_years_figure() -> None:
    """An indicator without targets needs the last year ended: a stock's reading at or
    after the year's end will do; a flow needs the year's own figure."""
    stock, flow = make(id="s"), make(id="f", kind="flow")
    [trend] = due([stock, flow], [], "2026-12-01")[:1]
    assert (trend.need, trend.targets, str(trend.period)) == ("trend", (), "2025")
    rs = [*of("s", ("2026-02-01", 5)), *of("f", ("2026-02-01", 5))]
    assert rows(due([stock, flow], rs, "2026-12-01")) == [("f", "2025", "overdue", ())]
    assert rows(due([flow], of("f", (2025, 5)), "2026-12-01")) == []
    assert rows(due([flow], [], "2025-12-31")) == [("f", "2025", "expected", ())]


def test_overdue_first_then_expected_then_upcoming_by_expected_day() -> None:
    """The most urgent first: overdue (longest overdue first), expected, upcoming."""
    a = make(RECURRING, id="a", kind="flow")
    b = make({**LEVEL, "deadline": "2026-01"}, id="b", release_lag_months=2)
    figures = due([a, b], of("a", (2024, 101), (2025, 101)), "2026-02-15")
    assert rows(figures) == [
        ("b", "2026-01", "expected", ("b-t0",)),
        ("a", "2026", "upcoming", ("a-t0",)),
    ]
    later = due([b, a], [], "2026-03-20")
    assert [(f.indicator.id, str(f.period), f.state) for f in later] == [
        ("a", "2024", "overdue"),
        ("b", "2026-01", "expected"),  # expected by 2026-03-31, listed first as b is
        ("a", "2025", "expected"),
        ("a", "2026", "upcoming"),
    ]


def test_named_keeps_the_indicators_and_targets_asked_for() -> None:
    """An indicator id keeps its figures; a target id the figures that target needs."""
    x, y = make(LEVEL, GROWTH, id="x"), make(LEVEL, id="y")
    figures = due([x, y], [], "2026-12-01")
    assert {f.indicator.id for f in named(figures, ["y"])} == {"y"}
    assert [str(f.period) for f in named(figures, ["x-t1"])] == ["2023", "2024", "2025"]
    assert named(figures, []) == []


def test_with_regions_each_target_needs_its_own_regions_figures() -> None:
    """A regional target needs its region's figure; a count-of-regions target each
    unsettled region's; city readings never settle the province's own target."""
    from sdtrack.core.regions import Geography

    geography = Geography.of((), "shandong")
    count = {"comparison": "at_least", "value": 16, "deadline": 2024,
             "each": {"comparison": "at_least", "value": 1}}  # fmt: skip
    jinan = {"comparison": "at_least", "value": 5, "deadline": 2025, "region": "jinan"}
    province = {"comparison": "at_least", "value": 5, "deadline": 2025}
    indicator = make(count, jinan, province, limit=16)
    cities = [c.id for c in geography.children(None)]
    city_readings = [
        r.model_copy(update={"region": c})
        for c in cities
        if c not in ("weifang", "heze")
        for r in of("x", ("2024", 1))
    ]
    jinan_2025 = [r.model_copy(update={"region": "jinan"}) for r in of("x", ("2025", 6))]
    figures = due([indicator], [*city_readings, *jinan_2025], "2026-12-01", geography=geography)
    found = [(str(f.period), f.region.id if f.region else None, f.targets) for f in figures]
    assert ("2024", "weifang", ("x-t0",)) in found
    assert ("2024", "heze", ("x-t0",)) in found
    assert ("2025", None, ("x-t2",)) in found
    assert not any(region == "jinan" for _p, region, _t in found)


def test_a_derived_indicator_needs_its_inputs_figures() -> None:
    """The figures of a ratio's target are its numerator's and denominator's."""
    stations = make(id="stations")
    people = make(id="people")
    ratio = make(
        {"comparison": "at_least", "value": 30, "deadline": 2027},
        id="ratio",
        formula={"kind": "ratio", "numerator": "stations", "denominator": "people", "per": 10000},
    )
    figures = due([stations, people, ratio], of("people", ("2027", 1)), "2028-06-01")
    assert [(f.indicator.id, str(f.period), f.targets) for f in figures if f.targets] == [
        ("stations", "2027", ("ratio-t0",))
    ]
