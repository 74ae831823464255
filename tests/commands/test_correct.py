"""The correct command: a correcting reading appended; the old one kept, superseded."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from .conftest import run, tree_hashes

LATEST_5G = "cited-5g-base-stations-2024-06"


def test_correct_appends_a_superseding_reading(runner: CliRunner, workspace: Path) -> None:
    """correct records the new value for the old reading's date, naming both values."""
    ledger = workspace / "readings.toml"
    before = ledger.read_text(encoding="utf-8")
    code, out, err = run(
        runner, "correct", LATEST_5G, "23万", "--note", "revised", "--dir", str(workspace)
    )
    assert code == 0, err
    assert f"correcting {LATEST_5G}" in out
    assert "= 230,000 base stations (was 224,000 base stations)" in out
    after = ledger.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert f'corrects = "{LATEST_5G}"' in after[len(before) :]


def test_correct_json(runner: CliRunner, workspace: Path) -> None:
    """--json gives the correcting reading and the reading it corrects."""
    code, out, _ = run(runner, "correct", LATEST_5G, "230000", "--json", "--dir", str(workspace))
    assert code == 0
    data = json.loads(out)
    assert data["command"] == "correct"
    assert data["corrects"]["id"] == LATEST_5G
    assert data["reading"]["value"] == 230000


def test_correcting_an_unknown_reading_changes_nothing(runner: CliRunner, workspace: Path) -> None:
    """An unknown reading id is a usage error and the workspace is untouched."""
    before = tree_hashes(workspace)
    code, _, err = run(runner, "correct", "r-nope", "5", "--dir", str(workspace))
    assert code == 2
    assert "no reading has the id 'r-nope'" in err
    assert tree_hashes(workspace) == before
