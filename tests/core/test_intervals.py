"""Qualified figures as intervals."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.intervals import Interval, interval_of

QUALIFIERS = [None, "over", "under", "about", "nearly"]


def test_each_qualifier_is_its_documented_interval() -> None:
    """over v: (v, ∞); under v: (−∞, v); about v: ±5 %; nearly v: [v − 5 %, v)."""
    v = Decimal(200)
    assert interval_of(v, None) == Interval(v, v)
    assert interval_of(v, "over") == Interval(v, None, low_open=True)
    assert interval_of(v, "under") == Interval(None, v, high_open=True)
    assert interval_of(v, "about") == Interval(Decimal(190), Decimal(210))
    assert interval_of(v, "nearly") == Interval(Decimal(190), v, high_open=True)
    assert interval_of(Decimal(0), "nearly") == Interval(Decimal(0), Decimal(0))


def test_open_ends_exclude_their_value() -> None:
    over = interval_of(Decimal(5000), "over")
    assert not over.contains(Decimal(5000))
    assert over.contains(Decimal(5001))
    assert over.meet(interval_of(Decimal(5000), None)) is None
    assert interval_of(Decimal(5000), "under").meet(over) is None


def test_within_needs_every_value_inside() -> None:
    goal = Interval(Decimal(2400), None, low_open=True)
    assert interval_of(Decimal(2400), "over").within(goal)
    assert not interval_of(Decimal(2400), None).within(goal)
    assert not interval_of(Decimal(2300), "over").within(goal)


values = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)


@given(a=values, b=values, qa=st.sampled_from(QUALIFIERS), qb=st.sampled_from(QUALIFIERS))
def test_meet_is_symmetric_and_inside_both(
    a: Decimal, b: Decimal, qa: str | None, qb: str | None
) -> None:
    x, y = interval_of(a, qa), interval_of(b, qb)
    both = x.meet(y)
    assert both == y.meet(x)
    if both is not None:
        assert both.within(x)
        assert both.within(y)
