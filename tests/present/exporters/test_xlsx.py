"""The XLSX exporter: a summary, targets, readings and sources, each a typed sheet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from sdtrack.core import language
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.tables import BREAKDOWN_COLUMNS, ROLLUP_COLUMNS, TARGET_COLUMNS
from sdtrack.present.exporters.xlsx import (
    BOOLEAN_FORMAT,
    render,
    sheet_name,
    shown,
    text_width,
)
from sdtrack.present.phrases import STATUS_WORDS

from .conftest import FAKE_ZH, FakeCatalog, one_sheet
from .regional import CITIES


def test_workbook_sheets_and_typed_cells(context: ExportContext) -> None:
    """The workbook has its four sheets; dates are dates and the summary counts targets."""
    ((name, content),) = render(context, ExportOptions())
    assert name == ""
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames[:4] == ["Summary", "Targets", "Readings", "Sources"]
    assert book.sheetnames[4:] == [b.indicator.id for b in context.reported_breakdowns()]
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["targets"] == len(context.report.assessments) == 20
    assert summary["as_of"] == dt.datetime(2026, 11, 22)
    targets = list(book["Targets"].iter_rows(values_only=True))
    assert targets[0][0] == "target_id"
    assert len(targets) == 1 + 20
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
    assert book.sheetnames[:4] == ["摘要", "目标", "读数", "来源"]
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
    assert summary["targets"][1] == 20
    assert summary["overdue"][0] == "逾期"
    assert summary["overdue.likely_met"][0] == "逾期：可能达成"
    assert summary["overdue.unknown"][0] == "逾期：前景不明"
    assert (
        sum(summary[f"overdue.{code}"][1] for code in ("likely_met", "likely_missed", "unknown"))
        == summary["overdue"][1]
        == 11
    )


def _shown(value: object, number_format: str) -> str:
    """What a spreadsheet shows for a cell read back, written out independently of the
    exporter for the formats it uses."""
    if isinstance(value, bool):
        return "FALSE"
    if isinstance(value, dt.datetime):
        english = number_format.startswith("yyyy-mm-dd")
        text = f"{value:%Y-%m-%d}" if english else f"{value.year}年{value.month}月{value.day}日"
        return text + (f" {value:%H:%M:%S}" if "hh:mm:ss" in number_format else "")
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return {
            "#,##0": lambda: f"{number:,.0f}",
            "#,##0.###": lambda: f"{number:,.3f}".rstrip("0"),
            "0.0%": lambda: f"{number * 100:.1f}%",
            "0.000": lambda: f"{number:.3f}",
        }.get(number_format, lambda: f"{value:.10g}")()
    return str(value)


def _width(sheet: Any, column: int) -> float:
    """A column's width as the file sets it: a `<col>` may span several columns of one
    width, which openpyxl files under the first one's letter only."""
    for dimension in sheet.column_dimensions.values():
        if dimension.min is not None and dimension.min <= column <= dimension.max:
            return float(dimension.width)
    return float(sheet.column_dimensions[get_column_letter(column)].width)


def _columns_fit(book: Workbook) -> None:
    """Every column is at least as wide as the longest number or date in it is shown
    (no ###), and every text column as its longest text up to the 60-character cap."""
    for sheet in book:
        for column in sheet.iter_cols():
            letter = get_column_letter(column[0].column)
            width = _width(sheet, column[0].column)
            for cell in column:
                if cell.value is None:
                    continue
                if isinstance(cell.value, str):
                    longest = max(text_width(line) for line in cell.value.split("\n"))
                    assert width >= min(longest, 60), (sheet.title, letter, cell.value)
                else:
                    text = _shown(cell.value, cell.number_format)
                    assert width >= len(text) + 1, (sheet.title, letter, text, width)


def _page_setup(book: Workbook, header: int) -> None:
    """Every sheet prints landscape on A4, one page wide, its header rows on every page."""
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth in (None, 1)  # absent: 1, the default
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows.replace("$", "") == f"1:{header}"


def _booleans_uniform(book: Workbook) -> None:
    """A column holding a boolean holds only booleans (and blanks), each a real boolean
    cell with the one TRUE/FALSE format: never 0 in one row and FALSE in another."""
    for sheet in book:
        for column in sheet.iter_cols():
            values = [c for c in column if c.value is not None and c.data_type != "s"]
            if not any(c.data_type == "b" for c in values):
                continue
            assert {c.data_type for c in values} == {"b"}, (sheet.title, column[0].value)
            assert {c.number_format for c in values} == {BOOLEAN_FORMAT}


def test_trillions_and_timestamps_fit_their_columns() -> None:
    """A trillion-yuan value, a timestamp, a percentage and CJK text are never ###: the
    width comes from the text as shown, with its thousands separators."""
    rows = [
        {
            "target_value": Decimal("2400000000000"),
            "value": -2.4e15,
            "progress": -12.3456,
            "recorded": "2026-11-22T12:00:00+00:00",
            "deadline": "2025-12-31",
            "current": False,
            "indicator": "数字经济核心产业增加值占地区生产总值比重",
        },
    ]
    read = load_workbook(one_sheet(tuple(rows[0]), rows))
    _columns_fit(read)
    widths = {c[0].value: _width(read.active, c[0].column) for c in read.active.iter_cols()}
    assert widths["target_value"] >= len("2,400,000,000,000")
    assert widths["recorded"] >= len("2026-11-22 12:00:00")
    assert read.active.cell(row=2, column=1).number_format == "#,##0"


def test_shown_is_the_formatted_text() -> None:
    """The exporter's idea of a cell's text is the formatted one."""
    assert shown(Decimal("2400000000000"), "#,##0") == "2,400,000,000,000"
    assert shown(dt.datetime(2026, 11, 22, 12), "yyyy-mm-dd hh:mm:ss") == "2026-11-22 12:00:00"
    assert shown(0.5, "0.0%") == "50.0%"
    assert shown(True, BOOLEAN_FORMAT) == "TRUE"


def test_report_workbook_fits_prints_and_has_one_boolean_style(context: ExportContext) -> None:
    """The shipped report read back: no ### anywhere, one boolean style, print set-up."""
    book = load_workbook(io.BytesIO(render(context, ExportOptions())[0][1]))
    _columns_fit(book)
    _booleans_uniform(book)
    _page_setup(book, header=1)


@pytest.mark.usefixtures("zh_catalog")
def test_chinese_workbook_fits_and_repeats_both_header_rows(zh_context: ExportContext) -> None:
    """In Chinese, with Chinese dates and two header rows, the same holds."""
    book = load_workbook(io.BytesIO(render(zh_context, ExportOptions())[0][1]))
    _columns_fit(book)
    _booleans_uniform(book)
    _page_setup(book, header=2)


def test_page_setup_is_in_the_file() -> None:
    """The set-up is in the sheet's XML as LibreOffice reads it, not only in openpyxl."""
    buffer = one_sheet(("a",), [{"a": True}])
    with zipfile.ZipFile(buffer) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        workbook = archive.read("xl/workbook.xml").decode()
    assert '<pageSetUpPr fitToPage="1"' in sheet
    assert re.search(r'<pageSetup[^>]*orientation="landscape"', sheet)
    assert re.search(r'<pageSetup[^>]*fitToHeight="0"', sheet)
    assert not re.search(r'<pageSetup[^>]*fitToWidth="(?!1")', sheet)  # 1, the default
    assert re.search(r'<pageSetup[^>]*paperSize="9"', sheet)
    assert "_xlnm.Print_Titles" in workbook
    assert 't="b"' in sheet


def test_unwritable_characters_do_not_fail_the_export() -> None:
    """A control character XML cannot hold is written as U+FFFD; the cell stays inert."""
    buffer = one_sheet(("note",), [{"note": "\x1b]0;title\x07=1"}, {"note": "a\x00b"}])
    values = [c.value for (c,) in load_workbook(buffer).active.iter_rows(min_row=2)]
    assert values == ["'\ufffd]0;title\ufffd=1", "a\ufffdb"]


def test_a_cell_longer_than_excel_holds_is_cut() -> None:
    """Excel holds 32,767 characters in a cell: a longer text ends in an ellipsis there."""
    buffer = one_sheet(("note",), [{"note": "x" * 40000}])
    ((cell,),) = load_workbook(buffer).active.iter_rows(min_row=2)
    assert len(cell.value) == 32767
    assert cell.value.endswith("…")


def _book(context: ExportContext) -> Workbook:
    return load_workbook(io.BytesIO(render(context, ExportOptions())[0][1]))


def test_a_sheet_per_breakdown(regional: ExportContext) -> None:
    """After the four sheets, one per breakdown, named by its indicator: a row per city
    (its latest reading, or empty cells), then a row per period's roll-up with how many
    cities reported, the total (only when all did) and the province's own figure."""
    book = _book(regional)
    assert book.sheetnames == [
        "Summary", "Targets", "Readings", "Sources",
        "gigabit-cities", "5g-base-stations", "resident-population", "5g-per-10k",
    ]  # fmt: skip
    sheet = book["gigabit-cities"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][: len(BREAKDOWN_COLUMNS)] == BREAKDOWN_COLUMNS
    regions = rows[1:17]
    assert [r[0] for r in regions] == [c.id for c in CITIES]
    assert regions[0][:4] == ("jinan", "Jinan", "370100", 1)
    assert regions[6][:4] == ("weifang", "Weifang", "370700", None)
    assert rows[17] == (None,) * len(rows[17])
    assert rows[18][: len(ROLLUP_COLUMNS)] == ROLLUP_COLUMNS
    rollup = dict(zip(ROLLUP_COLUMNS, rows[19], strict=False))
    assert (rollup["reported"], rollup["regions"], rollup["missing"]) == (14, 16, "weifang;heze")
    assert (rollup["total"], rollup["own"], rollup["differs"]) == (None, 15, False)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(BREAKDOWN_COLUMNS))}17"
    fiveg = dict(zip(ROLLUP_COLUMNS, list(book["5g-base-stations"].iter_rows(values_only=True))[19],
                     strict=False))  # fmt: skip
    assert (fiveg["total"], fiveg["own"], fiveg["differs"]) == (224000, 230000, True)


def test_breakdown_cells_are_typed_and_columns_fit(regional: ExportContext) -> None:
    """Values are numbers, period ends dates, flags booleans; each column is at least as
    wide as its widest cell as shown, in both tables of the sheet."""
    sheet = _book(regional)["5g-base-stations"]
    header = [c.value for c in sheet[1]]
    jinan = {header[i]: c for i, c in enumerate(sheet[2]) if i < len(header)}
    assert jinan["value"].data_type == "n"
    assert jinan["period_end"].is_date
    assert jinan["derived"].data_type == "b"
    text_column = ROLLUP_COLUMNS.index("text") + 1
    text = sheet.cell(row=20, column=text_column).value
    width = _width(sheet, text_column)
    assert width >= min(text_width(text), 60)


def test_sheet_names_fit_excel(regional: ExportContext) -> None:
    """A sheet's name has at most 31 characters, none of []:*?/\\, and differs from every
    other's without regard to case (and from Excel's own History)."""
    assert sheet_name("a" * 40, []) == "a" * 31
    assert sheet_name("a" * 40, ["a" * 31]) == "a" * 29 + "~2"
    assert sheet_name("summary", ["Summary"]) == "summary~2"
    assert sheet_name("history", []) == "history~2"
    assert sheet_name("x[1]:y*?/\\", []) == "x-1--y----"
    assert all(len(name) <= 31 for name in _book(regional).sheetnames)


def test_breakdown_text_is_inert(regional: ExportContext) -> None:
    """A city's source that a spreadsheet would run is written behind an apostrophe."""
    breakdown = regional.breakdowns[1]
    latest = breakdown.latest[0]
    assert latest.reading is not None
    evil = latest.reading.model_copy(update={"source": "=HYPERLINK(1)"})
    changed = dataclasses.replace(breakdown, latest=(dataclasses.replace(latest, reading=evil),
                                                     *breakdown.latest[1:]))  # fmt: skip
    context = dataclasses.replace(regional, breakdowns=(changed,))
    sheet = _book(context)["5g-base-stations"]
    source = sheet.cell(row=2, column=BREAKDOWN_COLUMNS.index("source") + 1)
    assert source.value == "'=HYPERLINK(1)"
    assert source.data_type == "s"


@pytest.mark.usefixtures("zh")
def test_chinese_breakdown_sheet_has_headings_and_names(regional_zh: ExportContext) -> None:
    """In Chinese a breakdown sheet has a row of headings over its field names, in each of
    its tables, and the cities' Chinese names."""
    rows = list(_book(regional_zh)["gigabit-cities"].iter_rows(values_only=True))
    assert rows[1][: len(BREAKDOWN_COLUMNS)] == BREAKDOWN_COLUMNS
    assert rows[2][1] == "济南市"
    assert rows[20][: len(ROLLUP_COLUMNS)] == ROLLUP_COLUMNS
