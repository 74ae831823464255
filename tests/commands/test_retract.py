"""The retract command: a retraction appended; the reading no longer counts."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from .conftest import run, tree_hashes

LATEST_5G = "cited-5g-base-stations-2024-06"


def test_retract_withdraws_a_reading(runner: CliRunner, workspace: Path) -> None:
    """After retract, the reading is listed as retracted with its reason."""
    code, out, err = run(
        runner, "retract", LATEST_5G, "--reason", "wrong indicator", "--dir", str(workspace)
    )
    assert code == 0, err
    assert f"Retracted {LATEST_5G}: wrong indicator" in out
    code, out, _ = run(runner, "readings", "5g-base-stations", "--json", "--dir", str(workspace))
    entry = next(r for r in json.loads(out)["readings"] if r["id"] == LATEST_5G)
    assert entry["current"] is False
    assert entry["retraction"]["reason"] == "wrong indicator"


def test_retract_json_and_unknown_id(runner: CliRunner, workspace: Path) -> None:
    """--json names the retracted reading; an unknown id is refused and nothing changes."""
    code, out, _ = run(
        runner, "retract", LATEST_5G, "--reason", "typo", "--json", "--dir", str(workspace)
    )
    assert code == 0
    data = json.loads(out)
    assert (data["command"], data["retracted"]["id"], data["reason"]) == (
        "retract",
        LATEST_5G,
        "typo",
    )
    before = tree_hashes(workspace)
    code, _, err = run(runner, "retract", "r-nope", "--reason", "x", "--dir", str(workspace))
    assert code == 2
    assert "error: READING-ID: no reading has the id 'r-nope'" in err
    assert tree_hashes(workspace) == before
