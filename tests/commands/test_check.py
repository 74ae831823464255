"""The check command: silent when valid, every problem listed otherwise."""

from __future__ import annotations

import json
import tomllib
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
    shipped = ledger.read_text(encoding="utf-8")
    first = len(tomllib.loads(shipped)["reading"])  # the first bad reading's index (from 0)
    ledger.write_text(
        shipped
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
    assert f"reading[{first}].value: 'N/A' is not a number" in lines[0]
    second = f"reading[{first + 1}]"
    assert f"{second}.date: 2025-02-30 does not exist: February 2025 has 28 days" in lines[1]
    assert f"{second}.source: required key 'source' is missing" in lines[2]


def _conflicting(runner: CliRunner, workspace: Path) -> str:
    """Record 300,000 base stations for 2024-06 beside the shipped 224,000 (2024-06-18)."""
    code, out, err = run(
        runner, "record", "5g-base-stations", "30万", "--date", "2024-06",
        "--source", "Paper", "--dir", str(workspace), "--json",
    )  # fmt: skip
    assert code == 0, err
    reading_id: str = json.loads(out)["reading"]["id"]
    return reading_id


def _line_of(ledger: Path, reading_id: str) -> int:
    lines = ledger.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line == f'id = "{reading_id}"')
    return next(n for n in range(at, 0, -1) if lines[n - 1].strip() == "[[reading]]")


def test_check_warns_of_conflicts_and_strict_fails(runner: CliRunner, workspace: Path) -> None:
    """A conflict is a warning with both readings' lines: exit 0, and 1 with --strict."""
    new = _conflicting(runner, workspace)
    ledger = workspace / "readings.toml"
    code, out, err = run(runner, "check", "--dir", str(workspace))
    assert (code, out) == (0, "")
    (line,) = err.strip().splitlines()
    shipped = "cited-5g-base-stations-2024-06"
    assert line.startswith(f"{ledger}:{_line_of(ledger, new)}: warning: 5g-base-stations: ")
    assert f"reading {new} (300,000 base stations, 2024-06, Paper) conflicts with" in line
    assert f"reading {shipped} at line {_line_of(ledger, shipped)} (224,000" in line
    assert run(runner, "check", "--strict", "--dir", str(workspace))[0] == 1


def test_check_json_carries_errors_and_warnings(runner: CliRunner, workspace: Path) -> None:
    """check --json: valid, no errors, each warning with both readings and their lines."""
    code, out, _ = run(runner, "check", "--json", "--dir", str(workspace))
    assert code == 0
    assert json.loads(out)["warnings"] == []
    new = _conflicting(runner, workspace)
    code, out, _ = run(runner, "check", "--json", "--dir", str(workspace))
    data = json.loads(out)
    assert (code, data["command"], data["valid"], data["errors"]) == (0, "check", True, [])
    (warning,) = data["warnings"]
    assert warning["code"] == "conflict"
    assert warning["reading"]["reading_id"] == new
    assert warning["conflicts_with"]["reading_id"] == "cited-5g-base-stations-2024-06"
    assert warning["counted_reading_id"] == "cited-5g-base-stations-2024-06"
    ledger = workspace / "readings.toml"
    assert warning["reading"]["line"] == _line_of(ledger, new)
    assert run(runner, "check", "--json", "--strict", "--dir", str(workspace))[0] == 1


def test_a_retraction_settles_the_conflict(runner: CliRunner, workspace: Path) -> None:
    """Retracting the wrong reading leaves one figure: check is silent again."""
    new = _conflicting(runner, workspace)
    assert run(runner, "retract", new, "--reason", "wrong", "--dir", str(workspace))[0] == 0
    assert run(runner, "check", "--strict", "--dir", str(workspace)) == (0, "", "")


def test_check_json_lists_problems(runner: CliRunner, workspace: Path) -> None:
    """With a broken ledger, --json lists every error, located, and exits 1."""
    ledger = workspace / "readings.toml"
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text + "\n[[reading]]\nindicator = 'iot-terminals'\n", encoding="utf-8")
    code, out, _ = run(runner, "check", "--json", "--dir", str(workspace))
    data = json.loads(out)
    assert (code, data["valid"], data["warnings"]) == (1, False, [])
    assert data["errors"][0]["file"] == str(ledger)
    assert data["errors"][0]["field"].startswith("reading[")
