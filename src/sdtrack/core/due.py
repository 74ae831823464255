"""What to look up next: the figures the targets need that are not recorded yet, and
where each stands on the release calendar (`core.releases`) on a day.

A level target needs the figure for its deadline period, until a reading at or after the
deadline is in (or the latest figure already meets it). A growth target needs each
year's figure from the year before its start to its deadline (year-on-year growth needs
the previous year); a recurring target each year's from its start to its deadline, or,
without one, to the year under way. A year's figure is a reading dated to that year
(year precision), as the year-by-year assessment reads it: a day-dated reading after the
year's end is no year's figure. An indicator without targets (a trend) needs the figure
for the last year ended: the year's own for a flow or a share; for a stock, a reading at
or after the year's end will do.

With regions: a target for a region needs that region's figure; a count-of-regions target
needs the deadline figure of each region not yet settled (`core.assessment.regions`); a
derived indicator's target needs its inputs' figures, never its own (it is computed); and
only the workspace's own region's readings count for its own targets and trends.

Pure: the day is an argument, the clock is never read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sdtrack.core.assessment import observed_points, settles
from sdtrack.core.assessment.regions import standings
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.periods import Period, add_years
from sdtrack.core.regions import Geography, Region
from sdtrack.core.releases import FigureState, expected_by, figure_state

Need = Literal["target", "trend"]
"""Why a figure is listed: a target needs it, or it is a trend indicator's latest year."""

STATE_ORDER: tuple[FigureState, ...] = ("overdue", "expected", "upcoming")
# Upcoming figures (their period not ended) are listed when the period ends within this
# many years of the day, unless every one is asked for.
UPCOMING_WINDOW_YEARS = 1


@dataclass(frozen=True)
class DueFigure:
    """One figure not yet recorded: whose, for which period, expected when, needed by what."""

    indicator: Indicator
    period: Period
    expected_by: dt.date
    state: FigureState
    targets: tuple[str, ...]
    """The ids of the targets that need it; empty for a trend."""
    need: Need
    as_of: dt.date
    region: Region | None = None
    """The region whose figure it is; None: the workspace's own."""

    @property
    def days_overdue(self) -> int | None:
        """Days since the figure was expected; None unless it is overdue."""
        return (self.as_of - self.expected_by).days if self.state == "overdue" else None

    @property
    def days_until_expected(self) -> int | None:
        """Days left until the figure is expected; None once it is overdue."""
        return None if self.state == "overdue" else (self.expected_by - self.as_of).days


# A figure the targets need: (indicator id, region id or None, period).
FigureKey = tuple[str, str | None, Period]


def due_figures(
    indicators: Iterable[Indicator],
    readings: Iterable[Reading],
    as_of: dt.date,
    *,
    every_upcoming: bool = False,
    geography: Geography | None = None,
) -> list[DueFigure]:
    """The figures not recorded by `as_of` that the targets (and trends) need: overdue
    first, then expected, then upcoming (those ending within a year of `as_of`, or with
    `every_upcoming` all of them), each group by the day the figure is expected.

    `readings` are of every region, a derived indicator's computed ones included."""
    geography = geography or Geography({}, None)
    ended: dict[tuple[str, str | None], list[Reading]] = {}
    for reading in readings:
        if reading.date.end <= as_of:
            ended.setdefault((reading.indicator, geography.key(reading.region)), []).append(reading)
    listed = list(indicators)
    needs: dict[FigureKey, tuple[str, ...]] = {}
    for indicator in listed:
        if not indicator.targets:
            if indicator.formula is None:
                for period in _trend(indicator, ended.get((indicator.id, None), []), as_of):
                    needs.setdefault((indicator.id, None, period), ())
            continue
        for target in indicator.targets:
            for key in _target_needs(indicator, target, ended, as_of, geography):
                needs[key] = (*needs.get(key, ()), target.id)
    horizon = add_years(as_of, UPCOMING_WINDOW_YEARS)
    by_id = {i.id: (order, i) for order, i in enumerate(listed)}
    found: list[tuple[int, int, DueFigure]] = []
    region_order = {r: n for n, r in enumerate(geography.table)}
    for (indicator_id, region, period), target_ids in needs.items():
        order, indicator = by_id[indicator_id]
        state = figure_state(indicator, period, as_of)
        if state == "upcoming" and not every_upcoming and period.end > horizon:
            continue
        need: Need = "target" if target_ids else "trend"
        place = geography.table.get(region) if region is not None else None
        figure = DueFigure(
            indicator, period, expected_by(indicator, period), state, target_ids, need, as_of, place
        )
        found.append((order, region_order.get(region, -1) if region else -1, figure))
    found.sort(
        key=lambda item: (
            STATE_ORDER.index(item[2].state),
            item[2].expected_by,
            item[0],
            item[2].period,
            item[1],
        )
    )
    return [figure for _order, _place, figure in found]


def _target_needs(
    indicator: Indicator,
    target: Target,
    ended: dict[tuple[str, str | None], list[Reading]],
    as_of: dt.date,
    geography: Geography,
) -> list[FigureKey]:
    """The figures one target needs and lacks (see the module docstring)."""
    region = geography.key(target.region)
    own = ended.get((indicator.id, region), [])
    if target.kind != "level":
        years = {r.date.end.year for r in own if r.date.precision == "year"}
        periods = [Period.year(y) for y in _target_years(target, as_of) if y not in years]
        return [(indicator.id, region, p) for p in periods]
    assert target.deadline is not None
    among = target.among or target.region or geography.own
    if target.each is not None and among is not None and among in geography.table:
        counted = [r.id for r in geography.children(among)]
        regional = {r: ended.get((indicator.id, r), []) for r in counted}
        day = min(as_of, target.deadline.end)
        unsettled = [s.region for s in standings(target, counted, regional, day) if not s.settled]
        return [(indicator.id, r, target.deadline) for r in unsettled]
    if _level_settled(indicator, target, own, as_of):
        return []
    if indicator.formula is not None:
        inputs = indicator.formula.inputs
        return [
            (i, region, target.deadline)
            for i in inputs
            if not _has_period(ended.get((i, region), []), target.deadline)
        ]
    return [(indicator.id, region, target.deadline)]


def _has_period(readings: Sequence[Reading], period: Period) -> bool:
    return any(r.date == period or r.date.end >= period.end for r in readings)


def named(figures: Iterable[DueFigure], ids: Collection[str]) -> list[DueFigure]:
    """The figures of the indicators named in `ids`, and those the named targets need."""
    chosen = set(ids)
    return [f for f in figures if f.indicator.id in chosen or chosen.intersection(f.targets)]


def _level_settled(
    indicator: Indicator, target: Target, ended: Sequence[Reading], as_of: dt.date
) -> bool:
    """A level target needs nothing more once a reading at or after its deadline is in, or
    once its latest figure meets it (the assessment's "target met")."""
    assert target.deadline is not None
    if any(r.date.end >= target.deadline.end for r in ended):
        return True
    points = observed_points(ended, as_of, indicator)
    return bool(points) and settles(points[-1].value, points[-1].qualifier, target) is True


def _target_years(target: Target, as_of: dt.date) -> range:
    """The years whose figures a growth or recurring target rests on."""
    assert target.start is not None
    first = target.start.end.year - (1 if target.kind == "growth" else 0)
    if target.deadline is not None:
        return range(first, target.deadline.end.year + 1)
    # Open-ended: every year ended by `as_of`, and the one under way.
    return range(first, (as_of + dt.timedelta(days=1)).year + 1)


def _trend(
    indicator: Indicator, ended: Sequence[Reading], as_of: dt.date
) -> dict[Period, tuple[str, ...]]:
    """A trend indicator's figure for the last year ended, when it is not recorded."""
    year = as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1
    period = Period.year(year)
    if indicator.kind == "stock":
        recorded = any(r.date.end >= period.end for r in ended)
    else:
        recorded = any(r.date.precision == "year" and r.date.end.year == year for r in ended)
    return {} if recorded else {period: ()}
