"""Growth targets (each year's growth) and recurring targets (each year's value).

A year is judged once its figure is in. Until the figure can be expected (the release
calendar, `core.releases`) the target is awaiting it; after that day it is overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sdtrack.core.assessment.bounds import settles
from sdtrack.core.assessment.evidence import observed_points
from sdtrack.core.assessment.level import waiting_for
from sdtrack.core.assessment.results import Assessment, PeriodResult, Point, Status
from sdtrack.core.assessment.rules import is_stale
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.periods import Period

# Growth and recurring targets are judged year by year, whatever the level method.
PERIODIC_METHOD = "per-year"


def _yearly_values(points: Sequence[Point]) -> dict[int, Point]:
    """Annual figures by year; a later reading of the same year supersedes an earlier one."""
    return {p.period.end.year: p for p in points if p.period.precision == "year"}


def _years(target: Target, as_of: dt.date) -> list[int]:
    """The target's years that have ended by `as_of`."""
    assert target.start is not None
    last = target.deadline.end.year if target.deadline else as_of.year
    return [y for y in range(target.start.end.year, last + 1) if dt.date(y, 12, 31) <= as_of]


# Which way each figure's bound pushes year-on-year growth: "over" this year raises it,
# "over" last year lowers it.
_PUSH = {"over": 1, "under": -1}


def _growth(current: Point, previous: Point) -> tuple[Point, str | None]:
    """Year-on-year growth in percent, and its bound when a figure is one: "over" or
    "under", or "unknown" when the bounds leave its direction open."""
    growth = (current.value / previous.value - 1) * 100
    if current.qualifier is None and previous.qualifier is None:
        return Point(current.date, growth, current.period, None), None
    pushes = set()
    for point, sign in ((current, 1), (previous, -1)):
        if point.qualifier is not None:
            pushes.add(_PUSH.get(point.qualifier, 0) * sign)
    if pushes in ({1}, {-1}):
        qualifier = "over" if pushes == {1} else "under"
        return Point(current.date, growth, current.period, None, qualifier=qualifier), qualifier
    return Point(current.date, growth, current.period, None), "unknown"


def _year_result(
    year: int, yearly: dict[int, Point], target: Target
) -> tuple[PeriodResult, int | None]:
    """The year's result, and the year whose figure is missing when it cannot be judged."""
    current = yearly.get(year)
    if target.kind == "growth":
        previous = yearly.get(year - 1)
        missing = year if current is None else (year - 1 if previous is None else None)
        if current is None or previous is None or previous.value == 0:
            return PeriodResult(year, None, None), missing
        growth, bound = _growth(current, previous)
        met = None if bound == "unknown" else settles(growth.value, growth.qualifier, target)
        return PeriodResult(year, growth.value, met), None
    if current is None:
        return PeriodResult(year, None, None), year
    return PeriodResult(
        year, current.value, settles(current.value, current.qualifier, target)
    ), None


def assess_periodic(
    indicator: Indicator, target: Target, readings: Sequence[Reading], as_of: dt.date
) -> Assessment:
    """Growth targets (each year's growth) and recurring targets (each year's value)."""
    points = observed_points(readings, as_of, indicator)
    yearly = _yearly_values(points)
    results: list[PeriodResult] = []
    missing: list[int] = []
    for year in _years(target, as_of):
        result, missing_year = _year_result(year, yearly, target)
        results.append(result)
        if missing_year is not None and missing_year not in missing:
            missing.append(missing_year)
    latest = points[-1] if points else None
    stale = is_stale(latest, indicator, as_of)
    known = [r for r in results if r.met is not None]
    waiting = [waiting_for(indicator, Period.year(y), as_of) for y in missing]
    overdue = [w for w in waiting if w.status is Status.OVERDUE]
    all_due = target.deadline is not None and as_of > target.deadline.end
    first = waiting[0] if waiting else None
    if any(r.met is False for r in known):
        missed = ", ".join(str(r.year) for r in known if r.met is False)
        status = Status.MISSED if target.deadline is not None else Status.BEHIND
        band = f"missed in {missed}"
    elif overdue:
        first = overdue[0]
        status, band = Status.OVERDUE, first.band
    elif waiting:
        assert first is not None
        status, band = Status.AWAITING_DATA, first.band
    elif any(r.met is None for r in results):
        status, band = Status.NOT_ASSESSABLE, "a bound does not settle a year's figure"
    elif not results:
        assert target.start is not None
        status, band = Status.NOT_YET_DUE, f"the first year, {target.start.end.year}, has not ended"
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
        awaited=first.awaited if first and status.is_waiting else None,
        expected_by=first.expected_by if first and status.is_waiting else None,
    )
