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


def test_a_taken_output_is_refused_before_the_workspace_is_read(
    runner: CliRunner, workspace: Path, tmp_path: Path
) -> None:
    """An existing -o file is refused at once, before the report is computed: a broken
    workspace is not even read, the file is left as it was, and --force goes on to read
    the workspace (and so to its error). An -o file for a directory's format likewise."""
    (workspace / "targets.toml").write_text("broken = [", encoding="utf-8")
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"kept")
    code, _, err = run(runner, "export", "-o", str(target), "--dir", str(workspace))
    assert code == 2
    assert "already exists" in err
    assert "targets.toml" not in err
    assert target.read_bytes() == b"kept"
    code, _, err = run(runner, "export", "-o", str(target), "--force", "--dir", str(workspace))
    assert code != 0
    assert "targets.toml" in err
    assert target.read_bytes() == b"kept"
    code, _, err = run(
        runner, "export", "--format", "open-sdg", "-o", str(target), "--dir", str(workspace)
    )
    assert code == 2
    assert "is a file; this format writes a directory" in err


def test_binary_format_needs_an_output(runner: CliRunner, workspace: Path) -> None:
    """xlsx without -o is a usage error with a hint."""
    code, out, err = run(runner, "export", "--format", "xlsx", "--dir", str(workspace))
    assert code == 2
    assert out == ""
    assert "the xlsx format needs -o PATH" in err
