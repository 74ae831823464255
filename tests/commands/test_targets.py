"""The targets command: every indicator and target, as text and JSON."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from .conftest import run


def test_targets_lists_every_target(runner: CliRunner) -> None:
    """targets lists indicators and their targets with sources."""
    code, out, _ = run(runner, "targets")
    assert code == 0
    for target_id in ("smart-communities-2025", "leading-projects-yearly", "gigabit-cities-2024"):
        assert target_id in out
    code, out, _ = run(runner, "targets", "--json")
    ids = [i["id"] for i in json.loads(out)["indicators"]]
    assert "iot-terminals" in ids
