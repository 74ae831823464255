"""Open SDG data read back as sheets to import: one sheet per data CSV, in the long layout.

An Open SDG data repository (the open-sdg-data-starter layout) holds `data/indicator_X-Y-Z.csv`
(columns Year, …, Value; one row per year and breakdown) and `meta/X-Y-Z.yml` (the
indicator's metadata). `read_open_sdg` reads a data file, a `data/` folder or the
repository root, and turns each data file's headline rows (every breakdown column empty,
as sdg-build's `filter_headline` chooses them) and its rows disaggregated by region alone
into rows of the long layout: indicator, value, date, source, url, quote, qualifier, note,
derived, region. A row's region is named by its GeoCode (the division code, 370100) or,
lacking one, by its Region (a name or an id), and found in the workspace's regions; the
workspace's own region is the headline. The rows keep their line numbers in the data
file, so a problem points into it.

What sdtrack's own export wrote comes back exactly: the metadata's `sdtrack_id` names the
indicator and `sdtrack_values` gives each year's reading its date, source, link, quote,
qualifier and note, each entry found by its year, value and region
(`present.exporters.open_sdg`). Another site's data is read with its code as the indicator
(so an unknown one is named), or with the `sdtrack_id` a user added to its metadata, and
with the first active source its metadata names. Rows disaggregated by anything else, and
rows of a region the workspace does not know, are skipped, and the sheet's `notes` say how
many. A problem's column is the data file's own (`OpenSdgSheet`). The metadata is read by
`store.open_sdg_meta`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sdtrack.core.errors import DataError, Problem, UsageError
from sdtrack.core.language import _, ngettext
from sdtrack.core.regions import Geography, find_region
from sdtrack.store.open_sdg_meta import (
    Meta,
    entries,
    find_meta,
    open_sdg_source,
    refuse,
    sdtrack_id,
)
from sdtrack.store.sheets import Row, Sheet, read_sheet

LONG_HEADER = (
    "indicator", "value", "date", "source", "url", "quote", "qualifier", "note", "derived",
    "region",
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

REGION_COLUMNS = ("GeoCode", "Region")
"""Columns that name a row's region: its division code, or its name (or id). A row
disaggregated by nothing else is that region's reading."""

SERIES_COLUMNS = ("Series", "SERIES", "Units", "UNIT_MEASURE", "Unit measure", "Unit multiplier")
"""Columns that tell one headline series from another: an indicator has one unit, so only
the first series a file has is read."""

# sdg-build reads data files named `*-*.csv`; the indicator is the name without `indicator_`.
_DATA_FILE = re.compile(r"(?:indicator_)?(.+-.+)\.csv", re.IGNORECASE)


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


def read_open_sdg(
    path: Path, label: Path, geography: Geography | None = None
) -> list[OpenSdgSheet]:
    """One sheet per data file of `path` (a data CSV, a `data/` folder, or a data
    repository holding `data/` and `meta/`), in the order of the indicators' codes;
    `label` is `path` as the user wrote it. A row's GeoCode or Region names one of
    `geography`'s regions (the built-in ones without it)."""
    places = _Places(geography or Geography.of())
    if not path.is_dir():
        metas = [
            (path.parent.parent / "meta", label.parent.parent / "meta"),
            (path.parent / "meta", label.parent / "meta"),
        ]
        return [_read_data_file(path, label, metas, places)]
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
        raise refuse(message, folder_label) from None
    if not files:
        raise DataError(
            [Problem(_("holds no Open SDG data file (data/indicator_CODE.csv)"), label)]
        )
    return [_read_data_file(folder / name, folder_label / name, metas, places) for name in files]


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


class _Places:
    """A row's region, from its GeoCode (a division code: 370100) or its Region (a name:
    Jinan, 济南市, or an id): the region's id, "" for the workspace's own, None when no
    region of the workspace is meant."""

    def __init__(self, geography: Geography) -> None:
        self.geography = geography
        self.codes = {r.code: r.id for r in geography.table.values() if r.code}

    def region(self, code: str, name: str) -> str | None:
        if code:
            found = self.codes.get(code)
        else:
            try:
                found = find_region(self.geography.table, name).id
            except UsageError:
                found = None
        return None if found is None else (self.geography.key(found) or "")


def _read_data_file(
    path: Path, label: Path, metas: Sequence[tuple[Path, Path]], places: _Places
) -> OpenSdgSheet:
    sheet = read_sheet(path, label)
    columns = [cell.strip() for cell in sheet.header.cells]
    for needed in ("Year", "Value"):
        if needed not in columns:
            message = _(
                "is not Open SDG data: its header has no {column} column (Open SDG "
                "data has Year, …, Value)"
            ).format(column=needed)
            raise refuse(message, label, sheet.header.number)
    code = _code(path)
    meta = find_meta(code, metas)
    indicator_id = sdtrack_id(meta) if meta is not None else None
    tally = _Tally(meta)
    if meta is None:
        tally.notes.append(
            _(
                "no metadata file meta/{code}.yml was found: the rows name the "
                "indicator by the file's code, {code}"
            ).format(code=code)
        )
    elif indicator_id is None:
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
    fallback = ("", "") if meta is None or own else open_sdg_source(meta.fields)
    known = entries(meta, places.geography.own) if meta is not None else {}
    indicator, year, value = indicator_id or code, columns.index("Year"), columns.index("Value")
    rows = []
    for row, region in _readable(sheet, columns, tally, places):
        key = (row.cells[year].strip(), row.cells[value].strip(), region)
        entry = known.get(key)
        if entry is None and any(k[0] == key[0] and k[2] == region for k in known):
            tally.unmatched += 1
        # The value as the file writes it; the date as the reading had it, else the year.
        text = entry.text if entry is not None else {}
        date = text.get("date") or key[0]
        provenance = (
            tuple(text.get(k, "") for k in LONG_HEADER[3:-1])
            if entry is not None
            else (*fallback, "", "", "", "")
        )
        cells = (indicator, row.cells[value], date, *provenance, region)
        rows.append(Row(row.number, cells))
    digest = sheet.digest
    if meta is not None:
        digest = hashlib.sha256(sheet.digest.encode("ascii") + meta.data).hexdigest()
    header = Row(sheet.header.number, LONG_HEADER)
    named = {
        "value": sheet.column_name(value),
        "date": sheet.column_name(year),
        "region": next((c for c in REGION_COLUMNS if c in columns), "region"),
    }
    file_columns = tuple(named.get(name, name) for name in LONG_HEADER)
    notes = tuple(tally.sentences(sheet, columns))
    return OpenSdgSheet(label, header, tuple(rows), digest, notes=notes, file_columns=file_columns)


def _readable(
    sheet: Sheet, columns: list[str], tally: _Tally, places: _Places
) -> list[tuple[Row, str]]:
    """The rows of the file's first series that have a value and are the headline or
    disaggregated by region alone, padded to the header's width, each with its region's
    id ("" for the headline); `tally` counts the others."""
    breakdowns = [i for i, name in enumerate(columns) if name not in NOT_BREAKDOWNS]
    series = [i for i, name in enumerate(columns) if name in SERIES_COLUMNS]
    geo_code = columns.index("GeoCode") if "GeoCode" in columns else None
    by_name = columns.index("Region") if "Region" in columns else None
    value = columns.index("Value")
    rows = []
    for row in sheet.rows:
        cells = _cells(row, len(columns), sheet.label)
        filled = [i for i in breakdowns if cells[i].strip() and i != by_name]
        code = cells[geo_code].strip() if geo_code is not None else ""
        name = cells[by_name].strip() if by_name is not None else ""
        region = places.region(code, name) if code or name else ""
        key = tuple(cells[i].strip() for i in series)
        if filled:
            tally.disaggregated += 1
            tally.breakdowns.update(filled)
        elif not cells[value].strip():
            tally.blank += 1
        elif region is None:
            tally.unknown_regions.setdefault(code or name, None)
            tally.unknown += 1
        else:
            tally.series.setdefault(key, None)
            if key == next(iter(tally.series)):
                rows.append((Row(row.number, cells), region))
            else:
                tally.other_series += 1
    return rows


def _cells(row: Row, width: int, label: Path) -> tuple[str, ...]:
    """The row's cells, as many as the header has; a row longer than its header is refused
    (sdg-build's reader, pandas, refuses it too)."""
    if any(cell.strip() for cell in row.cells[width:]):
        message = _("this row has {cells} cells but the header has {columns}")
        raise refuse(message.format(cells=len(row.cells), columns=width), label, row.number)
    return row.cells[:width] + ("",) * (width - len(row.cells))


@dataclass
class _Tally:
    """What a data file's reading skipped or could not match, and the notes saying so."""

    meta: Meta | None
    notes: list[str] = field(default_factory=list)
    disaggregated: int = 0
    breakdowns: set[int] = field(default_factory=set)
    blank: int = 0
    unknown: int = 0
    unknown_regions: dict[str, None] = field(default_factory=dict)
    """The GeoCodes or Region names met that are no region of the workspace, in order."""
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
        if n := self.unknown:
            notes.append(
                ngettext(
                    "{count} row for a region this workspace does not know ({regions}) was "
                    "skipped; declare it under [[regions]], with its code, to read it",
                    "{count} rows for regions this workspace does not know ({regions}) were "
                    "skipped; declare them under [[regions]], with their codes, to read them",
                    n,
                ).format(count=n, regions=", ".join(self.unknown_regions))
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
