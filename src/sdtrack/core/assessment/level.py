"""Level targets: a value to reach by a deadline.

The final-state rules (met, missed, awaiting or overdue after the deadline) are the same
for every method; an open target is judged by the method chosen from the registry. A
qualified figure settles a target only when its whole interval does (`bounds`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.assessment.bounds import gap_bound, progress_bound, settles
from sdtrack.core.assessment.evidence import observed_points, pace_notes, pace_start
from sdtrack.core.assessment.methods import (
    CannotJudge,
    Judgement,
    LevelFacts,
    ProgressMethod,
    Verdict,
    method_for,
)
from sdtrack.core.assessment.results import (
    METHOD,
    Assessment,
    Outlook,
    PaceNote,
    Point,
    Status,
)
from sdtrack.core.assessment.rules import (
    MAX_SCORE,
    Rates,
    annual_change,
    growth_rates,
    is_stale,
    months_between,
    natural_range,
    project,
    project_linear,
    reach_date,
    target_score,
)
from sdtrack.core.choices import DEFAULT_METHOD, Method
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.periods import Period
from sdtrack.core.releases import expected_by


@dataclass(frozen=True)
class Waiting:
    """After the deadline, before a figure for it: which figure, expected when."""

    status: Status
    band: str
    awaited: Period
    expected_by: dt.date


def waiting_for(indicator: Indicator, awaited: Period, as_of: dt.date) -> Waiting:
    """Awaiting the figure for `awaited` until its expected day, overdue after it."""
    expected = expected_by(indicator, awaited)
    if as_of > expected:
        band = f"the {awaited} figure was expected by {expected.isoformat()}"
        return Waiting(Status.OVERDUE, band, awaited, expected)
    band = f"awaiting the {awaited} figure, expected by {expected.isoformat()}"
    return Waiting(Status.AWAITING_DATA, band, awaited, expected)


def _progress(base: Point | None, latest: Point, target: Target) -> float | None:
    """The share of the way from the base; None when nothing is known since the base."""
    goal = target.value
    if base is not None and latest.date <= base.date:
        return None
    if base is not None and goal != base.value:
        return float((latest.value - base.value) / (goal - base.value))
    if not target.lower_is_better and goal != 0:
        return float(latest.value / goal)
    return None


def _gap(point: Point, target: Target) -> Decimal:
    if settles(point.value, point.qualifier, target):
        return Decimal(0)
    remaining = point.value - target.value if target.lower_is_better else target.value - point.value
    if target.comparison == "about":
        remaining = abs(remaining)
    return max(remaining, Decimal(0))


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


def _outlook(projected: Decimal | None, latest: Point, target: Target) -> Outlook | None:
    if projected is None:
        return None
    met = settles(projected, latest.qualifier, target)
    if met is None:
        return None
    return Outlook.LIKELY_MET if met else Outlook.LIKELY_MISSED


def _final_state(
    points: Sequence[Point], latest: Point, target: Target, deadline: dt.date
) -> tuple[Point | None, Status, str] | None:
    """The status a figure at or after the deadline, or a met latest figure, decides."""
    at_or_after = [p for p in points if p.date >= deadline]
    if at_or_after:
        judged = at_or_after[0]
        met = settles(judged.value, judged.qualifier, target)
        if met is None:
            band = "the figure at the deadline is a bound that does not settle the target"
            return judged, Status.NOT_ASSESSABLE, band
        if met:
            return judged, Status.ACHIEVED, "met at the deadline"
        earlier = [p for p in points if p.date < deadline]
        if any(settles(p.value, p.qualifier, target) for p in earlier):
            return judged, Status.MISSED, "met before the deadline, not at it"
        return judged, Status.MISSED, "not met at the deadline"
    if settles(latest.value, latest.qualifier, target):
        return latest, Status.ACHIEVED, "target met"
    return None


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
    points = observed_points(readings, as_of, indicator)
    latest = points[-1] if points else None
    base = pace_start(target, points, as_of)
    warnings: list[str] = []
    if base is not None and base.derived:
        warnings.append("the base value is derived, not quoted")
    waiting = waiting_for(indicator, target.deadline, as_of) if as_of > deadline else None
    if latest is None:
        status, band = (
            (waiting.status, waiting.band) if waiting else (Status.NO_DATA, "no reading yet")
        )
        return Assessment(
            indicator,
            target,
            as_of,
            status,
            band,
            base=base,
            warnings=tuple(warnings),
            method=method,
            awaited=waiting.awaited if waiting else None,
            expected_by=waiting.expected_by if waiting else None,
            pace_start=base,
        )
    if latest.derived:
        warnings.append("the latest value is derived, not quoted")
    notes = pace_notes(base, latest)
    if base is not None and PaceNote.SHORT_SPAN in notes:
        warnings.append(
            f"the pace is observed over only {months_between(base.date, latest.date)} "
            "months, so projections from it are fragile"
        )
    stale = is_stale(latest, indicator, as_of)
    low, high = natural_range(indicator)

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
            projected = project(latest, observed, deadline, low, high)
            assert base is not None
            projected_linear = project_linear(base, latest, deadline, low, high)
        reach = reach_date(latest, observed, target.value, high)
        if base is not None and target.value != base.value and projected is not None:
            share = float((projected - base.value) / (target.value - base.value))
    if settles(latest.value, latest.qualifier, target):
        # sdg-build: a target already achieved scores the maximum, whatever the ratio.
        score = MAX_SCORE
    facts = LevelFacts(
        indicator, target, deadline, tuple(points), base, latest, rates, share, as_of
    )
    # The method runs even when a final state decides: its own numbers and its fallback
    # warning are reported whatever the status.
    chosen, judgement = _judge(method_for(method), facts, warnings)
    verdict = judgement if isinstance(judgement, Verdict) else None
    if verdict is not None and verdict.projected is not None:
        projected_linear = verdict.projected

    judged: Point | None = None
    outlook: Outlook | None = None
    final = _final_state(points, latest, target, deadline)
    if final is not None:
        judged, status, band = final
        waiting = None
    elif waiting is not None:
        status, band = waiting.status, waiting.band
        method_projection = projected_linear if chosen.name == "linear-trend" else projected
        outlook = _outlook(method_projection, latest, target)
        if not isinstance(rates, Rates) and method_projection is None:
            warnings.append(f"no trend to project: {rates}")
    elif verdict is not None:
        status, band = verdict.status, verdict.band
    else:
        assert isinstance(judgement, CannotJudge)
        status, band = Status.NOT_ASSESSABLE, judgement.reason
    if stale and not status.is_final:
        warnings.append(f"the latest reading ({latest.period}) is stale")
    shown = judged or latest
    gap = _gap(shown, target)
    bound = progress_bound(latest.qualifier, target, base.qualifier if base else None)
    # A share of the way between two bounds that pull apart is not worth a number.
    progress = None if bound == "unknown" else _progress(base, latest, target)
    disputed = tuple(sorted({r for p in points for r in p.disputed_by}))
    return Assessment(
        indicator,
        target,
        as_of,
        status,
        band,
        base=base,
        latest=latest,
        judged=judged,
        progress=progress,
        gap=gap,
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
        outlook=outlook,
        awaited=waiting.awaited if waiting else None,
        expected_by=waiting.expected_by if waiting else None,
        pace_start=base,
        pace_notes=notes,
        gap_bound=gap_bound(shown.qualifier, target) if gap else None,
        progress_bound=bound if progress is not None else None,
        disputed=disputed,
        trend_intervals=verdict.intervals if verdict is not None else None,
    )
