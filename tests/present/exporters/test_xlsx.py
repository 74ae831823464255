"""The XLSX exporter: a summary, targets, readings and sources, each a typed sheet."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from sdtrack.core import language
from sdtrack.present.exporters import xlsx
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.cells import is_formula
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
from sdtrack.present.exporters.xlsx import _reading_rows, render, sheet_name
from sdtrack.present.exporters.xlsx_cells import (
    BOOLEAN_FORMAT,
    DECIMAL_FORMAT,
    INTEGER_FORMAT,
    PERCENT_FORMAT,
    RATIO_FORMAT,
    number_width,
    shown,
    text_width,
)
from sdtrack.present.phrases import STATUS_WORDS
from sdtrack.present.report import build_status
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import Workspace, init_workspace, load_workspace

from ...conftest import NOW, TODAY
from .conftest import FAKE_ZH, FakeCatalog
from .hostile import ATTACKS, BENIGN, hostile_context, hostile_fields
from .regional import CITIES


def one_sheet(columns: Sequence[str], rows: list[dict[str, Any]]) -> io.BytesIO:
    return io.BytesIO(xlsx.one_sheet(columns, rows))


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


DATES = {
    "deadline", "baseline_date", "latest_date", "pace_start_date", "expected_by",
    "source_date", "period_end", "as_of", "reach_date",
}  # fmt: skip


def _expected(column: str, value: Any) -> Any:
    """A table's cell as a reader should get it back, worked out independently: ISO dates
    as datetimes, timestamps without their offset, numbers as numbers, text inert."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if column in DATES and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if column in ("recorded", "generated_at") and isinstance(value, str):
        return dt.datetime.fromisoformat(value).replace(tzinfo=None)
    if isinstance(value, int | float | Decimal):
        return float(value)
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def _read_back(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    """Rows read back, numbers as floats (a reader gives 5 or 5.0 as it likes)."""
    return [
        [float(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in row]
        for row in rows
    ]


def _tables(context: ExportContext) -> dict[str, list[tuple[Sequence[str], list[dict[str, Any]]]]]:
    """Each sheet's tables as `tables` makes them."""
    sheets = {
        "Targets": [(TARGET_COLUMNS, target_rows(context))],
        "Readings": [(READING_COLUMNS, reading_rows(context))],
    }
    for breakdown in context.reported_breakdowns():
        sheets[breakdown.indicator.id] = [
            (BREAKDOWN_COLUMNS, breakdown_rows(breakdown)),
            (ROLLUP_COLUMNS, rollup_rows(breakdown, context)),
        ]
    return sheets


def _reads_back(context: ExportContext, headings: bool) -> None:
    """Read back by openpyxl in read-only mode, each table of each sheet has its headings
    (Chinese only), its field names and, cell for cell, the values `tables` made."""
    book = load_workbook(io.BytesIO(render(context, ExportOptions())[0][1]), read_only=True)
    # The Targets and Readings sheets are the second and third, whatever their names.
    names = dict(zip(("Targets", "Readings"), book.sheetnames[1:3], strict=True))
    for name, tables in _tables(context).items():
        rows = _read_back(list(book[names.get(name, name)].iter_rows(values_only=True)))
        position = 0
        for columns, table in tables:
            if headings:
                assert rows[position][: len(columns)] == [xlsx._heading(c) for c in columns]
                position += 1
            assert rows[position][: len(columns)] == list(columns), name
            for offset, row in enumerate(table, start=1):
                expected = [_expected(c, row[c]) for c in columns]
                assert rows[position + offset][: len(columns)] == expected, (name, offset)
            position += len(table) + 2
        assert len(rows) == position - 1
    book.close()


def test_every_sheet_reads_back_cell_for_cell(regional: ExportContext) -> None:
    """Regions, a derived indicator, roll-ups and plans included, the workbook holds what
    `tables` made, sheet by sheet."""
    _reads_back(regional, headings=False)


@pytest.mark.usefixtures("zh")
def test_every_chinese_sheet_reads_back_cell_for_cell(regional_zh: ExportContext) -> None:
    """In Chinese too, below a row of Chinese headings in each table."""
    assert xlsx._heading("region_name") != "region_name"
    _reads_back(regional_zh, headings=True)


def test_the_workbook_is_the_same_bytes_each_time(context: ExportContext) -> None:
    """The same report gives the same file: every date in it is the report's."""
    assert render(context, ExportOptions()) == render(context, ExportOptions())


def test_hostile_text_stays_text(regional: ExportContext) -> None:
    """Every attack in a reading's source, quote and note is a text cell, inert, and no
    part of the file holds a formula."""
    indicator = regional.indicators[0]
    first = regional.readings[indicator.id][0]
    readings = tuple(
        first.model_copy(update={"source": attack, "note": attack, "quote": attack})
        for attack in (*ATTACKS, "=1+1", "@SUM(A1)", "\t=1", "－1", "+1", "_x003D_1")
    )
    context = dataclasses.replace(regional, readings={indicator.id: readings})
    data = render(context, ExportOptions())[0][1]
    book = load_workbook(io.BytesIO(data), read_only=True)
    header, *rows = list(book["Readings"].iter_rows())
    names = [c.value for c in header]
    for row in rows[: len(readings)]:
        for column in ("source", "note", "quote"):
            cell = row[names.index(column)]
            assert cell.data_type == "s"
            assert not is_formula(cell.value)
    book.close()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            assert "<f>" not in archive.read(name).decode()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=hostile_fields)
def test_any_text_in_any_field_exports_inert(shipped: Workspace, text: dict[str, str]) -> None:
    """Whatever the workspace's text fields hold, the workbook is written and every
    sheet's text cells read back (by sdtrack's own reader, calamine) as inert text."""
    data = render(hostile_context(shipped, text), ExportOptions())[0][1]
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for name in workbook.sheet_names:
        for row in workbook.get_sheet_by_name(name).to_python():
            assert not any(isinstance(v, str) and is_formula(v) for v in row), name


def test_benign_text_reads_back_as_written(shipped: Workspace) -> None:
    """Plain text needs nothing done to it: it reads back as written."""
    data = render(hostile_context(shipped, BENIGN), ExportOptions())[0][1]
    book = load_workbook(io.BytesIO(data), read_only=True)
    values = {v for row in book["Readings"].iter_rows(values_only=True) for v in row}
    book.close()
    assert {BENIGN["reading_source"], BENIGN["reading_note"], BENIGN["reading_quote"]} <= values


def _context_of(directory: Path) -> ExportContext:
    workspace = load_workspace(locate_workspace(directory, None, directory))
    return ExportContext.of(workspace, build_status(workspace, TODAY), NOW)


def test_an_empty_workspace_gives_the_four_sheets_with_headers(tmp_path: Path) -> None:
    """No indicator, no target, no reading: the four sheets, each its field names alone
    (the summary its fields), frozen and filtered over the header."""
    init_workspace(tmp_path, empty=True)
    book = load_workbook(io.BytesIO(render(_context_of(tmp_path), ExportOptions())[0][1]))
    assert book.sheetnames == ["Summary", "Targets", "Readings", "Sources"]
    for name, columns in (("Targets", TARGET_COLUMNS), ("Readings", READING_COLUMNS)):
        assert list(book[name].iter_rows(values_only=True)) == [tuple(columns)]
        assert book[name].auto_filter.ref == f"A1:{get_column_letter(len(columns))}1"
        assert book[name].freeze_panes == "A2"
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["targets"] == 0


def test_indicators_without_readings(tmp_path: Path) -> None:
    """The dataset's targets over an empty ledger: a row per target with no latest value,
    the Readings sheet its header alone."""
    init_workspace(tmp_path, empty=False, readings=False)
    context = _context_of(tmp_path)
    book = load_workbook(io.BytesIO(render(context, ExportOptions())[0][1]), read_only=True)
    targets = list(book["Targets"].iter_rows(values_only=True))
    assert len(targets) == 1 + len(context.report.assessments) > 1
    latest = targets[0].index("latest_value")
    assert {row[latest] for row in targets[1:]} == {None}
    assert list(book["Readings"].iter_rows(values_only=True)) == [READING_COLUMNS]
    book.close()


def test_readings_are_made_one_indicator_at_a_time(regional: ExportContext) -> None:
    """The Readings sheet's rows are `tables.reading_rows`, in order, made indicator by
    indicator, the progress told after each."""
    told: list[tuple[int, int]] = []
    context = dataclasses.replace(regional, progress=lambda done, total: told.append((done, total)))
    assert list(_reading_rows(context)) == reading_rows(regional)
    total = len(regional.indicators)
    assert told == [(n, total) for n in range(1, total + 1)]


def test_a_column_is_as_wide_as_its_last_cell() -> None:
    """The widths are known only once every row is written, and are in the file all the
    same: the longest text and the widest number come last of 2,000 rows."""
    rows: list[dict[str, Any]] = [{"note": "x", "value": 1} for _ in range(1999)]
    rows.append({"note": "y" * 50, "value": 123456789012})
    sheet = load_workbook(one_sheet(("note", "value"), rows)).active
    assert _width(sheet, 1) >= 50
    assert _width(sheet, 2) >= len("123,456,789,012")


def test_a_date_excel_cannot_hold_is_text() -> None:
    """Excel's dates start in 1900: an earlier one is written as its ISO text."""
    rows = [{"period_end": "1899-12-31"}, {"period_end": "1900-01-01"}]
    cells = [c for (c,) in load_workbook(one_sheet(("period_end",), rows)).active.iter_rows()]
    assert [(c.value, c.is_date) for c in cells[1:]] == [
        ("1899-12-31", False), (dt.datetime(1900, 1, 1), True),
    ]  # fmt: skip


numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).filter(lambda d: abs(d) < 10**20),
    st.sampled_from([9.9995, 0.0005, 1.2345, 99.95, 0.99995, 1e16, 2.4e15, -0.0, 100.52]),
)
number_formats = st.sampled_from(
    [None, PERCENT_FORMAT, INTEGER_FORMAT, DECIMAL_FORMAT, RATIO_FORMAT]
)


@given(numbers, number_formats)
def test_a_numbers_width_is_its_shown_length(value: Any, number_format: str | None) -> None:
    """The quick width of a number is the length of the text `shown` formats."""
    assert number_width(value, number_format) == len(shown(value, number_format))
