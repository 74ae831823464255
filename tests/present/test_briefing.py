"""The briefing paragraph: one target's declaration, standing, pace and verdict in prose."""

from __future__ import annotations

from sdtrack.present.briefing import gap_paragraph, gap_paragraph_en, time_to_target
from sdtrack.present.report import StatusReport

from .conftest import assessment_of


def test_gap_paragraph_tells_the_whole_story(report: StatusReport) -> None:
    """The 5G paragraph declares the target, gives the gap, the pace and the verdict."""
    text = gap_paragraph(assessment_of(report, "5g-base-stations-2025"))
    assert text.startswith(
        "5G base stations in service (5G基站): the target is more than 270,000 base stations "
        "by end-2025"
    )
    assert "46,000 base stations remain" in text
    assert "has passed with no reading at or after it" in text
    assert "Verdict: deadline passed — awaiting data" in text
    assert "Warnings: the base value is derived, not quoted" in text


def test_time_to_target_at_the_observed_pace(report: StatusReport) -> None:
    """At the observed pace the 5G target would be reached around 2024-10-10."""
    assert time_to_target(assessment_of(report, "5g-base-stations-2025")) == (
        "reached around 2024-10-10"
    )


def test_gap_paragraph_in_english_is_the_english_builder(report: StatusReport) -> None:
    """In English, gap_paragraph is the English builder's paragraph, for every target."""
    for a in report.assessments:
        assert gap_paragraph(a) == gap_paragraph_en(a)
