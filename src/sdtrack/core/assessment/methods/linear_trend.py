"""`linear-trend`: the "weather" rule of the German Sustainable Development Strategy.

The average annual change over the last five intervals, projected linearly to the
deadline; the miss is judged as a share of the gap still to close.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.assessment.methods.interface import (
    CannotJudge,
    Judgement,
    LevelFacts,
    ProgressMethod,
    Verdict,
)
from sdtrack.core.assessment.results import Point, Status
from sdtrack.core.assessment.rules import (
    annual_change,
    clamp,
    is_met,
    natural_range,
    toward_goal,
)
from sdtrack.core.model import Target
from sdtrack.core.periods import years_between

# `linear-trend`: the German Sustainable Development Strategy's "weather" rule: the
# average annual change over the last five intervals, projected linearly; the miss as a
# share of the remaining gap: < 5 % sun, 5–20 % sun and cloud, > 20 % cloud, wrong
# direction thunderstorm. It needs at least four values.
LINEAR_TREND_MIN_READINGS = 4
LINEAR_TREND_MAX_INTERVALS = 5
LINEAR_TREND_ON_TRACK_MISS = 0.05
LINEAR_TREND_SLIGHTLY_BEHIND_MISS = 0.20


@dataclass(frozen=True)
class LinearTrend:
    change: Decimal
    projected: Decimal
    miss: float | None
    status: Status
    band: str
    intervals: int = 0


def linear_trend(
    points: Sequence[Point],
    target: Target,
    deadline: dt.date,
    limits: tuple[Decimal | None, Decimal | None] = (None, None),
) -> LinearTrend | str:
    """The German strategy's rule on the last (up to) five intervals, or why it cannot run;
    the projection is held within the indicator's natural range `limits`."""
    if len(points) < LINEAR_TREND_MIN_READINGS:
        return (
            f"linear-trend needs at least {LINEAR_TREND_MIN_READINGS} readings "
            f"(there {'is' if len(points) == 1 else 'are'} {len(points)})"
        )
    window = list(points[-(LINEAR_TREND_MAX_INTERVALS + 1) :])
    intervals = len(window) - 1
    change = annual_change(window[0], window[-1])
    if change is None:
        return "linear-trend needs readings at different dates"
    latest = window[-1]
    projected = clamp(
        latest.value + change * Decimal(repr(years_between(latest.date, deadline))), *limits
    )
    toward = toward_goal(target, latest.value)
    if is_met(projected, target):
        return LinearTrend(
            change, projected, 0.0, Status.ON_TRACK, "projected to reach the target", intervals
        )
    if change * toward <= 0:
        return LinearTrend(change, projected, None, Status.OFF_TRACK, "moving away", intervals)
    remaining = (target.value - latest.value) * toward
    miss = float((target.value - projected) * toward / remaining) if remaining else 0.0
    if miss < LINEAR_TREND_ON_TRACK_MISS:
        return LinearTrend(change, projected, miss, Status.ON_TRACK, "on track", intervals)
    if miss <= LINEAR_TREND_SLIGHTLY_BEHIND_MISS:
        return LinearTrend(change, projected, miss, Status.BEHIND, "slightly behind", intervals)
    return LinearTrend(change, projected, miss, Status.BEHIND, "behind", intervals)


def judge(facts: LevelFacts) -> Judgement:
    sourced = [p for p in facts.points if not p.derived]
    limits = natural_range(facts.indicator)
    trend = linear_trend(sourced, facts.target, facts.deadline, limits)
    if isinstance(trend, str):
        return CannotJudge(trend, fall_back=True)
    return Verdict(
        trend.status,
        trend.band,
        trend_change=trend.change,
        miss_share=trend.miss,
        projected=trend.projected,
        intervals=trend.intervals,
    )


LINEAR_TREND = ProgressMethod("linear-trend", judge)
