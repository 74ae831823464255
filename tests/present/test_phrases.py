"""The phrases every output shares: targets, time left, gaps and revisions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from sdtrack.core import language
from sdtrack.core.assessment import Status, months_between
from sdtrack.present import numbers
from sdtrack.present.phrases import (
    STATUS_WORDS,
    assessed_indicator,
    assessment_target_phrase,
    band_adds,
    band_words,
    bound_words,
    disputed_words,
    gap_phrase,
    pace_note_words,
    percent,
    point_phrase,
    quantity,
    sources_words,
    status_with_band,
    status_words,
    target_phrase,
    time_left_phrase,
    warning_words,
)
from sdtrack.present.region_words import Counting
from sdtrack.present.report import StatusReport, build_status
from sdtrack.store.workspace import Workspace

from ..conftest import TODAY
from .conftest import assessment_of
from .test_regional import AS_OF, load_regional, write_regional


@pytest.fixture
def regional(tmp_path: Path) -> Workspace:
    """The workspace of Shandong's cities (`test_regional.write_regional`)."""
    return load_regional(write_regional(tmp_path / "regions"))


def test_target_phrase_in_words_and_symbols(report: StatusReport) -> None:
    """A level target reads as its comparison, value and deadline, in words or symbols."""
    a = assessment_of(report, "5g-base-stations-2025")
    assert target_phrase(a.target, a.indicator) == "more than 270,000 base stations by end-2025"
    assert target_phrase(a.target, a.indicator, symbols=True) == (
        "> 270,000 base stations by end-2025"
    )


def test_target_phrase_of_growth_and_recurring_targets(report: StatusReport) -> None:
    """A growth target gives its yearly rate and years; a recurring one its start."""
    growth = assessment_of(report, "it-industry-revenue-growth")
    assert target_phrase(growth.target, growth.indicator) == (
        "at least 10.0 % growth a year, 2024–2025"
    )
    yearly = assessment_of(report, "leading-projects-yearly")
    assert target_phrase(yearly.target, yearly.indicator) == (
        "at least 100 projects a year from 2024"
    )


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (None, "ongoing"),
        (dt.date(2026, 12, 1), "9 days left"),
        (dt.date(2028, 1, 31), "1 year 2 months left"),
        (dt.date(2025, 12, 31), "passed 10 months ago"),
        (dt.date(2026, 11, 1), "passed less than a month ago"),
    ],
)
def test_time_left_phrase(deadline: dt.date | None, expected: str) -> None:
    """Time left is in days under a month, else years and months; passed deadlines say so."""
    assert time_left_phrase(TODAY, deadline) == expected


def test_gap_phrase_and_percent(report: StatusReport) -> None:
    """The gap is in the indicator's unit; a missing share is a dash."""
    a = assessment_of(report, "5g-base-stations-2025")
    assert a.gap is not None
    assert gap_phrase(a) == f"{int(a.gap):,} base stations"
    assert gap_phrase(assessment_of(report, "it-industry-revenue-growth")) is None
    assert percent(None) == "—"
    assert percent(0.456) == "46 %"


# The Chinese forms. Catalog strings are not asserted (the catalog is assembled later):
# only numbers, dates and the structure the phrases give them.


def test_status_and_band_words_keep_english_unchanged() -> None:
    """In English a status code reads as its words (on_track: 'on track'); every band and
    warning without a day reads exactly as core.assessment wrote it."""
    for status in Status:
        assert status_words(status.value) == status.value.replace("_", " ")
    for band in ("moderate progress", "missed in 2024, 2025", "something new"):
        assert band_words(band) == band
    assert warning_words("the latest reading (2024-06-18) is stale") == (
        "the latest reading (2024-06-18) is stale"
    )


def test_every_status_has_a_marked_display_word() -> None:
    """Each Status code has a display word marked for the catalog."""
    assert set(STATUS_WORDS) == {status.value for status in Status}


@pytest.mark.usefixtures("chinese")
def test_patterned_bands_keep_their_years_and_dates_in_chinese() -> None:
    """A band or warning with years or a date keeps them, written the Chinese way."""
    assert "2024、2025" in band_words("missed in 2024, 2025")
    assert "2024、2025" in band_words("no year's growth figure for 2024, 2025")
    assert "2024年6月18日" in warning_words("the latest reading (2024-06-18) is stale")
    assert "2021年" in warning_words("the latest reading (2021) is stale")
    assert band_words("an unknown band") == "an unknown band"


@pytest.mark.usefixtures("chinese")
def test_target_and_point_phrases_in_chinese_numbers(report: StatusReport) -> None:
    """In Chinese the values, deadlines and gaps are written as Chinese bulletins write them."""
    a = assessment_of(report, "5g-base-stations-2025")
    phrase = target_phrase(a.target, a.indicator)
    assert "27万个" in phrase
    assert "2025年底" in phrase
    assert "270,000" not in phrase
    assert a.latest is not None
    assert point_phrase(a.latest, a.indicator).endswith("万个")
    gap = gap_phrase(a)
    assert gap is not None
    assert gap.endswith("万个")
    assert "," not in gap
    assert percent(0.34) == "34%"
    growth = assessment_of(report, "it-industry-revenue-growth")
    assert "10.0%" in target_phrase(growth.target, growth.indicator)


@pytest.mark.usefixtures("chinese")
def test_time_left_in_chinese_uses_the_chinese_duration() -> None:
    """The duration inside a time left is the one present.numbers gives."""
    deadline, before = dt.date(2025, 12, 31), dt.date(2021, 11, 22)
    passed = time_left_phrase(TODAY, deadline)
    assert numbers.duration(months_between(deadline, TODAY)) in passed
    left = time_left_phrase(before, deadline)
    assert numbers.duration(months_between(before, deadline)) in left


def test_bands_with_a_day_read_as_a_sentence_writes_a_day_in_english_too() -> None:
    """The release calendar's bands give their ISO day as a sentence writes it."""
    assert band_words("awaiting the 2025 figure, expected by 2026-03-31") == (
        "awaiting the 2025 figure, expected by 31 March 2026"
    )
    assert band_words("the 2024 figure was expected by 2025-03-31") == (
        "the 2024 figure was expected by 31 March 2025"
    )


@pytest.mark.usefixtures("chinese")
def test_bands_with_a_day_keep_their_period_and_day_the_chinese_way() -> None:
    """In Chinese the period and the day are written the Chinese way (catalog aside)."""
    text = band_words("the 2025 figure was expected by 2026-03-31")
    assert "2025年" in text
    assert "2026年3月31日" in text
    assert "2026-03-31" not in text


def test_status_and_band_never_say_a_word_twice() -> None:
    """'on track' beside on_track adds nothing; a band holding the status word stands
    alone; any other band is given in brackets."""
    assert not band_adds("on track", "on_track")
    assert not band_adds("behind", "behind")
    assert band_adds("moderate progress", "behind")
    assert status_with_band("on_track", "on track") == "on track"
    assert status_with_band("behind", "slightly behind") == "slightly behind"
    assert status_with_band("missed", "missed in 2024") == "missed in 2024"
    assert status_with_band("behind", "moderate progress") == "behind (moderate progress)"
    assert status_with_band("on_track", "projected to reach the target") == (
        "on track (projected to reach the target)"
    )
    assert status_with_band("overdue", "") == "overdue"


def test_shared_words_for_notes_bounds_sources_and_disputes() -> None:
    """The words the status table and the paragraphs share."""
    assert pace_note_words("from_bound") == "the pace is measured from a bound, not an exact figure"
    assert pace_note_words("short_span") == "the pace is measured over less than a year"
    assert pace_note_words("from_derived") == "the pace is measured from a derived value"
    assert [bound_words(code) for code in ("at_most", "at_least", "about", None)] == [
        "at most",
        "at least",
        "about",
        "",
    ]
    assert (sources_words(1), sources_words(2)) == ("1 source", "2 sources")
    assert disputed_words() == "disputed"


def test_a_quantity_of_one_names_the_unit_for_one(report: StatusReport) -> None:
    """'1 city', '1 base station': the indicator's `unit_one`, else the rule."""
    cities = assessment_of(report, "gigabit-cities-2024").indicator
    assert quantity(Decimal(1), cities) == "1 city"
    assert quantity(Decimal(16), cities) == "16 cities"
    named = cities.model_copy(update={"unit_one": "gigabit city"})
    assert quantity(Decimal(1), named) == "1 gigabit city"
    language.use("zh")
    try:
        assert quantity(Decimal(1), cities) == "1个"
    finally:
        language.use("en")


# ---------------------------------------------------------------------------------------
# Count-of-regions targets


def test_a_count_of_regions_target_counts_the_regions(regional: Workspace) -> None:
    """All of them: "all 16 cities meet …"; fewer: "at least 12 of 16 cities …"; without
    a label, the condition itself; without the number of regions, the value alone."""
    a = assessment_of(build_status(regional, AS_OF), "gigabit-2024")
    target, indicator = a.target, a.indicator
    assert assessment_target_phrase(a) == (
        "all 16 cities meet the gigabit-city standard by end-2024"
    )
    sixteen = Counting(16, "city")
    fewer = target.model_copy(update={"value": Decimal(12)})
    assert target_phrase(fewer, indicator, counting=sixteen) == (
        "at least 12 of 16 cities meet the gigabit-city standard by end-2024"
    )
    assert target.each is not None
    bare = target.model_copy(update={"each": target.each.model_copy(update={"label": None})})
    assert target_phrase(bare, indicator, counting=sixteen) == (
        "16 of 16 cities at ≥ 1 city by end-2024"
    )
    bare_fewer = bare.model_copy(update={"value": Decimal(12)})
    assert target_phrase(bare_fewer, indicator, counting=sixteen) == (
        "at least 12 of 16 cities at ≥ 1 city by end-2024"
    )
    assert target_phrase(target, indicator) == (
        "at least 16 regions meet the gigabit-city standard by end-2024"
    )


def test_a_count_target_s_figures_are_counts_of_regions(regional: Workspace) -> None:
    """Its latest figure and gap are in cities, whatever the indicator's unit."""
    a = assessment_of(build_status(regional, AS_OF), "gigabit-2024")
    stations = a.indicator.model_copy(update={"unit": "base stations", "unit_one": None})
    counted = assessed_indicator(dataclasses.replace(a, indicator=stations))
    assert (counted.unit, counted.unit_one, counted.id) == ("cities", "city", "gigabit")
    assert a.latest is not None
    assert point_phrase(a.latest, counted) == "15 cities"
    assert gap_phrase(a) == "1 city"
    plain = assessment_of(build_status(regional, AS_OF), "stations-2025")
    assert assessed_indicator(plain) is plain.indicator


@pytest.mark.usefixtures("marked")
def test_count_phrases_and_bands_are_looked_up_whole(regional: Workspace) -> None:
    a = assessment_of(build_status(regional, AS_OF), "gigabit-2024")
    assert assessment_target_phrase(a) == (
        "⟪all {count} {regions} {label} by {deadline}⟫".format(
            count=16, regions="⟪cities⟫", label="达到千兆城市标准", deadline="2024年底"
        )
    )
    assert band_words("15 regions met the condition by the deadline") == (
        f"⟪{15} regions met the condition by the deadline⟫"
    )
    assert band_words("at most 15 regions could have met the condition").startswith("⟪")
    assert band_words("the readings of 1 regions would settle it").startswith("⟪")
