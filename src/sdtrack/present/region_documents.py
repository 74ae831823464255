"""The JSON of regions: the matrix of `status --by region --json`, an indicator's
breakdown over the workspace region's children (`show --json` holds one too) and its
roll-ups, in the envelope and with the fields of `present.documents`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sdtrack.core.assessment import Assessment
from sdtrack.core.regions import RollUp
from sdtrack.present.documents import (
    envelope,
    plan_dict,
    plan_ids,
    reading_dict,
    region_dict,
    report_target,
)
from sdtrack.present.precision import estimate
from sdtrack.present.precision import value as exact
from sdtrack.present.regional import Breakdown
from sdtrack.present.report import StatusReport


def rollup_dict(rollup: RollUp) -> dict[str, Any]:
    """One period's roll-up: who reported, the total (null unless every region did), the
    parent region's own value, and whether the two differ."""
    return {
        "period": str(rollup.period),
        "reported": [v.region for v in rollup.reported],
        "values": {v.region: exact(v.value) for v in rollup.reported},
        "missing": list(rollup.missing),
        "complete": rollup.complete,
        "total": estimate(rollup.total) if rollup.weighted else exact(rollup.total),
        "weighted": rollup.weighted,
        "own": exact(rollup.own),
        "differs": rollup.differs,
    }


def breakdown_head(breakdown: Breakdown) -> dict[str, Any]:
    """A breakdown's indicator, parent region, roll-up rule and how many regions reported:
    the fields every JSON of a breakdown (`status --by region`, the export) opens with."""
    indicator = breakdown.indicator
    return {
        "indicator_id": indicator.id,
        "indicator": indicator.name,
        "indicator_zh": indicator.name_zh or indicator.name,
        "unit": indicator.unit,
        "derived": indicator.derived,
        "parent": breakdown.parent.id,
        "rule": breakdown.rule,
        "regions": len(breakdown.latest),
        "reporting": breakdown.reporting,
    }


def breakdown_dict(
    breakdown: Breakdown, assessments: Sequence[Assessment], report: StatusReport
) -> dict[str, Any]:
    """An indicator across the workspace region's children: each region's latest reading,
    every period's roll-up, and the indicator's targets."""
    indicator = breakdown.indicator
    return {
        **breakdown_head(breakdown),
        "latest": [
            {
                "region": item.region.id,
                "reading": None if item.reading is None else reading_dict(item.reading, indicator),
            }
            for item in breakdown.latest
        ],
        "rollups": [rollup_dict(r) for r in breakdown.rollups],
        "targets": [report_target(a, report) for a in assessments],
    }


def regions_document(report: StatusReport, found: Sequence[Breakdown]) -> dict[str, Any]:
    """`status --by region --json`: the matrix of targets and regions. Each broken-down
    indicator with its regions' latest readings, its roll-ups beside the parent's own
    value, and its targets (a count-of-regions target's `region_count` holds each
    region's standing); then the targets whose indicators have no regional readings."""
    geography = report.geography
    own = geography.own if geography is not None else None
    parent = geography.table.get(own) if geography is not None and own is not None else None
    children = geography.children(own) if geography is not None and own is not None else []
    broken = {b.indicator.id for b in found}
    return envelope(
        "status",
        report.as_of,
        {
            "workspace": report.workspace,
            "by": "region",
            "region": region_dict(parent),
            "plan": plan_dict(report.plan),
            "regions": [region_dict(r) for r in children],
            "indicators": [
                breakdown_dict(
                    b, [a for a in report.assessments if a.indicator == b.indicator], report
                )
                for b in found
            ],
            "targets_without_regional_data": [
                a.target.id for a in report.assessments if a.indicator.id not in broken
            ],
            "plans": [plan_dict(report.plans[p]) for p in plan_ids(report.assessments, report)],
        },
    )
