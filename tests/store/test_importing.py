"""Importing sheets into a ledger: all or nothing, once, and never half a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.core.errors import DataError
from sdtrack.core.import_plan import ImportSummary
from sdtrack.core.importing import Defaults
from sdtrack.store.importing import import_sheets, read_sheets
from sdtrack.store.locations import locate_workspace
from sdtrack.store.sheets import read_sheet
from sdtrack.store.validation import check_workspace
from sdtrack.store.workspace import init_workspace, load_targets, load_workspace

from ..conftest import NOW

TABLE = """indicator,value,date,source
5g-base-stations,10.1万,2021,Bulletin A
5g-base-stations,16.2万,2022,Bulletin A
gigabit-cities,12,2022,Bulletin B
"""


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    directory = tmp_path / "ws"
    init_workspace(directory, empty=False, readings=False)
    return directory


def _import(workspace: Path, text: str, *, dry_run: bool = False) -> ImportSummary:
    sheet_path = workspace.parent / "sheet.csv"
    sheet_path.write_text(text, encoding="utf-8")
    where = locate_workspace(workspace, None, workspace)
    sheets = [read_sheet(sheet_path, sheet_path)]
    return import_sheets(where, load_targets(where), sheets, Defaults(), NOW, dry_run=dry_run)


def _readings(workspace: Path) -> list[str]:
    where = locate_workspace(workspace, None, workspace)
    assert check_workspace(where) == []
    return [
        f"{e.reading.indicator}={e.reading.value}" for e in load_workspace(where).ledger.entries
    ]


def test_a_sheet_is_appended_in_one_batch_and_a_second_import_adds_nothing(fresh: Path) -> None:
    first = _import(fresh, TABLE)
    assert len(first.plan.recorded) == 3
    assert _readings(fresh) == [
        "5g-base-stations=101000",
        "5g-base-stations=162000",
        "gigabit-cities=12",
    ]
    text = (fresh / "readings.toml").read_text(encoding="utf-8")
    assert text.count("batch_size = 3") == 3
    again = _import(fresh, TABLE)
    assert len(again.plan.recorded) == 0
    assert len(again.plan.already) == 3
    assert (fresh / "readings.toml").read_text(encoding="utf-8") == text


def test_one_bad_row_and_nothing_is_written(fresh: Path) -> None:
    before = (fresh / "readings.toml").read_bytes()
    with pytest.raises(DataError) as error:
        _import(fresh, TABLE + "gigabit-cities,many,2023,B\nnot-an-indicator,1,2023,B\n")
    assert [(p.line, p.column) for p in error.value.problems] == [(5, "2"), (6, "1")]
    assert (fresh / "readings.toml").read_bytes() == before


def test_a_dry_run_plans_and_writes_nothing(fresh: Path) -> None:
    before = (fresh / "readings.toml").read_bytes()
    summary = _import(fresh, TABLE, dry_run=True)
    assert len(summary.plan.recorded) == 3
    assert summary.dry_run
    assert (fresh / "readings.toml").read_bytes() == before


def test_a_batch_cut_off_at_any_byte_is_never_read_as_whole(fresh: Path) -> None:
    """What a SIGKILL during the one write can leave: the ledger before it and any prefix
    of the batch. Every prefix but the empty one and the whole is refused by `check`."""
    before = (fresh / "readings.toml").read_bytes()
    _import(fresh, TABLE)
    after = (fresh / "readings.toml").read_bytes()
    where = locate_workspace(fresh, None, fresh)
    accepted = []
    for cut in range(len(before), len(after) + 1):
        (fresh / "readings.toml").write_bytes(after[:cut])
        problems = check_workspace(where)
        if not problems:
            accepted.append(cut)
            assert len(load_workspace(where).ledger.entries) in (0, 3), cut
    # Only the ledger before the batch (or with its last newline missing) and the whole one.
    assert all(cut <= len(before) + 1 or cut >= len(after) - 1 for cut in accepted), accepted
    assert len(after) in accepted


def test_conflicts_are_reported_and_the_rows_still_recorded(fresh: Path) -> None:
    _import(fresh, TABLE)
    summary = _import(fresh, "indicator,value,date,source\ngigabit-cities,13,2022,Bulletin C\n")
    ((candidate, others),) = summary.plan.conflicts
    assert candidate.row == 2
    assert [o.value for o in others] == [12]
    assert len(summary.plan.recorded) == 1


CITIES = """城市,indicator,value,date,source
济南市,gigabit-cities,1,2021,MIIT list
Qingdao,gigabit-cities,1,2021,MIIT list
,gigabit-cities,3,2021,MIIT list
"""


def test_a_region_column_is_written_with_each_reading(fresh: Path) -> None:
    """Each city's reading is appended with its region, the province's without one, and a
    second import of the same sheet adds nothing."""
    summary = _import(fresh, CITIES)
    assert [c.reading.region for c in summary.plan.recorded] == ["jinan", "qingdao", None]
    where = locate_workspace(fresh, None, fresh)
    assert check_workspace(where) == []
    ledger = load_workspace(where).ledger
    assert [(e.reading.region, e.reading.value) for e in ledger.entries] == [
        ("jinan", 1),
        ("qingdao", 1),
        (None, 3),
    ]
    assert len(_import(fresh, CITIES).plan.already) == 3


def test_an_open_sdg_sheet_of_a_derived_indicator_is_left_out_with_a_note(
    fresh: Path, tmp_path: Path
) -> None:
    """sdtrack's export writes a derived indicator's computed values; they are never
    recorded, so its data file is read for nothing and a note says why."""
    data = tmp_path / "site" / "data"
    data.mkdir(parents=True)
    (data / "indicator_9-sd-1.csv").write_text("Year,Value\n2023,22.1\n", encoding="utf-8")
    (tmp_path / "site" / "meta").mkdir()
    (tmp_path / "site" / "meta" / "9-sd-1.yml").write_text(
        "sdtrack_id: 5g-base-stations-per-10k\nsdtrack_version: 1.0\n", encoding="utf-8"
    )
    where = locate_workspace(fresh, None, fresh)
    sheets = read_sheets([tmp_path / "site"], encoding=None, sheet_name=None)
    summary = import_sheets(where, load_targets(where), sheets, Defaults(), NOW, dry_run=True)
    assert summary.plan.recorded == []
    assert summary.rows_read == 0
    assert summary.notes[-1].endswith(
        "the values of 5g-base-stations-per-10k are computed by sdtrack from 5g-base-stations "
        "and resident-population, so they were not imported: import its inputs"
    )


def test_the_collector_is_paused_only_while_an_import_runs(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paused while the rows are read and planned, enabled again after an import whether
    it wrote or refused; left off if the caller had turned it off."""
    import gc

    from sdtrack.store import importing

    seen: list[bool] = []
    plan = importing.plan_import
    monkeypatch.setattr(
        importing, "plan_import", lambda *a: seen.append(gc.isenabled()) or plan(*a)
    )
    _import(fresh, TABLE)
    with pytest.raises(DataError):
        _import(fresh, TABLE + "gigabit-cities,many,2023,B\n")
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()
    try:
        _import(fresh, TABLE)
        assert not gc.isenabled()
    finally:
        gc.enable()
