"""The shared rules and Open SDG formulas, one by one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sdtrack.core.assessment.results import Point, Status
from sdtrack.core.assessment.rules import (
    ZERO_REPLACEMENT,
    Rates,
    annual_change,
    cagr,
    growth_rates,
    is_met,
    is_stale,
    limit_adjustment,
    months_between,
    project,
    project_linear,
    ratio_status,
    reach_date,
    replace_zero,
    target_score,
    toward_goal,
    trend_band,
    trend_score,
)
from sdtrack.core.periods import Period

from ...test_assessment import indicator


def point(year: int, value: float | str) -> Point:
    return Point(dt.date(year, 12, 31), Decimal(str(value)), Period.year(year), None)


def test_more_than_is_strict_and_at_least_is_not() -> None:
    """'more than 10' is not met by 10; 'at least 10' is."""
    strict = indicator({"comparison": "more_than", "value": 10, "deadline": 2025})
    inclusive = indicator({"comparison": "at_least", "value": 10, "deadline": 2025})
    assert not is_met(Decimal(10), strict.targets[0])
    assert is_met(Decimal(10), inclusive.targets[0])


def test_about_is_met_within_its_tolerance() -> None:
    """'about 100' is met by 96 and 104 with the default 5 % tolerance, not by 94."""
    target = indicator({"comparison": "about", "value": 100, "deadline": 2025}).targets[0]
    assert is_met(Decimal(96), target)
    assert is_met(Decimal(104), target)
    assert not is_met(Decimal(94), target)


def test_limit_adjustment_and_score_edges() -> None:
    """Without a limit C is 1; at the limit the score is the maximum."""
    assert limit_adjustment(50, None) == 1.0
    assert limit_adjustment(250, 100) == 1.0
    assert trend_score(0.01, 0.0) == 5.0


def test_limit_adjustment_shrinks_near_the_limit() -> None:
    """C = 1 − (b/limit)^4.44 below the limit, and mirrors above it."""
    assert limit_adjustment(90, 100) == pytest.approx(1 - 0.9**4.44)
    assert limit_adjustment(110, 100) == pytest.approx(1 - 0.9**4.44)
    assert limit_adjustment(100, 100) == 0.0


def test_months_between_counts_whole_months() -> None:
    """A month is whole only once its day is reached."""
    assert months_between(dt.date(2024, 1, 31), dt.date(2024, 3, 30)) == 1
    assert months_between(dt.date(2024, 1, 31), dt.date(2024, 3, 31)) == 2


def test_a_reading_is_stale_after_its_reporting_period() -> None:
    """The default 15 months: stale at 16 whole months old, not at 15; no reading never is."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    latest = point(2022, 1)
    assert not is_stale(latest, ind, dt.date(2024, 4, 30))
    assert is_stale(latest, ind, dt.date(2024, 5, 1))
    assert not is_stale(None, ind, dt.date(2040, 1, 1))


def test_cagr_and_the_zero_replacement() -> None:
    """121 from 100 over two years is 10 % a year; a zero becomes 0.001."""
    assert cagr(121, 100, 2) == pytest.approx(0.1)
    assert replace_zero(0) == ZERO_REPLACEMENT == 0.001
    assert replace_zero(-2.0) == -2.0


def test_target_score_is_linear_on_each_side_of_the_moderate_ratio() -> None:
    """R = 1 scores 2.8572, R = 0 scores −2.5, and the score stays within ±5."""
    assert target_score(1.0) == pytest.approx(2.8572)
    assert target_score(0.0) == -2.5
    assert target_score(10.0) == 5.0
    assert target_score(-10.0) == -5.0


@pytest.mark.parametrize(
    ("ratio", "status", "band"),
    [
        (0.95, Status.ON_TRACK, "on track"),
        (0.6, Status.BEHIND, "moderate progress"),
        (0.0, Status.BEHIND, "limited progress"),
        (-0.01, Status.OFF_TRACK, "moving away"),
    ],
)
def test_ratio_status_thresholds(ratio: float, status: Status, band: str) -> None:
    """R ≥ 0.95 on track, ≥ 0.6 moderate, ≥ 0 limited, below 0 moving away."""
    assert ratio_status(ratio) == (status, band)


@pytest.mark.parametrize(
    ("growth", "band"),
    [
        (0.015, "substantial progress"),
        (0.005, "moderate progress"),
        (0.0, "limited progress"),
        (-0.001, "deterioration"),
    ],
)
def test_trend_band_thresholds(growth: float, band: str) -> None:
    """1.5 % substantial, 0.5 % moderate, 0 limited, below 0 deterioration (C = 1)."""
    assert trend_band(growth, 1.0) == band


def test_growth_rates_ratio_and_its_refusals() -> None:
    """100 → 121 in two years against 200 by 2030; and why rates cannot exist."""
    target = indicator({"comparison": "at_least", "value": 200, "deadline": 2030}).targets[0]
    rates = growth_rates(point(2020, 100), point(2022, 121), target, dt.date(2030, 12, 31))
    assert isinstance(rates, Rates)
    assert rates.observed == pytest.approx(0.1)
    assert rates.required == pytest.approx(2**0.1 - 1)
    assert rates.ratio == pytest.approx(0.1 / (2**0.1 - 1))
    same_day = growth_rates(point(2020, 100), point(2020, 121), target, dt.date(2030, 12, 31))
    assert same_day == "needs readings at two different dates"
    late = growth_rates(point(2031, 100), point(2032, 121), target, dt.date(2030, 12, 31))
    assert late == "the base date is not before the deadline"
    flipped = growth_rates(point(2020, -5), point(2022, 121), target, dt.date(2030, 12, 31))
    assert flipped == "base and current values have opposite signs"
    one_day = Point(dt.date(2020, 1, 1), Decimal(1), Period.day(dt.date(2020, 1, 1)), None)
    next_day = Point(dt.date(2020, 1, 2), Decimal("1e13"), Period.day(dt.date(2020, 1, 2)), None)
    too_fast = growth_rates(one_day, next_day, target, dt.date(2030, 12, 31))
    assert too_fast == "the growth is too fast to express as a yearly rate"


def test_projection_helpers() -> None:
    """Compound and linear projections, the day the goal is reached, and the annual change."""
    start, latest = point(2020, 100), point(2022, 121)
    assert float(project(latest, 0.1, dt.date(2030, 12, 31)) or 0) == pytest.approx(121 * 1.1**8)
    assert project(latest, 1e6, dt.date(2100, 12, 31)) is None
    assert project_linear(start, latest, dt.date(2030, 12, 31)) == Decimal("205.0")
    assert project_linear(latest, latest, dt.date(2030, 12, 31)) is None
    assert annual_change(start, latest) == Decimal("10.5")
    assert reach_date(point(2022, 100), 0.1, Decimal(121)) == dt.date(2024, 12, 31)
    assert reach_date(latest, 0.0, Decimal(200)) is None


def test_toward_goal_follows_the_comparison() -> None:
    """Rising for at-least, falling for at-most, and toward the value for about."""
    rising = indicator({"comparison": "at_least", "value": 10, "deadline": 2030}).targets[0]
    falling = indicator({"comparison": "at_most", "value": 10, "deadline": 2030}).targets[0]
    about = indicator({"comparison": "about", "value": 10, "deadline": 2030}).targets[0]
    assert toward_goal(rising, Decimal(50)) == 1
    assert toward_goal(falling, Decimal(5)) == -1
    assert toward_goal(about, Decimal(50)) == -1
    assert toward_goal(about, Decimal(5)) == 1
