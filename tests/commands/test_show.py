"""The show command: one indicator or target in full."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..present.test_regional import write_regional
from .conftest import run

DAY = ["--as-of", "2025-06-30"]


def test_show_indicator_with_quote_readings_and_standing(runner: CliRunner) -> None:
    """show prints the definition, source quote, readings with sources and the standing."""
    code, out, _ = run(runner, "show", "5g-base-stations")
    assert code == 0
    assert "5G基站" in out
    assert "bringing the total number to over 270,000" in out
    code, document, _ = run(runner, "show", "5g-base-stations", "--json")
    readings = json.loads(document)["readings"]
    assert f"Readings ({len(readings)})" in out
    assert "derived" in out
    assert "Latest: " in out
    assert "Standing: overdue · likely met (the 2025 figure was expected by 31 March 2026" in out
    assert "Plan: " in out  # the shipped targets name their plans


def test_show_target_and_unknown_id(runner: CliRunner) -> None:
    """show accepts a target id; an unknown id is a usage error listing the indicators."""
    code, out, _ = run(runner, "show", "it-industry-revenue-growth", "--json")
    assert code == 0
    assert [t["target_id"] for t in json.loads(out)["targets"]] == ["it-industry-revenue-growth"]
    code, _, err = run(runner, "show", "nothing-here")
    assert code == 2
    assert "hint: indicators: smart-communities" in err


@pytest.fixture
def regions(tmp_path: Path) -> Path:
    return write_regional(tmp_path / "regions")


def test_show_a_count_target_names_the_cities_still_missing(
    runner: CliRunner, regions: Path
) -> None:
    code, out, err = run(runner, "show", "gigabit-2024", "--dir", str(regions), *DAY)
    assert code == 0, err
    flat = " ".join(out.split())
    assert "all 16 cities meet the gigabit-city standard by end-2024" in flat
    assert "No reading (1): Weifang" in flat
    assert "Still missing: Weifang (no reading: a reading for Weifang would settle it)" in flat
    assert "By region 15 of 16 cities reported" in flat


def test_show_the_lineage_and_the_breakdown(runner: CliRunner, regions: Path) -> None:
    code, out, _ = run(runner, "show", "stations", "--dir", str(regions), *DAY)
    assert code == 0
    flat = " ".join(out.split())
    assert "Lineage: stations-2025-first (plan-a) → stations-2025 (plan-b)" in flat
    assert "Superseded by stations-2025 (plan-b)" in flat
    assert "2023: sum of the 16 cities: 200,000 base stations" in flat
    code, out, _ = run(runner, "show", "stations", "--dir", str(regions), "--json", *DAY)
    document = json.loads(out)
    assert document["breakdown"]["rollups"][0]["differs"] is True
    assert [p["id"] for p in document["plans"]] == ["plan-a", "plan-b"]
    superseded = {t["target_id"]: t["superseded_by"] for t in document["targets"]}
    assert superseded["stations-2025-first"] == "stations-2025"


def test_show_a_city_s_target_with_the_city_s_readings(runner: CliRunner, regions: Path) -> None:
    code, out, _ = run(runner, "show", "jinan-stations-2025", "--dir", str(regions), *DAY)
    assert code == 0
    assert "Region: Jinan" in out
    assert "Readings of Jinan (2)" in out


def test_show_a_derived_indicator_s_formula_and_inputs(runner: CliRunner, regions: Path) -> None:
    code, out, _ = run(runner, "show", "stations-per-10k", "--dir", str(regions), *DAY)
    assert code == 0
    flat = " ".join(out.split())
    assert "Derived by sdtrack, never recorded: 5G base stations (stations) ÷" in flat
    assert "numerator: 210,000 base stations (2023)" in flat
    code, out, _ = run(runner, "show", "stations-per-10k", "-d", str(regions), "--json", *DAY)
    (reading,) = json.loads(out)["readings"]
    assert reading["derived"] is True
    assert [i["value"] for i in reading["inputs"]] == [210000, 101229700]
