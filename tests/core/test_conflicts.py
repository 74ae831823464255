"""Readings of one moment: corroborations, conflicts and the reading that counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.conflicts import (
    agrees_with,
    conflicts_with,
    disagree,
    find_conflicts,
    group_readings,
    interval_of,
    same_moment,
)
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period, parse_period

from ..conftest import make_reading


def indicator(kind: str = "stock", better: str | None = None) -> Indicator:
    unit = "%" if kind == "share" else "base stations"
    return Indicator.model_validate(
        {"id": "5g-base-stations", "name": "5G", "unit": unit, "kind": kind, "better": better}
    )


STOCK, FLOW, LOWER = indicator(), indicator("flow"), indicator(better="lower")


def reading(value: int, date: str, source: str = "Dazhong Daily", **more: object) -> Reading:
    return make_reading(value=Decimal(value), date=parse_period(date), source=source, **more)


def test_a_month_and_a_day_in_it_are_one_moment_for_a_stock_only() -> None:
    """2024-06 and 2024-06-18 are one moment of a stock or share, not of a flow; a year
    figure is the year-end value, so 2024 and a day in it are two moments."""
    month, day = parse_period("2024-06"), parse_period("2024-06-18")
    assert same_moment(STOCK, month, day)
    assert same_moment(STOCK, day, month)
    assert same_moment(indicator("share"), month, day)
    assert not same_moment(FLOW, month, day)
    assert same_moment(FLOW, month, parse_period("2024-06"))
    assert not same_moment(STOCK, parse_period("2024"), day)
    assert not same_moment(STOCK, parse_period("2024-07"), day)
    assert not same_moment(STOCK, day, parse_period("2024-06-19"))


def test_qualified_readings_are_intervals() -> None:
    """over, under, about and nearly allow the documented intervals (about: 5 %)."""
    about = interval_of(reading(200, "2024", qualifier="about"))
    assert (about.low, about.high) == (Decimal(190), Decimal(210))
    nearly = interval_of(reading(200, "2024", qualifier="nearly"))
    assert (nearly.low, nearly.high, nearly.high_open) == (Decimal(190), Decimal(200), True)
    over = interval_of(reading(200, "2024", qualifier="over"))
    assert (over.low, over.low_open, over.high) == (Decimal(200), True, None)
    assert not disagree(reading(205, "2024"), reading(200, "2024", qualifier="about"))
    assert disagree(reading(211, "2024"), reading(200, "2024", qualifier="about"))
    assert disagree(reading(200, "2024"), reading(200, "2024", qualifier="over"))
    assert disagree(reading(200, "2024"), reading(200, "2024", qualifier="nearly"))
    assert not disagree(reading(199, "2024", qualifier="under"), reading(190, "2024"))
    assert not disagree(
        reading(200, "2024", qualifier="over"), reading(300, "2024", qualifier="under")
    )
    assert disagree(reading(200, "2024", qualifier="under"), reading(200, "2024", qualifier="over"))


def test_the_issue_case_counts_the_least_favourable_figure() -> None:
    """300,000 for 2024-06 beside 224,000 on 2024-06-18: one disputed moment, and the
    lower figure counts (higher is better), so the target cannot look achieved."""
    recorded = reading(224000, "2024-06-18", id="r-dazhong")
    other = reading(300000, "2024-06", "Another Paper", id="r-other")
    groups = group_readings(STOCK, [recorded, other])
    assert len(groups) == 1
    group = groups[0]
    assert group.chosen is recorded
    assert group.conflicting == (other,)
    assert group.disputed
    assert group.sources == 1
    assert group.period == parse_period("2024-06-18")
    assert find_conflicts(STOCK, [recorded, other]) == [group]
    assert conflicts_with(STOCK, other, [recorded]) == [recorded]
    # Lower is better: the higher figure is the less favourable one.
    assert group_readings(LOWER, [recorded, other])[0].chosen is other


def test_a_second_source_with_the_same_figure_corroborates() -> None:
    """The same value from another source is one figure with 2 sources, no conflict."""
    first = reading(224000, "2024-06-18", id="r-a")
    second = reading(224000, "2024-06-18", "Shandong Bureau", id="r-b")
    again = reading(224000, "2024-06-18", " dazhong  DAILY ", id="r-c")
    (group,) = group_readings(STOCK, [first, second, again])
    assert group.chosen is first
    assert group.sources == 2
    assert not group.disputed
    assert group.agreeing == (first, second, again)
    assert agrees_with(STOCK, second, [first]) == [first]
    assert conflicts_with(STOCK, second, [first]) == []


def test_an_exact_value_inside_a_bound_is_used() -> None:
    """A bound and an exact value inside it are compatible; the exact value counts."""
    bound = reading(220000, "2024-06-18", "A", qualifier="over", id="r-bound")
    exact = reading(224000, "2024-06-18", "B", id="r-exact")
    (group,) = group_readings(STOCK, [bound, exact])
    assert group.chosen is exact
    assert not group.disputed
    # A third, disjoint figure conflicts with the exact one, not with the bound's anchor.
    high = reading(300000, "2024-06-18", "C", id="r-high")
    (group,) = group_readings(STOCK, [bound, high, exact])
    assert group.chosen is exact
    assert group.conflicting == (high,)


def test_a_bound_below_a_disputed_pair_counts_when_it_is_all_that_agrees() -> None:
    """'under 200,000' against 300,000: the bound is the least favourable and counts."""
    under = reading(200000, "2024", "A", qualifier="under", id="r-under")
    exact = reading(300000, "2024", "B", id="r-exact")
    (group,) = group_readings(STOCK, [exact, under])
    assert group.chosen is under
    assert group.conflicting == (exact,)


def test_moments_are_ordered_and_separate() -> None:
    """Groups come oldest first; a year and a day in it, or a flow's month and day, are
    separate moments; a month with no day reading is a moment of its own."""
    readings = [
        reading(3, "2024-06-18"),
        reading(1, "2023"),
        reading(2, "2024"),
        reading(4, "2024-05"),
    ]
    groups = group_readings(STOCK, readings)
    assert [str(g.period) for g in groups] == ["2023", "2024-05", "2024-06-18", "2024"]
    assert len(group_readings(FLOW, [reading(1, "2024-06"), reading(2, "2024-06-18")])) == 2


def test_a_month_joins_the_day_it_agrees_with() -> None:
    """With two days in a month, a month figure joins the latest day it agrees with."""
    early = reading(220000, "2024-06-05", id="r-early")
    late = reading(230000, "2024-06-25", id="r-late")
    month = reading(220000, "2024-06", "Other", id="r-month")
    groups = group_readings(STOCK, [early, late, month])
    assert [g.readings for g in groups] == [(early, month), (late,)]
    assert groups[0].sources == 2  # the month figure corroborates the day
    assert not groups[0].disputed
    disjoint = reading(100000, "2024-06", "Other", id="r-far")
    groups = group_readings(STOCK, [early, late, disjoint])
    assert [g.readings for g in groups] == [(early,), (late, disjoint)]
    assert groups[1].chosen is disjoint
    assert groups[1].conflicting == (late,)


QUALIFIERS = st.sampled_from([None, None, "over", "under", "about", "nearly"])
PERIODS = st.sampled_from(["2023", "2024", "2024-06", "2024-06-18", "2024-06-30", "2025"])
READINGS = st.lists(
    st.builds(
        lambda value, date, source, qualifier: reading(
            value, date, source, qualifier=qualifier, recorded=dt.datetime(2026, 1, 1)
        ),
        st.integers(0, 20).map(lambda n: n * 10),
        PERIODS,
        st.sampled_from(["A", "B", "C"]),
        QUALIFIERS,
    ),
    max_size=8,
)


@given(READINGS, st.sampled_from(["D", "E"]), st.sampled_from([STOCK, LOWER, FLOW]))
def test_a_corroborating_reading_never_changes_what_counts(
    readings: list[Reading], source: str, which: Indicator
) -> None:
    """Adding a reading that repeats the chosen one (another source) changes neither the
    chosen value nor the conflicts; the sources grow by one."""
    for group in group_readings(which, readings):
        copy = group.chosen.model_copy(update={"source": source, "id": "r-copy"})
        after = next(
            g
            for g in group_readings(which, [*readings, copy])
            if any(r is copy for r in g.readings)
        )
        assert (after.chosen.value, after.chosen.qualifier) == (
            group.chosen.value,
            group.chosen.qualifier,
        )
        assert after.conflicting == group.conflicting
        assert after.sources == group.sources + 1


@given(READINGS, st.sampled_from([STOCK, FLOW]))
def test_groups_cover_every_reading_once_in_a_stable_order(
    readings: list[Reading], which: Indicator
) -> None:
    """Every reading is in exactly one group; groups are ordered by moment and the same
    input gives the same groups; conflicting readings really disagree with the chosen."""
    groups = group_readings(which, readings)
    members = [id(r) for g in groups for r in g.readings]
    assert sorted(members) == sorted(id(r) for r in readings)
    periods: list[Period] = [g.period for g in groups]
    assert periods == sorted(periods)
    assert group_readings(which, readings) == groups
    for group in groups:
        assert all(r in group.readings for r in group.conflicting)
        assert not any(r is group.chosen for r in group.conflicting)
        pairs_disagree = any(disagree(a, b) for a in group.readings for b in group.readings)
        assert pairs_disagree == group.disputed


@given(READINGS, READINGS, st.sampled_from([STOCK, FLOW]))
def test_the_new_readings_group_is_found_from_its_neighbours(
    current: list[Reading], new: list[Reading], which: Indicator
) -> None:
    """conflicts_with and agrees_with group only the new reading's period or month, and
    agree with grouping the whole series."""
    for reading in new[:2]:
        whole = next(
            g
            for g in group_readings(which, [*current, reading])
            if any(r is reading for r in g.readings)
        )
        against = [r for r in whole.readings if r is not reading and disagree(r, reading)]
        assert conflicts_with(which, reading, current) == against
        same = [
            r
            for r in whole.readings
            if r is not reading and (r.value, r.qualifier) == (reading.value, reading.qualifier)
        ]
        assert agrees_with(which, reading, current) == same
