"""The gap command: one briefing paragraph per target."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_workspace

from .conftest import run


def test_gap_for_one_target(runner: CliRunner, workspace: Path) -> None:
    """gap for one target prints a heading and its paragraph."""
    code, out, err = run(runner, "gap", "5g-base-stations-2025", "--dir", str(workspace))
    assert code == 0, err
    assert out.startswith(f"Gap report as of 2026-11-22 · {workspace}\n")
    # Heading: the target's status and outlook; the 2025 figure was due by 2026-03-31.
    assert "\n5g-base-stations-2025  overdue · likely met\n" in out
    code, document, err = run(
        runner, "gap", "5g-base-stations-2025", "--json", "--dir", str(workspace)
    )
    assert code == 0, err
    gap = json.loads(document)["targets"][0]["gap"]
    assert f"{gap:,} base stations remain" in out
    assert "The end-2025 figure was expected by 31 March 2026 and has not been recorded" in out
    assert "smart-communities-2025" not in out


def test_gap_json_has_a_paragraph_per_target(runner: CliRunner, workspace: Path) -> None:
    """gap --json is the status document, each target with its paragraph."""
    code, out, _ = run(runner, "gap", "--json", "--dir", str(workspace))
    assert code == 0
    data = json.loads(out)
    assert data["command"] == "gap"
    shipped = load_workspace(locate_workspace(workspace, None, workspace))
    target_ids = [t.id for indicator in shipped.indicators for t in indicator.targets]
    assert sorted(t["target_id"] for t in data["targets"]) == sorted(target_ids)
    assert all(t["gap_paragraph"] for t in data["targets"])
