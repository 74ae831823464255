"""The status rule end to end: Open SDG's published vectors; a higher value never hurts.

Each module's own rules are tested beside it, under tests/core/assessment/.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.assessment import Status, assess_target
from sdtrack.core.model import Indicator, Reading

SOURCE = {"document": "d", "speaker": "s", "date": "2024-01-01", "quote": "q"}


def indicator(*targets: dict[str, Any], unit: str = "things", **extra: Any) -> Indicator:
    """A stock of `unit`; measured (not only whole numbers) unless `integer` says so."""
    extra.setdefault("integer", False)
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
