"""The JSON of regions: `status --by region --json`'s matrix, a breakdown, a roll-up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sdtrack.present.region_documents import breakdown_dict, regions_document, rollup_dict
from sdtrack.present.regional import breakdown, breakdowns
from sdtrack.present.report import build_status
from sdtrack.store.workspace import Workspace

from .test_regional import AS_OF as REGIONAL_DAY
from .test_regional import load_regional, write_regional


@pytest.fixture
def regional(tmp_path: Path) -> Workspace:
    return load_regional(write_regional(tmp_path / "regions"))


REGIONS_KEYS = [
    "schema_version", "sdtrack_version", "command", "as_of", "workspace", "by", "region", "plan",
    "regions", "indicators", "targets_without_regional_data", "plans",
]  # fmt: skip
BREAKDOWN_KEYS = [
    "indicator_id", "indicator", "indicator_zh", "unit", "derived", "parent", "rule", "regions",
    "reporting", "latest", "rollups", "targets",
]  # fmt: skip
ROLLUP_KEYS = [
    "period", "reported", "values", "missing", "complete", "total", "weighted", "own", "differs",
]  # fmt: skip
REGION_KEYS = ["id", "name", "name_zh", "parent", "level", "code"]
PLAN_KEYS = ["id", "title", "title_zh", "issuer", "issuer_zh", "date", "document", "url", "note"]


def test_the_regions_matrix_is_pinned(regional: Workspace) -> None:
    """Each broken-down indicator: every city's latest reading, every period's roll-up
    beside the province's own value, and its targets (a count target's regions in
    `region_count`); then the targets whose indicators have no regional readings."""
    report = build_status(regional, REGIONAL_DAY)
    document = regions_document(report, breakdowns(regional, REGIONAL_DAY))
    assert list(document) == REGIONS_KEYS
    assert (document["command"], document["by"]) == ("status", "region")
    assert list(document["region"]) == REGION_KEYS
    assert document["region"]["id"] == "shandong"
    assert [r["id"] for r in document["regions"]][:2] == ["jinan", "qingdao"]
    assert len(document["regions"]) == 16
    stations, *_rest = document["indicators"]
    assert list(stations) == BREAKDOWN_KEYS
    assert (stations["rule"], stations["regions"], stations["reporting"]) == ("sum", 16, 16)
    jinan = stations["latest"][0]
    assert jinan["region"] == "jinan"
    assert (jinan["reading"]["value"], jinan["reading"]["region"]) == (31000, "jinan")
    complete, partial = stations["rollups"]
    assert list(complete) == ROLLUP_KEYS
    assert (complete["total"], complete["own"], complete["differs"]) == (200000, 210000, True)
    assert complete["values"]["jinan"] == 28000
    assert (partial["total"], partial["complete"], len(partial["missing"])) == (None, False, 5)
    assert [t["target_id"] for t in stations["targets"]] == [
        "stations-2025-first",
        "stations-2025",
        "jinan-stations-2025",
    ]
    assert stations["targets"][0]["superseded_by"] == "stations-2025"
    gigabit = next(b for b in document["indicators"] if b["indicator_id"] == "gigabit")
    counted = gigabit["targets"][0]["region_count"]
    assert counted["unreported"] == ["weifang"]
    assert document["targets_without_regional_data"] == []
    assert [p["id"] for p in document["plans"]] == ["plan-a", "plan-b"]
    assert list(document["plans"][0]) == PLAN_KEYS
    json.dumps(document)


def test_a_weighted_or_missing_total_is_null(regional: Workspace) -> None:
    """A roll-up without every region has no total; the own value is kept beside it."""
    found = breakdown(regional, regional.indicator("stations"), REGIONAL_DAY)
    assert found is not None
    partial = rollup_dict(found.rollups[-1])
    assert (partial["total"], partial["own"], partial["differs"]) == (None, None, False)
    assert len(partial["values"]) == 11
    report = build_status(regional, REGIONAL_DAY)
    share = breakdown(regional, regional.indicator("coverage"), REGIONAL_DAY)
    assert share is not None
    document = breakdown_dict(share, [], report)
    assert (document["rule"], document["reporting"], document["targets"]) == ("none", 1, [])
