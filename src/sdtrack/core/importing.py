"""Readings from a sheet's rows: headers matched to fields, long or wide, every row checked.

A sheet reaches this module as text cells (`store.sheets` reads the file). Its header row
names the fields (`core.import_headers`): in English or Chinese, or as `--map HEADER=FIELD`
says.

* **Long** (the default): one row per reading, with `indicator`, `value`, `date` (or
  `period`), `source` and, optionally, `region`, `url`, `quote`, `note`, `qualifier`, `key`.
* **Wide**: one row per indicator (and region) and one column per period, as a bulletin
  prints its table: every column whose header is a period (2023, 2024年, 2024-06,
  2024年6月) holds values; an empty cell, or one a bulletin prints for "no figure" (—, -,
  …), is no reading.

Defaults (`--source`, `--date`, `--region`, …) stand in for a column the sheet lacks or a
cell left empty. An indicator is named by id, English name or Chinese name; a region by
id, English or Chinese name (济南, 济南市, Jinan) or division code (370100), the
workspace's own region meaning no region. Values are parsed as `record` parses them
(22.4万, 超过2万亿, 47%), with the indicator's unit check.

Every row is checked before anything is recorded, and every problem is kept (not only the
first), located as `file:row:column`. Each reading gets a key: the row's `key` cell, or one
derived from what it says (indicator, period, value, qualifier, source, region), so that
importing a sheet again, or the same bulletin as CSV after XLSX, records nothing twice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sdtrack.core.arguments import (
    arguments_reader,
    reading_from_arguments,
    require_period_over,
    require_recorded,
)
from sdtrack.core.domains import Domain
from sdtrack.core.errors import Problem, SdtrackError, UsageError
from sdtrack.core.import_headers import (
    AS_WRITTEN,
    FIELDS,
    NO_FIGURE,
    TRUTH,
    field_of,
    period_header,
)
from sdtrack.core.language import N_, _
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period, PeriodError, parse_period
from sdtrack.core.quantities import Unit, plain_number
from sdtrack.core.reading_rows import fill_made_field, reading_with
from sdtrack.core.regions import Geography, find_region
from sdtrack.core.suggestions import did_you_mean

KEY_PREFIX = "import-"
_PENDING_KEY = "import-pending"  # a keyless row's key until derived (`_straight`)
T = TypeVar("T")


@dataclass(frozen=True)
class Defaults:
    """Values for fields a sheet lacks (or leaves empty), from `--source`, `--date`, …"""

    values: Mapping[str, str] = field(default_factory=dict)
    mapping: Mapping[str, str] = field(default_factory=dict)
    """Header → field, from `--map`, compared as `header_word` compares."""
    wide: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A checked row (or, wide, a checked cell): the reading it gives and where it is."""

    reading: Reading
    file: str
    row: int
    column: str


@dataclass(frozen=True)
class SheetReading:
    """What a sheet gives: its readings and problems, and the columns nothing read."""

    candidates: list[Candidate]
    problems: list[Problem]
    ignored: list[str]


class Names:
    """Indicators by id, English name and Chinese name, as a sheet may name them."""

    def __init__(self, indicators: Iterable[Indicator]) -> None:
        self.indicators = {i.id: i for i in indicators}
        self._by_word: dict[str, str] = {}
        for indicator in self.indicators.values():
            for name in (indicator.name, indicator.name_zh):
                if name:
                    self._by_word.setdefault(_name_word(name), indicator.id)

    def find(self, text: str) -> Indicator:
        text = text.strip()
        if text in self.indicators:
            return self.indicators[text]
        found = self._by_word.get(_name_word(text))
        if found is not None:
            return self.indicators[found]
        suggestion = did_you_mean(text, self.indicators) or self._close_name(text)
        hint = suggestion or _(
            "name it by id (`sdtrack targets` lists them) or by its English or Chinese name"
        )
        raise UsageError(_("no indicator is called {name!r}").format(name=text), hint=hint)

    def _close_name(self, text: str) -> str | None:
        names = {
            name: indicator.id
            for indicator in self.indicators.values()
            for name in (indicator.name, indicator.name_zh)
            if name
        }
        close = difflib.get_close_matches(text, list(names), n=1, cutoff=0.6)
        if not close:
            return None
        return _("did you mean {name!r} ({id})?").format(name=close[0], id=names[close[0]])


def _name_word(text: str) -> str:
    return re.sub(r"\s+", "", text.casefold())


class RegionNames:
    """Regions by id, English or Chinese name (济南, 济南市, Jinan) or division code
    (370100), as a sheet may name them; each found as the reading's region, None for the
    workspace's own."""

    def __init__(self, geography: Geography) -> None:
        self.geography = geography
        self._by_code = {r.code: r.id for r in geography.table.values() if r.code}
        self._found: dict[str, str | None] = {}

    def find(self, text: str) -> str | None:
        text = text.strip()
        if text not in self._found:
            self._found[text] = self.geography.key(self._region_id(text))
        return self._found[text]

    def _region_id(self, text: str) -> str:
        if text in self._by_code:
            return self._by_code[text]
        try:
            return find_region(self.geography.table, text).id
        except UsageError:
            pass
        names = [
            name
            for r in self.geography.table.values()
            for name in (r.name, r.name_zh, (r.name_zh or "").removesuffix("市"))
            if name
        ]
        hint = did_you_mean(text, [*self.geography.table, *names]) or _(
            "name it by id, by its English or Chinese name or by its division code (370100); "
            "`sdtrack status --by region` shows every region"
        )
        raise UsageError(_("no region is called {name!r}").format(name=text), hint=hint)


def derived_key(reading: Reading) -> str:
    """The key a row without one gets: the same reading says the same key, from any file
    (a regional reading's from its region too)."""
    parts = (
        reading.indicator,
        str(reading.date),
        plain_number(reading.value),
        reading.qualifier or "",
        reading.source,
        *((reading.region,) if reading.region is not None else ()),
    )
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return KEY_PREFIX + digest


def read_sheet_readings(
    label: str,
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[str]]],
    column_name: Callable[[int], str],
    indicators: Iterable[Indicator],
    defaults: Defaults,
    recorded_at: dt.datetime,
    progress: Callable[[int], None] | None = None,
    geography: Geography | None = None,
) -> SheetReading:
    """Every reading a sheet's rows give, or every problem in them, each located; regions
    are those of `geography` (the built-in ones without it)."""
    names = Names(indicators)
    columns, problems, ignored = _columns(label, header, column_name, defaults)
    candidates: list[Candidate] = []
    if problems:
        return SheetReading(candidates, problems, ignored)
    regions = RegionNames(geography or Geography.of())
    reader = _RowReader(label, columns, column_name, names, regions, defaults, recorded_at)
    for count, (number, cells) in enumerate(rows, 1):
        if any(cell.strip() for cell in cells):
            found, wrong = reader.read(number, cells)
            candidates.extend(found)
            problems.extend(wrong)
        if progress is not None and count % 1000 == 0:
            progress(count)
    return SheetReading(candidates, problems, ignored)


@dataclass(frozen=True)
class _Columns:
    fields: dict[str, int]
    periods: list[tuple[int, str]]


MISSING_COLUMN = N_(
    "the sheet has no {field} column; add one, name it with --map HEADER={field}, "
    "or give --{field} for every row"
)


def _columns(
    label: str, header: Sequence[str], column_name: Callable[[int], str], defaults: Defaults
) -> tuple[_Columns, list[Problem], list[str]]:
    chosen: dict[str, tuple[int, int]] = {}
    periods: list[tuple[int, str]] = []
    problems: list[Problem] = []
    ignored: list[str] = []
    for index, text in enumerate(header):
        named = field_of(text, defaults.mapping)
        if named is None:
            period = period_header(text) if defaults.wide else None
            if period is not None:
                periods.append((index, period))
            elif text.strip():
                ignored.append(text.strip())
            continue
        name, rank = named
        if name in chosen and chosen[name][1] == rank:
            problems.append(
                _at(
                    label,
                    1,
                    column_name(index),
                    _(
                        "columns {first} and {second} both give the {field}; "
                        "name one with --map HEADER=FIELD"
                    ).format(
                        first=column_name(chosen[name][0]), second=column_name(index), field=name
                    ),
                )
            )
        elif name not in chosen or rank < chosen[name][1]:
            chosen[name] = (index, rank)
    fields = {name: index for name, (index, _rank) in chosen.items()}
    required = (
        ("indicator", "source") if defaults.wide else ("indicator", "value", "date", "source")
    )
    for name in required:
        if name not in fields and name not in defaults.values:
            problems.append(Problem(_(MISSING_COLUMN).format(field=name), Path(label)))
    if defaults.wide and not periods:
        problems.append(
            Problem(
                _(
                    "no column is headed by a period (2024, 2024年, 2024-06): "
                    "a wide sheet has one column per period"
                ),
                Path(label),
            )
        )
    return _Columns(fields, periods), problems, ignored


def _with_hint(message: str, hint: str | None) -> str:
    if hint is None:
        return message
    return _("{message}; {hint}").format(message=message, hint=hint)


def _at(label: str, row: int, column: str | None, message: str) -> Problem:
    return Problem(message, Path(label), row, column=column)


class _RowReader:
    """Reads one row into its readings, or into every problem it has."""

    def __init__(
        self,
        label: str,
        columns: _Columns,
        column_name: Callable[[int], str],
        names: Names,
        regions: RegionNames,
        defaults: Defaults,
        recorded_at: dt.datetime,
    ) -> None:
        self.label, self.columns, self.column_name, self.names = label, columns, column_name, names
        self.regions, self.defaults, self.recorded_at = regions, defaults, recorded_at
        self.units: Mapping[str, Unit] = {i.id: i.unit_info for i in names.indicators.values()}
        self.domains: Mapping[str, Domain] = {i.id: i.domain for i in names.indicators.values()}
        # Each field's column, named as the sheet names it: where a problem is shown.
        self._columns = {name: self.where(name) for name in FIELDS}
        self._plain = arguments_reader(self.units, self.domains)
        # The optional fields this sheet can give, by a column or a default: the others
        # are None in every row, which a reading leaves out.
        given = {*columns.fields, *defaults.values}
        self._texts = tuple(
            n for n in ("source", "url", "quote", "note", "qualifier") if n in given
        )
        self._has_key, self._has_derived = "key" in given, "derived" in given
        # Each field's column, whether its text is kept as written, and its default.
        self._cells = {n: (columns.fields.get(n), n in AS_WRITTEN, defaults.values.get(n))
                       for n in FIELDS}  # fmt: skip
        self._today = recorded_at.date()

    def cell(self, cells: Sequence[str], name: str) -> str | None:
        """The row's text for `name` (a source, quote or note exactly as written; a value,
        date or id without surrounding spaces), or the default when the cell is empty."""
        index, as_written, default = self._cells[name]
        text = cells[index] if index is not None and index < len(cells) else ""
        stripped = text.strip()
        return default if not stripped else text if as_written else stripped

    def where(self, name: str) -> str | None:
        index = self.columns.fields.get(name)
        return None if index is None else self.column_name(index)

    def read(self, number: int, cells: Sequence[str]) -> tuple[list[Candidate], list[Problem]]:
        problems: list[Problem] = []
        named = self.cell(cells, "indicator")
        if named is None:
            problems.append(_at(self.label, number, self.where("indicator"), _("no indicator")))
            return [], problems
        indicator = self._look_up(number, "indicator", named, self._recordable, problems)
        place = self.cell(cells, "region")
        region = None
        if place is not None:
            region = self._look_up(number, "region", place, self.regions.find, problems)
        if indicator is None:
            return [], problems
        found: list[Candidate] = []
        if not self.defaults.wide:
            value = self.cell(cells, "value")
            if value is None:
                return [], [*problems, _at(self.label, number, self.where("value"), _("no value"))]
            date = self.cell(cells, "date")
            straight = self._straight(number, cells, indicator, region, value, date)
            if straight is not None:
                return ([] if problems else [straight]), problems
            found, wrong = self._reading(number, cells, indicator, region, value, date)
            return ([] if problems else found), problems + wrong
        for index, period in self.columns.periods:
            text = cells[index].strip() if index < len(cells) else ""
            if text.casefold() in NO_FIGURE:
                continue
            readings, wrong = self._reading(number, cells, indicator, region, text, period, index)
            found.extend(readings)
            problems.extend(wrong)
        return ([] if problems else found), problems

    def _recordable(self, text: str) -> Indicator:
        indicator = self.names.find(text)
        try:
            require_recorded(indicator, "indicator")
        except UsageError as error:
            raise UsageError(error.problems) from None  # the message names the inputs
        return indicator

    def _look_up(
        self,
        number: int,
        name: str,
        text: str,
        find: Callable[[str], T],
        problems: list[Problem],
    ) -> T | None:
        """What `find` finds for the row's `name` cell, or None with its problems noted."""
        try:
            return find(text)
        except SdtrackError as error:
            where = self.where(name)
            problems.extend(
                _at(self.label, number, where, _with_hint(p.message, error.hint))
                for p in error.problems
            )
            return None

    def _fields(
        self, cells: Sequence[str], indicator: Indicator, region: str | None, value: str, date: str
    ) -> dict[str, object]:
        """A reading's fields as the row gives them, None where it gives none (its
        `derived` cell aside); `date` is the period's text."""
        fields: dict[str, object] = {"source": None}
        fields.update({name: self.cell(cells, name) for name in self._texts})
        fields.update(indicator=indicator.id, value=value, date=date, recorded=self.recorded_at)
        fields["region"] = region
        if self._has_key:
            fields["key"] = self.cell(cells, "key")
        return fields

    def _straight(
        self, number: int, cells: Sequence[str], indicator: Indicator, region: str | None,
        value: str, date: str | None,
    ) -> Candidate | None:  # fmt: skip
        """What `_reading` gives a long row without a problem, read straight when the
        plain reader accepts it as it stands (a third less time a row); else None, and
        `_reading` judges it."""
        if date is None or self._has_derived:
            return None
        try:
            period = parse_period(date)
        except PeriodError:
            return None
        fields = self._fields(cells, indicator, region, value, str(period))
        if period.end > self._today or fields["source"] is None:
            return None
        given = {k: v for k, v in fields.items() if v is not None}
        # No key: a stand-in the plain reader accepts, filled by the key the reading derives.
        derived = given.setdefault("key", _PENDING_KEY) is _PENDING_KEY
        reading = self._plain.reading(given)
        if reading is not None and derived:
            reading = fill_made_field(reading, "request_key", derived_key(reading))
        if reading is None:
            return None
        return Candidate(reading, self.label, number, self._columns["value"] or "")

    def _reading(
        self,
        number: int,
        cells: Sequence[str],
        indicator: Indicator,
        region: str | None,
        value: str,
        date: str | None,
        value_index: int | None = None,
    ) -> tuple[list[Candidate], list[Problem]]:
        """The row's reading, or every problem it has, each in its column."""
        value_column = (
            self._columns["value"] if value_index is None else self.column_name(value_index)
        )
        columns = self._columns if value_index is None else {**self._columns, "value": value_column}
        date_column = columns["date"] or value_column
        problems: list[Problem] = []
        period: Period | None = None
        if date is None:
            problems.append(_at(self.label, number, date_column, _("no date")))
        else:
            try:
                period = parse_period(date)
            except PeriodError as error:
                problems.append(_at(self.label, number, date_column, str(error)))
        if period is not None:
            try:
                require_period_over(period, self._today, "date")
            except UsageError as error:
                problems.extend(_at(self.label, number, date_column, p.message)
                                for p in error.problems)  # fmt: skip
        # A row whose date is wrong is still checked for everything else, on a stand-in date.
        stand_in = str(period) if period is not None else "2000"
        fields = self._fields(cells, indicator, region, value, stand_in)
        if fields["source"] is None:
            message = _("no source; fill the cell, or give --source for rows without one")
            problems.append(_at(self.label, number, columns["source"], message))
            fields["source"] = "?"  # a stand-in, so that the other fields are still checked
        derived = self.cell(cells, "derived") if self._has_derived else None
        if derived is not None:
            if derived.casefold() not in TRUTH:
                message = _("{text!r} is neither true nor false (true, false, yes, no, 是, 否)")
                problems.append(
                    _at(self.label, number, columns["derived"], message.format(text=derived))
                )
            fields["derived"] = TRUTH.get(derived.casefold(), False)
        try:
            reading = reading_from_arguments(
                fields, self.units, {}, lambda name: name, self.domains, self._plain
            )
        except SdtrackError as error:
            return [], problems + [
                _at(
                    self.label,
                    number,
                    columns.get(p.field or "") or None,
                    p.message if columns.get(p.field or "") else f"{p.field}: {p.message}",
                )
                for p in error.problems
            ]
        if problems:
            return [], problems
        if reading.request_key is None:
            reading = reading_with(reading, request_key=derived_key(reading))
        return [Candidate(reading, self.label, number, value_column or "")], []
