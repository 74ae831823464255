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
    assert context.summary() == {"overdue": 9}
    assert list(context.outlook_summary()) == ["overdue"]
    assert list(context.outlook_summary()["overdue"]) == ["likely_met", "likely_missed", "unknown"]
    assert sum(context.outlook_summary()["overdue"].values()) == 9
    assert len(context.target_records()) == len(context.paragraphs) == 9
    assert all(r["date"] <= "2026-11-22" for r in context.reading_records())
    assert len(context.reported_indicators()) == len(context.indicators)
