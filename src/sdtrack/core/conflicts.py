"""Readings of one moment: which agree, which conflict, and which one counts.

Two current readings of an indicator describe the same moment when their periods are
equal, or, for a stock or a share, when one is a month and the other a day in that month
(a year figure is the year-end value, so a year and a day inside it are two moments).
Each reading allows an interval of values (`interval_of`): exact v is [v, v], over v is
(v, ∞), under v is (−∞, v), about v is [v(1−t), v(1+t)] and nearly v is [v(1−t), v), with
t = `DEFAULT_ABOUT_TOLERANCE`. At one moment two readings

- *corroborate* when they give the same value with the same qualifier (another source
  saying the same thing: one figure, "2 sources", counted once in every trend);
- *conflict* when their intervals do not intersect (they cannot both be true);
- are otherwise *compatible* (a bound and an exact value inside it): the more informative
  reading counts, an exact value before a two-sided range before a one-sided bound.

The rule while a conflict is unsettled (docs/methodology.md, "Conflicting and
corroborating readings"): the reading least favourable to the indicator's targets counts
(the lowest value when higher is better), so a disputed figure never makes a target look
achieved, and the moment is marked disputed. The user settles it by retracting the wrong
reading or correcting it; both leave only one current figure.

Readings of different regions never share a moment: when readings get a region (issue
16), it joins the key in `_bucket_key`; today every reading is of the one region.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.intervals import Interval
from sdtrack.core.intervals import interval_of as interval_for
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period

# How informative a qualifier is: an exact value, a two-sided range, a one-sided bound.
_QUALIFIER_RANK: dict[str | None, int] = {None: 0, "about": 1, "nearly": 1, "over": 2, "under": 2}
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def interval_of(reading: Reading) -> Interval:
    """The values a reading allows (`core.intervals.interval_of` of its value and qualifier)."""
    return interval_for(reading.value, reading.qualifier)


def disagree(a: Reading, b: Reading) -> bool:
    """Whether two readings cannot both be true: their intervals do not intersect."""
    return not corroborates(a, b) and interval_of(a).meet(interval_of(b)) is None


def corroborates(a: Reading, b: Reading) -> bool:
    """Whether two readings say the same thing: equal value and equal qualifier."""
    return a.value == b.value and a.qualifier == b.qualifier


def source_key(reading: Reading) -> str:
    """Sources compared without case or surrounding space: 'Dazhong Daily' = 'dazhong daily'."""
    return " ".join(reading.source.split()).casefold()


def same_moment(indicator: Indicator, a: Period, b: Period) -> bool:
    """Equal periods; or, for a stock or share, a month and a day within it."""
    if a == b:
        return True
    if indicator.kind == "flow" or {a.precision, b.precision} != {"month", "day"}:
        return False
    month, day = (a, b) if a.precision == "month" else (b, a)
    return month.start <= day.end <= month.end


@dataclass(frozen=True)
class ReadingGroup:
    """The current readings of one moment, and the one the assessment uses.

    `chosen` is the reading that counts; `sources` the number of distinct sources giving
    its value and qualifier; `conflicting` the readings that cannot be true together with
    it (empty once the conflict is settled).
    """

    readings: tuple[Reading, ...]
    chosen: Reading
    sources: int
    conflicting: tuple[Reading, ...]

    @property
    def period(self) -> Period:
        """The moment: the most precise period among the readings (the day, for a month
        figure grouped with a day in it)."""
        if len(self.readings) == 1:
            return self.readings[0].date
        return min((r.date for r in self.readings), key=lambda p: _PRECISION_RANK[p.precision])

    @property
    def disputed(self) -> bool:
        return bool(self.conflicting)

    @property
    def agreeing(self) -> tuple[Reading, ...]:
        """The readings that corroborate `chosen` (itself included), in ledger order."""
        return tuple(r for r in self.readings if corroborates(r, self.chosen))


def _decide(indicator: Indicator, readings: Sequence[Reading]) -> ReadingGroup:
    """Which reading of one moment counts, and which readings conflict with it."""
    first = readings[0]
    if len(readings) == 1:  # the usual case: one reading of its moment
        return ReadingGroup((first,), first, 1, ())
    if all(corroborates(r, first) for r in readings):  # next most usual: one figure
        chosen = next((r for r in readings if not r.derived), first)
        sources = len({source_key(r) for r in readings})
        return ReadingGroup(tuple(readings), chosen, sources, ())
    sign = 1 if indicator.direction == "higher" else -1

    def favour(i: int) -> Decimal:  # smaller is less favourable to the targets
        return readings[i].value * sign

    def informative(i: int) -> tuple[int, bool, Decimal, int]:
        r = readings[i]
        return (_QUALIFIER_RANK[r.qualifier], r.derived, favour(i), i)

    every = range(len(readings))
    # The least favourable reading anchors the choice; among the readings compatible with
    # it the most informative counts (an exact value inside "over v" rather than the bound).
    anchor = readings[min(every, key=lambda i: (favour(i), *informative(i)))]
    chosen_at = min((i for i in every if not disagree(readings[i], anchor)), key=informative)
    chosen = readings[chosen_at]
    # The readings that can be true together with the chosen one; the rest conflict.
    allowed: Interval = interval_of(chosen)
    conflicting: list[int] = []
    for i in sorted(every, key=informative):
        if i == chosen_at:
            continue
        met = allowed.meet(interval_of(readings[i]))
        if met is None:
            conflicting.append(i)
        else:
            allowed = met
    agreeing = {source_key(r) for r in readings if corroborates(r, chosen)}
    against = tuple(readings[i] for i in sorted(conflicting))
    return ReadingGroup(tuple(readings), chosen, len(agreeing), against)


def group_readings(indicator: Indicator, readings: Sequence[Reading]) -> list[ReadingGroup]:
    """The current readings grouped by moment, oldest moment first.

    `readings` are the indicator's current readings (after corrections and retractions:
    `Ledger.current_readings`), in ledger order. A month figure of a stock or share joins
    a day reading in that month: the latest day whose chosen value it agrees with, else the
    latest day in the month; with no day reading in the month it is a moment of its own.
    Readings of different regions are never of one moment.
    """
    by_region: dict[str | None, list[Reading]] = {}
    for reading in readings:
        by_region.setdefault(reading.region, []).append(reading)
    groups: list[ReadingGroup] = []
    for regional in by_region.values():
        buckets: dict[Period, list[int]] = {}
        for position, reading in enumerate(regional):
            buckets.setdefault(reading.date, []).append(position)
        if indicator.kind != "flow":
            _merge_months(indicator, regional, buckets)
        groups += [
            _decide(indicator, [regional[i] for i in members]) for members in buckets.values()
        ]
    return sorted(groups, key=lambda g: g.period.sort_key())


def _merge_months(
    indicator: Indicator, readings: Sequence[Reading], buckets: dict[Period, list[int]]
) -> None:
    """Move each month bucket into the day bucket of that month it belongs with."""
    days_in: dict[tuple[int, int], list[Period]] = {}
    for period in buckets:
        if period.precision == "day":
            days_in.setdefault((period.end.year, period.end.month), []).append(period)
    for month in [p for p in buckets if p.precision == "month"]:
        days = sorted(days_in.get((month.end.year, month.end.month), ()), reverse=True)
        if not days:
            continue
        members = [readings[i] for i in buckets[month]]

        def agrees(day: Period, members: list[Reading] = members) -> bool:
            chosen = _decide(indicator, [readings[i] for i in buckets[day]]).chosen
            return not any(disagree(r, chosen) for r in members)

        into = next((d for d in days if agrees(d)), days[0])
        buckets[into] = sorted([*buckets[into], *buckets.pop(month)])


def each_its_own_moment(indicator: Indicator, readings: Sequence[Reading]) -> bool:
    """Whether `group_readings` would make each reading a group of its own: one region,
    no two readings of one period, and (for a stock or share) no month beside a day."""
    if not readings:
        return True
    region = readings[0].region
    if any(reading.region != region for reading in readings):
        return False
    periods = {reading.date for reading in readings}
    if len(periods) != len(readings):
        return False
    return indicator.kind == "flow" or not {"month", "day"} <= {p.precision for p in periods}


def group_of(indicator: Indicator, reading: Reading, readings: Sequence[Reading]) -> ReadingGroup:
    """The group `reading` falls in once it joins `readings` (which must not hold it)."""

    # Only readings of its period, or of its calendar month for a stock or share, can
    # share its moment: group those alone, so that a long series is not grouped whole.
    def near(other: Period, period: Period = reading.date) -> bool:
        if other == period:
            return True
        if indicator.kind == "flow" or "year" in (other.precision, period.precision):
            return False
        return (other.end.year, other.end.month) == (period.end.year, period.end.month)

    nearby = [r for r in readings if r.region == reading.region and near(r.date)]
    if not nearby:  # the usual case (an import's new readings): a group of one
        return _decide(indicator, [reading])
    for group in group_readings(indicator, [*nearby, reading]):
        if any(r is reading for r in group.readings):
            return group
    raise AssertionError("a reading belongs to a group")  # pragma: no cover


def conflicts_with(indicator: Indicator, new: Reading, current: Sequence[Reading]) -> list[Reading]:
    """The current readings of `new`'s moment that cannot be true together with it."""
    group = group_of(indicator, new, current)
    return [r for r in group.readings if r is not new and disagree(r, new)]


def agrees_with(indicator: Indicator, new: Reading, current: Sequence[Reading]) -> list[Reading]:
    """The current readings of `new`'s moment that give its value and qualifier."""
    group = group_of(indicator, new, current)
    return [r for r in group.readings if r is not new and corroborates(r, new)]


def find_conflicts(indicator: Indicator, readings: Sequence[Reading]) -> list[ReadingGroup]:
    """The moments whose current readings conflict, oldest first."""
    return [g for g in group_readings(indicator, readings) if g.conflicting]
