"""The check command: silent when valid, every problem listed otherwise."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from .conftest import run


def test_check_is_silent_when_valid(runner: CliRunner, workspace: Path) -> None:
    """check prints nothing and exits 0 on a valid workspace."""
    code, out, err = run(runner, "check", "--dir", str(workspace))
    assert (code, out, err) == (0, "", "")


def test_check_lists_every_problem(runner: CliRunner, workspace: Path) -> None:
    """check lists every problem with file, line and field, and exits 1."""
    ledger = workspace / "readings.toml"
    ledger.write_text(
        ledger.read_text(encoding="utf-8")
        + "\n[[reading]]\nindicator = 'iot-terminals'\nvalue = 'N/A'\ndate = 2024\nsource = 's'\n"
        + "\n[[reading]]\nindicator = 'iot-terminals'\nvalue = 1\ndate = \"2025-02-30\"\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "check", "--dir", str(workspace))
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{ledger}:") for line in lines)
    assert "reading[15].value: 'N/A' is not a number" in lines[0]
    assert "reading[16].date: 2025-02-30 does not exist: February 2025 has 28 days" in lines[1]
    assert "reading[16].source: required key 'source' is missing" in lines[2]
