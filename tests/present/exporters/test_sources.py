"""The numbered source list: each distinct source once, targets and readings pointing in."""

from __future__ import annotations

import pytest

from sdtrack.core.derived import DerivedReading
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.sources import SourceList


def test_shared_sources_get_one_number(context: ExportContext) -> None:
    """Targets declared in the same document share its number; numbers follow report order."""
    sources = SourceList.of(context)
    assert sources.by_target["smart-communities-2025"] == 1
    assert sources.by_target["5g-base-stations-2025-first"] == 2
    assert (
        sources.by_target["it-industry-revenue-2025"]
        == (sources.by_target["it-industry-revenue-growth"])
    )
    assert len(set(sources.entries)) == len(sources.entries)


def test_numbered_starts_at_one_with_the_byline(context: ExportContext) -> None:
    """The first source is numbered 1 and its byline names who said it and when."""
    sources = SourceList.of(context)
    number, first = sources.numbered()[0]
    assert number == 1
    assert first.byline == "Lu Xiumin, The seanews, 2021-07-19"
    target = next(a.target for a in context.report.assessments)
    assert sources.number_for_target(target) == 1
    assert set(sources.by_reading.values()) <= set(range(1, len(sources.entries) + 1))


@pytest.mark.usefixtures("zh_catalog")
def test_chinese_byline_writes_the_date_in_chinese(context: ExportContext) -> None:
    """In Chinese the byline's date reads 2021年7月19日, after a full-width comma."""
    (_, first), *_rest = SourceList.of(context).numbered()
    assert first.byline == "Lu Xiumin，The seanews，2021年7月19日"


def test_a_derived_value_cites_its_two_inputs(regional: ExportContext) -> None:
    """A derived value is never a source of its own: the two readings it was computed from
    are, each numbered once."""
    sources = SourceList.of(regional)
    titles = [s.title for s in sources.entries]
    assert not any("÷" in title for title in titles)
    derived = regional.readings["5g-per-10k"][0]
    assert isinstance(derived, DerivedReading)
    numerator, denominator = derived.inputs
    assert titles[sources.by_reading[numerator.key] - 1] == "Province bulletin 2024"
    assert titles[sources.by_reading[denominator.key] - 1] == "Statistical bulletin 2024"
    assert sources.number_for_reading(derived) == sources.by_reading[numerator.key]


def test_each_city_reading_of_a_breakdown_is_cited(regional: ExportContext) -> None:
    """A breakdown's latest readings (one per city that has one) each have a number."""
    sources = SourceList.of(regional)
    for breakdown in regional.reported_breakdowns():
        for latest in breakdown.latest:
            if latest.reading is not None:
                assert sources.number_for_reading(latest.reading) is not None


def test_the_list_alone_is_the_list_with_the_readings_numbers(regional: ExportContext) -> None:
    """Without the readings' numbers (the workbook's Sources sheet) the same sources are
    listed in the same order, each target's number the same."""
    alone, whole = SourceList.of(regional, by_reading=False), SourceList.of(regional)
    assert (alone.entries, alone.by_target) == (whole.entries, whole.by_target)
    assert alone.by_reading == {} != whole.by_reading
