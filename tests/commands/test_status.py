"""The status command: standing of every target, its JSON contract and --as-of."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.core.known import end_of_day, known_by

from ..present.test_changes import LEDGER, write_workspace
from ..present.test_regional import write_regional
from .conftest import run
from .test_changes import in_git

DAY = ["--as-of", "2025-06-30"]


def test_status_on_the_embedded_dataset(runner: CliRunner) -> None:
    """With no workspace, status shows the Shandong targets with passed deadlines as such:
    by 2026-11-22 the 2025 figures were due, so the 5G target's is overdue."""
    code, out, err = run(runner, "status")
    assert code == 0, err
    assert "embedded Shandong dataset" in out
    assert "5g-base-stations-2025" in out
    assert "> 270,000 base stations by end-2025" in out
    assert re.search(r"\d+ targets as of 2026-11-22: .*\d+ overdue", out)
    assert "2025 figure overdue" in out
    assert "Digital economy value-added" in out


def test_status_json_contract(runner: CliRunner) -> None:
    """--json prints only JSON: a versioned envelope whose keys are pinned here, with target
    objects as docs/report.schema.json describes them (codes, not words)."""
    from jsonschema import Draft202012Validator

    code, out, _ = run(runner, "status", "--json", "--as-of", "2026-11-22")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "schema_version",
        "sdtrack_version",
        "command",
        "as_of",
        "workspace",
        "region",
        "plan",
        "summary",
        "outlook_summary",
        "methods",
        "targets",
        "indicators_without_target",
        "plans",
    }
    assert data["schema_version"] == 2
    assert data["as_of"] == "2026-11-22"
    assert (data["region"], data["plan"]) == (None, None)
    assert sum(data["summary"].values()) == len(data["targets"])
    assert {p["id"] for p in data["plans"]} == {t["plan"] for t in data["targets"] if t["plan"]}
    assert set(data["outlook_summary"]["overdue"]) == {"likely_met", "likely_missed", "unknown"}
    target = next(t for t in data["targets"] if t["target_id"] == "5g-base-stations-2025")
    assert set(target) == {
        "target_id", "indicator_id", "indicator", "indicator_zh", "unit", "kind",
        "comparison", "value", "target", "deadline", "deadline_passed", "time_left",
        "baseline", "latest", "judged", "pace_start", "progress", "progress_bound", "gap",
        "gap_bound", "status", "status_code", "status_text", "outlook", "outlook_text", "band",
        "band_text", "awaited", "expected_by", "disputed", "indicative", "pace_notes", "method",
        "cagr_observed", "cagr_required", "ratio", "score", "projected", "projected_linear",
        "pace_observed", "pace_required", "projection_share", "trend_change", "miss_share",
        "reach_date", "time_to_target", "current", "stale", "periods", "warnings", "source",
        "gap_paragraph", "region", "plan", "region_count", "superseded_by",
    }  # fmt: skip
    assert target["status"] == target["status_code"] == "overdue"
    assert target["outlook"] in ("likely_met", "likely_missed", None)
    assert (target["awaited"], target["expected_by"]) == ("2025", "2026-03-31")
    assert target["value"] == 270000
    assert target["pace_start"]["derived"] is False  # never the derived 200,000
    assert target["source"]["date"] == "2024-04-10"
    schema_path = Path(__file__).parents[2] / "docs" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    described = {"$ref": "#/$defs/target", "$defs": schema["$defs"]}
    for each in data["targets"]:  # `superseded_by` is the report's, beside the target
        Draft202012Validator(described).validate(without(each, "superseded_by"))


def test_as_of_before_the_deadline_judges_an_open_target(runner: CliRunner) -> None:
    """--as-of before the deadline judges the count target as it stood then: the cities
    meeting the standard, counted from their own readings (3 by end-2021, 15 by June
    2024), on pace for the 16 by end-2024."""
    code, out, _ = run(runner, "status", "gigabit-cities-2024", "--json", "--as-of", "2024-06-30")
    assert code == 0
    (target,) = json.loads(out)["targets"]
    assert target["deadline_passed"] is False
    assert target["status"] == "on_track"
    assert target["outlook"] is None  # an outlook is only for a target awaiting its figure
    assert (target["latest"]["value"], target["latest"]["text"]) == (15, "15 cities")
    assert (target["pace_start"]["period"], target["pace_start"]["derived"]) == ("2021", False)
    assert target["gap"] == 1
    counted = target["region_count"]
    assert len(counted["meeting"]) == 15
    assert counted["short"] + counted["unreported"] == ["weifang"]


def test_bad_as_of_is_a_usage_error(runner: CliRunner) -> None:
    """An impossible --as-of date is refused with exit 2."""
    code, _, err = run(runner, "status", "--as-of", "2025-13-01")
    assert code == 2
    assert "--as-of" in err


def test_narrow_status_still_shows_the_gap(runner: CliRunner, workspace: Path) -> None:
    """At 100 columns the gap moves under the declared target instead of disappearing."""
    result = runner.invoke(app, ["status", "--dir", str(workspace)], env={"COLUMNS": "100"})
    _code, out, _ = run(
        runner, "status", "5g-base-stations-2025", "--dir", str(workspace), "--json"
    )
    (target,) = json.loads(out)["targets"]
    assert f"gap: {target['gap']:,} base stations" in result.stdout


# ---------------------------------------------------------------------------------------
# --known-at: the standing as sdtrack knew it at the end of a day


def test_known_at_shows_the_standing_of_that_day(runner: CliRunner, tmp_path: Path) -> None:
    """Known at the end of 10 January, widgets-2025 still awaits its 2025 figure (recorded
    on the 20th); the lines above the table say what was left out and which targets."""
    directory = write_workspace(tmp_path / "ws")
    code, out, err = run(runner, "status", "--dir", str(directory), "--known-at", "2026-01-10")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "As sdtrack knew it at the end of 2026-01-10 (UTC): 4 entries recorded later are left out."
    )
    assert lines[1].startswith("targets.toml as it is now: its version of 2026-01-10 cannot be")
    assert "2 targets as of 2026-01-10" in out
    assert "awaiting data" in out
    code, now, _ = run(runner, "status", "--dir", str(directory), "--as-of", "2026-01-10")
    assert "achieved" in now  # --as-of alone uses every reading, whenever recorded
    assert "left out" not in now


def test_known_at_json_adds_known_at(runner: CliRunner, tmp_path: Path) -> None:
    """--json: status's document, plus `known_at`; --as-of still sets the judging day."""
    directory = write_workspace(tmp_path / "ws")
    code, out, _ = run(
        runner, "status", "--dir", str(directory), "--json", "--known-at", "2026-01-10",
        "--as-of", "2026-02-01",
    )  # fmt: skip
    assert code == 0
    document = json.loads(out)
    assert list(document)[-1] == "known_at"
    assert document["as_of"] == "2026-02-01"
    known = document["known_at"]
    assert (known["day"], known["entries_left_out"], known["entries_without_recorded_time"]) == (
        "2026-01-10",
        4,
        2,
    )
    assert known["targets_version"]["known"] is False


@pytest.mark.parametrize("value", ["2026-02-30", "soon", "2026-13"])
def test_a_bad_known_at_is_a_usage_error(runner: CliRunner, value: str) -> None:
    code, out, err = run(runner, "status", "--known-at", value)
    assert code == 2
    assert out == ""
    assert "error: --known-at: " in err


def test_the_start_up_path_reads_known_at() -> None:
    """`status --known-at DAY` runs on the start-up path like any other status line."""
    from sdtrack.commands.spec import parse_fast
    from sdtrack.commands.status import StatusParameters

    parsed = parse_fast(StatusParameters, ["--known-at", "2026-01-10", "--json"])
    assert parsed == StatusParameters(known_at="2026-01-10", json=True)


def truncated(ledger: str, moment: dt.datetime) -> str:
    """The ledger with only its entries recorded before `moment` (and those with no
    recorded time): what the file held then, for a ledger that sdtrack only appends to."""
    head, *blocks = re.split(r"\n(?=\[\[)", ledger)
    kept = [head]
    for block in blocks:
        recorded = tomllib.loads(block.replace("[[", "[", 1).replace("]]", "]", 1))
        entry = next(iter(recorded.values()))
        when = entry.get("recorded")
        if when is None or known_by(when, moment):
            kept.append(block)
    return "\n".join(kept) + "\n"


def without(document: dict[str, Any], *names: str) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in names}


@settings(max_examples=25)
@given(st.dates(min_value=dt.date(2025, 12, 20), max_value=dt.date(2026, 3, 10)))
def test_known_at_is_status_on_the_ledger_as_it_was(day: dt.date) -> None:
    """For any day, `status --known-at DAY` says what `status --as-of DAY` says of a
    workspace whose ledger holds only the entries recorded by the end of DAY."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as scratch:
        directory = write_workspace(Path(scratch) / "ws")
        then = write_workspace(Path(scratch) / "then", truncated(LEDGER, end_of_day(day)))
        code, known, err = run(
            runner, "status", "--dir", str(directory), "--json", "--known-at", day.isoformat()
        )
        assert code == 0, err
        code, plain, err = run(
            runner, "status", "--dir", str(then), "--json", "--as-of", day.isoformat()
        )
        assert code == 0, err
    known_document, plain_document = json.loads(known), json.loads(plain)
    assert without(known_document, "known_at", "workspace") == without(plain_document, "workspace")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_known_at_uses_targets_toml_as_committed_then(runner: CliRunner, tmp_path: Path) -> None:
    """In git, the targets of that day: widgets-2025 was 100 on 12 January (raised to 110
    on the 15th), and gadgets-2035 did not exist yet."""
    directory = in_git(tmp_path)
    code, out, err = run(
        runner, "status", "--dir", str(directory), "--json", "--known-at", "2026-01-12"
    )
    assert code == 0, err
    document = json.loads(out)
    targets = {t["target_id"]: t for t in document["targets"]}
    assert set(targets) == {"widgets-2025", "gadgets-2030"}
    assert targets["widgets-2025"]["value"] == 100
    version = document["known_at"]["targets_version"]
    assert (version["source"], version["committed"]) == ("commit", "2026-01-05T10:00:00+00:00")
    code, out, _ = run(runner, "status", "--dir", str(directory), "--known-at", "2026-01-12")
    assert "targets.toml as committed on 2026-01-05 (" in out


def test_known_at_prints_the_same_by_the_start_up_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The start-up path (no Typer) and Typer print the same for --known-at, twice over:
    a second run is never served a cached status."""
    from sdtrack import entry

    directory = write_workspace(tmp_path / "ws")
    args = ["status", "--dir", str(directory), "--known-at", "2026-01-10"]
    typer_result = CliRunner().invoke(app, args)
    for _ in range(2):
        monkeypatch.setattr("sys.argv", ["sdtrack", *args])
        with pytest.raises(SystemExit) as exited:
            entry.main()
        captured = capsys.readouterr()
        assert (exited.value.code or 0, captured.out) == (0, typer_result.stdout)
    assert "awaiting data" in typer_result.stdout


# ---------------------------------------------------------------------------------------
# --region, --plan and --by region


@pytest.fixture
def regions(tmp_path: Path) -> Path:
    return write_regional(tmp_path / "regions")


def test_status_of_one_region_by_its_chinese_name(runner: CliRunner, regions: Path) -> None:
    """`--region 济南`: Jinan's target, and the latest in Jinan of the indicators without
    a target there; the line above the table says so."""
    code, out, err = run(runner, "status", "--dir", str(regions), "--region", "济南", *DAY)
    assert code == 0, err
    assert "\nRegion: Jinan\n" in out
    assert "jinan-stations-2025" in out
    assert "stations-2025-first" not in out
    assert "Indicator without a target" in out
    code, out, _ = run(runner, "status", "--dir", str(regions), "--region", "jinan", "--json")
    document = json.loads(out)
    assert document["region"]["id"] == "jinan"
    assert [t["target_id"] for t in document["targets"]] == ["jinan-stations-2025"]


def test_an_unknown_region_is_a_usage_error_listing_the_regions(
    runner: CliRunner, regions: Path
) -> None:
    code, out, err = run(runner, "status", "--dir", str(regions), "--region", "Atlantis")
    assert (code, out) == (2, "")
    assert "error: unknown region 'Atlantis'; known regions: china (China)" in err
    assert "hint: `sdtrack status --by region` shows every region" in err


def test_status_of_one_plan(runner: CliRunner, regions: Path) -> None:
    """`--plan`: that plan's targets, under a line naming it; a row names its plan, and
    the plans the rows name are listed above the table."""
    code, out, err = run(runner, "status", "--dir", str(regions), "--plan", "plan-b", *DAY)
    assert code == 0, err
    assert "\nPlan: The second plan — Information Office, 10 April 2024, 鲁通信〔2024〕1号\n" in out
    assert "3 targets as of 2025-06-30" in out
    assert "stations-2025-first" not in out
    code, out, _ = run(runner, "status", "--dir", str(regions), *DAY)
    assert "Plans:\n  plan-a  The first plan — Provincial office, 29 November 2021\n" in out
    assert "superseded by stations-2025 (plan-b)" in out
    assert "plan: plan-a" in out


def test_an_unknown_plan_lists_the_plans_with_a_suggestion(
    runner: CliRunner, regions: Path
) -> None:
    code, _, err = run(runner, "status", "--dir", str(regions), "--plan", "plan-c")
    assert code == 2
    assert "error: no plan has the id 'plan-c'; plans: plan-a, plan-b" in err
    assert "hint: did you mean 'plan-" in err


def test_status_by_region(runner: CliRunner, regions: Path) -> None:
    """`--by region`: each indicator across the 16 cities, with its targets, the count
    target's standings, the totals beside the province's own; JSON the full matrix."""
    code, out, err = run(runner, "status", "--dir", str(regions), "--by", "region", *DAY)
    assert code == 0, err
    assert "By region: the 16 cities of Shandong" in out
    flat = " ".join(out.split())
    assert "Still missing: Weifang (no reading: a reading for Weifang would settle it)" in flat
    assert "≠ differs from the total by 10,000 base stations" in flat
    assert "Declared · time left" not in out
    code, out, _ = run(runner, "status", "--dir", str(regions), "--by", "region", "--json", *DAY)
    document = json.loads(out)
    assert list(document) == [
        "schema_version", "sdtrack_version", "command", "as_of", "workspace", "by", "region",
        "plan", "regions", "indicators", "targets_without_regional_data", "plans",
    ]  # fmt: skip
    assert next(b["indicator_id"] for b in document["indicators"]) == "stations"


@pytest.mark.parametrize(
    "extra",
    [["--by", "region", "--region", "jinan"], ["--known-at", "2026-01-10", "--plan", "plan-a"]],
)
def test_combinations_that_mean_nothing_are_refused(
    runner: CliRunner, regions: Path, extra: list[str]
) -> None:
    code, out, err = run(runner, "status", "--dir", str(regions), *extra)
    assert (code, out) == (2, "")
    assert err.startswith("error: ")


def test_the_start_up_path_reads_region_plan_and_by() -> None:
    from sdtrack.commands.spec import parse_fast
    from sdtrack.commands.status import StatusParameters

    parsed = parse_fast(StatusParameters, ["--region", "济南", "--plan", "p", "--by", "region"])
    assert parsed == StatusParameters(region="济南", plan="p", by="region")
    assert parse_fast(StatusParameters, ["--by", "plan"]) is None  # not a choice: Typer's


def test_a_cached_status_of_a_region_stays_light(regions: Path, tmp_path: Path) -> None:
    """A cached `status --region 济南 --by …` imports neither Typer nor Pydantic nor the
    model, and prints what the first run printed."""
    for extra in (["--region", "济南"], ["--by", "region"]):
        argv = ["sdtrack", "status", "--dir", str(regions), *DAY, *extra]
        script = (
            "import sys\nfrom sdtrack.entry import main\n"
            f"sys.argv = {argv!r}\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('typer', 'pydantic', 'sdtrack.core.model') if m in sys.modules]\n"
            "print('HEAVY', heavy, file=sys.stderr)\n"
        )
        env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "120"}
        runs = [
            subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
            for _ in range(2)
        ]
        assert all(r.returncode == 0 for r in runs), runs[-1].stderr
        assert "HEAVY []" in runs[1].stderr
        assert runs[0].stdout == runs[1].stdout


def test_a_second_status_prints_the_kept_text_without_laying_out_a_table(
    runner: CliRunner, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same files on the same terminal: the table as printed before, not drawn again;
    another width draws it again."""
    from sdtrack.present.render import status as status_render

    env = {"SDTRACK_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}
    first = runner.invoke(app, ["status", "--dir", str(workspace)], env=env)
    assert first.exit_code == 0, first.output

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("laid out again")

    with monkeypatch.context() as patch:
        patch.setattr(status_render, "print_status", refuse)
        again = runner.invoke(app, ["status", "--dir", str(workspace)], env=env)
    assert again.exit_code == 0, again.output
    assert again.stdout == first.stdout
    narrow = runner.invoke(app, ["status", "--dir", str(workspace)], env={**env, "COLUMNS": "60"})
    assert narrow.exit_code == 0
    assert narrow.stdout != first.stdout
