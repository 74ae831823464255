"""The small rules every assessment shares, and Open SDG's growth-rate formulas.

Open SDG (sdg-build) derives them from Eurostat's SDG progress assessment; see
docs/methodology.md for every formula and threshold.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.assessment.bounds import met_set
from sdtrack.core.assessment.results import Point, Status
from sdtrack.core.model import Indicator, Target
from sdtrack.core.periods import add_years, years_between
from sdtrack.core.quantities import MAX_MAGNITUDE

# Open SDG / Eurostat thresholds on R = observed CAGR / required CAGR.
ON_TRACK_RATIO = 0.95
MODERATE_RATIO = 0.6
# Open SDG thresholds on the observed CAGR of an indicator without a target.
SUBSTANTIAL_GROWTH = 0.015
MODERATE_GROWTH = 0.005
# Open SDG replaces a base or target value of 0 by this, so that growth rates exist.
ZERO_REPLACEMENT = 0.001
# Exponent of the limit adjustment near a natural limit (sdg-build's progress_measure).
LIMIT_EXPONENT = 4.44


def natural_range(indicator: Indicator) -> tuple[Decimal | None, Decimal | None]:
    """The lowest and highest values the indicator can take, which no projection crosses
    (its domain: 0 unless it can be negative, and its natural limit)."""
    domain = indicator.domain
    return domain.minimum, domain.maximum


def clamp(value: Decimal, low: Decimal | None, high: Decimal | None) -> Decimal:
    if high is not None and value > high:
        return high
    if low is not None and value < low:
        return low
    return value


def is_met(value: Decimal, target: Target) -> bool:
    """Whether an exact value satisfies the target's comparison (`about` within its
    tolerance): the same set of values `bounds.settles` judges a bound against."""
    return met_set(target).contains(value)


def months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def is_stale(latest: Point | None, indicator: Indicator, as_of: dt.date) -> bool:
    """A latest reading older than the indicator's reporting period allows."""
    if latest is None:
        return False
    return months_between(latest.date, as_of) > indicator.stale_after_months


def cagr(current: float, base: float, years: float) -> float:
    """Compound annual growth rate: (v1 / v0) ^ (1 / (t1 − t0)) − 1."""
    return float((current / base) ** (1 / years) - 1)


def replace_zero(value: float) -> float:
    return ZERO_REPLACEMENT if value == 0 else value


MAX_SCORE = 5.0


def target_score(ratio: float) -> float:
    """Open SDG's score in −5…+5 for a target's growth ratio R."""
    if ratio >= MODERATE_RATIO:
        return min(7.1429 * ratio - 4.2857, 5.0)
    return max(4.1667 * ratio - 2.5, -5.0)


def limit_adjustment(base: float, limit: float | None) -> float:
    """C: how far thresholds shrink as the base value nears a natural limit (1 = none)."""
    if limit is None:
        return 1.0
    b, lim = abs(base), abs(limit)
    if b >= 2 * lim:
        return 1.0
    if b <= lim:
        return float(1 - (b / lim) ** LIMIT_EXPONENT)
    return float(1 - ((2 * lim - b) / lim) ** LIMIT_EXPONENT)


def trend_band(progress_value: float, adjustment: float) -> str:
    if progress_value >= SUBSTANTIAL_GROWTH * adjustment:
        return "substantial progress"
    if progress_value >= MODERATE_GROWTH * adjustment:
        return "moderate progress"
    if progress_value >= 0:
        return "limited progress"
    return "deterioration"


def trend_score(progress_value: float, adjustment: float) -> float:
    """Open SDG's score in −5…+5 for an indicator without a target."""
    if progress_value < 0:
        return max(125 * progress_value - 2.5, -5.0)
    if adjustment == 0:
        return 5.0
    if progress_value >= SUBSTANTIAL_GROWTH * adjustment:
        return min(500 * progress_value / adjustment - 5, 5.0)
    if progress_value >= MODERATE_GROWTH * adjustment:
        return 250 * progress_value / adjustment - 1.25
    return 500 * progress_value / adjustment - 2.5


def ratio_status(ratio: float) -> tuple[Status, str]:
    if ratio >= ON_TRACK_RATIO:
        return Status.ON_TRACK, "on track"
    if ratio >= MODERATE_RATIO:
        return Status.BEHIND, "moderate progress"
    if ratio >= 0:
        return Status.BEHIND, "limited progress"
    return Status.OFF_TRACK, "moving away"


@dataclass(frozen=True)
class Rates:
    observed: float
    required: float
    ratio: float


def growth_rates(base: Point, latest: Point, target: Target, deadline: dt.date) -> Rates | str:
    """The observed and required growth rates and their ratio, or why there are none."""
    span_observed = years_between(base.date, latest.date)
    span_required = years_between(base.date, deadline)
    if span_observed <= 0:
        return "needs readings at two different dates"
    if span_required <= 0:
        return "the base date is not before the deadline"
    b = replace_zero(float(base.value))
    c = float(latest.value)
    goal = replace_zero(float(target.value))
    if b * c < 0 or (c != 0 and b * goal < 0):
        return "base and current values have opposite signs"
    # sdg-build replaces a base or target of 0, never the current value.
    sign = -1.0 if b < 0 else 1.0
    if target.comparison == "about":
        direction = 1.0 if goal >= b else -1.0
    else:
        direction = -1.0 if target.lower_is_better else 1.0
    try:
        observed = cagr(c, b, span_observed)
        required = cagr(goal, b, span_required)
    except OverflowError:  # a rate beyond any float: a ratio of 10^13 within a day
        return "the growth is too fast to express as a yearly rate"
    if required == 0:
        return "the target equals the base value, so no growth is required"
    return Rates(observed, required, sign * direction * observed / abs(required))


def project(
    latest: Point,
    rate: float,
    until: dt.date,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> Decimal | None:
    """The latest value carried forward to `until` at a compound annual rate, held within
    [low, high], or None when the projection leaves the range of any statistic."""
    years = years_between(latest.date, until)
    try:
        projected = float(latest.value) * (1 + rate) ** years
    except OverflowError:
        return None
    if not math.isfinite(projected) or abs(projected) > float(MAX_MAGNITUDE):
        return high if high is not None and projected > 0 else None
    return clamp(Decimal(repr(projected)), low, high)


def reach_date(
    latest: Point, rate: float, goal: Decimal, high: Decimal | None = None
) -> dt.date | None:
    """The day the goal is reached at a compound annual rate, or None if never (a goal
    beyond the natural limit is never reached)."""
    if high is not None and goal > high:
        return None
    current, target = float(latest.value), float(goal)
    if current <= 0 or target <= 0 or rate <= -1 or rate == 0:
        return None
    years = math.log(target / current) / math.log(1 + rate)
    if years < 0 or years > 200:
        return None
    return add_years(latest.date, years)


def toward_goal(target: Target, base_value: Decimal) -> int:
    """+1 when progress means rising, −1 when it means falling."""
    if target.comparison == "about":
        return 1 if target.value >= base_value else -1
    return -1 if target.lower_is_better else 1


def project_linear(
    start: Point,
    latest: Point,
    until: dt.date,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> Decimal | None:
    """The latest value carried forward to `until` at the average annual change since
    start, held within [low, high]."""
    span = years_between(start.date, latest.date)
    if span <= 0:
        return None
    change = (latest.value - start.value) / Decimal(repr(span))
    projected = latest.value + change * Decimal(repr(years_between(latest.date, until)))
    return clamp(projected, low, high)


def annual_change(start: Point, end: Point) -> Decimal | None:
    span = years_between(start.date, end.date)
    if span <= 0:
        return None
    return (end.value - start.value) / Decimal(repr(span))
