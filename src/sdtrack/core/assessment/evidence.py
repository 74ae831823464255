"""Which readings a verdict rests on: the observed points, and where the pace starts.

The readings of one moment are grouped first (`core.conflicts`): a corroborated figure is
one point with its number of sources, and while two sources disagree the point is the
value least favourable to the targets, marked disputed. The observed pace then starts at
a sourced figure: a derived value is never the start of a pace when an earlier sourced
reading exists (docs/methodology.md, "Pace from evidence").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from sdtrack.core.assessment.results import PaceNote, Point
from sdtrack.core.conflicts import each_its_own_moment, group_readings
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.periods import years_between


def observed_points(
    readings: Sequence[Reading], as_of: dt.date, indicator: Indicator
) -> list[Point]:
    """One point per moment whose period has ended by `as_of`, oldest first."""
    ended = [r for r in readings if r.date.end <= as_of]
    if each_its_own_moment(indicator, ended):
        # The usual series, one reading per period: each group would be one reading.
        return sorted(map(Point.of, ended), key=_period_order)
    return grouped_points(ended, indicator)


def grouped_points(ended: Sequence[Reading], indicator: Indicator) -> list[Point]:
    """One point per moment of `ended`, oldest first, from `core.conflicts` groups."""
    points = []
    for group in group_readings(indicator, ended):
        point = Point.of(group.chosen)
        if group.sources != 1 or group.conflicting:
            point = replace(
                point,
                sources=group.sources,
                disputed_by=tuple(r.key for r in group.conflicting),
            )
        points.append(point)
    return sorted(points, key=lambda p: p.date)


def _period_order(point: Point) -> tuple[dt.date, dt.date, str]:
    # The groups' order (by period), which the points' sort by date keeps.
    return point.period.sort_key()


def baseline_point(target: Target, as_of: dt.date) -> Point | None:
    baseline = target.baseline
    if baseline is None or baseline.date.end > as_of:
        return None
    return Point(baseline.date.end, baseline.value, baseline.date, None, baseline.derived)


def pace_start(target: Target, points: Sequence[Point], as_of: dt.date) -> Point | None:
    """Where the observed pace starts: the target's own baseline when it is sourced;
    when it is derived, the latest sourced reading at or before its date (else the
    derived baseline itself); with no baseline, the first sourced reading."""
    declared = baseline_point(target, as_of)
    sourced = [p for p in points if not p.derived]
    if declared is not None and not declared.derived:
        return declared
    if declared is not None:
        earlier = [p for p in sourced if p.date <= declared.date]
        return earlier[-1] if earlier else declared
    if sourced:
        return sourced[0]
    return points[0] if points else None


def pace_notes(start: Point | None, latest: Point | None) -> tuple[PaceNote, ...]:
    """Why a pace from `start` to `latest` is fragile, if it is."""
    if start is None or latest is None or latest.date <= start.date:
        return ()
    notes = []
    if years_between(start.date, latest.date) < 1:
        notes.append(PaceNote.SHORT_SPAN)
    if start.qualifier is not None or latest.qualifier is not None:
        notes.append(PaceNote.FROM_BOUND)
    if start.derived or latest.derived:
        notes.append(PaceNote.FROM_DERIVED)
    return tuple(notes)
