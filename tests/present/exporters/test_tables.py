"""The flat tables CSV and XLSX share: one row per target, one per reading."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from sdtrack.core.derived import DerivedReading
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.tables import (
    BREAKDOWN_COLUMNS,
    READING_COLUMNS,
    ROLLUP_COLUMNS,
    TARGET_COLUMNS,
    breakdown_rows,
    reading_rows,
    rollup_rows,
    target_rows,
)
from sdtrack.present.precision import value as exact


def test_target_rows_have_every_column(context: ExportContext) -> None:
    """Each target row has exactly the target columns and is stamped with its report."""
    rows = target_rows(context)
    assert len(rows) == len(context.report.assessments) == 20
    assert all(tuple(row) == TARGET_COLUMNS for row in rows)
    row = next(r for r in rows if r["target_id"] == "5g-base-stations-2025")
    assert row["target_value"] == 270000
    assert row["as_of"] == "2026-11-22"


def test_reading_rows_name_indicator_and_unit(context: ExportContext) -> None:
    """Each reading row names its indicator and unit beside its value and source."""
    rows = reading_rows(context)
    assert all(tuple(row) == READING_COLUMNS for row in rows)
    first = rows[0]
    assert (first["reading_id"], first["unit"], first["value"]) == (
        "seed-smart-communities-2021",
        "communities",
        301,
    )


def test_breakdown_rows_and_rollup_rows(regional: ExportContext) -> None:
    """A breakdown's two tables: a row per city (empty cells without a reading), a row per
    period with how many reported, the total only when all did, the own figure beside it."""
    gigabit = regional.breakdowns[0]
    rows = breakdown_rows(gigabit)
    assert all(tuple(row) == BREAKDOWN_COLUMNS for row in rows)
    assert [r["region"] for r in rows][:2] == ["jinan", "qingdao"]
    weifang = next(r for r in rows if r["region"] == "weifang")
    assert (weifang["value"], weifang["source"], weifang["code"]) == (None, None, "370700")
    (rollup,) = rollup_rows(gigabit, regional)
    assert tuple(rollup) == ROLLUP_COLUMNS
    assert (rollup["reported"], rollup["regions"], rollup["missing"]) == (14, 16, "weifang;heze")
    assert (rollup["total"], rollup["own"]) == (None, 15)
    assert rollup["text"] == (
        "2024: 14 of 16 cities reported: no total; Shandong's own figure: 15 cities"
    )


def test_rows_name_the_region_of_each_target_and_reading(regional: ExportContext) -> None:
    """A target row names its region, plan and counted regions; a reading row its region."""
    targets = {r["target_id"]: r for r in target_rows(regional)}
    assert targets["gigabit-cities-2024"]["regions_unreported"] == "weifang;heze"
    assert targets["5g-per-10k-2027"]["plan"] == "5g-plan-2025"
    readings = reading_rows(regional)
    assert {r["region"] for r in readings} >= {"shandong", "jinan", "heze"}
    assert next(r for r in readings if r["region"] == "heze")["region_name"] == "Heze"


def _each_reading_alone(context: ExportContext) -> list[dict[str, Any]]:
    """The reading rows made one at a time, nothing shared between them: what
    `reading_rows` must equal."""
    names = {i.id: i for i in context.indicators}
    rows = []
    for listed in context.indicators:
        for reading in context.all_readings_for(listed):
            indicator, region = names[reading.indicator], context.region_of(reading)
            inputs = reading.inputs if isinstance(reading, DerivedReading) else ()
            rows.append(
                {
                    "reading_id": reading.key,
                    "indicator_id": reading.indicator,
                    "indicator": indicator.name,
                    "unit": indicator.unit,
                    "region": region,
                    "region_name": context.region_name(region) or None,
                    "date": str(reading.date),
                    "period_end": reading.date.end.isoformat(),
                    "value": exact(reading.value),
                    "qualifier": reading.qualifier,
                    "derived": reading.derived,
                    "inputs": ";".join(r.key for r in inputs) or None,
                    "source": reading.source,
                    "url": reading.url,
                    "quote": reading.quote,
                    "note": reading.note,
                    "recorded": reading.recorded.isoformat() if reading.recorded else None,
                    "as_of": context.as_of.isoformat(),
                    "generated_at": context.generated_at.isoformat(),
                    "sdtrack_version": context.version,
                }
            )
    return rows


@pytest.mark.parametrize("which", ["context", "regional", "regional_zh"])
def test_reading_rows_are_each_readings_own(which: str, request: pytest.FixtureRequest) -> None:
    """Made with what readings share found once (a region's name, a period's texts), every
    row is what the reading alone gives, in the same order, derived inputs included."""
    context: ExportContext = request.getfixturevalue(which)
    expected = _each_reading_alone(context)
    assert any(row["inputs"] for row in expected)
    assert repr(reading_rows(context)) == repr(
        [
            {**r, "value": r["value"] if not isinstance(r["value"], str) else Decimal(r["value"])}
            for r in expected
        ]
    )
