"""The status rule: growth-rate ratio, passed deadlines, growth and recurring targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.assessment import (
    Status,
    assess_target,
    assess_trend,
    is_met,
    limit_adjustment,
    trend_score,
)
from sdtrack.core.model import Indicator, Reading

SOURCE = {"document": "d", "speaker": "s", "date": "2024-01-01", "quote": "q"}


def indicator(*targets: dict[str, Any], unit: str = "things", **extra: Any) -> Indicator:
    return Indicator.model_validate(
        {
            "id": "x",
            "name": "X",
            "name_zh": "X",
            "unit": unit,
            "kind": "stock",
            "target": [{"id": f"t{i}", "source": SOURCE, **t} for i, t in enumerate(targets)],
            **extra,
        }
    )


def readings(*pairs: tuple[object, object]) -> list[Reading]:
    return [
        Reading.model_validate({"indicator": "x", "value": v, "date": d, "source": "s"})
        for d, v in pairs
    ]


def assess(ind: Indicator, rs: list[Reading], as_of: str) -> Any:
    return assess_target(ind, ind.targets[0], rs, dt.date.fromisoformat(as_of))


# Open SDG's published progress vectors (base year and value, current year and value,
# target by target year, direction): R and the status Open SDG reports. The second
# vector's inputs are published rounded to four decimals; from the rounded inputs the
# formula gives R = 0.815034 (an unrounded current value of 97.487446 gives 0.815054), so
# that row is held to the precision its inputs carry.
@pytest.mark.parametrize(
    ("base", "current", "target", "comparison", "ratio", "status", "band", "score", "tol"),
    [
        (
            (2015, 14.5),
            (2023, 10.2),
            (2030, 7.25),
            "at_most",
            0.952590,
            Status.ON_TRACK,
            "on track",
            2.51856,
            5e-7,
        ),
        (
            (2015, 95.5975),
            (2023, 97.4874),
            (2030, 100),
            "at_least",
            0.815054,
            Status.BEHIND,
            "moderate progress",
            1.53615,
            3e-5,
        ),
        (
            (2019, 42),
            (2024, 40),
            (2026, 60),
            "at_least",
            -0.185763,
            Status.OFF_TRACK,
            "moving away",
            -3.27402,
            5e-7,
        ),
        ((2015, 5), (2016, 6), (2030, 9), "at_least", None, Status.ON_TRACK, "on track", None, 0),
    ],
)
def test_growth_ratio_matches_open_sdg(
    base: tuple[int, float],
    current: tuple[int, float],
    target: tuple[int, float],
    comparison: str,
    ratio: float | None,
    status: Status,
    band: str,
    score: float | None,
    tol: float,
) -> None:
    """The observed/required CAGR ratio and its status equal Open SDG's published results."""
    ind = indicator({"comparison": comparison, "value": target[1], "deadline": target[0]})
    result = assess(ind, readings(base, current), f"{current[0] + 1}-01-01")
    assert result.status is status
    assert result.band == band
    if ratio is not None:
        assert result.ratio == pytest.approx(ratio, abs=tol)
    if score is not None:
        assert result.score == pytest.approx(score, abs=max(5e-5, 7.1429 * tol))


def test_met_target_is_achieved_whatever_the_trend() -> None:
    """70 → 55 against 'at most 100' is achieved, although it is falling."""
    ind = indicator({"comparison": "at_most", "value": 100, "deadline": 2030})
    result = assess(ind, readings((2015, 70), (2023, 55)), "2024-01-01")
    assert result.status is Status.ACHIEVED


def test_single_reading_is_not_assessable() -> None:
    """One reading and no baseline gives no trend: 'not assessable', said plainly."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    result = assess(ind, readings((2020, 50)), "2024-01-01")
    assert result.status is Status.NOT_ASSESSABLE
    assert "two different dates" in result.band


def test_no_reading_is_no_data() -> None:
    """An open target without readings has no data."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    assert assess(ind, [], "2024-01-01").status is Status.NO_DATA


def test_passed_deadline_without_reading_awaits_data() -> None:
    """Past the deadline with no reading at or after it, the target awaits data."""
    ind = indicator({"comparison": "more_than", "value": 270000, "deadline": 2025})
    result = assess(ind, readings(("2023-06-30", 180000), ("2024-06-30", 224000)), "2026-11-22")
    assert result.status is Status.AWAITING_DATA
    assert result.status not in (Status.ON_TRACK, Status.BEHIND)
    assert "likely" in result.band


def test_passed_deadline_is_judged_on_the_reading_nearest_it() -> None:
    """With readings at or after the deadline, the one nearest the deadline decides."""
    ind = indicator({"comparison": "more_than", "value": 270000, "deadline": 2025})
    rs = readings((2024, 224000), (2025, 265000), ("2026-06", 290000))
    result = assess(ind, rs, "2026-11-22")
    assert result.status is Status.MISSED
    assert result.judged is not None
    assert result.judged.value == Decimal(265000)


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


def test_as_of_ignores_later_readings() -> None:
    """Judged as of a day, readings for periods ending after it are ignored."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    rs = readings((2020, 50), (2021, 60), (2022, 120))
    result = assess(ind, rs, "2022-06-30")
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
    assert assess(rising, readings((2022, 150)), "2023-01-01").progress == pytest.approx(0.25)
    falling = indicator(
        {
            "comparison": "at_most",
            "value": 50,
            "deadline": 2030,
            "baseline": {"value": 150, "date": 2020},
        }
    )
    result = assess(falling, readings((2022, 100)), "2023-01-01")
    assert result.progress == pytest.approx(0.5)
    assert result.gap == Decimal(50)


def test_growth_target_is_met_or_missed_per_year() -> None:
    """A growth target compares each year's growth with the required rate."""
    ind = indicator(
        {
            "kind": "growth",
            "comparison": "at_least",
            "value": "10%",
            "start": 2024,
            "deadline": 2025,
        },
        unit="yuan",
    )
    rs = readings((2023, "2.0 trillion"), (2024, "2.25 trillion"), (2025, "2.4 trillion"))
    result = assess(ind, rs, "2026-11-22")
    assert [(p.year, p.met) for p in result.periods] == [(2024, True), (2025, False)]
    assert result.status is Status.MISSED


def test_recurring_target_per_year() -> None:
    """A recurring target is met in a year when that year's value reaches it."""
    ind = indicator({"kind": "recurring", "comparison": "at_least", "value": 100, "start": 2024})
    result = assess(ind, readings((2024, 104), (2025, 101)), "2026-11-22")
    assert result.status is Status.ON_TRACK
    assert [p.met for p in result.periods] == [True, True]
    missing = assess(ind, readings((2024, 104)), "2026-11-22")
    assert missing.status is Status.AWAITING_DATA


def test_trend_without_target_matches_open_sdg() -> None:
    """90 → 93.2 (2015–2021) with limit 100: 0.005840, substantial progress, score 2.81539."""
    ind = Indicator.model_validate(
        {"id": "x", "name": "X", "name_zh": "X", "unit": "%", "kind": "share"}
    )
    result = assess_trend(ind, readings((2015, 90), (2021, 93.2)), dt.date(2022, 1, 1))
    assert result.cagr_observed == pytest.approx(0.005840, abs=5e-7)
    assert result.band == "substantial progress"
    assert result.score == pytest.approx(2.81539, abs=5e-5)


def test_limit_adjustment_and_score_edges() -> None:
    """Without a limit C is 1; at the limit the score is the maximum."""
    assert limit_adjustment(50, None) == 1.0
    assert limit_adjustment(250, 100) == 1.0
    assert trend_score(0.01, 0.0) == 5.0


@given(
    base=st.integers(min_value=1, max_value=10_000),
    first=st.integers(min_value=1, max_value=10_000),
    latest=st.integers(min_value=1, max_value=10_000),
    bump=st.integers(min_value=1, max_value=10_000),
)
def test_raising_the_latest_value_never_worsens_an_at_least_verdict(
    base: int, first: int, latest: int, bump: int
) -> None:
    """For an at-least target, a higher latest value never gives a worse status."""
    order = [Status.OFF_TRACK, Status.BEHIND, Status.ON_TRACK, Status.ACHIEVED]
    ind = indicator({"comparison": "at_least", "value": base * 3, "deadline": 2030})
    low = assess(ind, readings((2020, first), (2022, latest)), "2023-01-01")
    high = assess(ind, readings((2020, first), (2022, latest + bump)), "2023-01-01")
    assert order.index(high.status) >= order.index(low.status)
