"""The regional breakdown of an indicator, as plain data every output shares: each
region's latest reading, and the roll-ups of the regions' readings period by period
beside the parent region's own (`core.regions.roll_ups`).

`status --by region`, `show`, and the exporters read these; none of them adds readings
up itself, so all say the same "11 of 16 cities reported".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period
from sdtrack.core.regions import Region, RollUp, RollUpRule, roll_up_rule, roll_ups
from sdtrack.store.workspace import Workspace


@dataclass(frozen=True)
class RegionLatest:
    """One region's latest reading up to the day shown (None: it has none)."""

    region: Region
    reading: Reading | None


@dataclass(frozen=True)
class Breakdown:
    """An indicator's readings across the children of `parent` (the workspace's region)."""

    indicator: Indicator
    parent: Region
    latest: tuple[RegionLatest, ...]
    rule: RollUpRule
    rollups: tuple[RollUp, ...]

    @property
    def regions(self) -> tuple[Region, ...]:
        return tuple(r.region for r in self.latest)

    @property
    def reporting(self) -> int:
        """How many regions have a reading at all."""
        return sum(1 for r in self.latest if r.reading is not None)

    @property
    def latest_rollup(self) -> RollUp | None:
        return self.rollups[-1] if self.rollups else None


def _values(readings: Sequence[Reading]) -> dict[Period, Decimal]:
    """Each period's value: its last current reading (ledger order)."""
    return {r.date: r.value for r in readings}


def breakdown(workspace: Workspace, indicator: Indicator, as_of: dt.date) -> Breakdown | None:
    """The indicator's breakdown over the workspace region's children on `as_of`, or None
    when no child region has a reading of it."""
    geography = workspace.geography
    if geography.own is None or geography.own not in geography.table:
        return None
    parent = geography.table[geography.own]
    counted = geography.children(parent.id)
    regional = {
        region: [r for r in readings if r.date.end <= as_of]
        for region, readings in workspace.regional_readings(indicator.id).items()
    }
    ids = [r.id for r in counted]
    if not any(regional.get(i) for i in ids):
        return None
    latest = tuple(
        RegionLatest(r, max(regional.get(r.id, ()), key=lambda x: x.date.end, default=None))
        for r in counted
    )
    rule = roll_up_rule(indicator.kind, indicator.derived, indicator.weights is not None)
    weights = None
    if rule == "weighted" and indicator.weights is not None:
        weights = {
            region: _values(readings)
            for region, readings in workspace.regional_readings(indicator.weights).items()
        }
    own = _values([r for r in workspace.readings_for(indicator.id) if r.date.end <= as_of])
    values = {i: _values(regional.get(i, [])) for i in ids}
    rolled = roll_ups(rule, ids, values, own, weights)
    return Breakdown(indicator, parent, latest, rule, tuple(rolled))


def breakdowns(workspace: Workspace, as_of: dt.date) -> list[Breakdown]:
    """Every indicator's breakdown that has regional readings, in the workspace's order."""
    found = (breakdown(workspace, i, as_of) for i in workspace.indicators)
    return [b for b in found if b is not None]
