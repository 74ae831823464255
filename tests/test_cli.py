"""The command line: every command, its output, its errors and its exit codes."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sdtrack import __version__
from sdtrack.commands.app import app

from .conftest import tree_hashes


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


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


def test_status_on_the_embedded_dataset(runner: CliRunner) -> None:
    """With no workspace, status shows the Shandong targets with passed deadlines as such."""
    code, out, err = run(runner, "status")
    assert code == 0, err
    assert "embedded Shandong dataset" in out
    assert "5g-base-stations-2025" in out
    assert "> 270,000 base stations by end-2025" in out
    assert "deadline passed — awaiting data" in out
    assert "on track" not in out
    assert "Digital economy value-added" in out


def test_status_json_contract(runner: CliRunner) -> None:
    """--json prints only JSON: a versioned envelope whose keys are pinned here."""
    code, out, _ = run(runner, "status", "--json", "--as-of", "2026-11-22")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "schema_version",
        "sdtrack_version",
        "command",
        "as_of",
        "workspace",
        "summary",
        "methods",
        "targets",
        "indicators_without_target",
    }
    assert data["schema_version"] == 1
    assert data["as_of"] == "2026-11-22"
    target = next(t for t in data["targets"] if t["target_id"] == "5g-base-stations-2025")
    assert set(target) == {
        "target_id", "indicator_id", "indicator", "indicator_zh", "unit", "kind",
        "comparison", "value", "target", "deadline", "deadline_passed", "time_left",
        "baseline", "latest", "judged", "progress", "gap", "status", "band", "method",
        "cagr_observed", "cagr_required", "ratio", "score", "projected", "projected_linear",
        "pace_observed", "pace_required", "projection_share", "trend_change", "miss_share",
        "reach_date", "time_to_target", "current", "stale", "periods", "warnings", "source",
        "gap_paragraph",
    }  # fmt: skip
    assert target["status"] == "deadline passed — awaiting data"
    assert target["value"] == 270000
    assert target["baseline"]["derived"] is True
    assert target["source"]["date"] == "2024-04-10"


def test_as_of_before_the_deadline_judges_an_open_target(runner: CliRunner) -> None:
    """--as-of a day before the deadline judges the target as it stood then (one reading)."""
    code, out, _ = run(runner, "status", "gigabit-cities-2024", "--json", "--as-of", "2024-06-30")
    assert code == 0
    (target,) = json.loads(out)["targets"]
    assert target["status"] == "not assessable"
    assert target["latest"]["value"] == 15
    assert target["deadline_passed"] is False


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


def test_targets_lists_every_target(runner: CliRunner) -> None:
    """targets lists indicators and their targets with sources."""
    code, out, _ = run(runner, "targets")
    assert code == 0
    for target_id in ("smart-communities-2025", "leading-projects-yearly", "gigabit-cities-2024"):
        assert target_id in out
    code, out, _ = run(runner, "targets", "--json")
    ids = [i["id"] for i in json.loads(out)["indicators"]]
    assert "iot-terminals" in ids


def test_show_indicator_with_quote_readings_and_standing(runner: CliRunner) -> None:
    """show prints the definition, source quote, readings with sources and the standing."""
    code, out, _ = run(runner, "show", "5g-base-stations")
    assert code == 0
    assert "5G基站" in out
    assert "bringing the total number to over 270,000" in out
    assert "Readings (5)" in out
    assert "derived" in out
    assert "Standing: deadline passed — awaiting data" in out


def test_show_target_and_unknown_id(runner: CliRunner) -> None:
    """show accepts a target id; an unknown id is a usage error listing the indicators."""
    code, out, _ = run(runner, "show", "it-industry-revenue-growth", "--json")
    assert code == 0
    assert [t["target_id"] for t in json.loads(out)["targets"]] == ["it-industry-revenue-growth"]
    code, _, err = run(runner, "show", "nothing-here")
    assert code == 2
    assert "hint: indicators: smart-communities" in err


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


def test_workspace_found_from_environment(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$SDTRACK_DIR selects the workspace when --dir is not given."""
    monkeypatch.setenv("SDTRACK_DIR", str(workspace))
    code, out, _ = run(runner, "status")
    assert code == 0
    assert str(workspace) in out


def test_bad_as_of_is_a_usage_error(runner: CliRunner) -> None:
    """An impossible --as-of date is refused with exit 2."""
    code, _, err = run(runner, "status", "--as-of", "2025-13-01")
    assert code == 2
    assert "--as-of" in err


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    """An unknown option exits 2, as every usage error does."""
    assert run(runner, "status", "--colour")[0] == 2


def test_narrow_status_still_shows_the_gap(runner: CliRunner, workspace: Path) -> None:
    """At 100 columns the gap moves under the declared target instead of disappearing."""
    result = runner.invoke(app, ["status", "--dir", str(workspace)], env={"COLUMNS": "100"})
    assert "gap: 46,000 base stations" in result.stdout
