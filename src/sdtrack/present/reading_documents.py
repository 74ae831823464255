"""Many readings as JSON at once: `documents.reading_dict` for each, with what all the
readings of an indicator share (the words of its unit) found once, and each period's two
texts made once.

An export of W1 makes 100,000 of these records, one every 5 µs through `reading_dict`;
here about 3 µs. `tests/present/test_reading_documents.py` proves every record equal to
`reading_dict`'s, key order included, and every record's JSON text (`texts`, for the
export's array of readings, an `EncodedItems`) `json.dumps`'s of it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from typing import Any

from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period
from sdtrack.present import numbers
from sdtrack.present.documents import reading_dict
from sdtrack.present.json_text import json_dumps
from sdtrack.present.phrases import unit_zh
from sdtrack.present.precision import value as exact

# A reading's record as `json.dumps(record, ensure_ascii=False, indent=2)` writes it, its
# values put in as JSON text (keys are ASCII words: each is its own JSON text, quoted).
_FIELDS = (
    "id", "indicator_id", "region", "value", "text", "date", "period_end", "qualifier",
    "derived", "source", "url", "quote", "note", "recorded",
)  # fmt: skip
_RECORD = "{\n" + ",\n".join(f'  "{name}": %s' for name in _FIELDS) + "\n}"


class PeriodTexts:
    """Each period's text and its end's ISO date, made once: readings share their periods
    (equal ones: each reading read from the ledger has a period of its own)."""

    def __init__(self) -> None:
        # By its end and precision, which say which period it is (its start follows).
        self._known: dict[tuple[dt.date, str], tuple[str, str]] = {}

    def of(self, period: Period) -> tuple[str, str]:
        """`str(period)` and `period.end.isoformat()`."""
        key = (period.end, period.precision)
        known = self._known.get(key)
        if known is None:
            known = self._known[key] = (str(period), period.end.isoformat())
        return known


class ReadingDicts:
    """Makes the JSON records of readings, remembering the texts of the periods seen."""

    def __init__(self) -> None:
        self._periods = PeriodTexts()

    def records(
        self,
        readings: Iterable[Reading],
        indicator: Indicator,
        region_of: Callable[[Reading], str | None],
    ) -> Iterator[dict[str, Any]]:
        """`reading_dict(reading, indicator)` with `region` set to `region_of(reading)`,
        for each of `readings` (all of `indicator`), in order."""
        text = numbers.quantity_of(indicator.unit_info, unit_zh(indicator), indicator.unit_one)
        periods = self._periods
        for reading in readings:
            if type(reading) is not Reading:  # a derived reading lists its inputs too
                record = reading_dict(reading, indicator)
                record["region"] = region_of(reading)
                yield record
                continue
            shown = periods.of(reading.date)
            recorded = reading.recorded
            yield {
                "id": reading.key,
                "indicator_id": reading.indicator,
                "region": region_of(reading),
                "value": exact(reading.value),
                "text": text(reading.value),
                "date": shown[0],
                "period_end": shown[1],
                "qualifier": reading.qualifier,
                "derived": reading.derived,
                "source": reading.source,
                "url": reading.url,
                "quote": reading.quote,
                "note": reading.note,
                "recorded": recorded.isoformat() if recorded else None,
            }

    def texts(
        self,
        readings: Iterable[Reading],
        indicator: Indicator,
        region_of: Callable[[Reading], str | None],
        newline: str = "\n",
    ) -> Iterator[str]:
        """The JSON text of each of `records(readings, indicator, region_of)`, as
        `json.dumps(record, ensure_ascii=False, indent=2)` writes it, made without the
        record for a reading of the plain model (a derived one's goes through its record);
        each newline in it is `newline` (a newline and an indent: `EncodedItems.indented`)."""
        text = numbers.quantity_of(indicator.unit_info, unit_zh(indicator), indicator.unit_one)
        periods = self._periods
        # A value's JSON text holds no newline (a string escapes its own): only the
        # template's are indented.
        record = _RECORD.replace("\n", newline)
        for reading in readings:
            if type(reading) is not Reading:
                made = json_dumps(next(self.records([reading], indicator, region_of)))
                yield made.replace("\n", newline)
                continue
            shown = periods.of(reading.date)
            recorded = reading.recorded
            yield record % (
                encode_basestring(reading.key),
                encode_basestring(reading.indicator),
                _text(region_of(reading)),
                _number(exact(reading.value)),
                encode_basestring(text(reading.value)),
                encode_basestring(shown[0]),
                encode_basestring(shown[1]),
                _text(reading.qualifier),
                "true" if reading.derived else "false",
                encode_basestring(reading.source),
                _text(reading.url),
                _text(reading.quote),
                _text(reading.note),
                "null" if recorded is None else encode_basestring(recorded.isoformat()),
            )


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _number(value: int | float | str | None) -> str:
    """A value as json.dumps writes it: an int, a float (repr; NaN and infinities by
    their JavaScript names), a decimal's exact text as a string."""
    kind = type(value)
    if kind is float:
        text = float.__repr__(value)
        if "n" not in text:  # not inf, nor nan
            return text
    elif kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (math.inf, -math.inf):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    return int.__repr__(value)
