"""The entry points: which method a target uses, and its assessment on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sdtrack.core.assessment.level import assess_level
from sdtrack.core.assessment.periodic import assess_periodic
from sdtrack.core.assessment.regions import assess_regions
from sdtrack.core.assessment.results import METHOD, Assessment
from sdtrack.core.choices import Method
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.regions import Geography


def choose_method(
    target: Target, workspace_method: Method = METHOD, override: Method | None = None
) -> Method:
    """The method for a target: --method, else the target's own, else the workspace's."""
    return override or target.method or workspace_method


def by_region(readings: Sequence[Reading], geography: Geography) -> dict[str | None, list[Reading]]:
    """Readings grouped by region, in their order; None holds the workspace's own."""
    regions = {reading.region for reading in readings}
    if len(regions) == 1:  # the usual case: one region's series
        return {geography.key(regions.pop()): list(readings)}
    grouped: dict[str | None, list[Reading]] = {}
    for reading in readings:
        grouped.setdefault(geography.key(reading.region), []).append(reading)
    return grouped


def assess_target(
    indicator: Indicator,
    target: Target,
    readings: Sequence[Reading],
    as_of: dt.date,
    method: Method = METHOD,
    geography: Geography | None = None,
) -> Assessment:
    """Assess one target of `indicator` on `as_of`, from the indicator's readings.

    Given `geography`, `readings` may be of every region: the target is judged on its own
    region's (or, counting regions, on each counted region's). Without it, `readings`
    are all the target's own.
    """
    if geography is not None:
        grouped = by_region(readings, geography)
        if target.each is not None:
            among_id = target.among or target.region or geography.own
            among = geography.table[among_id] if among_id is not None else None
            if among is not None:
                counted = geography.children(among.id)
                regional = {r: v for r, v in grouped.items() if r is not None}
                return assess_regions(indicator, target, among, counted, regional, as_of, method)
        readings = grouped.get(geography.key(target.region), [])
    if target.kind == "level":
        return assess_level(indicator, target, readings, as_of, method)
    return assess_periodic(indicator, target, readings, as_of)
