"""The status command: standing of every target, its JSON contract and --as-of."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sdtrack.commands.app import app

from .conftest import run


def test_status_on_the_embedded_dataset(runner: CliRunner) -> None:
    """With no workspace, status shows the Shandong targets with passed deadlines as such:
    by 2026-11-22 every figure they need was due, so every target is overdue."""
    code, out, err = run(runner, "status")
    assert code == 0, err
    assert "embedded Shandong dataset" in out
    assert "5g-base-stations-2025" in out
    assert "> 270,000 base stations by end-2025" in out
    assert "9 targets as of 2026-11-22: 9 overdue" in out
    assert "2025 figure overdue since 2026-03-31" in out
    assert "on track" not in out
    assert "Digital economy value-added" in out


def test_status_json_contract(runner: CliRunner) -> None:
    """--json prints only JSON: a versioned envelope whose keys are pinned here, with target
    objects as docs/report.schema.json describes them (codes, not words)."""
    from jsonschema import Draft202012Validator

    code, out, _ = run(runner, "status", "--json", "--as-of", "2026-11-22")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "schema_version",
        "sdtrack_version",
        "command",
        "as_of",
        "workspace",
        "summary",
        "outlook_summary",
        "methods",
        "targets",
        "indicators_without_target",
    }
    assert data["schema_version"] == 2
    assert data["as_of"] == "2026-11-22"
    assert data["summary"] == {"overdue": 9}
    assert set(data["outlook_summary"]["overdue"]) == {"likely_met", "likely_missed", "unknown"}
    target = next(t for t in data["targets"] if t["target_id"] == "5g-base-stations-2025")
    assert set(target) == {
        "target_id", "indicator_id", "indicator", "indicator_zh", "unit", "kind",
        "comparison", "value", "target", "deadline", "deadline_passed", "time_left",
        "baseline", "latest", "judged", "pace_start", "progress", "progress_bound", "gap",
        "gap_bound", "status", "status_code", "status_text", "outlook", "outlook_text", "band",
        "band_text", "awaited", "expected_by", "disputed", "indicative", "pace_notes", "method",
        "cagr_observed", "cagr_required", "ratio", "score", "projected", "projected_linear",
        "pace_observed", "pace_required", "projection_share", "trend_change", "miss_share",
        "reach_date", "time_to_target", "current", "stale", "periods", "warnings", "source",
        "gap_paragraph",
    }  # fmt: skip
    assert target["status"] == target["status_code"] == "overdue"
    assert target["outlook"] in ("likely_met", "likely_missed", None)
    assert (target["awaited"], target["expected_by"]) == ("2025", "2026-03-31")
    assert target["value"] == 270000
    assert target["pace_start"]["derived"] is False  # never the derived 200,000
    assert target["source"]["date"] == "2024-04-10"
    schema_path = Path(__file__).parents[2] / "docs" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    described = {"$ref": "#/$defs/target", "$defs": schema["$defs"]}
    for each in data["targets"]:
        Draft202012Validator(described).validate(each)


def test_as_of_before_the_deadline_judges_an_open_target(runner: CliRunner) -> None:
    """--as-of before the deadline judges the target as it stood then: from 12 cities (2022)
    to 15 (June 2024, two sources), on pace for the 16 by end-2024."""
    code, out, _ = run(runner, "status", "gigabit-cities-2024", "--json", "--as-of", "2024-06-30")
    assert code == 0
    (target,) = json.loads(out)["targets"]
    assert target["deadline_passed"] is False
    assert target["status"] == "on_track"
    assert target["outlook"] is None  # an outlook is only for a target awaiting its figure
    assert (target["latest"]["value"], target["latest"]["sources"]) == (15, 2)
    assert (target["pace_start"]["period"], target["pace_start"]["derived"]) == ("2022", False)
    assert target["gap"] == 1


def test_bad_as_of_is_a_usage_error(runner: CliRunner) -> None:
    """An impossible --as-of date is refused with exit 2."""
    code, _, err = run(runner, "status", "--as-of", "2025-13-01")
    assert code == 2
    assert "--as-of" in err


def test_narrow_status_still_shows_the_gap(runner: CliRunner, workspace: Path) -> None:
    """At 100 columns the gap moves under the declared target instead of disappearing."""
    result = runner.invoke(app, ["status", "--dir", str(workspace)], env={"COLUMNS": "100"})
    assert "gap: 46,000 base stations" in result.stdout
