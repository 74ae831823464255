"""Spreadsheet-safe text: a cell a spreadsheet would run as a formula, made inert.

A spreadsheet runs a text cell as a formula when its first character is one of `= + - @`
(OWASP, "CSV Injection"), and Excel and LibreOffice both skip what a reader cannot see
before looking: spaces of every kind, tabs and line breaks, no-break and ideographic
spaces, zero-width characters and byte-order marks. They also read the full-width forms
`＝ ＋ － ＠` (a Chinese input method types them) and the small forms `﹦ ﹢ ﹣ ﹫` as the
ASCII ones, and LibreOffice reads the minus sign U+2212 as `-`. So the test is made on the
first *visible* character, folded by Unicode compatibility (NFKC, which maps every
full-width, small, superscript and subscript form onto `= + - @` or U+2212), with U+2212
counted as a minus. A cell whose very first character is a control character (a tab, a carriage
return, a line feed, …) is neutralised whatever follows, as OWASP advises.

Neutralising prefixes the text with an apostrophe, which every spreadsheet shows as text
and a reader sees at once. Numbers, booleans, dates and empty cells are never touched: a
negative value stays a number. CSV, XLSX and the Open SDG data CSV all call `neutralise`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@")
"""The characters that start a formula, after folding (`visible_start`)."""

MINUS_SIGNS = frozenset("\u2212\u2796")
"""Minus signs NFKC keeps as they are (and folds ⁻ ₋ onto), read as `-` by LibreOffice:
MINUS SIGN and HEAVY MINUS SIGN."""

# Letters Unicode classes as letters that render as nothing: the Hangul fillers.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


def invisible(ch: str) -> bool:
    """Whether a spreadsheet (or a reader) would see nothing for `ch` at the start of a cell:
    any space or separator, control or format character (zero-width space and joiners,
    the byte-order mark, bidirectional marks), combining mark on nothing, or filler."""
    return ch.isspace() or unicodedata.category(ch)[0] in "ZCM" or ch in INVISIBLE_LETTERS


def visible_start(text: str) -> str:
    """`text` without what precedes its first visible character."""
    for index, ch in enumerate(text):
        if not invisible(ch):
            return text[index:]
    return ""


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could run `text` as a formula (see the module's docstring)."""
    if not text:
        return False
    if unicodedata.category(text[0]) == "Cc":
        return True
    start = visible_start(text)
    if not start:
        return False
    folded = unicodedata.normalize("NFKC", start[0])[:1]
    return folded in FORMULA_STARTS or folded in MINUS_SIGNS


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made inert; other values as they are."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def csv_text(rows: Iterable[Iterable[object]], newline: str = "\n") -> str:
    """`rows` as CSV that every reader splits into the same cells, each row ended by
    `newline`. Python's writer quotes only the line terminator's own characters, so with
    "\n" a bare carriage return in a cell would end the row for most readers: the rows are
    written with "\r\n" (a cell holding either is quoted) and each row's end then replaced."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        lines.append(buffer.getvalue().removesuffix("\r\n") + newline)
    return "".join(lines)
