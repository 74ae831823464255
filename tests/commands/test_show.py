"""The show command: one indicator or target in full."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from .conftest import run


def test_show_indicator_with_quote_readings_and_standing(runner: CliRunner) -> None:
    """show prints the definition, source quote, readings with sources and the standing."""
    code, out, _ = run(runner, "show", "5g-base-stations")
    assert code == 0
    assert "5G基站" in out
    assert "bringing the total number to over 270,000" in out
    assert "Readings (11)" in out  # the shipped 5G readings, 2019 to 2024
    assert "derived" in out
    assert "Latest: 224,000 base stations, 2 sources (2024-06-18)" in out
    assert "Standing: overdue · likely met (the 2025 figure was expected by 31 March 2026" in out


def test_show_target_and_unknown_id(runner: CliRunner) -> None:
    """show accepts a target id; an unknown id is a usage error listing the indicators."""
    code, out, _ = run(runner, "show", "it-industry-revenue-growth", "--json")
    assert code == 0
    assert [t["target_id"] for t in json.loads(out)["targets"]] == ["it-industry-revenue-growth"]
    code, _, err = run(runner, "show", "nothing-here")
    assert code == 2
    assert "hint: indicators: smart-communities" in err
