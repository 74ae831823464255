"""The correct command: a correcting reading appended; the old one kept, superseded."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from .conftest import run, tree_hashes
from .test_record import ledger_readings, regional

__all__ = ["regional"]  # the fixture, shared with test_record

LATEST_5G = "cited-5g-base-stations-2024-06"


def test_correct_appends_a_superseding_reading(runner: CliRunner, workspace: Path) -> None:
    """correct records the new value for the old reading's date, naming both values."""
    ledger = workspace / "readings.toml"
    before = ledger.read_text(encoding="utf-8")
    code, out, err = run(
        runner, "correct", LATEST_5G, "23万", "--note", "revised", "--dir", str(workspace)
    )
    assert code == 0, err
    assert f"correcting {LATEST_5G}" in out
    assert "= 230,000 base stations (was 224,000 base stations)" in out
    after = ledger.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert f'corrects = "{LATEST_5G}"' in after[len(before) :]


def test_correct_json(runner: CliRunner, workspace: Path) -> None:
    """--json gives the correcting reading and the reading it corrects."""
    code, out, _ = run(runner, "correct", LATEST_5G, "230000", "--json", "--dir", str(workspace))
    assert code == 0
    data = json.loads(out)
    assert data["command"] == "correct"
    assert data["corrects"]["id"] == LATEST_5G
    assert data["reading"]["value"] == 230000


def test_correcting_an_unknown_reading_changes_nothing(runner: CliRunner, workspace: Path) -> None:
    """An unknown reading id is a usage error and the workspace is untouched."""
    before = tree_hashes(workspace)
    code, _, err = run(runner, "correct", "r-nope", "5", "--dir", str(workspace))
    assert code == 2
    assert "no reading has the id 'r-nope'" in err
    assert tree_hashes(workspace) == before


def _regional_reading(runner: CliRunner, regional: Path, *region: str) -> str:
    code, out, err = run(
        runner, "record", "stations", "3.1万", "--date", "2024", *region,
        "--source", "City bulletin", "--dir", str(regional), "--json",
    )  # fmt: skip
    assert code == 0, err
    reading_id: str = json.loads(out)["reading"]["id"]
    return reading_id


def test_a_correction_keeps_the_readings_region(runner: CliRunner, regional: Path) -> None:
    old = _regional_reading(runner, regional, "--region", "jinan")
    code, out, err = run(runner, "correct", old, "3.3万", "--dir", str(regional))
    assert code == 0, err
    assert "stations for Jinan, 2024 = 33,000 base stations (was 31,000 base stations)" in out
    assert "region:" not in out
    assert ledger_readings(regional)[-1]["region"] == "jinan"


def test_a_correction_moves_the_reading_to_the_region_given(
    runner: CliRunner, regional: Path
) -> None:
    """--region names the region the correct value is for (by id or name); the province's
    own region is a reading without one."""
    old = _regional_reading(runner, regional, "--region", "jinan")
    code, out, err = run(
        runner, "correct", old, "3.2万", "--region", "青岛", "--note", "Qingdao's figure",
        "--dir", str(regional),
    )  # fmt: skip
    assert code == 0, err
    assert "stations for Qingdao, 2024 = 32,000 base stations" in out
    assert "region: was Jinan, now Qingdao" in out
    assert ledger_readings(regional)[-1]["region"] == "qingdao"
    newer = ledger_readings(regional)[-1]["id"]
    code, out, err = run(
        runner, "correct", str(newer), "20万", "--region", "shandong", "--dir", str(regional),
        "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["reading"]["region"] is None
    assert "region" not in ledger_readings(regional)[-1]


def test_a_correction_of_the_region_alone_is_a_correction(
    runner: CliRunner, regional: Path
) -> None:
    """The right value filed under the wrong city: the same value, source and note with
    another region corrects it; the same region again is refused as saying nothing new."""
    old = _regional_reading(runner, regional, "--region", "jinan")
    code, out, err = run(
        runner, "correct", old, "3.1万", "--region", "qingdao", "--dir", str(regional)
    )
    assert code == 0, err
    assert "region: was Jinan, now Qingdao" in out
    newer = ledger_readings(regional)[-1]
    assert (newer["region"], newer["corrects"]) == ("qingdao", old)
    before = tree_hashes(regional)
    code, _, err = run(
        runner, "correct", newer["id"], "3.1万", "--region", "qingdao", "--dir", str(regional)
    )
    assert code == 2
    assert "same value, source, note and region" in err
    assert tree_hashes(regional) == before


def test_a_correction_to_an_unknown_region_changes_nothing(
    runner: CliRunner, regional: Path
) -> None:
    old = _regional_reading(runner, regional)
    before = tree_hashes(regional)
    code, _, err = run(runner, "correct", old, "5", "--region", "Atlantis", "--dir", str(regional))
    assert code == 2
    assert "--region: unknown region 'Atlantis'" in err
    assert tree_hashes(regional) == before


def test_a_ledger_holding_a_derived_indicators_reading_is_refused(
    runner: CliRunner, regional: Path
) -> None:
    """A derived indicator is never recorded: a reading of one in the ledger (written by
    hand) stops `correct` before anything is written, naming the indicator's inputs."""
    (regional / "readings.toml").write_text(
        'schema = 1\n\n[[reading]]\nid = "r-by-hand"\nindicator = "per-10k"\nvalue = 22\n'
        'date = "2024"\nsource = "By hand"\n',
        encoding="utf-8",
    )
    before = tree_hashes(regional)
    code, _, err = run(runner, "correct", "r-by-hand", "23", "--dir", str(regional))
    assert code == 1
    assert "'per-10k' is computed by sdtrack (stations ÷ people) and cannot be recorded" in err
    assert tree_hashes(regional) == before
