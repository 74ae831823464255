"""Assessment: where each target stands on a given day, and why.

Pure functions of (indicator, target, readings, as_of): nothing here reads the clock or a
file. Each result carries its verdict *and* the inputs it was computed from, so that a
renderer or exporter can show the reasoning without recomputing anything.

The verdict for an open level target follows the growth-rate ratio that Open SDG
(sdg-build) uses, derived from Eurostat's SDG progress assessment; see
docs/methodology.md for every formula and threshold.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sdtrack.core.choices import DEFAULT_METHOD, Method
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.periods import Period, add_years, years_between
from sdtrack.core.quantities import MAX_MAGNITUDE

METHOD: Method = DEFAULT_METHOD

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
# `projection`: share P of the baseline-to-target distance covered by the projected value
# at the deadline; bands of the UN Statistics Division's SDG progress chart methodology.
PROJECTION_BANDS: tuple[tuple[float, str], ...] = (
    (0.95, "on track"),
    (0.5, "moderate progress"),
    (0.1, "marginal progress"),
    (-0.1, "stagnation"),
)
# `linear-trend`: the German Sustainable Development Strategy's "weather" rule: the
# average annual change over the last five intervals, projected linearly; the miss as a
# share of the remaining gap: < 5 % sun, 5–20 % sun and cloud, > 20 % cloud, wrong
# direction thunderstorm. It needs at least four values.
LINEAR_TREND_MIN_READINGS = 4
LINEAR_TREND_MAX_INTERVALS = 5
LINEAR_TREND_ON_TRACK_MISS = 0.05
LINEAR_TREND_SLIGHTLY_BEHIND_MISS = 0.20
# Growth and recurring targets are judged year by year, whatever the level method.
PERIODIC_METHOD = "per-year"


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on track"
    BEHIND = "behind"
    OFF_TRACK = "off track"
    MISSED = "missed"
    AWAITING_DATA = "deadline passed — awaiting data"
    NO_DATA = "no data"
    NOT_ASSESSABLE = "not assessable"

    @property
    def is_final(self) -> bool:
        return self in (Status.ACHIEVED, Status.MISSED)


@dataclass(frozen=True)
class Point:
    """One reading placed on the time axis (its period's end)."""

    date: dt.date
    value: Decimal
    period: Period
    reading_id: str | None
    derived: bool = False
    qualifier: str | None = None

    @classmethod
    def of(cls, reading: Reading) -> Point:
        return cls(
            reading.date.end,
            reading.value,
            reading.date,
            reading.key,
            reading.derived,
            reading.qualifier,
        )


@dataclass(frozen=True)
class PeriodResult:
    """A growth or recurring target in one year: the value compared, and whether it met."""

    year: int
    value: Decimal | None
    met: bool | None


@dataclass(frozen=True)
class Assessment:
    """A target's standing on `as_of`, with every input the verdict was computed from."""

    indicator: Indicator
    target: Target
    as_of: dt.date
    status: Status
    band: str
    base: Point | None = None
    latest: Point | None = None
    judged: Point | None = None
    progress: float | None = None
    gap: Decimal | None = None
    cagr_observed: float | None = None
    cagr_required: float | None = None
    ratio: float | None = None
    score: float | None = None
    projected: Decimal | None = None
    projected_linear: Decimal | None = None
    pace_observed: Decimal | None = None
    pace_required: Decimal | None = None
    projection_share: float | None = None
    trend_change: Decimal | None = None
    miss_share: float | None = None
    reach: dt.date | None = None
    stale: bool = False
    periods: tuple[PeriodResult, ...] = ()
    warnings: tuple[str, ...] = ()
    method: str = METHOD

    @property
    def deadline(self) -> dt.date | None:
        return self.target.deadline.end if self.target.deadline else None

    @property
    def deadline_passed(self) -> bool:
        return self.deadline is not None and self.as_of > self.deadline

    @property
    def years_left(self) -> float | None:
        if self.deadline is None:
            return None
        return years_between(self.as_of, self.deadline)


@dataclass(frozen=True)
class TrendAssessment:
    """An indicator without a target: its latest value and the direction it moves."""

    indicator: Indicator
    as_of: dt.date
    status: Status | None
    band: str
    base: Point | None = None
    latest: Point | None = None
    cagr_observed: float | None = None
    score: float | None = None
    stale: bool = False
    method: Method = METHOD


# ---------------------------------------------------------------------------------------
# Small rules


def observed_points(readings: Sequence[Reading], as_of: dt.date) -> list[Point]:
    """Readings whose period has ended by `as_of`, oldest first."""
    points = [Point.of(r) for r in readings if r.date.end <= as_of]
    return sorted(points, key=lambda p: p.date)


def is_met(value: Decimal, target: Target) -> bool:
    """Whether a value satisfies the target's comparison (`about` within its tolerance)."""
    goal = target.value
    match target.comparison:
        case "at_least":
            return value >= goal
        case "more_than":
            return value > goal
        case "at_most":
            return value <= goal
        case "less_than":
            return value < goal
        case "about":
            return abs(value - goal) <= abs(goal) * target.about_tolerance
    raise AssertionError(target.comparison)  # pragma: no cover


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


def _nonzero(value: float) -> float:
    return ZERO_REPLACEMENT if value == 0 else value


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


# ---------------------------------------------------------------------------------------
# Level targets


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


@dataclass(frozen=True)
class _Rates:
    observed: float
    required: float
    ratio: float


def _rates(base: Point, latest: Point, target: Target, deadline: dt.date) -> _Rates | str:
    """The observed and required growth rates and their ratio, or why there are none."""
    span_observed = years_between(base.date, latest.date)
    span_required = years_between(base.date, deadline)
    if span_observed <= 0:
        return "needs readings at two different dates"
    if span_required <= 0:
        return "the base date is not before the deadline"
    b = _nonzero(float(base.value))
    c = float(latest.value)
    goal = _nonzero(float(target.value))
    if b * c < 0 or (c != 0 and b * goal < 0):
        return "base and current values have opposite signs"
    c = _nonzero(c)
    sign = -1.0 if b < 0 else 1.0
    if target.comparison == "about":
        direction = 1.0 if goal >= b else -1.0
    else:
        direction = -1.0 if target.lower_is_better else 1.0
    observed = cagr(c, b, span_observed)
    required = cagr(goal, b, span_required)
    if required == 0:
        return "the target equals the base value, so no growth is required"
    return _Rates(observed, required, sign * direction * observed / abs(required))


def project(latest: Point, rate: float, until: dt.date) -> Decimal | None:
    """The latest value carried forward to `until` at a compound annual rate, or None when
    the projection leaves the range of any statistic."""
    years = years_between(latest.date, until)
    try:
        projected = float(latest.value) * (1 + rate) ** years
    except OverflowError:
        return None
    if not math.isfinite(projected) or abs(projected) > float(MAX_MAGNITUDE):
        return None
    return Decimal(repr(projected))


def reach_date(latest: Point, rate: float, goal: Decimal) -> dt.date | None:
    """The day the goal is reached at a compound annual rate, or None if never."""
    current, target = float(latest.value), float(goal)
    if current <= 0 or target <= 0 or rate <= -1 or rate == 0:
        return None
    years = math.log(target / current) / math.log(1 + rate)
    if years < 0 or years > 200:
        return None
    return add_years(latest.date, years)


def _toward_goal(target: Target, base_value: Decimal) -> int:
    """+1 when progress means rising, −1 when it means falling."""
    if target.comparison == "about":
        return 1 if target.value >= base_value else -1
    return -1 if target.lower_is_better else 1


def project_linear(start: Point, latest: Point, until: dt.date) -> Decimal | None:
    """The latest value carried forward to `until` at the average annual change since start."""
    span = years_between(start.date, latest.date)
    if span <= 0:
        return None
    change = (latest.value - start.value) / Decimal(repr(span))
    return latest.value + change * Decimal(repr(years_between(latest.date, until)))


def annual_change(start: Point, end: Point) -> Decimal | None:
    span = years_between(start.date, end.date)
    if span <= 0:
        return None
    return (end.value - start.value) / Decimal(repr(span))


def projection_band(share: float) -> tuple[Status, str]:
    for threshold, band in PROJECTION_BANDS:
        if share >= threshold:
            status = Status.ON_TRACK if band == "on track" else Status.BEHIND
            return status, band
    return Status.OFF_TRACK, "regression"


@dataclass(frozen=True)
class _LinearTrend:
    change: Decimal
    projected: Decimal
    miss: float | None
    status: Status
    band: str


def linear_trend(points: Sequence[Point], target: Target, deadline: dt.date) -> _LinearTrend | str:
    """The German strategy's rule on the last (up to) five intervals, or why it cannot run."""
    if len(points) < LINEAR_TREND_MIN_READINGS:
        return (
            f"linear-trend needs at least {LINEAR_TREND_MIN_READINGS} readings "
            f"(there {'is' if len(points) == 1 else 'are'} {len(points)})"
        )
    window = list(points[-(LINEAR_TREND_MAX_INTERVALS + 1) :])
    change = annual_change(window[0], window[-1])
    if change is None:
        return "linear-trend needs readings at different dates"
    latest = window[-1]
    projected = latest.value + change * Decimal(repr(years_between(latest.date, deadline)))
    toward = _toward_goal(target, latest.value)
    if is_met(projected, target):
        return _LinearTrend(change, projected, 0.0, Status.ON_TRACK, "on track (reached)")
    if change * toward <= 0:
        return _LinearTrend(change, projected, None, Status.OFF_TRACK, "moving away")
    remaining = (target.value - latest.value) * toward
    miss = float((target.value - projected) * toward / remaining) if remaining else 0.0
    if miss < LINEAR_TREND_ON_TRACK_MISS:
        return _LinearTrend(change, projected, miss, Status.ON_TRACK, "on track")
    if miss <= LINEAR_TREND_SLIGHTLY_BEHIND_MISS:
        return _LinearTrend(change, projected, miss, Status.BEHIND, "slightly behind")
    return _LinearTrend(change, projected, miss, Status.BEHIND, "behind")


def assess_level(
    indicator: Indicator,
    target: Target,
    readings: Sequence[Reading],
    as_of: dt.date,
    method: Method = METHOD,
) -> Assessment:
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

    rates = _rates(base, latest, target, deadline) if base is not None else "needs a base value"
    observed = required = ratio = score = share = None
    projected = projected_linear = pace_observed = pace_required = None
    reach: dt.date | None = None
    if base is not None:
        pace_observed = annual_change(base, latest)
        goal = Point(deadline, target.value, target.deadline, None)
        pace_required = annual_change(base, goal)
    if isinstance(rates, _Rates):
        observed, required, ratio = rates.observed, rates.required, rates.ratio
        score = target_score(ratio)
        if latest.date < deadline:
            projected = project(latest, observed, deadline)
            assert base is not None
            projected_linear = project_linear(base, latest, deadline)
        reach = reach_date(latest, observed, target.value)
        if base is not None and target.value != base.value and projected is not None:
            share = float((projected - base.value) / (target.value - base.value))
    trend = linear_trend(points, target, deadline) if method == "linear-trend" else None
    if isinstance(trend, str):
        warnings.append(f"{trend}; judged with cagr-ratio instead")
        method = "cagr-ratio"

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
        elif not isinstance(rates, _Rates):
            warnings.append(f"no trend to project: {rates}")
    elif isinstance(trend, _LinearTrend):
        status, band = trend.status, trend.band
    elif not isinstance(rates, _Rates):
        status, band = Status.NOT_ASSESSABLE, rates
    elif method == "projection":
        if share is None:
            status, band = Status.NOT_ASSESSABLE, "the target equals the base value"
        else:
            status, band = projection_band(share)
    else:
        status, band = ratio_status(rates.ratio)
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
        trend_change=trend.change if isinstance(trend, _LinearTrend) else None,
        miss_share=trend.miss if isinstance(trend, _LinearTrend) else None,
        reach=reach,
        stale=stale,
        warnings=tuple(warnings),
        method=method,
    )


# ---------------------------------------------------------------------------------------
# Growth and recurring targets


def _yearly_values(readings: Sequence[Reading], as_of: dt.date) -> dict[int, Point]:
    """Annual readings by year; a later reading of the same year supersedes an earlier one."""
    values: dict[int, Point] = {}
    for reading in readings:
        if reading.date.precision == "year" and reading.date.end <= as_of:
            values[reading.date.end.year] = Point.of(reading)
    return values


def _due_years(target: Target, as_of: dt.date) -> list[int]:
    assert target.start is not None
    last = target.deadline.end.year if target.deadline else as_of.year
    return [y for y in range(target.start.end.year, last + 1) if dt.date(y, 12, 31) <= as_of]


def assess_periodic(
    indicator: Indicator, target: Target, readings: Sequence[Reading], as_of: dt.date
) -> Assessment:
    """Growth targets (each year's growth) and recurring targets (each year's value)."""
    yearly = _yearly_values(readings, as_of)
    results = []
    for year in _due_years(target, as_of):
        current = yearly.get(year)
        if target.kind == "growth":
            previous = yearly.get(year - 1)
            if current is None or previous is None or previous.value == 0:
                results.append(PeriodResult(year, None, None))
                continue
            growth = (current.value / previous.value - 1) * 100
            results.append(PeriodResult(year, growth, is_met(growth, target)))
        elif current is None:
            results.append(PeriodResult(year, None, None))
        else:
            results.append(PeriodResult(year, current.value, is_met(current.value, target)))
    points = observed_points(readings, as_of)
    latest = points[-1] if points else None
    stale = is_stale(latest, indicator, as_of)
    known = [r for r in results if r.met is not None]
    missing = [r for r in results if r.met is None]
    all_due = target.deadline is not None and as_of > target.deadline.end
    noun = "year's growth" if target.kind == "growth" else "year"
    if any(r.met is False for r in known):
        missed = ", ".join(str(r.year) for r in known if r.met is False)
        status = Status.MISSED if target.deadline is not None else Status.BEHIND
        band = f"missed in {missed}"
    elif missing:
        status = Status.AWAITING_DATA
        band = f"no {noun} figure for " + ", ".join(str(r.year) for r in missing)
    elif not results:
        status, band = Status.NO_DATA, "no year has ended yet"
    elif all_due:
        status, band = Status.ACHIEVED, f"met in every year {results[0].year}–{results[-1].year}"
    else:
        status, band = Status.ON_TRACK, "met in every year so far"
    return Assessment(
        indicator=indicator,
        target=target,
        as_of=as_of,
        status=status,
        band=band,
        latest=latest,
        stale=stale,
        periods=tuple(results),
        method=PERIODIC_METHOD,
    )


# ---------------------------------------------------------------------------------------
# Entry points


def choose_method(
    target: Target, workspace_method: Method = METHOD, override: Method | None = None
) -> Method:
    """The method for a target: --method, else the target's own, else the workspace's."""
    return override or target.method or workspace_method


def assess_target(
    indicator: Indicator,
    target: Target,
    readings: Sequence[Reading],
    as_of: dt.date,
    method: Method = METHOD,
) -> Assessment:
    """Assess one target of `indicator` on `as_of`, from the indicator's readings."""
    if target.kind == "level":
        return assess_level(indicator, target, readings, as_of, method)
    return assess_periodic(indicator, target, readings, as_of)


def assess_trend(
    indicator: Indicator, readings: Sequence[Reading], as_of: dt.date
) -> TrendAssessment:
    """An indicator without a target: Open SDG's no-target growth rule.

    `status` is None when a trend was assessed: the band says how it moves.
    """
    points = observed_points(readings, as_of)
    if not points:
        return TrendAssessment(indicator, as_of, Status.NO_DATA, "no reading yet")
    base, latest = points[0], points[-1]
    stale = is_stale(latest, indicator, as_of)
    span = years_between(base.date, latest.date)
    b, c = _nonzero(float(base.value)), _nonzero(float(latest.value))
    if span <= 0 or b * c < 0:
        band = "one date only: no trend yet" if span <= 0 else "values change sign: no growth rate"
        return TrendAssessment(
            indicator, as_of, Status.NOT_ASSESSABLE, band, base, latest, stale=stale
        )
    sign = -1.0 if b < 0 else 1.0
    direction = -1.0 if indicator.direction == "lower" else 1.0
    progress_value = sign * direction * cagr(c, b, span)
    limit = indicator.natural_limit
    adjustment = limit_adjustment(b, float(limit) if limit is not None else None)
    return TrendAssessment(
        indicator,
        as_of,
        None,
        trend_band(progress_value, adjustment),
        base,
        latest,
        cagr_observed=progress_value,
        score=trend_score(progress_value, adjustment),
        stale=stale,
    )
