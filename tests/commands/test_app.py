"""The command line as a whole: version, help, workspace discovery and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sdtrack import __version__

from .conftest import run, tree_hashes


def test_version(runner: CliRunner) -> None:
    """--version prints the version."""
    code, out, _ = run(runner, "--version")
    assert code == 0
    assert out.strip() == f"sdtrack {__version__}"


@pytest.mark.parametrize("command", ["status", "record", "targets", "show", "check", "init"])
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    """Each command's --help explains it and shows an example."""
    code, out, _ = run(runner, command, "--help")
    assert code == 0
    assert "Examples" in out
    assert f"sdtrack {command}" in out


def test_broken_workspace_is_a_data_error(runner: CliRunner, workspace: Path) -> None:
    """A malformed targets file gives exit 1 and names the file and line."""
    targets = workspace / "targets.toml"
    targets.write_text(targets.read_text(encoding="utf-8") + "\n[[indicator]\n", encoding="utf-8")
    before = tree_hashes(workspace)
    code, _, err = run(runner, "status", "--dir", str(workspace))
    assert code == 1
    assert f"{targets}:" in err
    assert "TOML syntax error" in err
    assert tree_hashes(workspace) == before


def test_workspace_found_from_environment(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$SDTRACK_DIR selects the workspace when --dir is not given."""
    monkeypatch.setenv("SDTRACK_DIR", str(workspace))
    code, out, _ = run(runner, "status")
    assert code == 0
    assert str(workspace) in out


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    """An unknown option exits 2, as every usage error does."""
    assert run(runner, "status", "--colour")[0] == 2
