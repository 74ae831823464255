"""The computed report: every target's assessment on one day, and revision order."""

from __future__ import annotations

import dataclasses

import pytest

from sdtrack.core.assessment import Outlook, Status
from sdtrack.present.report import (
    StatusReport,
    build_status,
    current_targets,
    outlook_breakdown,
    revision_order,
    waiting_line,
    waiting_lines,
)
from sdtrack.store.workspace import Workspace

from ..conftest import TODAY
from .conftest import assessment_of


def test_build_status_on_the_shipped_dataset(report: StatusReport) -> None:
    """All nine shipped targets are assessed; every figure they await is overdue."""
    assert report.workspace == "embedded Shandong dataset (read-only)"
    assert len(report.assessments) == 9
    assert len(report.trends) == 7
    assert report.counts() == {Status.OVERDUE: 9}
    assert "cagr-ratio" in report.methods


def test_build_status_for_one_target(shipped: Workspace) -> None:
    """Naming a target assesses that target only, with no trends."""
    report = build_status(shipped, TODAY, ["gigabit-cities-2024"])
    assert [a.target.id for a in report.assessments] == ["gigabit-cities-2024"]
    assert report.trends == ()


def test_revision_order_names_what_a_revision_changed(
    shipped: Workspace, report: StatusReport
) -> None:
    """The 5G target raised to 270,000 comes after the first one, saying what it raised."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    order = [(a.target.id, change) for a, change in revision_order(indicator, report.assessments)]
    assert order == [
        ("5g-base-stations-2025-first", None),
        ("5g-base-stations-2025", "raised from 250,000 base stations to 270,000 base stations"),
    ]
    assert current_targets(indicator) == {"5g-base-stations-2025"}
    assert not report.is_current(assessment_of(report, "5g-base-stations-2025-first"))
    assert report.is_current(assessment_of(report, "5g-base-stations-2025"))


def test_waiting_targets_are_counted_by_outlook(report: StatusReport) -> None:
    """Awaiting and overdue targets each counted by outlook, none for a status with none."""
    assert report.waiting_counts() == {"overdue": {"likely_met": 4, "unknown": 5}}
    first, *rest = report.assessments
    mixed = dataclasses.replace(
        report,
        assessments=(
            dataclasses.replace(first, status=Status.AWAITING_DATA, outlook=Outlook.LIKELY_MISSED),
            dataclasses.replace(first, status=Status.ON_TRACK, outlook=None),
            *rest,
        ),
    )
    assert mixed.waiting_counts() == {
        "awaiting_data": {"likely_missed": 1},
        "overdue": {"likely_met": 4, "unknown": 4},
    }
    assert waiting_lines(mixed) == [
        ("awaiting_data", "1 awaiting data: 1 likely missed"),
        ("overdue", "8 overdue: 4 likely met, 4 unknown"),
    ]


def test_waiting_line_words_the_counts() -> None:
    """ "9 awaiting data: 5 likely met, 1 likely missed, 3 unknown", outlooks in that order."""
    counts = {"unknown": 3, "likely_missed": 1, "likely_met": 5}
    assert outlook_breakdown(counts) == "5 likely met, 1 likely missed, 3 unknown"
    assert waiting_line("awaiting_data", counts) == (
        "9 awaiting data: 5 likely met, 1 likely missed, 3 unknown"
    )
    assert outlook_breakdown({"unknown": 1_200}) == "1,200 unknown"


@pytest.mark.usefixtures("chinese")
def test_outlooks_are_listed_the_chinese_way() -> None:
    """In Chinese the outlooks are separated by a full-width comma."""
    assert outlook_breakdown({"likely_met": 5, "unknown": 3}).count("，") == 1
