"""The init command: creating a workspace, never overwriting one."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from .conftest import run, tree_hashes


def test_init_creates_a_workspace_and_refuses_to_overwrite(
    runner: CliRunner, tmp_path: Path
) -> None:
    """init writes the dataset into a new directory and never overwrites it."""
    target = tmp_path / "mine"
    code, out, _ = run(runner, "init", str(target))
    assert code == 0
    assert "created" in out
    assert run(runner, "check", "--dir", str(target))[0] == 0
    before = tree_hashes(target)
    code, _, err = run(runner, "init", str(target))
    assert code == 2
    assert "never overwrites" in err
    assert tree_hashes(target) == before


def test_init_empty_then_status(runner: CliRunner, tmp_path: Path) -> None:
    """An --empty workspace has no targets and says so."""
    assert run(runner, "init", "--empty", str(tmp_path / "e"))[0] == 0
    code, out, _ = run(runner, "status", "--dir", str(tmp_path / "e"))
    assert code == 0
    assert "0 targets" in out
