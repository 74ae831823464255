"""The release calendar: when a period's figure can be expected, and its state on a day."""

from __future__ import annotations

import datetime as dt

import pytest

from sdtrack.core.periods import Period
from sdtrack.core.releases import (
    DEFAULT_RELEASE_LAG_MONTHS,
    expected_by,
    figure_state,
    is_overdue,
    release_lag,
)

from ..test_assessment import indicator


def test_each_precision_has_its_default_lag() -> None:
    """A year's figure three months after it ends, a month's and a day's one month after."""
    assert DEFAULT_RELEASE_LAG_MONTHS == {"year": 3, "month": 1, "day": 1}
    x = indicator()
    assert release_lag(x, Period.year(2025)) == 3
    assert release_lag(x, Period.month(2025, 6)) == 1


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period.year(2025), dt.date(2026, 3, 31)),
        (Period.month(2025, 11), dt.date(2025, 12, 31)),
        (Period.month(2025, 12), dt.date(2026, 1, 31)),
        (Period.month(2024, 1), dt.date(2024, 2, 29)),  # a leap February's last day
        (Period.day(dt.date(2024, 4, 10)), dt.date(2024, 5, 31)),
        (Period.day(dt.date(2025, 12, 31)), dt.date(2026, 1, 31)),
    ],
    ids=str,
)
def test_expected_by_is_the_last_day_of_the_month_the_lag_after(
    period: Period, expected: dt.date
) -> None:
    """The figure is expected by the end of the month that is the lag after the period."""
    assert expected_by(indicator(), period) == expected


def test_an_indicator_overrides_the_lag() -> None:
    """`release_lag_months` replaces the default, for every precision; 0 is the period's
    own month."""
    slow = indicator(release_lag_months=6)
    assert release_lag(slow, Period.year(2025)) == 6
    assert expected_by(slow, Period.year(2025)) == dt.date(2026, 6, 30)
    assert expected_by(slow, Period.month(2025, 10)) == dt.date(2026, 4, 30)
    prompt = indicator(release_lag_months=0)
    assert expected_by(prompt, Period.year(2025)) == dt.date(2025, 12, 31)


def test_a_year_figure_is_expected_on_31_march_and_overdue_the_day_after() -> None:
    """On 2026-03-31 the 2025 figure is expected (not overdue); on 2026-04-01 it is
    overdue."""
    x, year = indicator(), Period.year(2025)
    assert not is_overdue(x, year, dt.date(2026, 3, 31))
    assert is_overdue(x, year, dt.date(2026, 4, 1))
    assert figure_state(x, year, dt.date(2026, 3, 31)) == "expected"
    assert figure_state(x, year, dt.date(2026, 4, 1)) == "overdue"


def test_a_period_not_ended_is_upcoming_and_ended_on_its_last_day() -> None:
    """Before its last day a period's figure is upcoming; on that day it is expected."""
    x, year = indicator(), Period.year(2025)
    assert figure_state(x, year, dt.date(2025, 12, 30)) == "upcoming"
    assert figure_state(x, year, dt.date(2025, 12, 31)) == "expected"
    immediate = indicator(release_lag_months=0)
    assert figure_state(immediate, year, dt.date(2025, 12, 31)) == "expected"
    assert figure_state(immediate, year, dt.date(2026, 1, 1)) == "overdue"
