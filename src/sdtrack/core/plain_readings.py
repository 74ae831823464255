"""Readings of the plain shape built without Pydantic's per-field machinery, equal to what
`Reading`'s validation gives.

A ledger sdtrack writes holds hundreds of thousands of entries of one plain shape: known
keys, a number for `value`, ids, dates and text. Validating each through the model costs
about 9 µs, two thirds of it in the model's own Python validators called one field at a
time; checking the same rules here in one pass costs a third of that. An entry of any
other shape (a value in words, a key of the wrong type, anything a rule refuses) is not
judged here: `PlainReader.reading` returns None, and the model validates it, with its located
error. `tests/core/test_plain_readings.py` proves the two agree on every entry this
accepts, down to the fields a reading says it was given.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal
from operator import is_not
from typing import Any, TypeGuard, get_args

from sdtrack.core.choices import Qualifier
from sdtrack.core.domains import Domain
from sdtrack.core.fields import _SLUG, MAX_REQUEST_KEY_LENGTH, _shared_period
from sdtrack.core.model import Reading
from sdtrack.core.periods import Period, PeriodError
from sdtrack.core.quantities import QuantityError, parse_quantity
from sdtrack.core.reading_rows import Row, RowShape, RowShapes, reading_of

# Each key an entry may hold, and the model's field it fills ("key" is `request_key`'s alias).
_FIELD_OF_KEY = {
    name: ("request_key" if name == "key" else name)
    for name in (
        "id",
        "indicator",
        "value",
        "date",
        "qualifier",
        "derived",
        "region",
        "source",
        "url",
        "quote",
        "note",
        "recorded",
        "corrects",
        "key",
        "batch",
        "batch_size",
    )
}
_KNOWN_KEYS = frozenset(_FIELD_OF_KEY)
# The keys of a `[[reading]]` block as `store.ledger_file.reading_block` writes them, in its
# order: `store.ledger_scan` reads such a block into a value for each (None: absent).
WRITTEN_KEYS = (
    "id",
    "indicator",
    "region",
    "value",
    "date",
    "qualifier",
    "url",
    "quote",
    "note",
    "corrects",
    "derived",
    "key",
    "recorded",
    "batch",
    "batch_size",
    "source",
)
_ABSENT = (None,) * len(WRITTEN_KEYS)
_QUALIFIERS = frozenset(get_args(Qualifier))
# A value as a sheet gives it, as text: digits, a point and a sign, no word to read.
_DIGITS = re.compile(r"-?[0-9]{1,20}(?:\.[0-9]{1,20})?")
# `batch_size`'s bounds in the model.
_BATCH_SIZES = range(2, 10_000_001)


class PlainReader:
    """Builds readings of the plain shape for one workspace's `reading_context`."""

    def __init__(
        self, context: Mapping[str, Any], field_sets: dict[frozenset[str], set[str]] | None = None
    ) -> None:
        self._units: Mapping[str, Any] = context["units"]
        self._domains: Mapping[str, Domain | None] = context["domains"]
        self._derived: Mapping[str, str] = context.get("derived", {})
        self._regions: frozenset[str] | None = context.get("regions")
        # Readings giving the same fields share one set of their names (`field_sets`, which
        # `store.validation` shares with the readings the model validates).
        self.shapes = RowShapes(field_sets)
        # By the keys an entry has, in order: its row's shape, and its optional keys.
        self._shapes: dict[tuple[str, ...], tuple[RowShape, tuple[str, ...]]] = {}
        # What was found of each indicator, text and date already seen: the interned
        # text, the Period (False: refused), so that each is judged once, not per entry.
        self._indicators: dict[str, str | bool] = {}
        self._texts: dict[str, str | bool] = {}
        self._periods: dict[object, Period | bool] = {}
        # By which of WRITTEN_KEYS a written block has: its shape, optional keys and their
        # positions.
        self._written: dict[tuple[bool, ...], tuple[RowShape, tuple[str, ...], tuple[int, ...]]]
        self._written = {}

    def reading(self, raw: object) -> Reading | None:
        """The reading `raw` validates to, or None when the model must judge it."""
        row = self.row(raw)
        return None if row is None else reading_of(row)

    def row(self, raw: object) -> Row | None:
        """The row of the reading `raw` validates to (`core.reading_rows`), or None when
        the model must judge it."""
        if type(raw) is not dict:
            return None
        keys = tuple(raw)
        shape = self._shapes.get(keys)
        if shape is None:
            if not raw.keys() <= _KNOWN_KEYS:
                return None
            shape = self._shape_of(keys)
        row_shape, optional = shape
        fixed = self._fixed(
            raw.get("indicator"), raw.get("value"), raw.get("date"), raw.get("source")
        )
        if fixed is None:
            return None
        if not optional:
            return (*fixed, row_shape)
        rest = self._optional([raw[key] for key in optional], optional)
        return None if rest is None else (*fixed, *rest, row_shape)

    def written_row(self, values: tuple[object, ...]) -> Row | None:
        """`row` of the entry whose `WRITTEN_KEYS` hold `values` (None: a key it lacks),
        read by position, as `store.ledger_scan` reads a block sdtrack wrote: the id is
        checked here, any other optional key as `row` checks it."""
        key = values[0]
        if type(key) is not str or _SLUG.fullmatch(key) is None:
            return None
        given = tuple(map(is_not, values, _ABSENT))
        plan = self._written.get(given)
        if plan is None:
            plan = self._written_plan(given)
        row_shape, later, positions = plan
        fixed = self._fixed(values[1], values[3], values[4], values[15])
        if fixed is None:
            return None
        if not later:
            return (*fixed, key, row_shape)
        rest = self._optional([values[at] for at in positions], later)
        return None if rest is None else (*fixed, key, *rest, row_shape)

    def _written_plan(
        self, given: tuple[bool, ...]
    ) -> tuple[RowShape, tuple[str, ...], tuple[int, ...]]:
        """For a written block of the keys `given` marks, its id among them: its row's
        shape, and its optional keys after the id, with their positions in WRITTEN_KEYS."""
        keys = tuple(key for key, there in zip(WRITTEN_KEYS, given, strict=True) if there)
        row_shape, optional = self._shapes.get(keys) or self._shape_of(keys)
        later = optional[1:]  # the id is the first key, and optional
        plan = (row_shape, later, tuple(WRITTEN_KEYS.index(key) for key in later))
        self._written[given] = plan
        return plan

    def _shape_of(self, keys: tuple[str, ...]) -> tuple[RowShape, tuple[str, ...]]:
        """The row's shape of an entry of these keys (all known), and its optional keys."""
        given = frozenset(_FIELD_OF_KEY[key] for key in keys)
        optional = tuple(k for k in keys if k in _OPTIONAL)
        names = ("indicator", "value", "date", "source", *(_FIELD_OF_KEY[k] for k in optional))
        shape = self._shapes[keys] = (self.shapes.shape(names, given), optional)
        return shape

    def _fixed(
        self, indicator: object, value: object, date: object, source: object
    ) -> tuple[str, Decimal, Period, str] | None:
        """What a row holds first: the indicator, the value, the period and the source, each
        as the model holds it; None if the model must judge any of them."""
        if type(indicator) is not str or type(source) is not str:
            return None
        plain = self._indicators.get(indicator)
        if plain is None:
            plain = _remember(self._indicators, indicator, self._plain_indicator(indicator))
        if type(plain) is not str:
            return None
        number = self._value(indicator, value)
        period = self._period(date)
        text = self._texts.get(source)
        if text is None:
            text = _remember(self._texts, source, sys.intern(source) if _is_text(source) else False)
        if number is None or type(period) is not Period or type(text) is not str:
            return None
        return (plain, number, period, text)

    def _plain_indicator(self, indicator: str) -> str | bool:
        """The indicator's id interned, if its readings may be of the plain shape: a
        slug the workspace declares, not derived (False otherwise)."""
        known = indicator in self._units and indicator not in self._derived
        return sys.intern(indicator) if known and _SLUG.fullmatch(indicator) else False

    def _period(self, raw: object) -> Period | bool:
        kind = type(raw)
        if kind is not dt.date and kind is not str and kind is not int:
            return False
        # A day, a text and a number are never equal to one another, so one table holds them.
        found = self._periods.get(raw)
        if found is None:
            period = _period(raw)
            found = _remember(self._periods, raw, False if period is None else period)
        return found

    def _value(self, indicator: str, raw: object) -> Decimal | None:
        # Numbers, and text of digits alone: a value in words may say its qualifier, which
        # the model reads.
        if isinstance(raw, str):
            if type(raw) is not str or not _DIGITS.fullmatch(raw):
                return None
            if raw.isdigit():  # a sheet's whole number: its integer reads as its text does
                raw = int(raw)
        elif type(raw) is not int and type(raw) is not float:
            return None
        try:
            number = parse_quantity(raw, self._units[indicator])
        except QuantityError:
            return None
        domain = self._domains.get(indicator)
        if domain is not None and domain.refusal(number) is not None:
            return None
        return number

    def _optional(self, items: list[Any], optional: tuple[str, ...]) -> list[Any] | None:
        values = []
        for key, item in zip(optional, items, strict=True):
            if not _OPTIONAL[key](item):
                return None
            if key == "region" and self._regions is not None and item not in self._regions:
                return None
            values.append(sys.intern(item) if key in _INTERNED else item)
        return values


# How many of each kind of thing a reader remembers: the sources of a ledger repeat, but a
# hostile one may hold a million different ones.
_REMEMBERED = 65_536


def _remember(table: dict[Any, Any], key: object, found: Any) -> Any:
    if len(table) >= _REMEMBERED:
        table.clear()
    table[key] = found
    return found


def _is_slug(raw: object) -> bool:
    return type(raw) is str and _SLUG.fullmatch(raw) is not None


def _is_request_key(raw: object) -> bool:
    return type(raw) is str and bool(raw.strip()) and len(raw) <= MAX_REQUEST_KEY_LENGTH


# The model keeps one copy of each of these (`Reading._one_copy`, `_known_region`).
_INTERNED = frozenset({"url", "region"})
# How each optional key's value is checked (a region also against the workspace's regions).
_OPTIONAL: dict[str, Callable[[object], bool]] = {
    "id": _is_slug,
    "corrects": _is_slug,
    "batch": _is_slug,
    "region": _is_slug,
    "quote": lambda raw: _is_text(raw),
    "note": lambda raw: _is_text(raw),
    "url": lambda raw: _is_text(raw),
    "qualifier": lambda raw: type(raw) is str and raw in _QUALIFIERS,
    "derived": lambda raw: type(raw) is bool,
    "recorded": lambda raw: type(raw) is dt.datetime,
    "key": _is_request_key,
    "batch_size": lambda raw: type(raw) is int and raw in _BATCH_SIZES,
}


def _period(raw: object) -> Period | None:
    kind = type(raw)
    if kind is not dt.date and kind is not str and kind is not int:
        return None
    try:
        return _shared_period(kind.__name__, raw)
    except PeriodError:
        return None


def _is_text(raw: object) -> TypeGuard[str]:
    """What the model's `Text` accepts: a string with something besides white space, that
    UTF-8 can encode (no lone surrogate)."""
    if type(raw) is not str or not raw.strip():
        return False
    if raw.isascii():
        return True
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
