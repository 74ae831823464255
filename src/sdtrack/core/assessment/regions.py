"""Count-of-regions targets: "all 16 cities meet the gigabit-city standard by 2024".

Such a target's value is a number of regions (the children of `among`), each of which
must meet the condition `each`, judged from that region's own readings. A region stands,
on a day, by its latest reading up to that day: it meets the condition, falls short, or
has no reading. The count of regions meeting it at each day a regional reading is dated
forms the series a level target is judged on, so that pace, projection and the waiting
rules are the level target's own; then, once the deadline has passed, the regions
decide the verdict:

- achieved when enough regions met the condition by the deadline;
- missed when, even if every unsettled region met it, too few would: a region is settled
  as short only by a reading of a period ending with the deadline (the deadline year's own
  figure; a mid-year reading settles nothing);
- otherwise overdue: the readings of the unsettled regions would settle it, and they are
  named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from sdtrack.core.assessment.bounds import settles
from sdtrack.core.assessment.level import assess_level
from sdtrack.core.assessment.results import (
    METHOD,
    Assessment,
    RegionCount,
    RegionStanding,
    Status,
)
from sdtrack.core.choices import Method
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.periods import Period
from sdtrack.core.regions import LEVEL_WORDS, Region


def condition_target(target: Target) -> Target:
    """The condition each region must meet, as a target `settles` can judge."""
    assert target.each is not None
    return target.model_copy(
        update={
            "comparison": target.each.comparison,
            "value": target.each.value,
            "tolerance": None,
            "each": None,
        }
    )


def standings(
    target: Target,
    regions: Sequence[str],
    readings: Mapping[str, Sequence[Reading]],
    day: dt.date,
) -> list[RegionStanding]:
    """Each region's standing on `day`, from its readings of periods ending by then."""
    condition = condition_target(target)
    deadline: Period | None = target.deadline
    result: list[RegionStanding] = []
    for region in regions:
        known = [r for r in readings.get(region, ()) if r.date.end <= day]
        latest = max(known, key=lambda r: r.date.end, default=None)
        if latest is None:
            result.append(RegionStanding(region, None, None, settled=False))
            continue
        meets = settles(latest.value, latest.qualifier, condition)
        at_deadline = deadline is not None and latest.date.end >= deadline.end
        result.append(RegionStanding(region, latest, meets, settled=meets or at_deadline))
    return result


def count_series(
    indicator_id: str,
    target: Target,
    regions: Sequence[str],
    readings: Mapping[str, Sequence[Reading]],
) -> list[Reading]:
    """The number of regions meeting the condition on each day a regional reading ends,
    as derived readings of the count (dated by that reading's period)."""
    periods = sorted({r.date for region in regions for r in readings.get(region, ())})
    series: list[Reading] = []
    for period in periods:
        count = sum(1 for s in standings(target, regions, readings, period.end) if s.meets)
        series.append(
            Reading.model_construct(
                id=f"count-{target.id}-{period}",
                indicator=indicator_id,
                value=Decimal(count),
                date=period,
                qualifier=None,
                derived=False,
                region=None,
                source="",
                url=None,
                quote=None,
                note=None,
                recorded=None,
                corrects=None,
                request_key=None,
                batch=None,
                batch_size=None,
            )
        )
    return series


def counted_indicator(indicator: Indicator, counted: Sequence[Region]) -> Indicator:
    """The indicator as the count target sees it: regions counted, none over their number."""
    level = counted[0].level if counted else "city"
    one, many = LEVEL_WORDS[level]
    return indicator.model_copy(
        update={
            "unit": many,
            "unit_one": one,
            "unit_zh": "个",
            "kind": "stock",
            "limit": Decimal(len(counted)),
            "formula": None,
            "integer": True,
            "targets": [],
        }
    )


def assess_regions(
    indicator: Indicator,
    target: Target,
    among: Region,
    counted: Sequence[Region],
    readings: Mapping[str, Sequence[Reading]],
    as_of: dt.date,
    method: Method = METHOD,
) -> Assessment:
    """A count-of-regions target's standing on `as_of` (see the module docstring)."""
    assert target.deadline is not None
    ids = [r.id for r in counted]
    as_count = counted_indicator(indicator, counted)
    series = count_series(indicator.id, target, ids, readings)
    assessment = assess_level(as_count, target, series, as_of, method)
    deadline = target.deadline.end
    judged_on = min(as_of, deadline)
    count = RegionCount(among.id, tuple(standings(target, ids, readings, judged_on)), judged_on)
    status, band = assessment.status, assessment.band
    if as_of > deadline:
        status, band = _after_deadline(target, count, assessment)
    unsure = bool(count.unsettled) and status is not Status.ACHIEVED
    final = status.is_final
    return replace(
        assessment,
        indicator=indicator,
        status=status,
        band=band,
        region_count=count,
        gap_bound="at_most" if unsure and assessment.gap else assessment.gap_bound,
        outlook=None if final else assessment.outlook,
        awaited=None if final else assessment.awaited,
        expected_by=None if final else assessment.expected_by,
    )


# The bands of a count-of-regions target once its deadline has passed (words in
# `present.phrases.BAND_WORDS`).
ENOUGH_REGIONS = "enough regions met the condition by the deadline"
TOO_FEW_REGIONS = "too few regions can have met the condition by the deadline"
UNSETTLED_REGIONS = "the readings of the regions not yet settled would decide it"


def _after_deadline(
    target: Target, count: RegionCount, assessment: Assessment
) -> tuple[Status, str]:
    met = len(count.meeting)
    possible = met + len(count.unsettled)
    if settles(Decimal(met), None, target):
        return Status.ACHIEVED, ENOUGH_REGIONS
    if not settles(Decimal(possible), None, target):
        return Status.MISSED, TOO_FEW_REGIONS
    if assessment.status.is_waiting:
        return assessment.status, assessment.band
    return Status.OVERDUE, UNSETTLED_REGIONS
