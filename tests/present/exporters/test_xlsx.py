"""The XLSX exporter: a summary, targets, readings and sources, each a typed sheet."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from sdtrack.core import language
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.tables import TARGET_COLUMNS
from sdtrack.present.exporters.xlsx import render
from sdtrack.present.phrases import STATUS_WORDS

from .conftest import FAKE_ZH, FakeCatalog


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


def test_english_dates_and_one_header_row(context: ExportContext) -> None:
    """In English the header row is the field names and dates read yyyy-mm-dd."""
    book = load_workbook(io.BytesIO(render(context, ExportOptions())[0][1]))
    sheet = book["Targets"]
    assert sheet.freeze_panes == "A2"
    columns = [cell.value for cell in sheet[1]]
    deadline = sheet.cell(row=2, column=columns.index("deadline") + 1)
    assert deadline.number_format == "yyyy-mm-dd"


@pytest.mark.usefixtures("zh_catalog")
def test_chinese_sheets_headings_and_dates(zh_context: ExportContext) -> None:
    """In Chinese the sheets have Chinese names, a Chinese heading row above the stable
    field names, and Chinese dates; codes and numbers stay as they are."""
    words = {"overdue": "逾期", "likely met": "可能达成", "outlook unknown": "前景不明"}
    language._State.catalog = FakeCatalog(
        {**FAKE_ZH, **words, "{status}: {outlook}": "{status}：{outlook}"}
    )
    book = load_workbook(io.BytesIO(render(zh_context, ExportOptions())[0][1]))
    assert book.sheetnames == ["摘要", "目标", "读数", "来源"]
    sheet = book["目标"]
    headings = [cell.value for cell in sheet[1]]
    columns = [cell.value for cell in sheet[2]]
    assert columns == list(TARGET_COLUMNS)
    assert headings[0] == "目标编号"
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref.startswith("A2:")
    deadline = sheet.cell(row=3, column=columns.index("deadline") + 1)
    assert deadline.value == dt.datetime(2025, 12, 31)
    assert deadline.number_format == 'yyyy"年"m"月"d"日"'
    assert sheet.cell(row=3, column=columns.index("status") + 1).value in STATUS_WORDS
    summary = {row[2]: row for row in book["摘要"].iter_rows(min_row=3, values_only=True)}
    assert summary["targets"][1] == 9
    assert summary["overdue"][0] == "逾期"
    assert summary["overdue.likely_met"][0] == "逾期：可能达成"
    assert summary["overdue.unknown"][0] == "逾期：前景不明"
    assert (
        sum(summary[f"overdue.{code}"][1] for code in ("likely_met", "likely_missed", "unknown"))
        == 9
    )
