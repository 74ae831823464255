"""Sheets to import: a CSV file or a workbook's sheet, as rows of text cells.

A CSV file is decoded as its byte-order mark says (UTF-8, UTF-16), else as UTF-8 when it
is valid UTF-8, else as GB18030 (the superset of GBK and GB2312 in which Chinese offices'
spreadsheet programs save CSV), or as `encoding` says. Its dialect (comma, semicolon,
tab) is sniffed. A workbook (.xlsx, .xlsm, .xls, .ods) is read with python-calamine,
imported only here: its first sheet, or the one named. Every cell becomes text the way a
reader sees it: 224000.0 becomes "224000", a date cell "2024-06-30".

The rows keep their numbers in the file (the header is row 1 unless blank rows come
first), and each cell's column is named as the file's program names it: "C" in a
workbook, "3" in a CSV. Problems are located with both (`file:row:column`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sdtrack.core.errors import DataError, Problem, UsageError
from sdtrack.core.language import _
from sdtrack.store.files import read_limited, refuse_unless_regular

MAX_SHEET_BYTES = 256 * 1024 * 1024
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
# Offered with `--encoding` and tried in this order when a file has no byte-order mark.
FALLBACK_ENCODING = "gb18030"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a sheet: its number in the file and its cells, as text."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    """A table read from a file: its header row, the rows below it, and the file's digest."""

    label: Path
    header: Row
    rows: tuple[Row, ...]
    digest: str
    lettered: bool = False
    """Whether columns are named by letter (a workbook) rather than by number (a CSV)."""
    defaults: tuple[tuple[str, str], ...] = ()
    """Fields the file states for every row (an Open SDG series' indicator)."""
    notes: tuple[str, ...] = ()
    """What the reader left out or inferred, in sentences for the user (an Open SDG file's
    disaggregated rows, skipped)."""

    def column_name(self, index: int) -> str:
        """The name the file's program gives the column at 0-based `index`."""
        return column_letter(index) if self.lettered else str(index + 1)


def column_letter(index: int) -> str:
    """A, B, … Z, AA, AB, …: a 0-based column index as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def read_sheet(
    path: Path, label: Path, *, encoding: str | None = None, sheet_name: str | None = None
) -> Sheet:
    """The sheet in `path`: a workbook's by its suffix, else CSV text."""
    data = _read_bytes(path, label)
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _framed(label, workbook_rows(data, label, sheet_name), digest, lettered=True)
    if sheet_name is not None:
        raise UsageError(
            [
                Problem(
                    _("{file} is a CSV file: it has no sheets").format(file=label), field="--sheet"
                )
            ]
        )
    text = decode_csv_bytes(data, label, encoding)
    return _framed(label, csv_rows(text, label), digest, lettered=False)


def _read_bytes(path: Path, label: Path) -> bytes:
    try:
        refuse_unless_regular(os.stat(path).st_mode, label)
        return read_limited(path, label, MAX_SHEET_BYTES)
    except FileNotFoundError:
        raise UsageError([Problem(_("no such file"), label)]) from None
    except PermissionError:
        raise DataError(
            [Problem(_("cannot be read (permission denied); check its permissions"), label)]
        ) from None
    except IsADirectoryError:
        raise DataError([Problem(_("is a directory, not a file"), label)]) from None
    except OSError as error:
        raise DataError(
            [Problem(_("cannot be read: {reason}").format(reason=error.strerror), label)]
        ) from None


def decode_csv_bytes(data: bytes, label: Path, encoding: str | None = None) -> str:
    """CSV bytes as text: by `encoding`, else by the byte-order mark, else UTF-8, else
    GB18030; a file none of them decodes is refused with the byte that stopped it."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(
                [Problem(_("{name!r} is not an encoding Python knows (try utf-8 or gb18030)")
                         .format(name=encoding), field="--encoding")]
            ) from None  # fmt: skip
        return _decoded(data, label, encoding)
    for mark, name in _BOMS:
        if data.startswith(mark):
            return _decoded(data, label, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decoded(data, label, FALLBACK_ENCODING)


def _decoded(data: bytes, label: Path, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError(
            [Problem(_("byte {byte} cannot be read as {encoding}; give the file's encoding "
                       "with --encoding").format(byte=f"0x{data[error.start]:02x}",
                                                 encoding=encoding), label, line)]
        ) from None  # fmt: skip
    return text.removeprefix("\ufeff")


def csv_rows(text: str, label: Path) -> list[Row]:
    """The rows of CSV text, numbered as lines of the file are (a quoted cell may span
    lines: its row is the line it starts on)."""
    sample = text[: 64 * 1024]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append(Row(start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as error:
        raise DataError([Problem(_("is not a readable CSV table: {reason}").format(reason=error),
                                 label, reader.line_num)]) from None  # fmt: skip
    return rows


def workbook_rows(data: bytes, label: Path, sheet_name: str | None) -> list[Row]:
    """The rows of a workbook's first sheet, or of the sheet named `sheet_name`."""
    import python_calamine

    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # calamine raises its own error types for a damaged file
        raise DataError(
            [Problem(_("is not a readable workbook: {reason}").format(reason=error), label)]
        ) from None
    names = list(workbook.sheet_names)
    if not names:
        raise DataError([Problem(_("the workbook has no sheets"), label)])
    if sheet_name is not None and sheet_name not in names:
        raise UsageError(
            [Problem(_("no sheet is named {name!r}; the sheets are: {names}")
                     .format(name=sheet_name, names=", ".join(names)), label, field="--sheet")]
        )  # fmt: skip
    sheet = workbook.get_sheet_by_name(sheet_name or names[0])
    table = sheet.to_python(skip_empty_area=False)
    return [
        Row(number, tuple(cell_text(c) for c in cells)) for number, cells in enumerate(table, 1)
    ]


def cell_text(value: object) -> str:
    """A workbook cell as its reader sees it: whole numbers without ".0", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _framed(label: Path, rows: Sequence[Row], digest: str, *, lettered: bool) -> Sheet:
    """The first row with any text is the header; blank rows below it are dropped."""
    filled = [row for row in rows if any(cell.strip() for cell in row.cells)]
    if not filled:
        raise DataError(
            [Problem(_("has no rows: a header row and one row per reading are expected"), label)]
        )
    header, *body = filled
    return Sheet(label, header, tuple(body), digest, lettered)
