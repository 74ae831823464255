"""Excel workbook: Summary, Targets, Readings and Sources sheets.

Numbers are stored as numbers with number formats, dates as dates, the header row is
frozen, columns are sized to their content, and text a spreadsheet would run as a formula
is neutralised. openpyxl is imported only here, when an .xlsx is asked for.

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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sdtrack.core.language import N_, _
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions, neutralise
from sdtrack.present.exporters.sources import SourceList
from sdtrack.present.exporters.tables import (
    READING_COLUMNS,
    TARGET_COLUMNS,
    heading,
    reading_rows,
    target_rows,
)
from sdtrack.present.numbers import chinese
from sdtrack.present.phrases import outlook_words, status_words, worded
from sdtrack.present.report import UNKNOWN

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

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
}
RATIO_COLUMNS = {"ratio", "score", "projection_share"}
MAX_WIDTH = 60
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT_ZH = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT_ZH = 'yyyy"年"m"月"d"日" hh:mm:ss'
FIELD_NAME_FONT = Font(italic=True, color="808080")

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
    "targets": N_("Number of targets"),
}
SHEET_HEADINGS = {
    "field": N_("Field"),
    "label": N_("Item"),
    "number": N_("No."),
    "title": N_("Title"),
    "byline": N_("Byline"),
}


def _typed(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in DATE_COLUMNS and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if column in ("recorded", "generated_at") and isinstance(value, str):
        return dt.datetime.fromisoformat(value).replace(tzinfo=None)
    return neutralise(value)


def _date_format() -> str:
    return DATE_FORMAT_ZH if chinese() else DATE_FORMAT


def _datetime_format() -> str:
    return DATETIME_FORMAT_ZH if chinese() else DATETIME_FORMAT


def _sheet_name(name: str) -> str:
    return _(SHEET_NAMES[name])


def _heading(column: str) -> str:
    """The Chinese heading over a column (Chinese only: English shows the field name)."""
    return worded(SHEET_HEADINGS, column, heading(column))


def _number_format(column: str) -> str | None:
    if column in DATE_COLUMNS:
        return _date_format()
    if column in ("recorded", "generated_at"):
        return _datetime_format()
    if column in PERCENT_COLUMNS:
        return "0.0%"
    if column in NUMBER_COLUMNS:
        return "#,##0.###"
    if column in RATIO_COLUMNS:
        return "0.000"
    return None


def _sheet(sheet: Worksheet, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    headings = [_heading(c) for c in columns] if chinese() else []
    if headings:
        sheet.append(headings)
    sheet.append(list(columns))
    header = 2 if headings else 1
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    if headings:
        for cell in sheet[header]:
            cell.font = FIELD_NAME_FONT
    for row in rows:
        sheet.append([_typed(c, row[c]) for c in columns])
    date_format, datetime_format = _date_format(), _datetime_format()
    for index, column in enumerate(columns, start=1):
        number_format = _number_format(column)
        width = max(len(column), _display_width(headings[index - 1]) if headings else 0)
        for (cell,) in sheet.iter_rows(min_row=header + 1, min_col=index, max_col=index):
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=len(cell.value) > MAX_WIDTH, vertical="top")
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = datetime_format
            elif isinstance(cell.value, dt.date):
                cell.number_format = date_format
            elif number_format and cell.value is not None:
                cell.number_format = number_format
            width = max(width, _display_width(cell.value))
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = f"A{header + 1}"
    last = f"{get_column_letter(len(columns))}{max(sheet.max_row, header)}"
    sheet.auto_filter.ref = f"A{header}:{last}" if headings else sheet.dimensions


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        if not chinese():
            return 10
        return 23 if isinstance(value, dt.datetime) else 14
    text = str(value)
    # East Asian characters take two columns in Excel's default fonts.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _summary_rows(context: ExportContext) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"field": "title", "value": context.title},
        {"field": "as_of", "value": context.as_of},
        {"field": "generated_at", "value": context.generated_at.replace(tzinfo=None)},
        {"field": "method", "value": context.method},
        {"field": "sdtrack_version", "value": context.version},
        {"field": "workspace", "value": context.workspace},
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


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = _sheet_name("Summary")
    summary_columns = ("label", "value", "field") if chinese() else ("field", "value")
    _sheet(summary, summary_columns, _summary_rows(context))
    _sheet(book.create_sheet(_sheet_name("Targets")), TARGET_COLUMNS, target_rows(context))
    _sheet(book.create_sheet(_sheet_name("Readings")), READING_COLUMNS, reading_rows(context))
    sources = [
        {"number": n, "title": s.title, "byline": s.byline, "url": s.url, "quote": s.quote}
        for n, s in SourceList.of(context).numbered()
    ]
    source_columns = ("number", "title", "byline", "url", "quote")
    _sheet(book.create_sheet(_sheet_name("Sources")), source_columns, sources)
    generated = context.generated_at.replace(tzinfo=None)
    book.properties.creator = f"sdtrack {context.version}"
    book.properties.created = generated
    book.properties.modified = generated
    if chinese():
        book.properties.language = "zh-CN"
    buffer = io.BytesIO()
    book.save(buffer)
    return [ExportFile("", buffer.getvalue())]
