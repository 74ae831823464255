"""Growth targets (each year's growth) and recurring targets (each year's value)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sdtrack.core.assessment.results import Assessment, PeriodResult, Point, Status
from sdtrack.core.assessment.rules import is_met, is_stale, observed_points
from sdtrack.core.model import Indicator, Reading, Target

# Growth and recurring targets are judged year by year, whatever the level method.
PERIODIC_METHOD = "per-year"


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
