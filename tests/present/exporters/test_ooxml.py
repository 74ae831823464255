"""The streaming .xlsx writer: a package every reader opens, text kept as written, rows
in order, widths and print set-up known only at the end, the same bytes for the same cells."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from sdtrack.present.exporters import ooxml

CREATED = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)


def _one_column(texts: list[str]) -> bytes:
    book = ooxml.Workbook(creator="sdtrack test", created=CREATED)
    sheet = book.sheet("Sheet1")
    for number, text in enumerate(texts, start=1):
        sheet.row(number, [ooxml.text_cell(f"A{number}", text, 0)], 1)
    return book.close()


def test_column_letters() -> None:
    assert [ooxml.column_letter(i) for i in (0, 25, 26, 51, 701, 702, 16383)] == [
        "A", "Z", "AA", "AZ", "ZZ", "AAA", "XFD",
    ]  # fmt: skip


def test_serial_dates_count_excels_leap_day() -> None:
    """Excel counts 1900-02-29, which never was: serial 60. Dates before it are one lower
    than days from 1899-12-30, dates after it are not; a time of day is a fraction."""
    assert ooxml.serial(dt.date(1900, 1, 1)) == 1
    assert ooxml.serial(dt.date(1900, 2, 28)) == 59
    assert ooxml.serial(dt.date(1900, 3, 1)) == 61
    assert ooxml.serial(dt.date(2026, 11, 22)) == 46348
    assert ooxml.serial(dt.datetime(2026, 11, 22, 12)) == 46348.5
    assert ooxml.serial(dt.datetime(2026, 11, 22, 6, 0, 0, 500000)) == 46348.25 + 0.5 / 86400


def test_escaping() -> None:
    """XML's specials, a carriage return as a reference, the unholdable as U+FFFD; in a
    cell an underscore starting `_xHHHH_` is escaped, overlapping ones included."""
    assert ooxml.escape("a&b<c>d\re") == "a&amp;b&lt;c&gt;d&#13;e"
    assert ooxml.escape("\x00\x1b\ud800\ufffe\t\n") == "\ufffd" * 4 + "\t\n"
    assert ooxml.escape("_x0041_") == "_x0041_"
    assert ooxml.escape_cell("_x0041_") == "_x005F_x0041_"
    assert ooxml.escape_cell("_x005F_x0041_") == "_x005F_x005F_x005F_x0041_"
    assert ooxml.escape_cell("_x00G1_ x_0041_") == "_x00G1_ x_0041_"
    assert ooxml.escape_attribute('a"b\nc') == "a&quot;b&#10;c"


HOSTILE = [
    "=1+1",
    "<r><t>rich?</t></r>",
    "]]>",
    "&amp;",
    "_x0041_",
    "_x005F_x0041_",
    "a\rb",
    "a\r\nb",
    "  leading",
    "trailing ",
    "\ttab",
    "line\nbreak",
    "中文 和 English",
    '"quoted"',
]


def test_text_reads_back_as_written() -> None:
    """Whatever text a cell holds, openpyxl reads it as text and calamine (which decodes
    `_xHHHH_`, as Excel does) reads exactly what was written; no cell is a formula."""
    data = _one_column(HOSTILE)
    book = load_workbook(io.BytesIO(data))
    cells = [row[0] for row in book.active.iter_rows()]
    assert all(cell.data_type == "s" for cell in cells)
    assert [c.value for c in cells if "_x" not in c.value] == [t for t in HOSTILE if "_x" not in t]
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    assert [row[0] for row in calamine.to_python()] == HOSTILE
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    assert "<r>" not in sheet


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=5))
def test_any_text_makes_a_well_formed_sheet(texts: list[str]) -> None:
    """Any text at all, controls and lone surrogates included, gives XML every reader
    parses; what XML can hold comes back, the rest as U+FFFD."""
    data = _one_column(texts)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            ET.fromstring(archive.read(name))
    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    unholdable = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
    assert [row[0] for row in calamine.to_python()] == [unholdable.sub("\ufffd", t) for t in texts]


def test_numbers_booleans_dates_and_errors() -> None:
    """A number keeps its digits (a Decimal its exact text), a boolean is a boolean, a
    date a serial number under a date format, and what is not finite Excel's #NUM!."""
    book = ooxml.Workbook(creator="sdtrack test", created=CREATED)
    date = book.style(ooxml.Style(number_format="yyyy-mm-dd"))
    sheet = book.sheet("Numbers")
    values: list[int | float | Decimal] = [0, -5, 2.5, 1e-7, Decimal("2400000000000.5")]
    cells = [ooxml.number_cell(f"{ooxml.column_letter(i)}1", v, 0) for i, v in enumerate(values)]
    sheet.row(1, cells, len(cells))
    sheet.row(2, [ooxml.boolean_cell("A2", True, 0), ooxml.boolean_cell("B2", False, 0)], 2)
    sheet.row(3, [ooxml.number_cell("A3", ooxml.serial(dt.date(2026, 11, 22)), date)], 1)
    sheet.row(4, [ooxml.number_cell("A4", float("nan"), 0),
                  ooxml.number_cell("B4", Decimal("-Infinity"), 0)], 2)  # fmt: skip
    read = load_workbook(io.BytesIO(book.close())).active
    assert [c.value for c in read[1]] == [0, -5, 2.5, 1e-7, 2400000000000.5]
    assert [(c.value, c.data_type) for c in read[2][:2]] == [(True, "b"), (False, "b")]
    assert read["A3"].value == dt.datetime(2026, 11, 22)
    assert read["A3"].number_format == "yyyy-mm-dd"
    assert [c.value for c in read[4][:2]] == ["#NUM!", "#NUM!"]


def test_styles_are_shared_and_read_back() -> None:
    """One index per style however often it is asked for; fonts, colours, alignment and
    number formats are in the file as readers see them."""
    book = ooxml.Workbook(creator="sdtrack test", created=CREATED)
    bold = book.style(ooxml.Style(bold=True))
    assert book.style(ooxml.Style(bold=True)) == bold
    assert book.style(ooxml.Style()) == 0
    grey = book.style(ooxml.Style(italic=True, color="808080"))
    wrapped = book.style(ooxml.Style(wrap=True, top=True))
    percent = book.style(ooxml.Style(number_format="0.0%"))
    sheet = book.sheet("Styles")
    sheet.row(1, [ooxml.text_cell("A1", "b", bold), ooxml.text_cell("B1", "g", grey),
                  ooxml.text_cell("C1", "w", wrapped), ooxml.number_cell("D1", 0.5, percent)],
              4)  # fmt: skip
    a, b, c, d = load_workbook(io.BytesIO(book.close())).active[1]
    assert (a.font.b, a.font.i) == (True, False)
    assert (b.font.i, b.font.color.rgb) == (True, "FF808080")
    assert (c.alignment.wrap_text, c.alignment.vertical) == (True, "top")
    assert d.number_format == "0.0%"


def test_rows_go_in_order_and_an_error_leaves_nothing_open() -> None:
    """A row is after the last one; a workbook left by an error in a `with` lets go of
    its temporary file and archive (the suite fails on an unclosed file's warning)."""
    with ooxml.Workbook(creator="x", created=CREATED) as book:
        sheet = book.sheet("S")
        sheet.row(2, [], 0)
        with pytest.raises(ValueError, match="not after"):
            sheet.row(2, [], 0)
    book.discard()


def test_widths_filter_panes_and_print_setup_come_at_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Set after every row is written (here past the memory spool, in a temporary file),
    the widths, frozen rows, filter and print set-up are in the sheet all the same; a
    sheet named with a quote and an ampersand is referred to correctly."""
    monkeypatch.setattr(ooxml, "SPOOL_BYTES", 1000)
    monkeypatch.setattr(ooxml, "FLUSH_CHARACTERS", 100)
    book = ooxml.Workbook(creator="x", created=CREATED)
    sheet = book.sheet("It's R&D")
    sheet.row(1, [ooxml.text_cell("A1", "name", 0), ooxml.text_cell("B1", "n", 0)], 2)
    for number in range(2, 2001):
        cells = [ooxml.text_cell(f"A{number}", f"row {number}", 0),
                 ooxml.number_cell(f"B{number}", number, 0)]  # fmt: skip
        sheet.row(number, cells, 2)
    sheet.widths = {0: 12.5, 1: 8}
    sheet.frozen_rows = 1
    sheet.filter = (0, 0, 2000, 1)
    sheet.print_setup = ooxml.PrintSetup(title_rows=1, footer="&L&A&R&P / &N")
    book.sheet("Second").row(1, [ooxml.text_cell("A1", "x", 0)], 1)
    read = load_workbook(io.BytesIO(book.close()))
    first = read["It's R&D"]
    assert first.max_row == 2000
    assert first["B2000"].value == 2000
    assert first.column_dimensions["A"].width == 12.5
    assert first.freeze_panes == "A2"
    assert first.auto_filter.ref == "A1:B2001"
    assert first.print_title_rows == "$1:$1"
    assert first.page_setup.orientation == "landscape"
    assert first.oddFooter.right.text == "&P / &N"
    assert read["Second"].freeze_panes is None


def test_the_package_is_complete_and_reproducible() -> None:
    """Every part is declared and well-formed, every member dated 1980-01-01, the core
    properties carry the creator, the date (in UTC) and the language; the same cells
    give the same bytes."""

    def build() -> bytes:
        book = ooxml.Workbook(creator="sdtrack 9", created=CREATED, language="zh-CN")
        book.sheet("A").row(1, [ooxml.text_cell("A1", "a", 0)], 1)
        book.sheet("B")
        return book.close()

    data = build()
    assert build() == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        for name in names:
            ET.fromstring(archive.read(name))
        types = archive.read("[Content_Types].xml").decode()
        core = archive.read("docProps/core.xml").decode()
    assert all(f'PartName="/{n}"' in types for n in names if not n.endswith(".rels")
               and n != "[Content_Types].xml")  # fmt: skip
    assert "<dc:language>zh-CN</dc:language>" in core
    properties = load_workbook(io.BytesIO(data)).properties
    assert properties.creator == "sdtrack 9"
    assert properties.created == dt.datetime(2026, 11, 22, 12)
    assert load_workbook(io.BytesIO(data)).sheetnames == ["A", "B"]
