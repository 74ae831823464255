"""Qualified figures as intervals: "over 2 trillion" is (2 trillion, ∞), not 2 trillion.

A source that says over / under / about / nearly a value gives a range of values
(docs/methodology.md, "Bounds"). The assessment judges a bound by its whole interval
(`core.assessment.bounds`); two readings of one moment conflict when their intervals do
not meet (`core.conflicts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.model import DEFAULT_ABOUT_TOLERANCE

# "About v" and "nearly v" span this share of v: the rounding margin `about` targets use.
QUALIFIER_TOLERANCE = DEFAULT_ABOUT_TOLERANCE


@dataclass(frozen=True)
class Interval:
    """The values a figure allows: None is unbounded; an open end excludes its value."""

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def contains(self, value: Decimal) -> bool:
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        return not (
            self.high is not None and (value > self.high or (self.high_open and value == self.high))
        )

    def meet(self, other: Interval) -> Interval | None:
        """The values both allow, or None when they share none."""
        low, low_open = _tighter(self.low, self.low_open, other.low, other.low_open, 1)
        high, high_open = _tighter(self.high, self.high_open, other.high, other.high_open, -1)
        if (
            low is not None
            and high is not None
            and (low > high or (low == high and (low_open or high_open)))
        ):
            return None
        return Interval(low, high, low_open, high_open)

    def within(self, outer: Interval) -> bool:
        """Whether every value this interval allows, `outer` allows too."""
        return self.meet(outer) == self


def _tighter(
    a: Decimal | None, a_open: bool, b: Decimal | None, b_open: bool, sign: int
) -> tuple[Decimal | None, bool]:
    """The tighter of two lower ends (sign 1) or two upper ends (sign −1)."""
    if a is None:
        return b, b_open
    if b is None or (a - b) * sign > 0:
        return a, a_open
    if a == b:
        return a, a_open or b_open
    return b, b_open


def interval_of(value: Decimal, qualifier: str | None) -> Interval:
    """over v: (v, ∞); under v: (−∞, v); about v: [v(1−t), v(1+t)]; nearly v: [v(1−t), v)."""
    margin = abs(value) * QUALIFIER_TOLERANCE
    match qualifier:
        case "over":
            return Interval(value, None, low_open=True)
        case "under":
            return Interval(None, value, high_open=True)
        case "about":
            return Interval(value - margin, value + margin)
        case "nearly" if margin:  # "nearly 0" allows no value below 0: read it as 0
            return Interval(value - margin, value, high_open=True)
    return Interval(value, value)
