"""What every exporter shares: the computed context and spreadsheet-safe cells."""

from __future__ import annotations

import pytest

from sdtrack.present.exporters.base import ExportContext, neutralise

from ...conftest import TODAY


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx"])
def test_formula_triggers_are_neutralised(text: str) -> None:
    """A text cell a spreadsheet would run as a formula is prefixed with an apostrophe."""
    assert neutralise(text) == "'" + text


def test_other_values_pass_unchanged() -> None:
    """Ordinary text and numbers (even negative ones) are left as they are."""
    assert neutralise("Bulletin") == "Bulletin"
    assert neutralise(-5) == -5
    assert neutralise(None) is None


def test_context_of_the_shipped_report(context: ExportContext) -> None:
    """The context holds the report's day, method, summary and paragraphs for every target."""
    assert context.as_of == TODAY
    assert "cagr-ratio" in context.method
    summary = context.summary()
    assert summary == {
        "achieved": 1, "on_track": 1, "overdue": 11, "no_data": 6, "not_assessable": 1,
    }  # fmt: skip
    assert list(context.outlook_summary()) == ["overdue"]
    assert list(context.outlook_summary()["overdue"]) == ["likely_met", "likely_missed", "unknown"]
    assert sum(context.outlook_summary()["overdue"].values()) == summary["overdue"]
    total = sum(summary.values())
    assert len(context.target_records()) == len(context.paragraphs) == total == 20
    assert all(r["date"] <= "2026-11-22" for r in context.reading_records())
    assert len(context.reported_indicators()) == len(context.indicators)


def test_context_of_a_regional_workspace(regional: ExportContext) -> None:
    """The context holds the workspace's geography, each indicator's readings of the other
    regions (in the region table's order), its breakdowns and its plans."""
    assert regional.geography.own == "shandong"
    assert list(regional.regional["5g-base-stations"])[:3] == ["jinan", "qingdao", "zibo"]
    assert "weifang" not in regional.regional["gigabit-cities"]
    assert [b.indicator.id for b in regional.reported_breakdowns()] == [
        "gigabit-cities", "5g-base-stations", "resident-population", "5g-per-10k",
    ]  # fmt: skip
    assert [p.id for p, _ in regional.reported_plans()] == ["scio-2024-04-10", "5g-plan-2025"]
    target = regional.report.assessments[0].target
    assert regional.plan_for(target) is not None
    assert regional.of_own_region(target)
    assert regional.region_name("jinan") == "Jinan"
    assert regional.region_name(None) == "Shandong"
    records = regional.reading_records()
    assert {r["region"] for r in records if r["indicator_id"] == "gigabit-cities"} >= {
        "shandong", "jinan",
    }  # fmt: skip
