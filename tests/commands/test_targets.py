"""The targets command: every indicator and target, as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ..present.test_regional import write_regional
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


@pytest.fixture
def regions(tmp_path: Path) -> Path:
    return write_regional(tmp_path / "regions")


def test_targets_name_their_plans(runner: CliRunner, regions: Path) -> None:
    """The plans first, then each target with its plan; `--plan` keeps that plan's."""
    code, out, _ = run(runner, "targets", "--dir", str(regions))
    assert code == 0
    assert out.startswith("Plans:\n  plan-a  The first plan — Provincial office, 29 November")
    assert "plan: plan-b" in out
    code, out, _ = run(runner, "targets", "--dir", str(regions), "--plan", "plan-a")
    assert code == 0
    assert "stations-2025-first" in out
    assert "gigabit-2024" not in out
    code, out, _ = run(runner, "targets", "--dir", str(regions), "--plan", "plan-a", "--json")
    document = json.loads(out)
    assert [i["id"] for i in document["indicators"]] == ["stations"]
    assert [p["id"] for p in document["plans"]] == ["plan-a"]


def test_an_unknown_plan_is_a_usage_error(runner: CliRunner, regions: Path) -> None:
    code, out, err = run(runner, "targets", "--dir", str(regions), "--plan", "plan-z")
    assert (code, out) == (2, "")
    assert "no plan has the id 'plan-z'; plans: plan-a, plan-b" in err
