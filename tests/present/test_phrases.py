"""The phrases every output shares: targets, time left, gaps and revisions."""

from __future__ import annotations

import datetime as dt

import pytest

from sdtrack.core.assessment import Status, months_between
from sdtrack.present import numbers
from sdtrack.present.phrases import (
    STATUS_WORDS,
    band_words,
    gap_phrase,
    percent,
    point_phrase,
    status_words,
    target_phrase,
    time_left_phrase,
    warning_words,
)
from sdtrack.present.report import StatusReport

from ..conftest import TODAY
from .conftest import assessment_of


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
    assert gap_phrase(assessment_of(report, "5g-base-stations-2025")) == "46,000 base stations"
    assert gap_phrase(assessment_of(report, "it-industry-revenue-growth")) is None
    assert percent(None) == "—"
    assert percent(0.456) == "46 %"


# The Chinese forms. Catalog strings are not asserted (the catalog is assembled later):
# only numbers, dates and the structure the phrases give them.


def test_status_and_band_words_keep_english_unchanged() -> None:
    """In English every status, band and warning reads exactly as core.assessment wrote it."""
    for status in Status:
        assert status_words(status.value) == status.value
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
    assert point_phrase(a.latest, a.indicator).endswith("22.4万个")
    assert gap_phrase(a) == "4.6万个"
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
