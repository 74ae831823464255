"""The phrases every output shares: targets, time left, gaps and revisions."""

from __future__ import annotations

import datetime as dt

import pytest

from sdtrack.present.phrases import gap_phrase, percent, target_phrase, time_left_phrase
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
