"""`sdtrack import`: the shipped example bulletins into a fresh workspace, once, all or nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import init_workspace, load_workspace

from ..conftest import REPO
from .conftest import run, tree_hashes

EXAMPLES = REPO / "examples"
BROKEN = """指标,数值,日期,来源
5G基站,22.4万,2024-06,Bulletin
5g-base-statons,1000,2024,Bulletin
5g-base-stations,lots,2024,Bulletin
5g-base-stations,12,2031,Bulletin
"""


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    directory = tmp_path / "fresh"
    init_workspace(directory, empty=False, readings=False)
    return directory


def test_the_example_bulletin_is_imported_once(runner: CliRunner, fresh: Path) -> None:
    sheet = str(EXAMPLES / "shandong-bulletin.csv")
    code, out, err = run(runner, "import", sheet, "--dir", str(fresh))
    assert code == 0, err
    assert out.startswith("Recorded 12 readings from 12 rows.")
    assert "5g-base-stations = 224,000 base stations for 2024-06-18 (row 5)" in out
    before = tree_hashes(fresh)
    code, out, err = run(runner, "import", sheet, "--dir", str(fresh))
    assert code == 0, err
    assert out.startswith("Nothing recorded: no row of the 12 read gives a new reading.")
    assert "Skipped 12 rows already recorded (row 2 as r-" in out
    assert tree_hashes(fresh) == before
    # The same figures as a workbook: recorded already, whatever the file.
    code, out, _ = run(
        runner, "import", str(EXAMPLES / "shandong-bulletin.xlsx"), "--dir", str(fresh)
    )
    assert code == 0
    assert "Skipped 12 rows already recorded" in out


def test_wide_sheets_in_gb18030_and_in_a_workbook(runner: CliRunner, fresh: Path) -> None:
    code, out, err = run(
        runner, "import", str(EXAMPLES / "shandong-5g-wide.csv"), "--wide", "--dir", str(fresh)
    )
    assert code == 0, err
    assert out.startswith("Recorded 4 readings from 4 rows.")
    code, out, err = run(
        runner,
        "import",
        str(EXAMPLES / "shandong-bulletin.xlsx"),
        "--sheet",
        "宽表",
        "--wide",
        "--dir",
        str(fresh),
    )
    assert code == 0, err
    assert "Skipped 4 rows already recorded" in out


def test_a_broken_sheet_is_refused_with_every_bad_row_and_nothing_written(
    runner: CliRunner, fresh: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "broken.csv"
    sheet.write_text(BROKEN, encoding="utf-8")
    before = tree_hashes(fresh)
    code, out, err = run(runner, "import", str(sheet), "--dir", str(fresh))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert [line.split(": ")[1] for line in lines[:3]] == [
        f"{sheet}:3:1",
        f"{sheet}:4:2",
        f"{sheet}:5:3",
    ]
    assert "did you mean '5g-base-stations'" in lines[0]
    assert "nothing was recorded" in err
    assert "Traceback" not in err
    assert tree_hashes(fresh) == before


def test_a_dry_run_shows_what_would_be_recorded(runner: CliRunner, fresh: Path) -> None:
    before = tree_hashes(fresh)
    code, out, _ = run(
        runner, "import", str(EXAMPLES / "shandong-bulletin.csv"), "--dry-run", "--dir", str(fresh)
    )
    assert code == 0
    assert out.startswith("Would record 12 readings from 12 rows; nothing was written (--dry-run).")
    assert tree_hashes(fresh) == before


def test_json_summary(runner: CliRunner, fresh: Path) -> None:
    code, out, _ = run(
        runner, "import", str(EXAMPLES / "shandong-bulletin.csv"), "--json", "--dir", str(fresh)
    )
    assert code == 0
    document = json.loads(out)
    assert document["command"] == "import"
    assert document["schema_version"] >= 1
    counts = {
        k: document[k]
        for k in (
            "rows_read",
            "recorded",
            "skipped_already_recorded",
            "skipped_repeated",
            "conflicts",
        )
    }
    assert counts == {
        "rows_read": 12,
        "recorded": 12,
        "skipped_already_recorded": 0,
        "skipped_repeated": 0,
        "conflicts": 0,
    }
    first = document["readings"][0]
    assert (first["row"], first["reading"]["indicator_id"], first["reading"]["value"]) == (
        2,
        "5g-base-stations",
        100000,
    )


def test_defaults_and_maps_for_a_sheet_without_the_usual_headers(
    runner: CliRunner, fresh: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "bureau.csv"
    sheet.write_text("项目名称,2023年末,Remarks\n物联网终端,2.3亿,x\n", encoding="gbk")
    code, out, err = run(
        runner,
        "import",
        str(sheet),
        "--wide",
        "--map",
        "项目名称=indicator",
        "--map",
        "Remarks=note",
        "--source",
        "Bureau table",
        "--dir",
        str(fresh),
    )
    assert code == 0, err
    assert "iot-terminals = 230 million terminals for 2023" in out


def test_conflicts_are_reported_as_record_reports_them(
    runner: CliRunner, fresh: Path, tmp_path: Path
) -> None:
    run(runner, "import", str(EXAMPLES / "shandong-bulletin.csv"), "--dir", str(fresh))
    sheet = tmp_path / "other.csv"
    sheet.write_text(
        "indicator,value,date,source\ngigabit-cities,14,2024-06-18,Another paper\n",
        encoding="utf-8",
    )
    code, out, _ = run(runner, "import", str(sheet), "--dir", str(fresh))
    assert code == 0
    assert f"Conflict {sheet}:2: conflicts with reading" in out


def test_argument_errors_exit_2(runner: CliRunner, fresh: Path, tmp_path: Path) -> None:
    code, _, err = run(runner, "import", str(tmp_path / "missing.csv"), "--dir", str(fresh))
    assert code == 2
    assert "no such file" in err
    code, _, err = run(
        runner,
        "import",
        str(EXAMPLES / "shandong-bulletin.csv"),
        "--map",
        "x=colour",
        "--dir",
        str(fresh),
    )
    assert code == 2
    assert "--map" in err
    code, _, err = run(
        runner,
        "import",
        str(EXAMPLES / "shandong-bulletin.xlsx"),
        "--sheet",
        "nope",
        "--dir",
        str(fresh),
    )
    assert code == 2
    assert "读数, 宽表" in err


def test_chinese_output(runner: CliRunner, fresh: Path) -> None:
    code, out, _ = run(
        runner,
        "import",
        str(EXAMPLES / "shandong-bulletin.csv"),
        "--lang",
        "zh",
        "--dir",
        str(fresh),
    )
    assert code == 0
    assert out.startswith("已记录 12 条读数")
    code, out, _ = run(
        runner,
        "import",
        str(EXAMPLES / "shandong-bulletin.csv"),
        "--lang",
        "zh",
        "--dir",
        str(fresh),
    )
    assert "跳过" in out


def test_a_read_only_workspace_is_refused_before_reading(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = run(runner, "import", str(EXAMPLES / "shandong-bulletin.csv"))
    assert code != 0
    assert "Traceback" not in err


def test_the_examples_are_the_shipped_figures(tmp_path: Path) -> None:
    """The example sheets hold readings of the shipped dataset: a full workspace has them."""
    directory = tmp_path / "full"
    init_workspace(directory, empty=False)
    runner = CliRunner()
    for args in (["shandong-bulletin.csv"], ["shandong-5g-wide.csv", "--wide"]):
        code, out, err = run(
            runner, "import", str(EXAMPLES / args[0]), *args[1:], "--dir", str(directory)
        )
        assert code == 0, err
        assert out.startswith("Nothing recorded"), out
    shutil.rmtree(directory)


def test_an_open_sdg_export_imports_back_as_the_same_readings(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Export the Shandong dataset as Open SDG data, import the folder into an empty
    ledger: every exported value comes back as the reading it was, and importing it into
    the workspace it came from records nothing."""
    full, empty, out = tmp_path / "full", tmp_path / "empty", tmp_path / "osdg"
    init_workspace(full, empty=False)
    init_workspace(empty, empty=False, readings=False)
    code, _, err = run(runner, "export", "--dir", str(full), "--format", "open-sdg", "-o", str(out))
    assert code == 0, err
    code, out_text, err = run(runner, "import", str(out), "--dir", str(empty), "--json")
    assert code == 0, err
    summary = json.loads(out_text)
    count = summary["recorded"]
    assert count == summary["rows_read"] > 0

    def described(directory: Path) -> set[tuple[object, ...]]:
        where = locate_workspace(directory, None, directory)
        fields = (
            "indicator",
            "value",
            "date",
            "source",
            "url",
            "quote",
            "qualifier",
            "note",
            "derived",
            "region",
        )
        return {
            tuple(str(getattr(e.reading, f)) for f in fields)
            for e in load_workspace(where).ledger.entries
        }

    imported = described(empty)
    assert len(imported) == count
    assert imported <= described(full)
    code, out_text, _ = run(runner, "import", str(out), "--dir", str(full))
    assert code == 0
    assert out_text.startswith(f"Nothing recorded: no row of the {count} read gives a new reading.")


def test_the_city_example_imports_each_citys_reading_once(
    runner: CliRunner, fresh: Path, workspace: Path
) -> None:
    """examples/shandong-cities.csv names each row's city (城市) in Chinese: every reading
    is recorded with its region; the shipped dataset, whose readings they are, has them."""
    sheet = str(EXAMPLES / "shandong-cities.csv")
    code, out, err = run(runner, "import", sheet, "--dir", str(fresh), "--json")
    assert code == 0, err
    readings = [r["reading"] for r in json.loads(out)["readings"]]
    assert len(readings) == 14
    assert readings[0]["region"] == "jinan"
    assert {r["region"] for r in readings if r["indicator_id"] == "5g-base-stations"} == {
        "qingdao",
        "liaocheng",
    }
    where = locate_workspace(fresh, None, fresh)
    assert {e.reading.region for e in load_workspace(where).ledger.entries} >= {"jinan", "zibo"}
    code, out, err = run(runner, "import", sheet, "--dir", str(workspace))
    assert code == 0, err
    assert out.startswith("Nothing recorded: no row of the 14 read gives a new reading.")


def test_the_region_option_stands_in_for_rows_without_one(
    runner: CliRunner, fresh: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "qingdao.csv"
    sheet.write_text(
        "indicator,value,date,source,地区\n"
        "5g-base-stations,3.0361万,2022-09,City report,\n"
        "5g-base-stations,1.0616万,2024-03,City report,聊城\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "import", str(sheet), "--region", "青岛", "--dir", str(fresh))
    assert code == 0, err
    assert "5g-base-stations = 30,361 base stations for Qingdao, 2022-09 (row 2)" in out
    assert "5g-base-stations = 10,616 base stations for Liaocheng, 2024-03 (row 3)" in out
    code, out, err = run(
        runner, "import", str(sheet), "--region", "Qingdao", "--dir", str(fresh), "--lang", "zh"
    )
    assert code == 0, err
    assert "跳过 2 行已记录的读数" in out


def test_a_bad_region_is_refused_and_nothing_written(
    runner: CliRunner, fresh: Path, tmp_path: Path
) -> None:
    """An unknown --region is an argument error (exit 2); an unknown region in a cell is
    located at its row and column, with the region meant when one is close (exit 1)."""
    sheet = tmp_path / "cities.csv"
    sheet.write_text(
        "城市,indicator,value,date,source\n"
        "Qindao,gigabit-cities,1,2021,MIIT\n"
        "济南,gigabit-cities,1,2021,MIIT\n",
        encoding="utf-8",
    )
    before = tree_hashes(fresh)
    code, out, err = run(runner, "import", str(sheet), "--region", "Atlantis", "--dir", str(fresh))
    assert (code, out) == (2, "")
    assert "--region: unknown region 'Atlantis'" in err
    code, out, err = run(runner, "import", str(sheet), "--dir", str(fresh))
    assert (code, out) == (1, "")
    assert f"{sheet}:2:1: no region is called 'Qindao'; did you mean 'Qingdao'?" in err
    assert tree_hashes(fresh) == before


def test_a_wide_sheet_with_a_city_column(runner: CliRunner, fresh: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wide.csv"
    sheet.write_text(
        "城市,指标,2021,2022,来源\n济南市,gigabit-cities,1,—,MIIT\n滨州市,gigabit-cities,—,1,MIIT\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "import", str(sheet), "--wide", "--dir", str(fresh), "--json")
    assert code == 0, err
    got = [(r["reading"]["region"], r["reading"]["date"]) for r in json.loads(out)["readings"]]
    assert got == [("jinan", "2021"), ("binzhou", "2022")]
