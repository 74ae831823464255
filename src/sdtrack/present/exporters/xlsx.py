"""Excel workbook: Summary, Targets, Readings and Sources sheets, and a sheet per regional
breakdown (named by its indicator's id): each region's latest reading, then each period's
roll-up, with how many regions reported, the total (only when every one did) and the
region's own figure beside it (`present.regional`).

Numbers are stored as numbers with number formats, dates as dates, booleans as booleans
shown TRUE and FALSE by every reader, the header row is frozen and filtered, and text a
spreadsheet would run as a formula is neutralised (`cells`); the workbook has no formula
cell at all (each cell and its width: `xlsx_cells`). Each column is as wide as its cells
are *shown*: 2400000000000 under `#,##0` is "2,400,000,000,000", a timestamp its full date
and time, so a reader never sees ###; text wraps past 60 characters. Every sheet prints on
A4 landscape, one page wide, with its header rows on every page. The rows are written as
they are made (`ooxml`), the widths measured as they go by, the readings made an indicator
at a time: 100,000 readings are never held as rows, nor as cells.

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

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sdtrack.core.language import N_, _
from sdtrack.present.exporters import ooxml
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
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
from sdtrack.present.exporters.xlsx_cells import (
    MAX_WIDTH,
    PADDING,
    Column,
    Styles,
)
from sdtrack.present.numbers import chinese
from sdtrack.present.phrases import outlook_words, status_words, worded
from sdtrack.present.report import UNKNOWN

FOOTER = "&L&A&R&P / &N"
"""The sheet's name on the left, "page / pages" on the right: codes, no words to translate."""

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

Rows = Iterable[dict[str, Any]]


def _sheet_name(name: str) -> str:
    return _(SHEET_NAMES[name])


def _heading(column: str) -> str:
    """The Chinese heading over a column (Chinese only: English shows the field name)."""
    return worded(SHEET_HEADINGS, column, heading(column))


def write_sheet(
    book: ooxml.Workbook,
    styles: Styles,
    name: str,
    columns: Sequence[str],
    rows: Rows,
    more: Sequence[tuple[Sequence[str], Rows]] = (),
) -> None:
    """A sheet of a table, then each of `more` below it after an empty row; the header of
    the first is frozen and filtered, and each column is as wide as its widest cell.

    Each row is written as it comes and never kept; the widths, known once every row is
    written, are put in front of the rows when the sheet is closed (`ooxml`)."""
    sheet = book.sheet(name)
    row = header = count = 0
    widths: dict[int, float] = {}
    for number, (table_columns, table_rows) in enumerate([(columns, rows), *more]):
        row += 1 if number else 0  # an empty row between tables
        headings = [_heading(c) for c in table_columns] if chinese() else []
        table = [
            Column(c, i, styles, headings[i] if headings else "")
            for i, c in enumerate(table_columns)
        ]
        # In Chinese the headings in bold, then the field names in grey; else the names.
        names = styles.field_name if headings else styles.heading
        for texts, style in ((headings, styles.heading), (table_columns, names)):
            if texts:
                row += 1
                pairs = zip(table, texts, strict=True)
                sheet.row(row, [ooxml.text_cell(f"{c.letter}{row}", t, style) for c, t in pairs],
                          len(table))  # fmt: skip
        first = row
        for values in table_rows:
            row += 1
            text = str(row)
            cells = []
            for column in table:
                value = values[column.name]
                if value is None:
                    continue
                if value.__class__ is column.last_class and value == column.last_text:
                    # The common case, written without a call: what the row above had.
                    cells.append(f'<c r="{column.letter}{text}"{column.last_tail}')
                elif cell := column.cell(value, text):
                    cells.append(cell)
            sheet.row(row, cells, len(table))
        if not number:
            header, count = first, row - first
        for index, column in enumerate(table):
            width = max(column.width, min(column.text, MAX_WIDTH)) + PADDING
            widths[index] = max(widths.get(index, 0), width)
    sheet.widths = widths
    sheet.frozen_rows = header
    sheet.filter = (header - 1, 0, header - 1 + count, len(columns) - 1)
    sheet.print_setup = ooxml.PrintSetup(title_rows=header, footer=FOOTER)
    sheet.close()


def one_sheet(columns: Sequence[str], rows: Rows) -> bytes:
    """A workbook of one sheet of `rows`, written as the export writes each of its sheets."""
    with ooxml.Workbook(creator="sdtrack", created=dt.datetime(2000, 1, 1)) as book:
        write_sheet(book, Styles(book), "Sheet1", columns, rows)
        return book.close()


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


def _reading_rows(context: ExportContext) -> Iterator[dict[str, Any]]:
    """The Readings sheet's rows (`tables.reading_rows`), made one indicator at a time."""
    total = len(context.indicators)
    for done, indicator in enumerate(context.indicators, start=1):
        yield from reading_rows(dataclasses.replace(context, indicators=(indicator,)))
        context.report_progress(done, total)


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
    language = "zh-CN" if chinese() else None
    creator = f"sdtrack {context.version}"
    with ooxml.Workbook(creator=creator, created=context.generated_at, language=language) as book:
        _write_sheets(book, context)
        return [ExportFile("", book.close())]


def _write_sheets(book: ooxml.Workbook, context: ExportContext) -> None:
    styles = Styles(book)
    taken: list[str] = []

    def sheet(
        name: str,
        columns: Sequence[str],
        rows: Rows,
        more: Sequence[tuple[Sequence[str], Rows]] = (),
    ) -> None:
        write_sheet(book, styles, name, columns, rows, more)
        taken.append(name)

    summary_columns = ("label", "value", "field") if chinese() else ("field", "value")
    sheet(_sheet_name("Summary"), summary_columns, _summary_rows(context))
    sheet(_sheet_name("Targets"), TARGET_COLUMNS, target_rows(context))
    sheet(_sheet_name("Readings"), READING_COLUMNS, _reading_rows(context))
    sources = (
        {"number": n, "title": s.title, "byline": s.byline, "url": s.url, "quote": s.quote}
        for n, s in SourceList.of(context, by_reading=False).numbered()
    )
    sheet(_sheet_name("Sources"), ("number", "title", "byline", "url", "quote"), sources)
    for breakdown in context.reported_breakdowns():
        more = [(ROLLUP_COLUMNS, rollup_rows(breakdown, context))]
        name = sheet_name(breakdown.indicator.id, taken)
        sheet(name, BREAKDOWN_COLUMNS, breakdown_rows(breakdown), more)
