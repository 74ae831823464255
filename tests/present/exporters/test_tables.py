"""The flat tables CSV and XLSX share: one row per target, one per reading."""

from __future__ import annotations

from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.tables import (
    READING_COLUMNS,
    TARGET_COLUMNS,
    reading_rows,
    target_rows,
)


def test_target_rows_have_every_column(context: ExportContext) -> None:
    """Each target row has exactly the target columns and is stamped with its report."""
    rows = target_rows(context)
    assert len(rows) == 9
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
