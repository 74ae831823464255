"""CSV: one row per target (or, with readings=True, per reading), formula cells neutralised."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.cells import csv_text, neutralise
from sdtrack.present.exporters.tables import (
    READING_COLUMNS,
    TARGET_COLUMNS,
    reading_rows,
    target_rows,
)

UTF8_BOM = "\ufeff"


def _cell(value: Any) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)


def write_csv(columns: Sequence[str], rows: Sequence[dict[str, Any]], *, excel: bool) -> bytes:
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    text = csv_text([columns, *cells], "\r\n" if excel else "\n")
    # A lone surrogate (text that was never UTF-8) is written as "?", not a failed export.
    return ((UTF8_BOM if excel else "") + text).encode("utf-8", errors="replace")


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    if options.readings:
        content = write_csv(READING_COLUMNS, reading_rows(context), excel=options.excel)
    else:
        content = write_csv(TARGET_COLUMNS, target_rows(context), excel=options.excel)
    return [ExportFile("", content)]
