"""An Office Open XML workbook (.xlsx) written as it is produced, row after row.

A sheet's rows are deflated as they come, on a thread, into a spooled temporary file
(memory up to a few megabytes, then disk), so a sheet of any length is never held; when
the sheet is closed its column widths, frozen rows, filter and print set-up (known only
once every row is written) are put before and after the rows, and the whole goes into
the zip (`zip_archive`). Nothing else is kept but the sheets' names and the styles asked
for.

The writer has no formula cell at all: a cell is text (an inline string), a number, a
boolean, a date (a serial number under a date format) or an error. Text is escaped for
XML; a character XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE and U+FFFF)
is written as U+FFFD; a carriage return as a character reference, so that no reader
folds it into a line feed; and text that looks like Excel's own `_xHHHH_` escape has its
underscore escaped, so that Excel shows it as written. The archive is the same bytes for
the same cells: every member is dated 1980-01-01 and the package's dates are the caller's.

It is sdtrack's own because a library's cell is too dear: XlsxWriter, even in its constant
memory mode, spends about 7 µs on each cell, 10 s on the 1.4 million cells of 100,000
readings alone, where this writer, which takes cells already typed and styled, spends
about 1.5 µs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.present.exporters.zip_archive import Archive, Deflating

SPOOL_BYTES = 4 << 20
"""How much of a sheet's rows is kept in memory before they go to a temporary file."""
FLUSH_CHARACTERS = 1 << 18
"""How many characters of rows are gathered before they are encoded and written."""
COMPRESSION_LEVEL = 3
"""zlib's level: the fastest of its greedy levels (1-3). The worker deflating a sheet's rows
then keeps pace with the thread writing them; at 5 an export of W1 waited for it, 0.1-0.4 s,
for a workbook 9% smaller (6.4 MB, 7.0 MB at 3)."""
EPOCH = dt.datetime(1899, 12, 30)
"""Day 0 of Excel's serial dates (for every date from 1900-03-01; see `serial`)."""
FIRST_DATE = dt.date(1900, 1, 1)
"""The first date a serial number holds."""
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CUSTOM_FORMATS = 164
"""The first number format id a workbook may define (the lower ones are Excel's own)."""

# What text needs beyond itself: XML's three specials, a carriage return (which a reader
# would read as a line feed) and what XML cannot hold; in a cell, also an underscore that
# starts Excel's escape of a character by its code, `_xHHHH_`.
_UNWRITABLE = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
_SPECIAL = re.compile(f"[&<>\r{_UNWRITABLE}]")
_CELL_SPECIAL = re.compile(f"[&<>\r{_UNWRITABLE}]|_(?=x[0-9A-Fa-f]{{4}}_)")
_REPLACEMENTS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;", "_": "_x005F_"}


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENTS.get(match.group(), "\ufffd")


def escape(text: str) -> str:
    """`text` as the content of an XML element (see the module's docstring)."""
    return _SPECIAL.sub(_replace, text) if _SPECIAL.search(text) else text


def escape_cell(text: str) -> str:
    """`text` as a cell's text: `escape`d, and Excel's `_xHHHH_` kept as written."""
    return _CELL_SPECIAL.sub(_replace, text) if _CELL_SPECIAL.search(text) else text


def escape_attribute(text: str) -> str:
    """`text` as an XML attribute's value in double quotes."""
    return escape(text).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def column_letter(index: int) -> str:
    """The letters of the 0-based column `index`: A, …, Z, AA, …"""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def serial(value: dt.date) -> int | float:
    """A date (or a time of day, naive) as Excel's serial number, which counts 1900-02-29
    (a day that never was): a date before 1900-03-01 is one day lower than from `EPOCH`."""
    if isinstance(value, dt.datetime):
        delta = value - EPOCH
        days: int | float = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
        whole = delta.days
    else:
        days = whole = (value - EPOCH.date()).days
    return days - 1 if whole < 61 else days


def text_cell(ref: str, text: str, style: int) -> str:
    """A cell of text, `ref` being its A1 name; leading or trailing spaces are kept."""
    return f'<c r="{ref}"{text_tail(text, style)}'


def text_tail(text: str, style: int) -> str:
    """A text cell after its name: what `text_cell` writes after `<c r="A1"`, the same for
    every cell of that text and style."""
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f' s="{style}" t="inlineStr"><is><t{space}>{escape_cell(text)}</t></is></c>'


def number_cell(ref: str, number: int | float | Decimal, style: int) -> str:
    """A cell of a number; one that is not finite is Excel's #NUM! error."""
    return f'<c r="{ref}"{number_tail(number, style)}'


def number_tail(number: int | float | Decimal, style: int) -> str:
    """A number cell after its name (see `text_tail`)."""
    text = repr(number) if isinstance(number, float) else str(number)
    if text.lstrip("-").startswith(("inf", "nan", "Inf", "NaN", "sNaN")):
        return f' s="{style}" t="e"><v>#NUM!</v></c>'
    return f' s="{style}"><v>{text}</v></c>'


def boolean_cell(ref: str, value: bool, style: int) -> str:
    return f'<c r="{ref}"{boolean_tail(value, style)}'


def boolean_tail(value: bool, style: int) -> str:
    """A boolean cell after its name (see `text_tail`)."""
    return f' s="{style}" t="b"><v>{int(value)}</v></c>'


@dataclass(frozen=True)
class Style:
    """How a cell looks: its number format (None: General), font and alignment."""

    number_format: str | None = None
    bold: bool = False
    italic: bool = False
    color: str | None = None
    """The font's colour as RRGGBB."""
    wrap: bool = False
    top: bool = False


@dataclass(frozen=True)
class PrintSetup:
    """A4 landscape, every column on one page's width, the first `title_rows` rows on
    every page, gridlines printed, and `footer` (Excel's codes: &L, &A, &P, …)."""

    title_rows: int
    footer: str


class Workbook:
    """A workbook in the making: add sheets one after the other, then `close()` it; used
    in a `with`, whatever an error leaves open is let go (`discard`)."""

    def __init__(self, *, creator: str, created: dt.datetime, language: str | None = None) -> None:
        self._archive = Archive(COMPRESSION_LEVEL)
        self._styles: dict[Style, int] = {Style(): 0}
        self._names: list[str] = []
        self._defined: list[str] = []
        self._open: Sheet | None = None
        self._creator = creator
        self._created = created
        self._language = language
        self._done = False

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exception: object) -> None:
        self.discard()

    def discard(self) -> None:
        """Let go of the temporary file and the archive of a workbook not closed (an
        error on the way): nothing if it was."""
        if self._open is not None:
            self._open.discard()
            self._open = None
        self._done = True

    def style(self, style: Style) -> int:
        """The index of `style` among the workbook's cell styles, added when new."""
        return self._styles.setdefault(style, len(self._styles))

    def sheet(self, name: str) -> Sheet:
        """A new sheet after the others; the one before it is closed first. `name` must be
        a name Excel allows, unlike the others'."""
        if self._open is not None:
            self._open.close()
        self._open = Sheet(self, len(self._names), name)
        self._names.append(name)
        return self._open

    def _write(self, name: str, text: str) -> None:
        self._archive.add(name, text.encode("utf-8"))

    def _define(self, name: str, sheet: int, reference: str, hidden: bool = False) -> None:
        flag = ' hidden="1"' if hidden else ""
        self._defined.append(
            f'<definedName name="{name}" localSheetId="{sheet}"{flag}>{escape(reference)}'
            "</definedName>"
        )

    def close(self) -> bytes:
        """The whole workbook, as the bytes of its .xlsx file."""
        if self._open is not None:
            self._open.close()
            self._open = None
        count = len(self._names)
        self._write("xl/workbook.xml", self._workbook_xml())
        self._write("xl/styles.xml", _styles_xml(list(self._styles)))
        self._write("xl/_rels/workbook.xml.rels", _workbook_relationships(count))
        self._write("docProps/core.xml", self._core_xml())
        self._write("docProps/app.xml", _app_xml())
        self._write("_rels/.rels", _package_relationships())
        self._write("[Content_Types].xml", _content_types(count))
        self._done = True
        return self._archive.close()

    def _workbook_xml(self) -> str:
        sheets = "".join(
            f'<sheet name="{escape_attribute(name)}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(self._names, start=1)
        )
        names = f"<definedNames>{''.join(self._defined)}</definedNames>" if self._defined else ""
        return (
            f'{DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets>{names}</workbook>"
        )

    def _core_xml(self) -> str:
        created = self._created
        if created.tzinfo is not None:
            created = created.astimezone(dt.UTC).replace(tzinfo=None)
        stamp = f"{created:%Y-%m-%dT%H:%M:%SZ}"
        language = f"<dc:language>{escape(self._language)}</dc:language>" if self._language else ""
        return (
            f"{DECLARATION}<cp:coreProperties"
            ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{escape(self._creator)}</dc:creator>{language}"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>"
        )


def sheet_reference(name: str) -> str:
    """A sheet's name as a formula names it: in single quotes, each one inside doubled."""
    return "'" + name.replace("'", "''") + "'"


class Sheet:
    """One sheet being written: `row` after `row`, in order, then `close()` (or the next
    `Workbook.sheet`). Set its `widths`, `frozen_rows`, `filter` and `print_setup` at any
    time before it is closed."""

    def __init__(self, book: Workbook, index: int, name: str) -> None:
        self._book = book
        self._index = index
        self.name = name
        # Finished by `close` or let go by `discard`, one of which the workbook calls for
        # every sheet.
        self._rows = Deflating(COMPRESSION_LEVEL, SPOOL_BYTES)
        self._pending: list[str] = []
        self._pending_size = 0
        self._last_row = 0
        self._last_column = 0
        self.widths: dict[int, float] = {}
        """Each 0-based column's width, in characters."""
        self.frozen_rows = 0
        self.filter: tuple[int, int, int, int] | None = None
        """The filtered range: first row, first column, last row, last column (0-based)."""
        self.print_setup: PrintSetup | None = None
        self._closed = False

    def row(self, number: int, cells: Sequence[str], columns: int) -> None:
        """Row `number` (1-based, after the last one written) of `cells` made by the
        `*_cell` functions, spanning at most `columns` columns."""
        if number <= self._last_row:
            raise ValueError(f"row {number} is not after row {self._last_row}")
        text = f'<row r="{number}">{"".join(cells)}</row>'
        self._pending.append(text)
        self._pending_size += len(text)
        self._last_row = number
        self._last_column = max(self._last_column, columns)
        if self._pending_size >= FLUSH_CHARACTERS:
            self._flush()

    def _flush(self) -> None:
        self._rows.write("".join(self._pending).encode("utf-8"))
        self._pending.clear()
        self._pending_size = 0

    def discard(self) -> None:
        """Let go of the rows written, putting nothing in the workbook."""
        self._closed = True
        self._rows.discard()

    def close(self) -> None:
        """Put the sheet in the workbook: nothing more can be written to it."""
        if self._closed:
            return
        self._closed = True
        try:
            self._flush()
            crc, size, chunks = self._rows.finish(
                self._head().encode("utf-8"), self._tail().encode("utf-8")
            )
        except BaseException:  # a failure on the worker too: its spool is let go
            self._rows.discard()
            raise
        self._book._archive.add_deflated(
            f"xl/worksheets/sheet{self._index + 1}.xml", crc, size, chunks
        )
        reference = sheet_reference(self.name)
        if self.filter is not None:
            first_row, first_column, last_row, last_column = self.filter
            cells = (
                f"${column_letter(first_column)}${first_row + 1}:"
                f"${column_letter(last_column)}${last_row + 1}"
            )
            self._book._define("_xlnm._FilterDatabase", self._index, f"{reference}!{cells}", True)
        if self.print_setup is not None and self.print_setup.title_rows:
            rows = f"{reference}!$1:${self.print_setup.title_rows}"
            self._book._define("_xlnm.Print_Titles", self._index, rows)

    def _head(self) -> str:
        fit = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if self.print_setup else ""
        last = f"{column_letter(max(self._last_column, 1) - 1)}{max(self._last_row, 1)}"
        selected = ' tabSelected="1"' if self._index == 0 else ""
        pane = ""
        if self.frozen_rows:
            top = f"A{self.frozen_rows + 1}"
            pane = (
                f'<pane ySplit="{self.frozen_rows}" topLeftCell="{top}" activePane="bottomLeft"'
                f' state="frozen"/><selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>'
            )
        columns = "".join(
            f'<col min="{i + 1}" max="{i + 1}" width="{width:g}" customWidth="1"/>'
            for i, width in sorted(self.widths.items())
        )
        return (
            f'{DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">{fit}'
            f'<dimension ref="A1:{last}"/>'
            f'<sheetViews><sheetView{selected} workbookViewId="0">{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f"{f'<cols>{columns}</cols>' if columns else ''}<sheetData>"
        )

    def _tail(self) -> str:
        tail = "</sheetData>"
        if self.filter is not None:
            first_row, first_column, last_row, last_column = self.filter
            tail += (
                f'<autoFilter ref="{column_letter(first_column)}{first_row + 1}:'
                f'{column_letter(last_column)}{last_row + 1}"/>'
            )
        setup = self.print_setup
        if setup is not None:
            tail += '<printOptions gridLines="1"/>'
        tail += (
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3"'
            ' footer="0.3"/>'
        )
        if setup is not None:
            tail += (
                '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1"'
                ' fitToHeight="0"/>'
                f"<headerFooter><oddFooter>{escape(setup.footer)}</oddFooter></headerFooter>"
            )
        return tail + "</worksheet>"


def _styles_xml(styles: Sequence[Style]) -> str:
    codes: dict[str, int] = {}
    fonts: dict[tuple[bool, bool, str | None], int] = {(False, False, None): 0}
    cells = []
    for style in styles:
        code = 0
        if style.number_format is not None:
            code = codes.setdefault(style.number_format, CUSTOM_FORMATS + len(codes))
        font = fonts.setdefault((style.bold, style.italic, style.color), len(fonts))
        alignment = ""
        if style.wrap or style.top:
            wrap = ' wrapText="1"' if style.wrap else ""
            top = ' vertical="top"' if style.top else ""
            alignment = f"<alignment{top}{wrap}/>"
        applied = (
            (' applyNumberFormat="1"' if code else "")
            + (' applyFont="1"' if font else "")
            + (' applyAlignment="1"' if alignment else "")
        )
        attributes = f'numFmtId="{code}" fontId="{font}" fillId="0" borderId="0" xfId="0"{applied}'
        cells.append(f"<xf {attributes}>{alignment}</xf>" if alignment else f"<xf {attributes}/>")
    formats = "".join(
        f'<numFmt numFmtId="{n}" formatCode="{escape_attribute(code)}"/>'
        for code, n in codes.items()
    )
    font_list = []
    for bold, italic, color in fonts:
        colour = f'<color rgb="FF{color}"/>' if color else ""
        font_list.append(
            f'<font>{"<b/>" if bold else ""}{"<i/>" if italic else ""}<sz val="11"/>{colour}'
            '<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
        )
    return (
        f'{DECLARATION}<styleSheet xmlns="{MAIN}">'
        + (f'<numFmts count="{len(codes)}">{formats}</numFmts>' if codes else "")
        + f'<fonts count="{len(font_list)}">{"".join(font_list)}</fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{len(cells)}">{"".join(cells)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _workbook_relationships(sheets: int) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    links = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    links += f'<Relationship Id="rId{sheets + 1}" Type="{kind}/styles" Target="styles.xml"/>'
    return f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{links}</Relationships>'


def _package_relationships() -> str:
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    core = "http://schemas.openxmlformats.org/package/2006/relationships/metadata"
    return (
        f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{core}/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{office}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def _app_xml() -> str:
    return (
        f"{DECLARATION}<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>sdtrack</Application></Properties>"
    )


def _content_types(sheets: int) -> str:
    office = "application/vnd.openxmlformats-officedocument"
    parts = [
        ("/xl/workbook.xml", f"{office}.spreadsheetml.sheet.main+xml"),
        ("/xl/styles.xml", f"{office}.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{office}.extended-properties+xml"),
        *(
            (f"/xl/worksheets/sheet{n}.xml", f"{office}.spreadsheetml.worksheet+xml")
            for n in range(1, sheets + 1)
        ),
    ]
    overrides = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in parts)
    return (
        f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels"'
        ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )
