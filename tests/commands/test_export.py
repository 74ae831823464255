"""The export command: choosing the format, writing -o or stdout, never overwriting."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from .conftest import run


def test_markdown_to_stdout(runner: CliRunner, workspace: Path) -> None:
    """A text format without -o is written to stdout."""
    code, out, err = run(runner, "export", "--format", "md", "--dir", str(workspace))
    assert code == 0, err
    assert out.startswith("# Shandong digital economy targets: progress report\n")


def test_output_path_names_the_format_and_is_never_overwritten(
    runner: CliRunner, workspace: Path, tmp_path: Path
) -> None:
    """-o report.json writes JSON; a second export there is refused unless --force."""
    target = tmp_path / "report.json"
    code, _, err = run(runner, "export", "-o", str(target), "--dir", str(workspace))
    assert code == 0
    assert f"wrote {target}" in err
    assert json.loads(target.read_text(encoding="utf-8"))["command"] == "export"
    code, _, err = run(runner, "export", "-o", str(target), "--dir", str(workspace))
    assert code == 2
    assert "already exists" in err
    assert run(runner, "export", "-o", str(target), "--force", "--dir", str(workspace))[0] == 0


def test_binary_format_needs_an_output(runner: CliRunner, workspace: Path) -> None:
    """xlsx without -o is a usage error with a hint."""
    code, out, err = run(runner, "export", "--format", "xlsx", "--dir", str(workspace))
    assert code == 2
    assert out == ""
    assert "the xlsx format needs -o PATH" in err
