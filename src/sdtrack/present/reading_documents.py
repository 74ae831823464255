"""Many readings as JSON at once: `documents.reading_dict` for each, with what all the
readings of an indicator share (the words of its unit) found once, and each period's two
texts made once.

An export of W1 makes 100,000 of these records, one every 5 µs through `reading_dict`;
here about 3 µs. `tests/present/test_reading_documents.py` proves every record equal to
`reading_dict`'s, key order included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period
from sdtrack.present import numbers
from sdtrack.present.documents import reading_dict
from sdtrack.present.phrases import unit_zh
from sdtrack.present.precision import value as exact


class ReadingDicts:
    """Makes the JSON records of readings, remembering the texts of the periods seen."""

    def __init__(self) -> None:
        # By the period's id; holding the period keeps that id its own while it is kept.
        self._periods: dict[int, tuple[Period, str, str]] = {}

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
            period = reading.date
            shown = periods.get(id(period))
            if shown is None:
                shown = periods[id(period)] = (period, str(period), period.end.isoformat())
            recorded = reading.recorded
            yield {
                "id": reading.key,
                "indicator_id": reading.indicator,
                "region": region_of(reading),
                "value": exact(reading.value),
                "text": text(reading.value),
                "date": shown[1],
                "period_end": shown[2],
                "qualifier": reading.qualifier,
                "derived": reading.derived,
                "source": reading.source,
                "url": reading.url,
                "quote": reading.quote,
                "note": reading.note,
                "recorded": recorded.isoformat() if recorded else None,
            }
