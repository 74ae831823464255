"""Level targets: final states first, then the chosen method for an open target."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.assessment.bounds import interval_of
from sdtrack.core.assessment.level import assess_level
from sdtrack.core.assessment.results import Assessment, Outlook, Status
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period

from ...test_assessment import indicator, readings

SERIES = ((2018, 100), (2019, 110), (2020, 120), (2021, 130), (2022, 140))


def level(ind: Indicator, rs: list[Reading], as_of: str, method: Any = "cagr-ratio") -> Assessment:
    return assess_level(ind, ind.targets[0], rs, dt.date.fromisoformat(as_of), method)


def test_met_target_is_achieved_whatever_the_trend() -> None:
    """70 → 55 against 'at most 100' is achieved, although it is falling."""
    ind = indicator({"comparison": "at_most", "value": 100, "deadline": 2030})
    result = level(ind, readings((2015, 70), (2023, 55)), "2024-01-01")
    assert result.status is Status.ACHIEVED


def test_single_reading_is_not_assessable() -> None:
    """One reading and no baseline gives no trend: 'not assessable', said plainly."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    result = level(ind, readings((2020, 50)), "2024-01-01")
    assert result.status is Status.NOT_ASSESSABLE
    assert "two different dates" in result.band


def test_no_reading_is_no_data() -> None:
    """An open target without readings has no data."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    assert level(ind, [], "2024-01-01").status is Status.NO_DATA


def test_passed_deadline_without_reading_awaits_data() -> None:
    """Past the deadline with no reading at or after it, the target awaits data."""
    ind = indicator({"comparison": "more_than", "value": 270000, "deadline": 2025})
    rs = readings(("2023-06-30", 180000), ("2024-06-30", 224000))
    waiting = level(ind, rs, "2026-02-01")
    assert waiting.status is Status.AWAITING_DATA
    assert waiting.band == "awaiting the 2025 figure, expected by 2026-03-31"
    assert waiting.outlook is Outlook.LIKELY_MET
    overdue = level(ind, rs, "2026-11-22")
    assert overdue.status is Status.OVERDUE
    assert overdue.band == "the 2025 figure was expected by 2026-03-31"
    assert (overdue.awaited, overdue.expected_by) == (Period.year(2025), dt.date(2026, 3, 31))
    assert overdue.outlook is Outlook.LIKELY_MET


def test_passed_deadline_is_judged_on_the_reading_nearest_it() -> None:
    """With readings at or after the deadline, the one nearest the deadline decides."""
    ind = indicator({"comparison": "more_than", "value": 270000, "deadline": 2025})
    rs = readings((2024, 224000), (2025, 265000), ("2026-06", 290000))
    result = level(ind, rs, "2026-11-22")
    assert result.status is Status.MISSED
    assert result.judged is not None
    assert result.judged.value == Decimal(265000)


def test_as_of_ignores_later_readings() -> None:
    """Judged as of a day, readings for periods ending after it are ignored."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    rs = readings((2020, 50), (2021, 60), (2022, 120))
    result = level(ind, rs, "2022-06-30")
    assert result.latest is not None
    assert result.latest.value == Decimal(60)
    assert result.status is not Status.ACHIEVED


def test_progress_is_baseline_aware_and_correct_for_at_most() -> None:
    """Progress is the share of the way from baseline to target, for falling targets too."""
    rising = indicator(
        {
            "comparison": "at_least",
            "value": 300,
            "deadline": 2030,
            "baseline": {"value": 100, "date": 2020},
        }
    )
    assert level(rising, readings((2022, 150)), "2023-01-01").progress == pytest.approx(0.25)
    falling = indicator(
        {
            "comparison": "at_most",
            "value": 50,
            "deadline": 2030,
            "baseline": {"value": 150, "date": 2020},
        }
    )
    result = level(falling, readings((2022, 100)), "2023-01-01")
    assert result.progress == pytest.approx(0.5)
    assert result.gap == Decimal(50)


def test_met_before_the_deadline_but_not_at_it() -> None:
    """A value met earlier and lost by the deadline is missed, and the band says so."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2024})
    result = level(ind, readings((2023, 120), (2024, 90)), "2025-06-01")
    assert result.status is Status.MISSED
    assert result.band == "met before the deadline, not at it"


def test_the_chosen_method_judges_an_open_target() -> None:
    """The same series is banded by the method asked for, and the result names it."""
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    rs = readings((2020, 100), (2022, 102))
    assert level(ind, rs, "2023-01-01", "cagr-ratio").band == "limited progress"
    projection = level(ind, rs, "2023-01-01", "projection")
    assert (projection.band, projection.method) == ("marginal progress", "projection")


def test_a_final_state_overrides_the_method_but_keeps_its_numbers() -> None:
    """Achieved by linear-trend: the status is the final one, the trend's numbers stay."""
    ind = indicator({"comparison": "at_least", "value": 130, "deadline": 2030})
    result = level(ind, readings(*SERIES), "2023-01-01", "linear-trend")
    assert (result.status, result.band) == (Status.ACHIEVED, "target met")
    assert result.trend_change == Decimal(10)
    assert result.miss_share == 0.0
    assert result.method == "linear-trend"


def test_linear_trend_falls_back_to_cagr_ratio_with_a_warning() -> None:
    """Three readings are too few for linear-trend: cagr-ratio judges; the warnings say so."""
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    result = level(ind, readings(*SERIES[:3]), "2023-01-01", "linear-trend")
    assert result.method == "cagr-ratio"
    assert result.warnings == (
        "linear-trend needs at least 4 readings (there are 3); judged with cagr-ratio instead",
        "the latest reading (2020) is stale",
    )
    assert (result.status, result.band) == (Status.ON_TRACK, "on track")
    assert result.ratio == level(ind, readings(*SERIES[:3]), "2023-01-01").ratio
    assert result.trend_change is None


def test_no_reading_keeps_the_method_asked_for() -> None:
    """Without readings no method runs, so there is no fallback and no warning."""
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    result = level(ind, [], "2023-01-01", "linear-trend")
    assert (result.method, result.warnings) == ("linear-trend", ())


def test_passed_deadline_without_a_trend_warns() -> None:
    """Past the deadline with one reading, the warning says why nothing was projected."""
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2024})
    result = level(ind, readings((2023, 100)), "2025-06-01")
    assert result.band == "the 2024 figure was expected by 2025-03-31"
    assert result.outlook is None
    assert result.warnings == (
        "no trend to project: needs readings at two different dates",
        "the latest reading (2023) is stale",
    )


def test_gigabit_cities_are_never_projected_past_the_sixteen_that_exist() -> None:
    """3, 12, then 15 of Shandong's 16 cities: the projection stops at 16, the target of
    16 is reachable, and nothing reads '21.3 cities at the deadline'."""
    ind = indicator(
        {"comparison": "at_least", "value": 16, "deadline": 2024},
        unit="cities",
        limit=16,
        integer=True,
    )
    rs = readings((2021, 3), (2022, 12), ("2024-06-18", 15))
    for method in ("cagr-ratio", "projection", "linear-trend"):
        result = assess_level(ind, ind.targets[0], rs, dt.date(2024, 7, 1), method)  # type: ignore[arg-type]
        for projected in (result.projected, result.projected_linear):
            assert projected is None or projected <= 16, method


limited = st.integers(min_value=1, max_value=1000)


@given(
    values=st.lists(limited, min_size=2, max_size=7),
    limit=limited,
    goal=limited,
    method=st.sampled_from(["cagr-ratio", "projection", "linear-trend"]),
)
def test_no_projection_crosses_a_natural_limit(
    values: list[int], limit: int, goal: int, method: str
) -> None:
    """Whatever the series, no projection exceeds the limit or falls below zero, and a
    reach date exists only for a goal within the limit."""
    capped = [min(v, limit) for v in values]
    ind = indicator(
        {"comparison": "at_least", "value": min(goal, limit), "deadline": 2035}, limit=limit
    )
    rs = readings(*((2015 + i, v) for i, v in enumerate(capped)))
    result = assess_level(ind, ind.targets[0], rs, dt.date(2024, 1, 1), method)  # type: ignore[arg-type]
    for projected in (result.projected, result.projected_linear):
        assert projected is None or 0 <= projected <= limit


@given(
    latest=limited,
    goal=limited,
    qualifier=st.sampled_from(["over", "under", "about", "nearly"]),
    comparison=st.sampled_from(["at_least", "more_than", "at_most", "less_than"]),
    as_of=st.sampled_from(["2025-06-01", "2031-06-01"]),
)
def test_a_qualified_reading_is_never_judged_more_surely_than_its_exact_values(
    latest: int, goal: int, qualifier: str, comparison: str, as_of: str
) -> None:
    """A final verdict (achieved, missed) on "over / under / about / nearly v" is one that
    every exact value the qualifier allows would also get."""
    ind = indicator({"comparison": comparison, "value": goal, "deadline": 2030})
    bounded = readings((2020, 100), ("2030-12-31", f"{qualifier} {latest}"))
    judged = assess_level(ind, ind.targets[0], bounded, dt.date.fromisoformat(as_of))
    if not judged.status.is_final:
        return
    allowed = interval_of(Decimal(latest), qualifier)
    inside = [
        v
        for v in (allowed.low, allowed.high, Decimal(latest))
        if v is not None and allowed.contains(v)
    ]
    inside += [Decimal(latest) + step for step in (Decimal("0.5"), Decimal("-0.5"))]
    for value in (v for v in inside if allowed.contains(v) and v >= 0):
        exact = readings((2020, 100), ("2030-12-31", str(value)))
        other = assess_level(ind, ind.targets[0], exact, dt.date.fromisoformat(as_of))
        assert other.status is judged.status, value
