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


# A small workspace whose own region is Shandong: a province target and Jinan's own for
# 5G base stations, a count-of-regions target for gigabit cities, a derived indicator.
REGIONAL_TARGETS = """schema = 1
title = "Regional test workspace"
region = "shandong"

[[indicator]]
id = "stations"
name = "5G base stations"
name_zh = "5G基站"
unit = "base stations"
unit_zh = "个"
kind = "stock"

[[indicator.target]]
id = "stations-2025"
comparison = "at_least"
value = 300000
deadline = 2025
source = { document = "Plan", publisher = "Province", date = 2024-01-10, quote = "300,000." }

[[indicator.target]]
id = "jinan-stations-2025"
region = "jinan"
comparison = "at_least"
value = 60000
deadline = 2025
source = { document = "Report", publisher = "Jinan", date = 2025-01-13, quote = "60,000." }

[[indicator]]
id = "gigabit"
name = "Gigabit cities"
name_zh = "千兆城市"
unit = "cities"
unit_zh = "个"
kind = "stock"
limit = 16

[[indicator.target]]
id = "gigabit-2024"
comparison = "at_least"
value = 16
deadline = 2024
each = { comparison = "at_least", value = 1, label = "meet the standard", label_zh = "达标" }
source = { document = "Briefing", publisher = "SCIO", date = 2024-04-10, quote = "All 16." }

[[indicator]]
id = "people"
name = "Resident population"
unit = "people"
kind = "stock"
better = "neither"

[[indicator]]
id = "per-10k"
name = "5G base stations per 10,000 people"
unit = "base stations per 10,000 people"
kind = "stock"
formula = { kind = "ratio", numerator = "stations", denominator = "people", per = 10000 }
"""


@pytest.fixture
def regional(tmp_path: Path) -> Path:
    """An empty ledger beside REGIONAL_TARGETS."""
    directory = tmp_path / "regional"
    directory.mkdir()
    (directory / "targets.toml").write_text(REGIONAL_TARGETS, encoding="utf-8")
    return directory


def ledger_readings(directory: Path) -> list[dict[str, object]]:
    text = (directory / "readings.toml").read_text(encoding="utf-8")
    readings: list[dict[str, object]] = tomllib.loads(text).get("reading", [])
    return readings


@pytest.mark.parametrize("typed", ["jinan", "济南", "济南市", "Jinan"])
def test_record_for_a_region_by_id_or_name(runner: CliRunner, regional: Path, typed: str) -> None:
    """--region takes an id or an English or Chinese name; the reading is written with the
    region's id, and the standing shown is that of the targets it bears on: Jinan's own."""
    code, out, err = _record(
        runner, regional, "stations", "3.1万", "--date", "2024", "--region", typed,
        "--source", "Jinan bulletin",
    )  # fmt: skip
    assert code == 0, err
    assert "stations = 31,000 base stations for Jinan, 2024" in out
    assert "jinan-stations-2025:" in out
    assert "stations-2025:" not in out.replace("jinan-stations-2025:", "")
    (written,) = ledger_readings(regional)
    assert written["region"] == "jinan"


def test_record_for_the_own_region_writes_no_region(runner: CliRunner, regional: Path) -> None:
    code, out, err = _record(
        runner, regional, "stations", "20万", "--date", "2024", "--region", "山东省",
        "--source", "Provincial bulletin",
    )  # fmt: skip
    assert code == 0, err
    assert "stations = 200,000 base stations for 2024\n" in out
    assert "  stations-2025:" in out
    assert "jinan-stations-2025" not in out
    assert "region" not in ledger_readings(regional)[0]


def test_a_citys_reading_counts_towards_a_count_of_regions_target(
    runner: CliRunner, regional: Path
) -> None:
    """A city's reading of a count-of-regions indicator shows that target's standing; its
    --json names the region."""
    code, out, err = _record(
        runner, regional, "gigabit", "1", "--date", "2021", "--region", "青岛",
        "--source", "MIIT list", "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["reading"]["region"] == "qingdao"
    assert [t["target_id"] for t in data["targets"]] == ["gigabit-2024"]


def test_readings_of_different_regions_neither_conflict_nor_duplicate(
    runner: CliRunner, regional: Path
) -> None:
    """The same value, source and year for two cities is two readings, neither a duplicate
    of the other, and the province's different figure conflicts with neither."""
    args = ["stations", "3.1万", "--date", "2024", "--source", "City bulletins"]
    assert _record(runner, regional, *args, "--region", "jinan")[0] == 0
    code, out, err = _record(runner, regional, *args, "--region", "qingdao")
    assert code == 0, err
    assert "warning" not in out
    code, out, err = _record(runner, regional, "stations", "20万", "--date", "2024",
                             "--source", "Provincial bulletin")  # fmt: skip
    assert code == 0, err
    assert "warning" not in out
    code, _, err = _record(runner, regional, *args, "--region", "Qingdao")
    assert code == 2
    assert "already recorded" in err
    code, out, _ = _record(runner, regional, "stations", "3.5万", "--date", "2024",
                           "--source", "Other", "--region", "qingdao")  # fmt: skip
    assert "warning: conflicts with reading" in out
    assert [r.get("region") for r in ledger_readings(regional)] == [
        "jinan", "qingdao", None, "qingdao"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["stations", "1", "--region", "Atlantis"], "--region: unknown region 'Atlantis'"),
        (["per-10k", "22"], "INDICATOR: 'per-10k' is computed by sdtrack (stations ÷ people)"),
        (["per-10k", "22", "--region", "jinan"], "and cannot be recorded; record its inputs"),
    ],
)
def test_an_unknown_region_or_a_derived_indicator_is_refused_and_nothing_written(
    runner: CliRunner, regional: Path, args: list[str], fragment: str
) -> None:
    before = tree_hashes(regional)
    code, out, err = _record(runner, regional, *args, "--date", "2024", "--source", "S")
    assert code == 2
    assert fragment in err
    assert out == ""
    assert tree_hashes(regional) == before


def test_record_for_a_region_in_chinese(runner: CliRunner, regional: Path) -> None:
    code, out, err = _record(
        runner, regional, "stations", "3.1万", "--date", "2024", "--region", "jinan",
        "--source", "济南市通信管理办公室", "--lang", "zh",
    )  # fmt: skip
    assert code == 0, err
    assert "stations（济南市，2024年）= 3.1万个" in out
    assert " for " not in out
