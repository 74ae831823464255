"""The XLSX exporter: a summary, targets, readings and sources, each a typed sheet."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.xlsx import render


def test_workbook_sheets_and_typed_cells(context: ExportContext) -> None:
    """The workbook has its four sheets; dates are dates and the summary counts targets."""
    ((name, content),) = render(context, ExportOptions())
    assert name == ""
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Summary", "Targets", "Readings", "Sources"]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["targets"] == 9
    assert summary["as_of"] == dt.datetime(2026, 11, 22)
    targets = list(book["Targets"].iter_rows(values_only=True))
    assert targets[0][0] == "target_id"
    assert len(targets) == 10
    assert book.properties.creator.startswith("sdtrack ")
