"""Indicators without a target: Open SDG's no-target growth rule."""

from __future__ import annotations

import datetime as dt

import pytest

from sdtrack.core.assessment.results import Status
from sdtrack.core.assessment.trend import assess_trend
from sdtrack.core.model import Indicator, Reading

from ...test_assessment import readings


def bare(unit: str = "%", kind: str = "share", **extra: object) -> Indicator:
    return Indicator.model_validate(
        {"id": "x", "name": "X", "name_zh": "X", "unit": unit, "kind": kind, **extra}
    )


def test_trend_without_target_matches_open_sdg() -> None:
    """90 → 93.2 (2015–2021) with limit 100: 0.005840, substantial progress, score 2.81539."""
    ind = bare()
    result = assess_trend(ind, readings((2015, 90), (2021, 93.2)), dt.date(2022, 1, 1))
    assert result.cagr_observed == pytest.approx(0.005840, abs=5e-7)
    assert result.band == "substantial progress"
    assert result.score == pytest.approx(2.81539, abs=5e-5)


def test_lower_is_better_turns_a_fall_into_progress() -> None:
    """With better = lower, falling 10 % a year is substantial progress."""
    ind = bare("things", "stock", better="lower")
    result = assess_trend(ind, readings((2020, 100), (2021, 90)), dt.date(2022, 1, 1))
    assert result.status is None
    assert result.cagr_observed == pytest.approx(0.1)
    assert result.band == "substantial progress"


def test_trends_that_cannot_be_assessed() -> None:
    """No reading is no data; one date has no trend; a sign change has no growth rate."""
    ind = bare("things", "stock")
    as_of = dt.date(2022, 1, 1)
    assert assess_trend(ind, [], as_of).status is Status.NO_DATA
    one = assess_trend(ind, readings((2020, 5)), as_of)
    assert (one.status, one.band) == (Status.NOT_ASSESSABLE, "one date only: no trend yet")
    flip = assess_trend(ind, readings((2019, -5), (2020, 5)), as_of)
    assert flip.band == "values change sign: no growth rate"


def test_under_a_year_of_readings_is_no_trend_yet() -> None:
    """220 million in April and nearly 230 million in June: sdg-build needs a current year
    at least a year after the base, so two readings months apart give no trend."""
    ind = bare(unit="terminals", kind="stock")
    rs = readings(("2024-04-10", "220 million"), ("2024-06-24", "nearly 230 million"))
    result = assess_trend(ind, rs, dt.date(2026, 12, 1))
    assert (result.status, result.band) == (
        Status.NOT_ASSESSABLE,
        "under a year of readings: no trend yet",
    )
    assert result.score is None


def test_a_context_series_moves_without_a_verdict() -> None:
    """`better = "neither"` (a population, a GDP): rising, falling or steady, no score."""
    indicator = Indicator.model_validate(
        {"id": "people", "name": "People", "unit": "people", "kind": "stock", "better": "neither"}
    )

    def series(*values: int) -> list[Reading]:
        return [
            Reading.model_validate(
                {"indicator": "people", "value": v, "date": str(2020 + i), "source": "s"}
            )
            for i, v in enumerate(values)
        ]

    as_of = dt.date(2026, 12, 1)
    falling = assess_trend(indicator, series(1000, 990), as_of)
    assert (falling.status, falling.band, falling.score) == (None, "falling (not judged)", None)
    assert assess_trend(indicator, series(1000, 1010), as_of).band == "rising (not judged)"
    assert assess_trend(indicator, series(10000, 10001), as_of).band == "steady (not judged)"
