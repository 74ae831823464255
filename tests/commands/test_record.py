"""The record command: appending a reading, its standing, and clean refusals."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import run, tree_hashes


def test_record_appends_and_reports_standing(runner: CliRunner, workspace: Path) -> None:
    """record validates, appends one reading, and shows the target's standing after it."""
    code, out, err = run(
        runner, "record", "5g-base-stations", "28.1万", "--date", "2025",
        "--source", "Provincial bulletin", "--dir", str(workspace),
    )  # fmt: skip
    assert code == 0, err
    assert "281,000 base stations" in out
    assert "5g-base-stations-2025: achieved" in out
    ledger = tomllib.loads((workspace / "readings.toml").read_text(encoding="utf-8"))
    last = ledger["reading"][-1]
    assert last["value"] == 281000
    assert last["date"] == "2025"
    assert last["recorded"].isoformat() == "2026-11-22T12:00:00+00:00"


def test_record_json(runner: CliRunner, workspace: Path) -> None:
    """record --json returns the reading and the standing of the indicator's targets."""
    code, out, _ = run(
        runner, "record", "it-industry-revenue", "2.1万亿元", "--date", "2024",
        "--source", "Bulletin", "--dir", str(workspace), "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["command"] == "record"
    assert data["reading"]["value"] == 2_100_000_000_000
    assert [t["target_id"] for t in data["targets"]] == [
        "it-industry-revenue-2025",
        "it-industry-revenue-growth",
    ]


def test_record_refuses_an_exact_duplicate(runner: CliRunner, workspace: Path) -> None:
    """The same reading twice is refused unless --allow-duplicate is given."""
    args = ["record", "iot-terminals", "2.3亿", "--date", "2024", "--source", "S"]
    args += ["--dir", str(workspace)]
    assert run(runner, *args)[0] == 0
    code, _, err = run(runner, *args)
    assert code == 2
    assert "already recorded" in err
    assert run(runner, *args, "--allow-duplicate")[0] == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["nope", "5", "--date", "2024"], "no indicator or target has the id 'nope'"),
        (["5g-base-stations-2025", "5", "--date", "2024"], "is a target"),
        (["5g-base-stations", "lots", "--date", "2024"], "VALUE: 'lots' is not a number"),
        (["5g-base-stations", "4.3万亿元", "--date", "2024"], "is an amount of money"),
        (["5g-base-stations", "2.4万万", "--date", "2024"], "ambiguous magnitude"),
        (["5g-base-stations", "5", "--date", "2025-02-30"], "February 2025 has 28 days"),
        (["5g-base-stations", "5", "--date", "2027"], "has not ended yet"),
        (["digital-economy-gdp-share", "4.3万亿", "--date", "2024"], "mixes a percentage"),
    ],
)
def test_record_errors_are_one_clean_message_and_change_nothing(
    runner: CliRunner, workspace: Path, args: list[str], fragment: str
) -> None:
    """Bad arguments: a message naming the field, exit 2, no traceback, no file changed."""
    before = tree_hashes(workspace)
    code, out, err = run(runner, "record", *args, "--source", "S", "--dir", str(workspace))
    assert code == 2
    assert fragment in err
    assert err.startswith("error: ")
    assert "Traceback" not in err
    assert out == ""
    assert tree_hashes(workspace) == before


def test_record_into_the_embedded_dataset_explains_init(runner: CliRunner) -> None:
    """Writing to the read-only embedded dataset explains how to start a workspace."""
    code, _, err = run(runner, "record", "5g-base-stations", "5", "--date", "2024", "--source", "S")
    assert code == 2
    assert "read-only" in err
    assert "sdtrack init" in err
