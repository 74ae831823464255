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


def _record(runner: CliRunner, workspace: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, "record", *args, "--dir", str(workspace))


def test_record_warns_of_a_conflicting_reading(runner: CliRunner, workspace: Path) -> None:
    """300,000 for 2024-06 beside the recorded 224,000 of 2024-06-18: recorded, with a
    warning naming the reading it conflicts with; the 2025 targets stay unachieved."""
    code, out, err = _record(
        runner, workspace, "5g-base-stations", "30万", "--date", "2024-06", "--source", "Paper"
    )
    assert code == 0, err
    assert (
        "warning: conflicts with reading cited-5g-base-stations-2024-06 "
        "(224,000 base stations, 2024-06-18, 大众日报 (Dazhong Daily)"
    ) in out
    assert "the lower figure counts" in out
    assert ": achieved" not in out
    assert "agrees with" not in out


def test_record_json_lists_conflicts_and_agreement(runner: CliRunner, workspace: Path) -> None:
    """--json carries `warnings` (code, id, value, period, source) and the corroboration."""
    args = ["5g-base-stations", "30万", "--date", "2024-06", "--json"]
    code, out, _ = _record(runner, workspace, *args, "--source", "Paper")
    assert code == 0
    first = json.loads(out)
    # The shipped 224,000 of June 2024 has two sources: the new figure conflicts with both.
    daily, bureau = first["warnings"]
    assert {daily["code"], bureau["code"]} == {"conflict"}
    assert daily["reading_id"] == "cited-5g-base-stations-2024-06"
    assert (daily["value"], daily["date"]) == (224000, "2024-06-18")
    assert daily["source"].startswith("大众日报")
    assert (bureau["reading_id"], bureau["date"]) == (
        "cited-5g-base-stations-2024-06-bureau",
        "2024-06",
    )
    assert (first["agrees_with"], first["sources"]) == ([], 1)
    code, out, _ = _record(runner, workspace, *args, "--source", "Second paper")
    second = json.loads(out)
    assert second["agrees_with"] == [first["reading"]["id"]]
    assert second["sources"] == 2
    assert len(second["warnings"]) == 2


def test_record_says_which_reading_it_agrees_with(runner: CliRunner, workspace: Path) -> None:
    """The same value from another source is a corroboration: '(2 sources)', no warning."""
    code, out, err = _record(
        runner, workspace, "5g-base-stations", "22.4万", "--date", "2024-06-18",
        "--source", "Shandong Communications Administration",
    )  # fmt: skip
    assert code == 0, err
    assert (
        "agrees with cited-5g-base-stations-2024-06, cited-5g-base-stations-2024-06-bureau"
        " (3 sources)"
    ) in out
    assert "warning" not in out


def test_record_confirmation_keeps_the_qualifier(runner: CliRunner, workspace: Path) -> None:
    """'over 2 trillion' is confirmed as over 2 trillion, never as '= 2 trillion'."""
    code, out, err = _record(
        runner, workspace, "it-industry-revenue", "超过2万亿元", "--date", "2023",
        "--source", "Bulletin",
    )  # fmt: skip
    assert code == 0, err
    assert "it-industry-revenue = over 2 trillion yuan for 2023" in out
