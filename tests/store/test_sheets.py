"""Reading sheets: CSV in the encodings offices save, workbooks, rows and columns named."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest

from sdtrack.core.errors import DataError, UsageError
from sdtrack.store.sheets import cell_text, column_letter, decode_csv_bytes, read_sheet

TABLE = "指标,数值,日期,来源\n5G基站,22.4万,2024-06,山东省统计局\n"


@pytest.mark.parametrize(
    "encoded",
    [
        TABLE.encode("utf-8"),
        b"\xef\xbb\xbf" + TABLE.encode("utf-8"),
        TABLE.encode("gb18030"),
        TABLE.encode("gbk"),
        TABLE.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16-bom"],
)
def test_csv_in_any_common_encoding_reads_the_same(tmp_path: Path, encoded: bytes) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(encoded)
    sheet = read_sheet(path, path)
    assert sheet.header.cells == ("指标", "数值", "日期", "来源")
    assert sheet.rows[0].cells == ("5G基站", "22.4万", "2024-06", "山东省统计局")
    assert (sheet.header.number, sheet.rows[0].number) == (1, 2)


def test_a_named_encoding_is_used_and_a_wrong_one_is_located(tmp_path: Path) -> None:
    data = TABLE.encode("gb18030")
    assert decode_csv_bytes(data, tmp_path, "gb18030") == TABLE
    with pytest.raises(DataError) as error:
        decode_csv_bytes(b"a,b\n\xff\xfe\xfd,c\n", Path("t.csv"), "utf-8")
    (problem,) = error.value.problems
    assert problem.line == 2
    assert "0xff" in problem.message
    assert "--encoding" in problem.message
    with pytest.raises(UsageError) as unknown:
        decode_csv_bytes(data, Path("t.csv"), "klingon")
    assert unknown.value.problems[0].field == "--encoding"


def test_semicolons_tabs_and_cells_over_several_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('a;b\n"line one\nline two";2\n\n3;4\n', encoding="utf-8")
    sheet = read_sheet(path, path)
    assert [(r.number, r.cells) for r in sheet.rows] == [
        (2, ("line one\nline two", "2")),
        (5, ("3", "4")),
    ]
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert read_sheet(path, path).rows[0].cells == ("1", "2")


def test_a_workbook_sheet_reads_as_its_reader_sees_it(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "cover"
    first.append(["not this one"])
    data = book.create_sheet("2024")
    data.append(["indicator", "value", "date", "source"])
    data.append(["5g-base-stations", 224000.0, dt.datetime(2024, 6, 30), "Bulletin"])
    data.append(["gdp-share", 47.35, 2023, None])
    book.save(path)
    sheet = read_sheet(path, path, sheet_name="2024")
    assert sheet.lettered
    assert sheet.column_name(2) == "C"
    assert sheet.rows[0].cells == ("5g-base-stations", "224000", "2024-06-30", "Bulletin")
    assert sheet.rows[1].cells == ("gdp-share", "47.35", "2023", "")
    assert read_sheet(path, path).header.cells == ("not this one",)
    with pytest.raises(UsageError) as error:
        read_sheet(path, path, sheet_name="2025")
    assert "cover, 2024" in error.value.problems[0].message


def test_cells_as_text() -> None:
    assert [cell_text(v) for v in (None, True, 3.0, 0.1, dt.date(2024, 1, 2), "x")] == [
        "", "TRUE", "3", "0.1", "2024-01-02", "x",
    ]  # fmt: skip
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_files_that_are_not_sheets_are_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read_sheet(tmp_path / "missing.csv", Path("missing.csv"))
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(DataError, match="no rows"):
        read_sheet(empty, empty)
    with pytest.raises(DataError, match="directory"):
        read_sheet(tmp_path, tmp_path)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="not a readable workbook"):
        read_sheet(fake, fake)
    csv_file = tmp_path / "t.csv"
    csv_file.write_text(TABLE, encoding="utf-8")
    with pytest.raises(UsageError) as error:
        read_sheet(csv_file, csv_file, sheet_name="x")
    assert error.value.problems[0].field == "--sheet"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match="named pipe"):
        read_sheet(fifo, fifo)
