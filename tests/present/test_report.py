"""The computed report: every target's assessment on one day, and revision order."""

from __future__ import annotations

from sdtrack.core.assessment import Status
from sdtrack.present.report import StatusReport, build_status, current_targets, revision_order
from sdtrack.store.workspace import Workspace

from ..conftest import TODAY
from .conftest import assessment_of


def test_build_status_on_the_shipped_dataset(report: StatusReport) -> None:
    """All nine shipped targets are assessed; every deadline has passed awaiting data."""
    assert report.workspace == "embedded Shandong dataset (read-only)"
    assert len(report.assessments) == 9
    assert len(report.trends) == 7
    assert report.counts() == {Status.AWAITING_DATA: 9}
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
