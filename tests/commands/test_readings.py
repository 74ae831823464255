"""The readings command: every reading with its id and state, or one reading's history."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from .conftest import run

LATEST_5G = "cited-5g-base-stations-2024-06"
# The shipped ledger's 5G base-station readings: 2019 to 2024, two of them for 2024-06.
FIVE_G_READINGS = 11


def test_readings_of_an_indicator(runner: CliRunner, workspace: Path) -> None:
    """An indicator's readings are listed with their ids and counted by state."""
    code, out, err = run(runner, "readings", "5g-base-stations", "--dir", str(workspace))
    assert code == 0, err
    n = FIVE_G_READINGS
    assert out.startswith(f"{n} reading(s), {n} current, 0 replaced\n")
    assert LATEST_5G in out


def test_a_corrected_reading_shows_its_history(runner: CliRunner, workspace: Path) -> None:
    """After a correction, the old reading's history shows it superseded; --current hides it."""
    assert run(runner, "correct", LATEST_5G, "23万", "--dir", str(workspace))[0] == 0
    code, out, _ = run(runner, "readings", LATEST_5G, "--dir", str(workspace))
    assert code == 0
    assert out.startswith("2 reading(s), 1 current, 1 replaced\n")
    assert "superseded by" in out
    code, out, _ = run(runner, "readings", LATEST_5G, "--json", "--dir", str(workspace))
    old, new = json.loads(out)["readings"]
    assert old["id"] == LATEST_5G
    assert old["superseded_by"] == new["id"]
    assert new["corrects"] == LATEST_5G
    code, out, _ = run(
        runner, "readings", "5g-base-stations", "--current", "--json", "--dir", str(workspace)
    )
    ids = [r["id"] for r in json.loads(out)["readings"]]
    assert LATEST_5G not in ids
    assert len(ids) == FIVE_G_READINGS  # the correction replaced one: the count is unchanged
