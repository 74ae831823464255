"""Numbered sources shared by the report formats: each target's declaration and each
reading's publication, listed once. A derived value cites the two readings it was computed
from; a region's latest reading in a breakdown cites its own source."""

from __future__ import annotations

from dataclasses import dataclass

from sdtrack.core.derived import DerivedReading
from sdtrack.core.language import _
from sdtrack.core.model import Reading, Target
from sdtrack.present import numbers
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.words import separator


@dataclass(frozen=True)
class CitedSource:
    title: str
    byline: str
    quote: str | None
    url: str | None


@dataclass(frozen=True)
class SourceList:
    entries: tuple[CitedSource, ...]
    by_target: dict[str, int]
    by_reading: dict[str, int]

    @classmethod
    def of(cls, context: ExportContext, *, by_reading: bool = True) -> SourceList:
        """The sources of `context`'s targets and readings, numbered in that order; without
        `by_reading`, a reading's number is not kept (a list of the sources alone)."""
        entries: list[CitedSource] = []
        index: dict[CitedSource, int] = {}

        def number(source: CitedSource) -> int:
            if source not in index:
                entries.append(source)
                index[source] = len(entries)
            return index[source]

        by_target = {t.id: number(_declared(t)) for t in context.sources()}
        numbers: dict[str, int] = {}
        # A source's number by what a reading says of it: readings cite a few sources often.
        published: dict[tuple[str, str | None, str | None], int] = {}

        def cite(reading: Reading) -> None:
            cited = reading.inputs if isinstance(reading, DerivedReading) else (reading,)
            for item in cited:
                said = (item.source, item.quote, item.url)
                if said not in published:
                    published[said] = number(_published(item))
                if by_reading:
                    numbers[item.key] = published[said]

        for indicator in context.reported_indicators():
            for reading in context.readings.get(indicator.id, ()):
                cite(reading)
        for breakdown in context.reported_breakdowns():
            for latest in breakdown.latest:
                if latest.reading is not None:
                    cite(latest.reading)
        return cls(tuple(entries), by_target, numbers)

    def number_for_target(self, target: Target) -> int:
        return self.by_target[target.id]

    def number_for_reading(self, reading: Reading) -> int | None:
        """The source of a reading (of a derived value: of its numerator); None if unlisted."""
        if isinstance(reading, DerivedReading):
            reading = reading.inputs[0]
        return self.by_reading.get(reading.key)

    def numbered(self) -> list[tuple[int, CitedSource]]:
        return list(enumerate(self.entries, start=1))


def _declared(target: Target) -> CitedSource:
    source = target.source
    chinese = source.zh if numbers.chinese() else None
    speaker = (chinese.speaker if chinese else None) or source.speaker
    publisher = (chinese.publisher if chinese else None) or source.publisher
    who = separator().join(p for p in (speaker, publisher) if p)
    byline = _("{who}, {date}").format(who=who, date=numbers.day(source.date))
    quote, url, _in_reader_language = source.display_quote
    return CitedSource(source.display_document, byline, quote, url or source.url)


def _published(reading: Reading) -> CitedSource:
    return CitedSource(reading.source, "", reading.quote, reading.url)
