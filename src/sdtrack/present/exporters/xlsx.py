"""Excel workbook: Summary, Targets, Readings and Sources sheets.

Numbers are stored as numbers with number formats, dates as dates, the header row is
frozen, columns are sized to their content, and text a spreadsheet would run as a formula
is neutralised. openpyxl is imported only here, when an .xlsx is asked for.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions, neutralise
from sdtrack.present.exporters.sources import SourceList
from sdtrack.present.exporters.tables import (
    READING_COLUMNS,
    TARGET_COLUMNS,
    reading_rows,
    target_rows,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

DATE_COLUMNS = {
    "deadline",
    "baseline_date",
    "latest_date",
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


def _typed(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in DATE_COLUMNS and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if column in ("recorded", "generated_at") and isinstance(value, str):
        return dt.datetime.fromisoformat(value).replace(tzinfo=None)
    return neutralise(value)


def _number_format(column: str) -> str | None:
    if column in DATE_COLUMNS:
        return "yyyy-mm-dd"
    if column in ("recorded", "generated_at"):
        return "yyyy-mm-dd hh:mm:ss"
    if column in PERCENT_COLUMNS:
        return "0.0%"
    if column in NUMBER_COLUMNS:
        return "#,##0.###"
    if column in RATIO_COLUMNS:
        return "0.000"
    return None


def _sheet(sheet: Worksheet, columns: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_typed(c, row[c]) for c in columns])
    for index, column in enumerate(columns, start=1):
        number_format = _number_format(column)
        width = len(column)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if isinstance(cell.value, str):
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=len(cell.value) > MAX_WIDTH, vertical="top")
            elif isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif number_format and cell.value is not None:
                cell.number_format = number_format
            width = max(width, _display_width(cell.value))
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    text = str(value)
    # East Asian characters take two columns in Excel's default fonts.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    summary_rows: list[dict[str, Any]] = [
        {"field": "title", "value": context.title},
        {"field": "as_of", "value": context.as_of},
        {"field": "generated_at", "value": context.generated_at.replace(tzinfo=None)},
        {"field": "method", "value": context.method},
        {"field": "sdtrack_version", "value": context.version},
        {"field": "workspace", "value": context.workspace},
        {"field": "targets", "value": len(context.report.assessments)},
        *({"field": status, "value": n} for status, n in context.summary().items()),
    ]
    _sheet(summary, ("field", "value"), summary_rows)
    _sheet(book.create_sheet("Targets"), TARGET_COLUMNS, target_rows(context))
    _sheet(book.create_sheet("Readings"), READING_COLUMNS, reading_rows(context))
    sources = [
        {"number": n, "title": s.title, "byline": s.byline, "url": s.url, "quote": s.quote}
        for n, s in SourceList.of(context).numbered()
    ]
    _sheet(book.create_sheet("Sources"), ("number", "title", "byline", "url", "quote"), sources)
    generated = context.generated_at.replace(tzinfo=None)
    book.properties.creator = f"sdtrack {context.version}"
    book.properties.created = generated
    book.properties.modified = generated
    buffer = io.BytesIO()
    book.save(buffer)
    return [ExportFile("", buffer.getvalue())]
