"""Periods and calendar spans."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.periods import (
    Period,
    PeriodError,
    add_years,
    parse_day,
    parse_period,
    years_between,
)


@pytest.mark.parametrize(
    ("text", "end", "precision"),
    [
        ("2023", dt.date(2023, 12, 31), "year"),
        (2023, dt.date(2023, 12, 31), "year"),
        ("2024-06", dt.date(2024, 6, 30), "month"),
        ("2024-02", dt.date(2024, 2, 29), "month"),
        ("2024-06-30", dt.date(2024, 6, 30), "day"),
        ("2024/6/30", dt.date(2024, 6, 30), "day"),
        ("2024年6月", dt.date(2024, 6, 30), "month"),
        ("2024年6月30日", dt.date(2024, 6, 30), "day"),
        ("end-2025", dt.date(2025, 12, 31), "year"),
        (dt.date(2024, 4, 10), dt.date(2024, 4, 10), "day"),
    ],
)
def test_periods_stand_for_their_end(text: object, end: dt.date, precision: str) -> None:
    """A year, month or day is read from every accepted form and stands for its last day."""
    period = parse_period(text)
    assert period.end == end
    assert period.precision == precision


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2024-13", "month 13 does not exist"),
        ("yesterday", "is not a date"),
        ("", "is not a date"),
        ("1800", "outside"),
        (True, "is not a date"),
        (dt.datetime(2024, 1, 1, 12, 0), "time of day"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(text: object, message: str) -> None:
    """An impossible or unreadable date is refused, saying why."""
    with pytest.raises(PeriodError, match=message):
        parse_period(text)


def test_parse_day_refuses_a_year() -> None:
    """Where a single day is needed (--as-of), a year is refused."""
    with pytest.raises(PeriodError, match="is a year"):
        parse_day("2025")


def test_same_date_in_another_year_is_whole_years() -> None:
    """From one date to the same date in another year is a whole number of years."""
    assert years_between(dt.date(2015, 12, 31), dt.date(2023, 12, 31)) == 8
    assert years_between(dt.date(2016, 2, 29), dt.date(2020, 2, 29)) == 4
    assert years_between(dt.date(2024, 4, 10), dt.date(2025, 4, 10)) == 1


def test_fractional_years_follow_the_calendar() -> None:
    """Half a non-leap year after a date is about 0.5 years; spans are antisymmetric."""
    span = years_between(dt.date(2025, 1, 1), dt.date(2025, 7, 2))
    assert span == pytest.approx(182 / 365)
    assert years_between(dt.date(2025, 7, 2), dt.date(2025, 1, 1)) == -span


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.floats(min_value=0, max_value=50),
)
def test_add_years_inverts_years_between(start: dt.date, years: float) -> None:
    """Adding a span then measuring it gives the span back, to within a day."""
    end = add_years(start, years)
    assert abs(years_between(start, end) - years) <= 1 / 365 + 1e-9


def test_periods_print_as_written() -> None:
    """Periods print the way users write them."""
    assert str(Period.year(2025)) == "2025"
    assert str(Period.month(2024, 6)) == "2024-06"
    assert Period.year(2025).describe() == "end-2025"


_ANY_PERIOD = st.one_of(
    st.integers(2000, 2040).map(Period.year),
    st.tuples(st.integers(2000, 2040), st.integers(1, 12)).map(lambda ym: Period.month(*ym)),
    st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)).map(Period.day),
)


@given(st.lists(_ANY_PERIOD, max_size=30))
def test_sorting_by_the_sort_key_orders_periods_as_comparing_them_does(
    periods: list[Period],
) -> None:
    """The key the ledger's sorts use gives the order of the periods' own comparison:
    by end, then start, so a year sorts before the December and the
    31 December that end with it."""
    assert sorted(periods, key=Period.sort_key) == sorted(periods)
    for earlier, later in itertools.pairwise(periods):
        assert (earlier < later) == (earlier.sort_key() < later.sort_key())
