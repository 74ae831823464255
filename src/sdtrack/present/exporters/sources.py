"""Numbered sources shared by the report formats: each target's declaration and each
reading's publication, listed once."""

from __future__ import annotations

from dataclasses import dataclass

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
    def of(cls, context: ExportContext) -> SourceList:
        entries: list[CitedSource] = []
        index: dict[CitedSource, int] = {}

        def number(source: CitedSource) -> int:
            if source not in index:
                entries.append(source)
                index[source] = len(entries)
            return index[source]

        by_target = {t.id: number(_declared(t)) for t in context.sources()}
        by_reading = {}
        for indicator in context.reported_indicators():
            for reading in context.readings.get(indicator.id, ()):
                by_reading[reading.key] = number(_published(reading))
        return cls(tuple(entries), by_target, by_reading)

    def number_for_target(self, target: Target) -> int:
        return self.by_target[target.id]

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
