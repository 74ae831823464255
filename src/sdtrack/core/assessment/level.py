"""Level targets: a value to reach by a deadline.

The final-state rules (met, missed, awaiting data after the deadline) are the same for
every method; an open target is judged by the method chosen from the registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sdtrack.core.assessment.methods import (
    CannotJudge,
    Judgement,
    LevelFacts,
    ProgressMethod,
    Verdict,
    method_for,
)
from sdtrack.core.assessment.results import METHOD, Assessment, Point, Status
from sdtrack.core.assessment.rules import (
    Rates,
    annual_change,
    growth_rates,
    is_met,
    is_stale,
    months_between,
    observed_points,
    project,
    project_linear,
    reach_date,
    target_score,
)
from sdtrack.core.choices import DEFAULT_METHOD, Method
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.periods import years_between


def _base_point(target: Target, points: list[Point], as_of: dt.date) -> Point | None:
    baseline = target.baseline
    if baseline is not None and baseline.date.end <= as_of:
        return Point(baseline.date.end, baseline.value, baseline.date, None, baseline.derived)
    return points[0] if points else None


def _progress(base: Point | None, latest: Point, target: Target) -> float | None:
    goal = target.value
    if base is not None and goal != base.value:
        return float((latest.value - base.value) / (goal - base.value))
    if not target.lower_is_better and goal != 0:
        return float(latest.value / goal)
    return None


def _gap(latest: Point, target: Target) -> Decimal:
    remaining = (
        latest.value - target.value if target.lower_is_better else target.value - latest.value
    )
    if target.comparison == "about":
        remaining = abs(remaining)
    return max(remaining, Decimal(0)) if not is_met(latest.value, target) else Decimal(0)


def _judge(
    method: ProgressMethod, facts: LevelFacts, warnings: list[str]
) -> tuple[ProgressMethod, Judgement]:
    """The chosen method's judgement, or the default method's when the chosen one defers."""
    judgement = method.judge(facts)
    if isinstance(judgement, CannotJudge) and judgement.fall_back:
        warnings.append(f"{judgement.reason}; judged with {DEFAULT_METHOD} instead")
        method = method_for(DEFAULT_METHOD)
        judgement = method.judge(facts)
    return method, judgement


def assess_level(
    indicator: Indicator,
    target: Target,
    readings: Sequence[Reading],
    as_of: dt.date,
    method: Method = METHOD,
) -> Assessment:
    """A level target's standing on `as_of`; while it is open, `method` judges it."""
    assert target.deadline is not None
    deadline = target.deadline.end
    points = observed_points(readings, as_of)
    latest = points[-1] if points else None
    base = _base_point(target, points, as_of)
    warnings: list[str] = []
    if base is not None and base.derived:
        warnings.append("the base value is derived, not quoted")
    if latest is None:
        if as_of > deadline:
            status, band = Status.AWAITING_DATA, "no reading at or after the deadline"
        else:
            status, band = Status.NO_DATA, "no reading yet"
        return Assessment(
            indicator,
            target,
            as_of,
            status,
            band,
            base=base,
            warnings=tuple(warnings),
            method=method,
        )
    if latest.derived:
        warnings.append("the latest value is derived, not quoted")
    if base is not None and 0 < years_between(base.date, latest.date) < 1:
        warnings.append(
            f"the pace is observed over only {months_between(base.date, latest.date)} "
            "months, so projections from it are fragile"
        )
    stale = is_stale(latest, indicator, as_of)

    rates = (
        growth_rates(base, latest, target, deadline) if base is not None else "needs a base value"
    )
    observed = required = ratio = score = share = None
    projected = projected_linear = pace_observed = pace_required = None
    reach: dt.date | None = None
    if base is not None:
        pace_observed = annual_change(base, latest)
        goal = Point(deadline, target.value, target.deadline, None)
        pace_required = annual_change(base, goal)
    if isinstance(rates, Rates):
        observed, required, ratio = rates.observed, rates.required, rates.ratio
        score = target_score(ratio)
        if latest.date < deadline:
            projected = project(latest, observed, deadline)
            assert base is not None
            projected_linear = project_linear(base, latest, deadline)
        reach = reach_date(latest, observed, target.value)
        if base is not None and target.value != base.value and projected is not None:
            share = float((projected - base.value) / (target.value - base.value))
    facts = LevelFacts(
        indicator, target, deadline, tuple(points), base, latest, rates, share, as_of
    )
    # The method runs even when a final state decides: its own numbers and its fallback
    # warning are reported whatever the status.
    chosen, judgement = _judge(method_for(method), facts, warnings)
    verdict = judgement if isinstance(judgement, Verdict) else None

    judged: Point | None = None
    at_or_after = [p for p in points if p.date >= deadline]
    if at_or_after:
        judged = at_or_after[0]
        met = is_met(judged.value, target)
        status = Status.ACHIEVED if met else Status.MISSED
        band = "met at the deadline" if met else "not met at the deadline"
        if not met and any(is_met(p.value, target) for p in points if p.date < deadline):
            band = "met before the deadline, not at it"
    elif is_met(latest.value, target):
        judged, status, band = latest, Status.ACHIEVED, "target met"
    elif as_of > deadline:
        status, band = Status.AWAITING_DATA, "no reading at or after the deadline"
        if projected is not None:
            band += "; likely met" if is_met(projected, target) else "; likely missed"
        elif not isinstance(rates, Rates):
            warnings.append(f"no trend to project: {rates}")
    elif verdict is not None:
        status, band = verdict.status, verdict.band
    else:
        assert isinstance(judgement, CannotJudge)
        status, band = Status.NOT_ASSESSABLE, judgement.reason
    if stale and not status.is_final:
        warnings.append(f"the latest reading ({latest.period}) is stale")
    return Assessment(
        indicator,
        target,
        as_of,
        status,
        band,
        base=base,
        latest=latest,
        judged=judged,
        progress=_progress(base, latest, target),
        gap=_gap(judged or latest, target),
        cagr_observed=observed,
        cagr_required=required,
        ratio=ratio,
        score=score,
        projected=projected,
        projected_linear=projected_linear,
        pace_observed=pace_observed,
        pace_required=pace_required,
        projection_share=share,
        trend_change=verdict.trend_change if verdict is not None else None,
        miss_share=verdict.miss_share if verdict is not None else None,
        reach=reach,
        stale=stale,
        warnings=tuple(warnings),
        method=chosen.name,
    )
