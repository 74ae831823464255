"""Excel workbook: Summary, Targets, Readings and Sources sheets, and a sheet per regional
breakdown (named by its indicator's id): each region's latest reading, then each period's
roll-up, with how many regions reported, the total (only when every one did) and the
region's own figure beside it (`present.regional`).

Numbers are stored as numbers with number formats, dates as dates, booleans as booleans
shown TRUE and FALSE by every reader, the header row is frozen, and text a spreadsheet would
run as a formula is neutralised (`cells`). Each column is as wide as its cells are *shown*:
2400000000000 under `#,##0` is "2,400,000,000,000", a timestamp its full date and time, so a
reader never sees ###; text wraps past 60 characters. Every sheet prints on A4 landscape,
one page wide, with its header rows on every page. The workbook is written by XlsxWriter
in constant memory, row after row; it is imported only here, when an .xlsx is asked for.

In English the header row is the stable field names (the CSV's). In Chinese the sheets
are named 摘要, 目标, 读数, 来源; the first row holds the Chinese headings a reader
expects, the second the same stable field names (so a script reads the sheet with
`header=1`, as pandas calls it); dates are shown as 2026年11月22日; the Summary sheet
gives each field a Chinese label beside its field name. Codes (status, kind, …) and
numbers are the same in both languages; the display texts follow the language in use.
The Summary sheet counts the targets by status code, then the awaiting and overdue ones by
outlook (`overdue.likely_met`, …). Numbers follow `present.precision`; the number formats
only change how many digits a cell shows.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from math import ceil
from typing import TYPE_CHECKING, Any
from unicodedata import east_asian_width

from xlsxwriter import Workbook

from sdtrack.core.language import N_, _
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.cells import neutralise
from sdtrack.present.exporters.sources import SourceList
from sdtrack.present.exporters.tables import (
    BREAKDOWN_COLUMNS,
    READING_COLUMNS,
    ROLLUP_COLUMNS,
    TARGET_COLUMNS,
    breakdown_rows,
    heading,
    reading_rows,
    rollup_rows,
    target_rows,
)
from sdtrack.present.numbers import chinese
from sdtrack.present.phrases import outlook_words, status_words, worded
from sdtrack.present.report import UNKNOWN

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

DATE_COLUMNS = {
    "deadline",
    "baseline_date",
    "latest_date",
    "pace_start_date",
    "expected_by",
    "source_date",
    "period_end",
    "as_of",
    "reach_date",
}
PERCENT_COLUMNS = {"progress", "cagr_required", "cagr_observed", "miss_share"}
NUMBER_COLUMNS = {
    "target_value",
    "baseline_value",
    "latest_value",
    "pace_start_value",
    "gap",
    "projected",
    "projected_linear",
    "pace_required",
    "pace_observed",
    "trend_change",
    "value",
    "total",
    "own",
}
RATIO_COLUMNS = {"ratio", "score", "projection_share"}
MAX_WIDTH = 60
"""The widest a text column is made; longer text wraps. Numbers and dates never wrap."""
PADDING = 2
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.###"
# A boolean cell shows TRUE or FALSE in Excel whatever its format; LibreOffice reads it as
# 1 or 0 and shows it by its format, so the format says TRUE and FALSE too.
BOOLEAN_FORMAT = '"TRUE";"TRUE";"FALSE"'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT_ZH = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT_ZH = 'yyyy"年"m"月"d"日" hh:mm:ss'
# What XML 1.0 (so a workbook) cannot hold: most C0 controls, lone surrogates and the two
# non-characters. Such a character in a text cell is written as U+FFFD, the replacement
# character, instead of failing the export.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CELL_LIMIT = 32767
"""The most characters Excel holds in one cell."""
# Rows are written in order and never held (XlsxWriter's constant memory); text is always
# text: nothing a cell holds becomes a number, a formula or a link.
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "remove_timezone": True,
    "nan_inf_to_errors": True,
}

SHEET_NAMES = {
    "Summary": N_("Summary"),
    "Targets": N_("Targets"),
    "Readings": N_("Readings"),
    "Sources": N_("Sources"),
}
SUMMARY_LABELS = {
    "title": N_("Title"),
    "as_of": N_("As of"),
    "generated_at": N_("Generated at"),
    "method": N_("Method"),
    "sdtrack_version": N_("sdtrack version"),
    "workspace": N_("Workspace"),
    "region": N_("Region"),
    "targets": N_("Number of targets"),
}
SHEET_HEADINGS = {
    "field": N_("Field"),
    "label": N_("Item"),
    "number": N_("No."),
    "title": N_("Title"),
    "byline": N_("Byline"),
}
SHEET_NAME_LIMIT = 31
"""The most characters Excel allows in a sheet's name."""


def _typed(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in DATE_COLUMNS and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if column in ("recorded", "generated_at") and isinstance(value, str):
        return dt.datetime.fromisoformat(value).replace(tzinfo=None)
    value = neutralise(value)
    if not isinstance(value, str):
        return value
    text = UNWRITABLE.sub("\ufffd", value)
    # Excel refuses (and "repairs") a workbook with a longer cell; the CSV and JSON keep it all.
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def _date_format() -> str:
    return DATE_FORMAT_ZH if chinese() else DATE_FORMAT


def _datetime_format() -> str:
    return DATETIME_FORMAT_ZH if chinese() else DATETIME_FORMAT


def _sheet_name(name: str) -> str:
    return _(SHEET_NAMES[name])


def _heading(column: str) -> str:
    """The Chinese heading over a column (Chinese only: English shows the field name)."""
    return worded(SHEET_HEADINGS, column, heading(column))


def _number_format(column: str, value: object) -> str | None:
    """The number format of one cell: its column's, and for a plain number no decimal
    point when it has no fraction to show (Excel writes 5 as "5." under `#,##0.###`)."""
    if isinstance(value, bool):
        return BOOLEAN_FORMAT
    if isinstance(value, dt.datetime):
        return _datetime_format()
    if isinstance(value, dt.date):
        return _date_format()
    if not isinstance(value, int | float | Decimal):
        return None
    if column in PERCENT_COLUMNS:
        return "0.0%"
    if column in NUMBER_COLUMNS:
        return INTEGER_FORMAT if _whole(value) else DECIMAL_FORMAT
    if column in RATIO_COLUMNS:
        return "0.000"
    return None


def _whole(value: int | float | Decimal) -> bool:
    """Whether `value` shows no fraction to three decimals (a huge or odd number: no)."""
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
            "0.0%": lambda: f"{number * 100:.1f}%",
            INTEGER_FORMAT: lambda: f"{number:,.0f}",
            DECIMAL_FORMAT: lambda: f"{number:,.3f}".rstrip("0"),
            "0.000": lambda: f"{number:.3f}",
        }
        # General shows at most 11 characters of a number.
        return formats[number_format]() if number_format in formats else f"{value:.10g}"
    return str(value)


def text_width(text: str) -> int:
    """How many character widths `text` takes: East Asian characters take two columns in
    Excel's and LibreOffice's default fonts; a wrapped cell its longest line."""
    if text.isascii():
        return max(len(line) for line in text.split("\n"))
    return max(
        (sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line) for line in text.split("\n")),
        default=0,
    )


@dataclass
class _Table:
    """A table to write: its columns, their headings (Chinese only), its rows, and the
    widths its columns need, measured from the cells as they are typed."""

    columns: Sequence[str]
    headings: list[str]
    rows: Sequence[dict[str, Any]]
    widths: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> _Table:
        headings = [_heading(c) for c in columns] if chinese() else []
        # The header is bold: a tenth wider than its characters.
        widths = [
            ceil(1.1 * max(text_width(c), text_width(headings[i]) if headings else 0))
            for i, c in enumerate(columns)
        ]
        texts = [0] * len(columns)
        for cells in _typed_rows(columns, rows):
            for index, (value, number_format) in enumerate(cells):
                if isinstance(value, str):
                    texts[index] = max(texts[index], text_width(value))
                elif value is not None:
                    # A number or a date cannot wrap: its column is as wide as it is shown.
                    widths[index] = max(widths[index], text_width(shown(value, number_format)))
        measured = [max(w, min(t, MAX_WIDTH)) for w, t in zip(widths, texts, strict=True)]
        return cls(columns, headings, rows, measured)

    def cells(self) -> Iterator[list[tuple[Any, str | None]]]:
        return _typed_rows(self.columns, self.rows)


def _typed_rows(
    columns: Sequence[str], rows: Sequence[dict[str, Any]]
) -> Iterator[list[tuple[Any, str | None]]]:
    """Each row's cells typed, each with its number format: made again for each pass, so
    that the typed cells of a whole sheet are never held at once."""
    for row in rows:
        cells = []
        for column in columns:
            value = _typed(column, row[column])
            cells.append((value, _number_format(column, value)))
        yield cells


class CellFormats:
    """The workbook's cell formats, one per combination asked for."""

    def __init__(self, book: Workbook) -> None:
        self._book = book
        self._made: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, **properties: Any) -> Format:
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self._book.add_format(dict(properties))
        return self._made[key]


def write_sheet(
    book: Workbook,
    formats: CellFormats,
    name: str,
    columns: Sequence[str],
    rows: Sequence[dict[str, Any]],
    more: Sequence[tuple[Sequence[str], Sequence[dict[str, Any]]]] = (),
) -> None:
    """A sheet of a table, then each of `more` below it after an empty row; the header of
    the first is frozen and filtered, and each column is as wide as its widest cell.

    The rows are written in order, once each (the workbook keeps only the row being
    written in memory): the widths are measured first, from the cells as they are typed."""
    tables = [_Table.of(columns, rows), *(_Table.of(c, r) for c, r in more)]
    sheet = book.add_worksheet(name)
    widths: dict[int, int] = {}
    for table in tables:
        for index, width in enumerate(table.widths):
            widths[index] = max(widths.get(index, 0), width)
    for index, width in widths.items():
        sheet.set_column(index, index, width + PADDING)
    row = 0
    header = 0
    for number, table in enumerate(tables):
        if number:
            row += 1  # an empty row between tables
        field_names, row = _write_table(sheet, formats, table, row)
        if not number:
            header = field_names
    sheet.freeze_panes(header, 0)
    sheet.autofilter(header - 1, 0, header - 1 + len(rows), len(columns) - 1)
    _print_setup(sheet, header)


def _write_table(
    sheet: Worksheet, formats: CellFormats, table: _Table, row: int
) -> tuple[int, int]:
    """Write `table` from `row` (0-based): in Chinese its headings, then the field names,
    then its cells. Returns the 1-based number of its field names' row, and the 0-based
    row after the table."""
    bold = formats.get(bold=True)
    if table.headings:
        for index, text in enumerate(table.headings):
            sheet.write_string(row, index, text, bold)
        row += 1
    names = formats.get(italic=True, font_color="#808080") if table.headings else bold
    for index, column in enumerate(table.columns):
        sheet.write_string(row, index, column, names)
    row += 1
    header = row
    for cells in table.cells():
        for index, (value, number_format) in enumerate(cells):
            _write_cell(sheet, formats, row, index, value, number_format)
        row += 1
    return header, row


def _write_cell(
    sheet: Worksheet,
    formats: CellFormats,
    row: int,
    column: int,
    value: Any,
    number_format: str | None,
) -> None:
    """One typed cell: text as text (never a formula or a link), a boolean, a date, or a
    number, each with its format."""
    if value is None:
        return
    if isinstance(value, str):
        wide = text_width(value) > MAX_WIDTH
        sheet.write_string(row, column, value, formats.get(text_wrap=wide, valign="top"))
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, formats.get(num_format=BOOLEAN_FORMAT))
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, column, value, formats.get(num_format=number_format))
    else:
        cell_format = formats.get(num_format=number_format) if number_format else None
        sheet.write_number(row, column, value, cell_format)


def _print_setup(sheet: Worksheet, header: int) -> None:
    """A4 landscape, every column on one page's width, the header rows on every page, and
    the page number in the footer."""
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header - 1)
    sheet.hide_gridlines(0)  # printed as well as shown
    # The sheet's name on the left, "page / pages" on the right: codes, no words to translate.
    sheet.set_footer("&L&A&R&P / &N")


def _summary_rows(context: ExportContext) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"field": "title", "value": context.title},
        {"field": "as_of", "value": context.as_of},
        {"field": "generated_at", "value": context.generated_at.replace(tzinfo=None)},
        {"field": "method", "value": context.method},
        {"field": "sdtrack_version", "value": context.version},
        {"field": "workspace", "value": context.workspace},
        *(
            [{"field": "region", "value": context.region_name(None)}]
            if context.geography.own
            else []
        ),
        {"field": "targets", "value": len(context.report.assessments)},
        *({"field": status, "value": n} for status, n in context.summary().items()),
    ]
    for row in rows:
        field = row["field"]
        row["label"] = worded(SUMMARY_LABELS, field, status_words(field))
    for status, counts in context.outlook_summary().items():
        for outlook, n in counts.items():
            label = _("{status}: {outlook}").format(
                status=status_words(status),
                outlook=outlook_words(outlook) if outlook != UNKNOWN else _("outlook unknown"),
            )
            rows.append({"field": f"{status}.{outlook}", "value": n, "label": label})
    return rows


def sheet_name(wanted: str, taken: Sequence[str]) -> str:
    """`wanted` as a sheet's name: at most 31 characters, none of `[]:*?/\\`, unlike every
    name `taken` and Excel's own "History" (compared without case), else ended by "~2", …"""
    name = re.sub(r"[\[\]:*?/\\]", "-", wanted).strip("'") or "-"
    used = {t.casefold() for t in (*taken, "History")}
    candidate = name[:SHEET_NAME_LIMIT]
    number = 1
    while candidate.casefold() in used:
        number += 1
        suffix = f"~{number}"
        candidate = name[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    return candidate


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    buffer = io.BytesIO()
    book = Workbook(buffer, WORKBOOK_OPTIONS)
    formats = CellFormats(book)
    taken: list[str] = []

    def sheet(
        name: str,
        columns: Sequence[str],
        rows: Sequence[dict[str, Any]],
        more: Sequence[tuple[Sequence[str], Sequence[dict[str, Any]]]] = (),
    ) -> None:
        write_sheet(book, formats, name, columns, rows, more)
        taken.append(name)  # fmt: skip

    summary_columns = ("label", "value", "field") if chinese() else ("field", "value")
    sheet(_sheet_name("Summary"), summary_columns, _summary_rows(context))
    sheet(_sheet_name("Targets"), TARGET_COLUMNS, target_rows(context))
    sheet(_sheet_name("Readings"), READING_COLUMNS, reading_rows(context))
    sources = [
        {"number": n, "title": s.title, "byline": s.byline, "url": s.url, "quote": s.quote}
        for n, s in SourceList.of(context).numbered()
    ]
    sheet(_sheet_name("Sources"), ("number", "title", "byline", "url", "quote"), sources)
    for breakdown in context.reported_breakdowns():
        more = [(ROLLUP_COLUMNS, rollup_rows(breakdown, context))]
        name = sheet_name(breakdown.indicator.id, taken)
        sheet(name, BREAKDOWN_COLUMNS, breakdown_rows(breakdown), more)
    generated = context.generated_at.replace(tzinfo=None)
    book.set_properties({"author": f"sdtrack {context.version}", "created": generated})
    book.close()
    return [ExportFile("", buffer.getvalue())]
