"""The status command: standing of every target, its JSON contract and --as-of."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
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
from .conftest import run
from .test_changes import in_git


def test_status_on_the_embedded_dataset(runner: CliRunner) -> None:
    """With no workspace, status shows the Shandong targets with passed deadlines as such:
    by 2026-11-22 every figure they need was due, so every target is overdue."""
    code, out, err = run(runner, "status")
    assert code == 0, err
    assert "embedded Shandong dataset" in out
    assert "5g-base-stations-2025" in out
    assert "> 270,000 base stations by end-2025" in out
    assert "9 targets as of 2026-11-22: 9 overdue" in out
    assert "2025 figure overdue since 2026-03-31" in out
    assert "on track" not in out
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
        "summary",
        "outlook_summary",
        "methods",
        "targets",
        "indicators_without_target",
    }
    assert data["schema_version"] == 2
    assert data["as_of"] == "2026-11-22"
    assert data["summary"] == {"overdue": 9}
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
        "gap_paragraph",
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
    for each in data["targets"]:
        Draft202012Validator(described).validate(each)


def test_as_of_before_the_deadline_judges_an_open_target(runner: CliRunner) -> None:
    """--as-of before the deadline judges the target as it stood then: from 12 cities (2022)
    to 15 (June 2024, two sources), on pace for the 16 by end-2024."""
    code, out, _ = run(runner, "status", "gigabit-cities-2024", "--json", "--as-of", "2024-06-30")
    assert code == 0
    (target,) = json.loads(out)["targets"]
    assert target["deadline_passed"] is False
    assert target["status"] == "on_track"
    assert target["outlook"] is None  # an outlook is only for a target awaiting its figure
    assert (target["latest"]["value"], target["latest"]["sources"]) == (15, 2)
    assert (target["pace_start"]["period"], target["pace_start"]["derived"]) == ("2022", False)
    assert target["gap"] == 1


def test_bad_as_of_is_a_usage_error(runner: CliRunner) -> None:
    """An impossible --as-of date is refused with exit 2."""
    code, _, err = run(runner, "status", "--as-of", "2025-13-01")
    assert code == 2
    assert "--as-of" in err


def test_narrow_status_still_shows_the_gap(runner: CliRunner, workspace: Path) -> None:
    """At 100 columns the gap moves under the declared target instead of disappearing."""
    result = runner.invoke(app, ["status", "--dir", str(workspace)], env={"COLUMNS": "100"})
    assert "gap: 46,000 base stations" in result.stdout


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
