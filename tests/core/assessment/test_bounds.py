"""Qualified figures as intervals, and when a bound settles a target."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.assessment.bounds import (
    gap_bound,
    interval_of,
    progress_bound,
    settles,
)
from sdtrack.core.model import Target

from ...test_assessment import indicator

QUALIFIERS = [None, "over", "under", "about", "nearly"]
COMPARISONS = ["at_least", "more_than", "at_most", "less_than", "about"]


def target(comparison: str, value: object) -> Target:
    return indicator(
        {"comparison": comparison, "value": value, "deadline": 2030}, unit="yuan"
    ).targets[0]


@pytest.mark.parametrize(
    ("value", "qualifier", "comparison", "goal", "expected"),
    [
        ("2 trillion", "over", "more_than", "2.4 trillion", None),
        ("2.4 trillion", "over", "more_than", "2.4 trillion", True),
        ("2.4 trillion", None, "more_than", "2.4 trillion", False),
        ("2.4 trillion", "nearly", "at_least", "2.4 trillion", False),
        ("2.4 trillion", "about", "at_least", "2.4 trillion", None),
        ("5000", "under", "more_than", "5000", False),
        ("5000", "under", "at_most", "5000", True),
        ("100", "about", "about", "100", True),
        ("108", "about", "about", "100", None),
        ("150", "about", "about", "100", False),
    ],
)
def test_a_bound_settles_a_target_only_when_its_whole_interval_does(
    value: str, qualifier: str | None, comparison: str, goal: str, expected: bool | None
) -> None:
    t = target(comparison, goal)
    assert settles(_number(value), qualifier, t) is expected


def _number(text: str) -> Decimal:
    return Decimal(text.replace(" trillion", "e12"))


def test_the_gap_from_a_lower_bound_is_at_most() -> None:
    """From "over 2 trillion" to "more than 2.4 trillion" at most 400 billion remain, and
    at least that share of the way is done; from "under" it is the other way round."""
    rising = target("more_than", "2.4 trillion")
    assert (gap_bound("over", rising), progress_bound("over", rising)) == ("at_most", "at_least")
    assert (gap_bound("under", rising), progress_bound("under", rising)) == ("at_least", "at_most")
    falling = target("at_most", 10)
    assert gap_bound("over", falling) == "at_least"
    assert gap_bound(None, rising) is None
    assert gap_bound("about", rising) == "about"


values = st.decimals(min_value=1, max_value=10**6, places=2, allow_nan=False)


@given(
    value=values,
    goal=values,
    qualifier=st.sampled_from(QUALIFIERS),
    comparison=st.sampled_from(COMPARISONS),
    fraction=st.decimals(min_value=0, max_value=1, places=3),
)
def test_a_qualifier_never_makes_a_verdict_more_certain_than_an_exact_value(
    value: Decimal, goal: Decimal, qualifier: str | None, comparison: str, fraction: Decimal
) -> None:
    """When a bound settles a target, every exact value it allows settles it the same way."""
    t = target(comparison, str(goal))
    verdict = settles(value, qualifier, t)
    if verdict is None:
        return
    allowed = interval_of(value, qualifier)
    low = allowed.low if allowed.low is not None else value - 10**7
    high = allowed.high if allowed.high is not None else value + 10**7
    inside = low + (high - low) * fraction
    if allowed.contains(inside):
        assert settles(inside, None, t) is verdict
