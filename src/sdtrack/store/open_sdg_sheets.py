"""Open SDG data read back as sheets to import: one sheet per data CSV, in the long layout.

An Open SDG data repository (the open-sdg-data-starter layout) holds `data/indicator_X-Y-Z.csv`
(columns Year, …, Value; one row per year and breakdown) and `meta/X-Y-Z.yml` (the
indicator's metadata). `read_open_sdg` reads a data file, a `data/` folder or the
repository root, and turns each data file's headline rows (every breakdown column empty,
as sdg-build's `filter_headline` chooses them) into rows of the long layout: indicator,
value, date, source, url, quote, qualifier, note. The rows keep their line numbers in the
data file, so a problem points into it.

What sdtrack's own export wrote comes back exactly: the metadata's `sdtrack_id` names the
indicator and `sdtrack_values` gives each year's reading its date, source, link, quote,
qualifier and note (`present.exporters.open_sdg`). Another site's data is read with its
code as the indicator (so an unknown one is named), or with the `sdtrack_id` a user added
to its metadata, and with the first active source its metadata names. Disaggregated rows
are not readings yet: they are skipped, and the sheet's `notes` say how many. A problem's
column is the data file's own (`OpenSdgSheet`). PyYAML is imported only when a metadata
file is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sdtrack.core.errors import DataError, Problem
from sdtrack.core.language import _, ngettext
from sdtrack.store.files import read_limited, refuse_unless_regular
from sdtrack.store.sheets import Row, Sheet, decode_csv_bytes, read_sheet

LONG_HEADER = (
    "indicator", "value", "date", "source", "url", "quote", "qualifier", "note", "derived",
)  # fmt: skip
"""The columns of the sheets `read_open_sdg` returns (the import's long layout)."""

NOT_BREAKDOWNS = frozenset(
    {
        # sdg-build's `open_sdg_indicator_options_defaults()`: non_disaggregation_columns …
        "Year",
        "Units",
        "Series",
        "Value",
        "GeoCode",
        "Observation status",
        "Unit multiplier",
        "Unit measure",
        "UNIT_MEASURE",
        "SERIES",
        "COMMENT_TS",
        "DATA_LAST_UPDATE",
        # … and observation_attributes: a note on one value, not a breakdown of it.
        "COMMENT_OBS",
        "SOURCE_DETAIL",
    }
)
"""Columns that do not disaggregate: a row is a headline row when every other one is empty."""

SERIES_COLUMNS = ("Series", "SERIES", "Units", "UNIT_MEASURE", "Unit measure", "Unit multiplier")
"""Columns that tell one headline series from another: an indicator has one unit, so only
the first series a file has is read."""

PROVENANCE_FIELDS = ("date", "source", "url", "quote", "qualifier", "note", "derived", "id")
MAX_META_BYTES = 16 * 1024 * 1024
META_SUFFIXES = (".yml", ".yaml", ".md")
# sdg-build reads data files named `*-*.csv`; the indicator is the name without `indicator_`.
_DATA_FILE = re.compile(r"(?:indicator_)?(.+-.+)\.csv", re.IGNORECASE)
_SOURCE_FIELD = re.compile(r"source_(?:organisation|url_text|url)_(\d+)")


@dataclass(frozen=True)
class OpenSdgSheet(Sheet):
    """A sheet read from an Open SDG data file, whose columns are named as that file has
    them: value is its Value column and date its Year column ("8", "1"); the cells taken
    from the metadata or the file's name are named by their field ("source")."""

    file_columns: tuple[str, ...] = ()

    def column_name(self, index: int) -> str:
        if index < len(self.file_columns):
            return self.file_columns[index]
        return super().column_name(index)


@dataclass(frozen=True)
class _Meta:
    """A metadata file as read: its fields, where it is, and the line of each
    `sdtrack_values` entry."""

    fields: Mapping[Any, Any]
    label: Path
    data: bytes
    entry_lines: Sequence[int | None]


@dataclass(frozen=True)
class _Entry:
    """One `sdtrack_values` entry: the year and value it describes, and its reading's text."""

    year: str
    value: str
    text: Mapping[str, str]


def is_open_sdg(path: Path) -> bool:
    """Whether `path` looks like Open SDG data: a folder holding `data/` or `meta/` (a data
    repository) or data files (its `data/` folder), or a data file (`indicator_*.csv`)
    whose header starts with Year. Never raises: what cannot be read is not Open SDG."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            return (path / "data").is_dir() or (path / "meta").is_dir() or bool(_data_files(path))
        if not stat.S_ISREG(mode) or not path.name.lower().startswith("indicator_"):
            return False
        if path.suffix.lower() != ".csv":
            return False
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    first = head.decode("utf-8", errors="replace").removeprefix("\ufeff").split("\n", 1)[0]
    return first.split(",", 1)[0].strip().strip('"').strip() == "Year"


def read_open_sdg(path: Path, label: Path) -> list[OpenSdgSheet]:
    """One sheet per data file of `path` (a data CSV, a `data/` folder, or a data
    repository holding `data/` and `meta/`), in the order of the indicators' codes;
    `label` is `path` as the user wrote it."""
    if not path.is_dir():
        metas = [
            (path.parent.parent / "meta", label.parent.parent / "meta"),
            (path.parent / "meta", label.parent / "meta"),
        ]
        return [_read_data_file(path, label, metas)]
    if (path / "data").is_dir():
        folder, folder_label = path / "data", label / "data"
        metas = [(path / "meta", label / "meta")]
    else:
        folder, folder_label = path, label
        metas = [(path.parent / "meta", label.parent / "meta"), (path / "meta", label / "meta")]
    try:
        files = _data_files(folder)
    except OSError as error:
        message = _("cannot be read: {reason}").format(reason=error.strerror)
        raise _refuse(message, folder_label) from None
    if not files:
        raise DataError(
            [Problem(_("holds no Open SDG data file (data/indicator_CODE.csv)"), label)]
        )
    return [_read_data_file(folder / name, folder_label / name, metas) for name in files]


def _data_files(folder: Path) -> list[str]:
    """The names of the data files in `folder`, by code: 9-sd-2 before 9-sd-10."""
    names = [entry.name for entry in os.scandir(folder) if _DATA_FILE.fullmatch(entry.name)]
    return sorted(names, key=_natural)


def _natural(name: str) -> list[tuple[int, int | str]]:
    return [
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", name.lower())
        if part
    ]


def _code(path: Path) -> str:
    match = _DATA_FILE.fullmatch(path.name)
    return match.group(1) if match else path.stem.removeprefix("indicator_")


def _read_data_file(path: Path, label: Path, metas: Sequence[tuple[Path, Path]]) -> OpenSdgSheet:
    sheet = read_sheet(path, label)
    columns = [cell.strip() for cell in sheet.header.cells]
    for needed in ("Year", "Value"):
        if needed not in columns:
            message = _(
                "is not Open SDG data: its header has no {column} column (Open SDG "
                "data has Year, …, Value)"
            ).format(column=needed)
            raise _refuse(message, label, sheet.header.number)
    code = _code(path)
    meta = _find_meta(code, metas)
    sdtrack_id = _sdtrack_id(meta) if meta is not None else None
    tally = _Tally(meta)
    if meta is None:
        tally.notes.append(
            _(
                "no metadata file meta/{code}.yml was found: the rows name the "
                "indicator by the file's code, {code}"
            ).format(code=code)
        )
    elif sdtrack_id is None:
        tally.notes.append(
            _(
                "{file} names no sdtrack indicator (sdtrack_id): the rows name "
                "the indicator by the file's code, {code}"
            ).format(file=meta.label, code=code)
        )
    # sdtrack's own export (it writes sdtrack_version) names its targets' sources in
    # source_organisation_N, not its readings': theirs are in sdtrack_values alone. Another
    # site's metadata, even with an sdtrack_id added by hand, names its data's source there.
    own = meta is not None and "sdtrack_version" in meta.fields
    fallback = ("", "") if meta is None or own else _open_sdg_source(meta.fields)
    entries = _entries(meta) if meta is not None else {}
    indicator, year, value = sdtrack_id or code, columns.index("Year"), columns.index("Value")
    rows = []
    for row in _headline(sheet, columns, tally):
        key = (row.cells[year].strip(), row.cells[value].strip())
        entry = entries.get(key)
        if entry is None and any(known == key[0] for known, _value in entries):
            tally.unmatched += 1
        # The value as the file writes it; the date as the reading had it, else the year.
        if entry is None:
            cells: tuple[str, ...] = (
                indicator,
                row.cells[value],
                key[0],
                *fallback,
                "",
                "",
                "",
                "",
            )
        else:
            text = entry.text
            date = text.get("date") or key[0]
            cells = (indicator, row.cells[value], date, *(text.get(k, "") for k in LONG_HEADER[3:]))
        rows.append(Row(row.number, cells))
    digest = sheet.digest
    if meta is not None:
        digest = hashlib.sha256(sheet.digest.encode("ascii") + meta.data).hexdigest()
    header = Row(sheet.header.number, LONG_HEADER)
    named = {"value": sheet.column_name(value), "date": sheet.column_name(year)}
    file_columns = tuple(named.get(name, name) for name in LONG_HEADER)
    notes = tuple(tally.sentences(sheet, columns))
    return OpenSdgSheet(label, header, tuple(rows), digest, notes=notes, file_columns=file_columns)


def _headline(sheet: Sheet, columns: list[str], tally: _Tally) -> list[Row]:
    """The headline rows of the file's first series that have a value, padded to the
    header's width; `tally` counts the others."""
    breakdowns = [i for i, name in enumerate(columns) if name not in NOT_BREAKDOWNS]
    series = [i for i, name in enumerate(columns) if name in SERIES_COLUMNS]
    value = columns.index("Value")
    rows = []
    for row in sheet.rows:
        cells = _cells(row, len(columns), sheet.label)
        filled = [i for i in breakdowns if cells[i].strip()]
        key = tuple(cells[i].strip() for i in series)
        if filled:
            tally.disaggregated += 1
            tally.breakdowns.update(filled)
        elif not cells[value].strip():
            tally.blank += 1
        else:
            tally.series.setdefault(key, None)
            if key == next(iter(tally.series)):
                rows.append(Row(row.number, cells))
            else:
                tally.other_series += 1
    return rows


def _cells(row: Row, width: int, label: Path) -> tuple[str, ...]:
    """The row's cells, as many as the header has; a row longer than its header is refused
    (sdg-build's reader, pandas, refuses it too)."""
    if any(cell.strip() for cell in row.cells[width:]):
        message = _("this row has {cells} cells but the header has {columns}")
        raise _refuse(message.format(cells=len(row.cells), columns=width), label, row.number)
    return row.cells[:width] + ("",) * (width - len(row.cells))


@dataclass
class _Tally:
    """What a data file's reading skipped or could not match, and the notes saying so."""

    meta: _Meta | None
    notes: list[str] = field(default_factory=list)
    disaggregated: int = 0
    breakdowns: set[int] = field(default_factory=set)
    blank: int = 0
    series: dict[tuple[str, ...], None] = field(default_factory=dict)
    """Every headline series met, the first (the one read) first."""
    other_series: int = 0
    unmatched: int = 0

    def sentences(self, sheet: Sheet, columns: list[str]) -> list[str]:
        notes = list(self.notes)
        if n := self.disaggregated:
            names = [
                columns[i] or _("column {name}").format(name=sheet.column_name(i))
                for i in sorted(self.breakdowns)
            ]
            notes.append(
                ngettext(
                    "{count} disaggregated row (by {columns}) was skipped: only headline rows, "
                    "with every breakdown column empty, are read as readings",
                    "{count} disaggregated rows (by {columns}) were skipped: only headline rows, "
                    "with every breakdown column empty, are read as readings",
                    n,
                ).format(count=n, columns=", ".join(names))
            )
        if n := self.blank:
            notes.append(
                ngettext(
                    "{count} row without a value was skipped",
                    "{count} rows without a value were skipped",
                    n,
                ).format(count=n)
            )
        if n := self.other_series:
            first, *others = (
                " / ".join(p for p in key if p) or _("no series or unit named")
                for key in self.series
            )
            notes.append(
                ngettext(
                    "{count} row of another series or unit ({others}) was skipped: an indicator "
                    "has one unit, and the file's first headline series ({first}) is read",
                    "{count} rows of other series or units ({others}) were skipped: an indicator "
                    "has one unit, and the file's first headline series ({first}) is read",
                    n,
                ).format(count=n, others="; ".join(others), first=first)
            )
        if (n := self.unmatched) and self.meta is not None:
            notes.append(
                ngettext(
                    "{count} row's value differs from the one {file} records for its year "
                    "(sdtrack_values): its date and source are not taken from there",
                    "{count} rows' values differ from the ones {file} records for their years "
                    "(sdtrack_values): their dates and sources are not taken from there",
                    n,
                ).format(count=n, file=self.meta.label)
            )
        return notes


def _refuse(
    message: str, label: Path, line: int | None = None, where: str | None = None
) -> DataError:
    return DataError([Problem(message, label, line, field=where)])


def _find_meta(code: str, folders: Sequence[tuple[Path, Path]]) -> _Meta | None:
    for folder, folder_label in folders:
        for suffix in META_SUFFIXES:
            path = folder / f"{code}{suffix}"
            if path.is_file():
                return _read_meta(path, folder_label / path.name)
    return None


def _read_meta(path: Path, label: Path) -> _Meta:
    """A metadata file's fields: YAML (or, in a `.md` file, its YAML front matter)."""
    import yaml

    try:
        refuse_unless_regular(os.stat(path).st_mode, label)
        data = read_limited(path, label, MAX_META_BYTES)
    except PermissionError:
        raise _refuse(
            _("cannot be read (permission denied); check its permissions"), label
        ) from None
    except OSError as error:
        raise _refuse(_("cannot be read: {reason}").format(reason=error.strerror), label) from None
    text, offset = decode_csv_bytes(data, label), 0
    if path.suffix.lower() == ".md":
        text, offset = _front_matter(text, label)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        fields = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        line = mark.line + 1 + offset if mark is not None else None
        raise _refuse(
            _("is not readable YAML: {reason}").format(reason=reason), label, line
        ) from None
    finally:
        loader.dispose()
    if not isinstance(fields, dict):
        message = _(
            "is not Open SDG metadata: a mapping of fields (indicator_number: …) is expected"
        )
        raise _refuse(message, label, 1 + offset)
    lines: list[int] = []
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.value == "sdtrack_values" and isinstance(value, yaml.SequenceNode):
            lines = [item.start_mark.line + 1 + offset for item in value.value]
    return _Meta(fields, label, data, lines)


def _front_matter(text: str, label: Path) -> tuple[str, int]:
    """The YAML between a `.md` file's first two `---` lines, and the lines before it."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise _refuse(_("has no YAML front matter (a first line ---)"), label, 1)
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "".join(lines[1:index]), 1
    raise _refuse(_("its YAML front matter has no closing --- line"), label, 1)


def _sdtrack_id(meta: _Meta) -> str | None:
    value = meta.fields.get("sdtrack_id")
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise _refuse(_("must be an indicator id (text)"), meta.label, where="sdtrack_id")
    return value.strip() if value is not None else None


def _entries(meta: _Meta) -> dict[tuple[str, str], _Entry]:
    """The `sdtrack_values` entries by (year, value) as the data file writes them."""
    listed = meta.fields.get("sdtrack_values")
    if listed is None:
        return {}
    if not isinstance(listed, list):
        message = _("must be a list of values, one per year")
        raise _refuse(message, meta.label, where="sdtrack_values")
    entries: dict[tuple[str, str], _Entry] = {}
    for index, item in enumerate(listed):
        line = meta.entry_lines[index] if index < len(meta.entry_lines) else None
        entry = _entry(item, meta.label, line, f"sdtrack_values[{index}]")
        entries[entry.year, entry.value] = entry
    return entries


def _entry(item: object, label: Path, line: int | None, where: str) -> _Entry:
    if not isinstance(item, dict):
        raise _refuse(_("must be a mapping (year, date, value, source, …)"), label, line, where)
    year, value = _number_text(item.get("year")), _number_text(item.get("value"))
    if year is None:
        message = _("must give the year (a number such as 2024)")
        raise _refuse(message, label, line, f"{where}.year")
    if value is None:
        message = _("must give the value as the data file writes it")
        raise _refuse(message, label, line, f"{where}.value")
    text: dict[str, str] = {}
    for key in PROVENANCE_FIELDS:
        found = item.get(key)
        if key == "date" and isinstance(found, dt.date | int) and not isinstance(found, bool):
            found = found.isoformat() if isinstance(found, dt.date) else str(found)
        if key == "derived" and isinstance(found, bool):
            found = "true" if found else ""
        if found is not None and not isinstance(found, str):
            raise _refuse(_("must be text"), label, line, f"{where}.{key}")
        if found is not None:
            text[key] = found
    return _Entry(year, value, text)


def _number_text(value: object) -> str | None:
    """A year or a value as the data file writes it: text, or a number YAML read as one."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _open_sdg_source(fields: Mapping[Any, Any]) -> tuple[str, str]:
    """The first active source of another site's metadata (source_organisation_N and
    source_url_text_N; source_url_N), as a reading's source and url."""
    found = (_SOURCE_FIELD.fullmatch(key) for key in fields if isinstance(key, str))
    for number in sorted({int(match.group(1)) for match in found if match}):
        if fields.get(f"source_active_{number}") is False:
            continue
        parts = (fields.get(f"source_{part}_{number}") for part in ("organisation", "url_text"))
        names = [text for text in map(_number_text, parts) if text]
        source = ", ".join(dict.fromkeys(names))
        url = _number_text(fields.get(f"source_url_{number}")) or ""
        if source or url:
            return source, url
    return "", ""
