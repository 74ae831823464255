"""The readings command: every reading with its id and state, or one reading's history."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from .conftest import run
from .test_record import regional

__all__ = ["regional"]  # the fixture, shared with test_record

LATEST_5G = "cited-5g-base-stations-2024-06"


def _count(workspace: Path, item_id: str | None = None) -> int:
    """How many readings the shipped ledger (which the dataset's authors extend) lists."""
    from sdtrack.commands.loading import load

    return len(load(workspace).select_entries(item_id))


def test_readings_of_an_indicator(runner: CliRunner, workspace: Path) -> None:
    """An indicator's readings are listed with their ids and counted by state."""
    code, out, err = run(runner, "readings", "5g-base-stations", "--dir", str(workspace))
    assert code == 0, err
    n = _count(workspace, "5g-base-stations")
    assert out.startswith(f"{n} reading(s), {n} current, 0 replaced\n")
    assert LATEST_5G in out


def test_a_corrected_reading_shows_its_history(runner: CliRunner, workspace: Path) -> None:
    """After a correction, the old reading's history shows it superseded; --current hides it."""
    before = _count(workspace, "5g-base-stations")
    assert run(runner, "correct", LATEST_5G, "23万", "--dir", str(workspace))[0] == 0
    code, out, _ = run(runner, "readings", LATEST_5G, "--dir", str(workspace))
    assert code == 0
    assert out.startswith("2 reading(s), 1 current, 1 replaced\n")
    assert "superseded by" in out
    code, out, _ = run(runner, "readings", LATEST_5G, "--json", "--dir", str(workspace))
    old, new = json.loads(out)["readings"]
    assert old["id"] == LATEST_5G
    assert old["superseded_by"] == new["id"]
    assert new["corrects"] == LATEST_5G
    code, out, _ = run(
        runner, "readings", "5g-base-stations", "--current", "--json", "--dir", str(workspace)
    )
    ids = [r["id"] for r in json.loads(out)["readings"]]
    assert LATEST_5G not in ids
    assert len(ids) == before  # the correction replaced one: the count is unchanged


def test_limit_since_and_newest(runner: CliRunner, workspace: Path) -> None:
    """--newest lists the latest period first, --since keeps later periods, --limit cuts."""
    code, out, err = run(runner, "readings", "--newest", "--json", "--dir", str(workspace))
    assert code == 0, err
    assert json.loads(out)["readings"]
    code, out, _ = run(
        runner, "readings", "--newest", "--limit", "2", "--json", "--dir", str(workspace)
    )
    assert len(json.loads(out)["readings"]) == 2
    code, out, _ = run(
        runner, "readings", "5g-base-stations", "--since", "2024", "--json", "--dir", str(workspace)
    )
    assert code == 0
    kept = json.loads(out)["readings"]
    assert kept
    assert all(str(r["date"]) >= "2024" for r in kept)
    code, out, _ = run(runner, "readings", "--limit", "0", "--dir", str(workspace))
    assert code == 0


def test_bad_limit_and_since_are_usage_errors(runner: CliRunner, workspace: Path) -> None:
    code, _, err = run(runner, "readings", "--limit", "-1", "--dir", str(workspace))
    assert code == 2
    assert "--limit" in err
    code, _, err = run(runner, "readings", "--since", "soon", "--dir", str(workspace))
    assert code == 2
    assert "a day (2024-04-10), a month (2024-06) or a year (2023)" in err


def test_the_selection_orders_ties_latest_recorded_first(workspace: Path) -> None:
    from sdtrack.commands.loading import load
    from sdtrack.commands.readings import selected

    entries = load(workspace).select_entries("5g-base-stations")
    newest = selected(entries, current=False, since=None, newest=True, limit=None)
    keys = [(e.reading.date, e.index) for e in newest]
    assert keys == sorted(keys, reverse=True)


def test_a_long_listing_is_printed_in_tables_of_a_few_hundred_rows(
    runner: CliRunner, workspace: Path, monkeypatch: object
) -> None:
    """Rows come out a table at a time, each with its header, not as one giant table."""
    import pytest

    from sdtrack.present.render import ledger

    tables = -(-_count(workspace) // 5)
    patch = pytest.MonkeyPatch()
    patch.setattr(ledger, "ROWS_AT_ONCE", 5)
    try:
        code, out, _ = run(runner, "readings", "--dir", str(workspace))
    finally:
        patch.undo()
    assert code == 0
    assert out.count(" Id ") == tables  # tables of at most five rows


def _record_cities(runner: CliRunner, regional: Path) -> None:
    for region, value in (("jinan", "3.1万"), ("青岛", "3.3万"), (None, "20万")):
        where = ["--region", region] if region else []
        code, _, err = run(
            runner, "record", "stations", value, "--date", "2024", *where,
            "--source", "Bulletin", "--dir", str(regional),
        )  # fmt: skip
        assert code == 0, err


def test_each_readings_region_is_named_and_filtered_by(runner: CliRunner, regional: Path) -> None:
    """A city's reading has the city's name under its indicator (the own region's none);
    --region, by id or name, keeps one region's readings, the own region's included."""
    _record_cities(runner, regional)
    code, out, err = run(runner, "readings", "--dir", str(regional))
    assert code == 0, err
    assert out.startswith("3 reading(s), 3 current, 0 replaced\n")
    under = [line.split() for line in out.splitlines() if line.startswith("  ")]
    assert [words[0] for words in under if words] == ["Jinan", "Qingdao"]
    code, out, _ = run(runner, "readings", "--region", "青岛市", "--json", "--dir", str(regional))
    assert [(r["region"], r["value"]) for r in json.loads(out)["readings"]] == [("qingdao", 33000)]
    code, out, _ = run(runner, "readings", "--region", "Shandong", "--json", "--dir", str(regional))
    assert [(r["region"], r["value"]) for r in json.loads(out)["readings"]] == [(None, 200000)]
    code, out, err = run(runner, "readings", "--region", "Atlantis", "--dir", str(regional))
    assert code == 2
    assert "--region: unknown region 'Atlantis'" in err


def test_regions_are_named_in_chinese(runner: CliRunner, regional: Path) -> None:
    _record_cities(runner, regional)
    code, out, err = run(runner, "readings", "stations", "--lang", "zh", "--dir", str(regional))
    assert code == 0, err
    assert "济南市" in out
    assert "青岛市" in out
    assert "Jinan" not in out
