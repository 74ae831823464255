"""Readings of the plain shape built without Pydantic's per-field machinery, equal to what
`Reading`'s validation gives.

A ledger sdtrack writes holds hundreds of thousands of entries of one plain shape: known
keys, a number for `value`, ids, dates and text. Validating each through the model costs
about 9 µs, two thirds of it in the model's own Python validators called one field at a
time; checking the same rules here in one pass costs a third of that. An entry of any
other shape (a value in words, a key of the wrong type, anything a rule refuses) is not
judged here: `plain_reading` returns None, and the model validates it, with its located
error. `tests/core/test_plain_readings.py` proves the two agree on every entry this
accepts, down to the fields a reading says it was given.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeGuard, get_args

from sdtrack.core.choices import Qualifier
from sdtrack.core.domains import Domain
from sdtrack.core.fields import _SLUG, MAX_REQUEST_KEY_LENGTH, _shared_period
from sdtrack.core.model import Reading
from sdtrack.core.periods import Period, PeriodError
from sdtrack.core.quantities import QuantityError, parse_quantity

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
_FIELDS = tuple(Reading.model_fields)
_QUALIFIERS = frozenset(get_args(Qualifier))
_OPTIONAL_SLUGS = ("id", "corrects", "batch")
_OPTIONAL_TEXTS = ("quote", "note")
# `batch_size`'s bounds in the model.
_BATCH_SIZES = range(2, 10_000_001)


class PlainReader:
    """Builds readings of the plain shape for one workspace's `reading_context`."""

    def __init__(
        self, context: Mapping[str, Any], field_sets: dict[frozenset[str], set[str]] | None = None
    ) -> None:
        self._units: Mapping[str, Any] = context["units"]
        self._domains: Mapping[str, Domain | None] = context["domains"]
        self._derived: Mapping[str, str] = context["derived"]
        self._regions: frozenset[str] | None = context.get("regions")
        # Readings giving the same fields share one set of their names (`field_sets`, which
        # `store.validation` shares with the readings the model validates).
        self._field_sets = {} if field_sets is None else field_sets

    def reading(self, raw: object) -> Reading | None:
        """The reading `raw` validates to, or None when the model must judge it."""
        if type(raw) is not dict or not raw.keys() <= _KNOWN_KEYS:
            return None
        get = raw.get
        indicator = get("indicator")
        if type(indicator) is not str or indicator not in self._units:
            return None
        if indicator in self._derived or not _SLUG.fullmatch(indicator):
            return None
        value = self._value(indicator, get("value"))
        date = _period(get("date"))
        source = get("source")
        if value is None or date is None or not _is_text(source):
            return None
        fields: dict[str, Any] = dict.fromkeys(_FIELDS)
        fields.update(
            indicator=sys.intern(indicator),
            value=value,
            date=date,
            derived=False,
            source=sys.intern(source),
        )
        if len(raw) > 4 and not self._fill_optional(raw, fields):
            return None
        given = frozenset(_FIELD_OF_KEY[key] for key in raw)
        names = self._field_sets.get(given)
        if names is None:
            names = self._field_sets[given] = set(given)
        reading = Reading.__new__(Reading)
        object.__setattr__(reading, "__dict__", fields)
        object.__setattr__(reading, "__pydantic_fields_set__", names)
        object.__setattr__(reading, "__pydantic_extra__", None)
        object.__setattr__(reading, "__pydantic_private__", None)
        return reading

    def _value(self, indicator: str, raw: object) -> Decimal | None:
        # Numbers only: a value in words may say its qualifier, which the model reads.
        if type(raw) is not int and type(raw) is not float:
            return None
        try:
            number = parse_quantity(raw, self._units[indicator])
        except QuantityError:
            return None
        domain = self._domains.get(indicator)
        if domain is not None and domain.refusal(number) is not None:
            return None
        return number

    def _fill_optional(self, raw: dict[str, Any], fields: dict[str, Any]) -> bool:
        get = raw.get
        for name in _OPTIONAL_SLUGS:
            if name in raw:
                item = raw[name]
                if type(item) is not str or not _SLUG.fullmatch(item):
                    return False
                fields[name] = item
        for name in _OPTIONAL_TEXTS:
            if name in raw:
                if not _is_text(raw[name]):
                    return False
                fields[name] = raw[name]
        if "url" in raw:
            if not _is_text(raw["url"]):
                return False
            fields["url"] = sys.intern(raw["url"])
        if "region" in raw:
            region = raw["region"]
            if type(region) is not str or not _SLUG.fullmatch(region):
                return False
            if self._regions is not None and region not in self._regions:
                return False
            fields["region"] = sys.intern(region)
        qualifier = get("qualifier")
        if qualifier is not None:
            if type(qualifier) is not str or qualifier not in _QUALIFIERS:
                return False
            fields["qualifier"] = qualifier
        elif "qualifier" in raw:
            return False
        if "derived" in raw:
            if type(raw["derived"]) is not bool:
                return False
            fields["derived"] = raw["derived"]
        if "recorded" in raw:
            recorded = raw["recorded"]
            if type(recorded) is not dt.datetime:
                return False
            fields["recorded"] = recorded
        if "key" in raw:
            key = raw["key"]
            if type(key) is not str or not key.strip() or len(key) > MAX_REQUEST_KEY_LENGTH:
                return False
            fields["request_key"] = key
        if "batch_size" in raw:
            size = raw["batch_size"]
            if type(size) is not int or size not in _BATCH_SIZES:
                return False
            fields["batch_size"] = size
        return True


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
