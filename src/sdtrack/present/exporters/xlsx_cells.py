"""The cells of an Excel sheet (`xlsx`): each value typed and styled (numbers under
their column's number format, dates as dates, booleans, inert text), and each column's
width measured as its cells are *shown*, so a reader never sees ###.

A column repeats itself (an indicator's name on each of its readings, a date on many), so
it remembers the cells it wrote; the common texts and floats are written by a quick path
that a property test proves equal to the general one (tests/present/exporters/).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from math import ceil
from typing import Any
from unicodedata import east_asian_width

from sdtrack.present.exporters import ooxml
from sdtrack.present.exporters.cells import neutralise
from sdtrack.present.numbers import chinese

DATE_COLUMNS = {
    "deadline", "baseline_date", "latest_date", "pace_start_date", "expected_by", "source_date",
    "period_end", "as_of", "reach_date",
}  # fmt: skip
TIMESTAMP_COLUMNS = {"recorded", "generated_at"}
PERCENT_COLUMNS = {"progress", "cagr_required", "cagr_observed", "miss_share"}
NUMBER_COLUMNS = {
    "target_value", "baseline_value", "latest_value", "pace_start_value", "gap", "projected",
    "projected_linear", "pace_required", "pace_observed", "trend_change", "value", "total", "own",
}  # fmt: skip
RATIO_COLUMNS = {"ratio", "score", "projection_share"}
MAX_WIDTH = 60
"""The widest a text column is made; longer text wraps. Numbers and dates never wrap."""
PADDING = 2
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.###"
RATIO_FORMAT = "0.000"
# A boolean cell shows TRUE or FALSE in Excel whatever its format; LibreOffice reads it as
# 1 or 0 and shows it by its format, so the format says TRUE and FALSE too.
BOOLEAN_FORMAT = '"TRUE";"TRUE";"FALSE"'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT_ZH = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT_ZH = 'yyyy"年"m"月"d"日" hh:mm:ss'
CELL_LIMIT = 32767
"""The most characters Excel holds in one cell."""
KNOWN_DATES = 4096
"""How many dates a column remembers as written (serial number, width) before it forgets."""
# And as many short texts (a source, a unit, an indicator's name): a column's texts repeat
# though not always row after row (a bulletin cited by every indicator's reading of a year).
KNOWN_TEXTS = 4096
KNOWN_TEXT_LENGTH = 256

# A text written as it is: printable ASCII, none of & < >, no space at either end, no
# Excel `_xHHHH_` escape, at most MAX_WIDTH long, and not starting as a formula does
# (`cell_text`). An id, a date, most sources: their cell is made without escaping.
_PLAIN = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in "&<>")
_PLAIN_FIRST = "".join(c for c in _PLAIN if c not in " =+-@")
_PLAIN_TEXT = re.compile(
    rf"(?!.*_x[0-9A-Fa-f]{{4}}_)[{re.escape(_PLAIN_FIRST)}]"
    rf"(?:[{re.escape(_PLAIN)}]{{0,{MAX_WIDTH - 2}}}[{re.escape(_PLAIN[1:])}])?"
)
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _number_format(column: str, value: int | float | Decimal) -> str | None:
    """A number's format: its column's, and for a plain number no decimal point when it
    has no fraction to show (Excel writes 5 as "5." under `#,##0.###`)."""
    if column in PERCENT_COLUMNS:
        return PERCENT_FORMAT
    if column in NUMBER_COLUMNS:
        return INTEGER_FORMAT if _whole(value) else DECIMAL_FORMAT
    if column in RATIO_COLUMNS:
        return RATIO_FORMAT
    return None


def _whole(value: int | float | Decimal) -> bool:
    """Whether `value` shows no fraction to three decimals (a huge or odd number: no)."""
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        # Exact: the difference of a float and its nearest integer is a float.
        return math.isfinite(value) and abs(value - round(value)) < 0.0005
    try:
        number = Decimal(value)
        return number.is_finite() and abs(number - number.to_integral_value()) < Decimal("0.0005")
    except ArithmeticError:
        return False


def shown(value: object, number_format: str | None) -> str:
    """The text a spreadsheet shows for `value` under `number_format`: what a column must
    be wide enough for, or the reader sees ###."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):
        english = number_format in (DATE_FORMAT, DATETIME_FORMAT)
        text = f"{value:%Y-%m-%d}" if english else f"{value.year}年{value.month}月{value.day}日"
        if number_format in (DATETIME_FORMAT, DATETIME_FORMAT_ZH):
            text += f" {value:%H:%M:%S}"
        return text
    if isinstance(value, int | float | Decimal):
        number = Decimal(value) if not isinstance(value, float) else Decimal(repr(value))
        formats = {
            PERCENT_FORMAT: lambda: f"{number * 100:.1f}%",
            INTEGER_FORMAT: lambda: f"{number:,.0f}",
            DECIMAL_FORMAT: lambda: f"{number:,.3f}".rstrip("0"),
            RATIO_FORMAT: lambda: f"{number:.3f}",
        }
        # General shows at most 11 characters of a number.
        return formats[number_format]() if number_format in formats else f"{value:.10g}"
    return str(value)


def text_width(text: str) -> int:
    """How many character widths `text` takes: East Asian characters take two columns in
    Excel's and LibreOffice's default fonts; a wrapped cell its longest line."""
    lines = text.split("\n")
    if text.isascii():
        return max(len(line) for line in lines)
    # Only the few characters past ASCII are looked up: a target's brief is 900 long.
    return max(
        len(line) + sum(east_asian_width(ch) in "WF" for ch in _NON_ASCII.findall(line))
        for line in lines
    )


def cell_text(value: str) -> str:
    """A text cell's text: inert (`cells.neutralise`) and no longer than Excel holds (the
    CSV and JSON keep it all; Excel refuses, and "repairs", a workbook with a longer cell)."""
    first = value[:1]
    # A first character that is visible ASCII and none of = + - @ starts no formula
    # (`cells.is_formula`): the common case, decided without Unicode tables.
    if not ("!" <= first <= "~") or first in "=+-@":
        value = str(neutralise(value))
    return value if len(value) <= CELL_LIMIT else value[: CELL_LIMIT - 1] + "…"


class Styles:
    """The workbook's cell styles, looked up once: text, headings, numbers, dates."""

    def __init__(self, book: ooxml.Workbook) -> None:
        self.text = book.style(ooxml.Style(top=True))
        self.wrapped = book.style(ooxml.Style(top=True, wrap=True))
        self.heading = book.style(ooxml.Style(bold=True))
        self.field_name = book.style(ooxml.Style(italic=True, color="808080"))
        self.date_format = DATE_FORMAT_ZH if chinese() else DATE_FORMAT
        self.datetime_format = DATETIME_FORMAT_ZH if chinese() else DATETIME_FORMAT
        self.date = book.style(ooxml.Style(number_format=self.date_format))
        self.datetime = book.style(ooxml.Style(number_format=self.datetime_format))
        self.boolean = book.style(ooxml.Style(number_format=BOOLEAN_FORMAT))
        formats = (PERCENT_FORMAT, INTEGER_FORMAT, DECIMAL_FORMAT, RATIO_FORMAT)
        self.number: dict[str | None, int] = {
            None: 0,
            **{f: book.style(ooxml.Style(number_format=f)) for f in formats},
        }


class Column:
    """A column being written: its cells typed and styled, and how wide they are shown
    (`width` for numbers, dates and the heading; `text` for the widest text).

    A column repeats itself (an indicator's name on each of its readings, a date on many):
    the last text's cell and every date's are remembered, up to `KNOWN_DATES` dates, and
    the cells of up to `KNOWN_TEXTS` short texts."""

    def __init__(self, name: str, index: int, styles: Styles, heading: str) -> None:
        self.name = name
        self.letter = ooxml.column_letter(index)
        self.styles = styles
        # The header is bold: a tenth wider than its characters.
        self.width = ceil(1.1 * max(text_width(name), text_width(heading)))
        self.text = 0
        self.dates = name in DATE_COLUMNS
        self.timestamps = name in TIMESTAMP_COLUMNS
        self.numbers = name in NUMBER_COLUMNS
        self.known: dict[str, str | None] = {}
        self.tails: dict[str, str] = {}
        """The cells of texts seen, after their names (their width already counted)."""
        self.last_text: str | bool | None = None
        """The last text (or ISO date) or boolean written, and its cell after its name
        (`last_tail`); `last_class` is its class, which a value must have to be it."""
        self.last_tail = ""
        self.last_class: type = type(None)

    def cell(self, value: Any, row: str) -> str:
        """The cell of `value` in row `row` (its number as text); "" for an empty one."""
        ref = self.letter + row
        if isinstance(value, str):
            if self.dates or self.timestamps:
                return self._iso_cell(ref, value)
            return self.text_cell(ref, value)
        if value.__class__ is float and self.numbers:
            return self._float_cell(ref, value)
        if isinstance(value, bool):
            self.width = max(self.width, 4 + (not value))
            boolean = ooxml.boolean_tail(value, self.styles.boolean)
            self.last_text, self.last_tail, self.last_class = value, boolean, bool
            return f'<c r="{ref}"{boolean}'
        if isinstance(value, int | float | Decimal):
            return self._number_cell(ref, value)
        if isinstance(value, dt.date):
            if isinstance(value, dt.datetime):
                value = value.replace(tzinfo=None)
            tail = self._date_tail(value)
            return self.text_cell(ref, value.isoformat()) if tail is None else f'<c r="{ref}"{tail}'
        return self.text_cell(ref, str(value))

    def text_cell(self, ref: str, value: str) -> str:
        if not value:
            return ""
        if value == self.last_text and self.last_class is str:
            return f'<c r="{ref}"{self.last_tail}'
        tail = self.tails.get(value)
        if tail is None and _PLAIN_TEXT.fullmatch(value) is not None:
            self.text = max(self.text, len(value))
            tail = f' s="{self.styles.text}" t="inlineStr"><is><t>{value}</t></is></c>'
            if len(self.tails) >= KNOWN_TEXTS:
                self.tails.clear()
            self.tails[value] = tail
        elif tail is None:
            text = cell_text(value)
            width = len(text) if text.isascii() and "\n" not in text else text_width(text)
            self.text = max(self.text, width)
            style = self.styles.wrapped if width > MAX_WIDTH else self.styles.text
            tail = ooxml.text_tail(text, style)
            if len(value) <= KNOWN_TEXT_LENGTH:
                if len(self.tails) >= KNOWN_TEXTS:
                    self.tails.clear()
                self.tails[value] = tail
        self.last_text, self.last_tail, self.last_class = value, tail, str
        return f'<c r="{ref}"{tail}'

    def _number_cell(self, ref: str, value: int | float | Decimal) -> str:
        number_format = _number_format(self.name, value)
        self.width = max(self.width, number_width(value, number_format))
        return ooxml.number_cell(ref, value, self.styles.number[number_format])

    def _float_cell(self, ref: str, value: float) -> str:
        """`_number_cell` of a float in a column of NUMBER_COLUMNS, its repr made once: a
        reading's value, a hundred thousand times in the Readings sheet."""
        digits = repr(value)
        if "e" in digits or "n" in digits:  # huge, tiny, or not finite
            return self._number_cell(ref, value)
        if abs(value - round(value)) < 0.0005:
            number_format, width = INTEGER_FORMAT, len(f"{value:,.0f}")
        else:
            number_format = DECIMAL_FORMAT
            if len(digits) - digits.find(".") <= 4:
                width = len(f"{value:,.3f}".rstrip("0"))
            else:
                width = len(shown(value, number_format))
        if width > self.width:
            self.width = width
        return f'<c r="{ref}" s="{self.styles.number[number_format]}"><v>{digits}</v></c>'

    def _iso_cell(self, ref: str, text: str) -> str:
        """A date or a timestamp the row gives as ISO text (a timestamp's offset dropped)."""
        if text in self.known:
            tail = self.known[text]
        else:
            if len(self.known) >= KNOWN_DATES:
                self.known.clear()
            moment: dt.date = (
                dt.datetime.fromisoformat(text).replace(tzinfo=None)
                if self.timestamps
                else dt.date.fromisoformat(text)
            )
            tail = self.known[text] = self._date_tail(moment)
        if tail is None:
            return self.text_cell(ref, text)
        self.last_text, self.last_tail, self.last_class = text, tail, str
        return f'<c r="{ref}"{tail}'

    def _date_tail(self, value: dt.date) -> str | None:
        """A date's cell after its name, the column widened to show it; None for a date
        before 1900, which Excel cannot hold (it is written as text)."""
        stamp = isinstance(value, dt.datetime)
        day = value.date() if isinstance(value, dt.datetime) else value
        if day < ooxml.FIRST_DATE:
            return None
        number_format = self.styles.datetime_format if stamp else self.styles.date_format
        self.width = max(self.width, text_width(shown(value, number_format)))
        style = self.styles.datetime if stamp else self.styles.date
        return ooxml.number_tail(ooxml.serial(value), style)


def number_width(value: int | float | Decimal, number_format: str | None) -> int:
    """`len(shown(value, number_format))`, without Decimal arithmetic for the common floats
    and integers: a float is formatted as the Decimal of its repr would be when that repr
    has no digit to round away (so binary and decimal rounding cannot differ), and a whole
    float or an integer always is under `#,##0`."""
    if number_format is None:
        return len(f"{value:.10g}")
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        if number_format == INTEGER_FORMAT:
            return len(f"{value:,.0f}")
        digits = repr(value)
        if number_format in (DECIMAL_FORMAT, RATIO_FORMAT) and (
            isinstance(value, int) or ("e" not in digits and len(digits) - digits.find(".") <= 4)
        ):
            if number_format == RATIO_FORMAT:
                return len(f"{value:.3f}")
            return len(f"{value:,.3f}".rstrip("0"))
    return len(shown(value, number_format))
