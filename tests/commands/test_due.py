"""`sdtrack due`: the figures to look up next, on the shipped data and in an empty workspace."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from .conftest import run

AS_OF = ("--as-of", "2026-12-01")
# The shipped targets whose 2025 figure is not recorded (the data end in 2024).
OVERDUE_2025 = (
    "smart-communities",
    "5g-base-stations",
    "it-industry-revenue",
    "smart-agriculture-bases",
    "platform-economy-clusters",
    "leading-projects",
)


def due_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    code, out, _ = run(runner, "due", "--json", *args)
    assert code == 0
    document: dict[str, Any] = json.loads(out)
    return document


def test_the_shipped_2025_figures_are_overdue_by_december_2026(runner: CliRunner) -> None:
    """As of 2026-12-01 the 2025 figures the targets need were due on 2026-03-31."""
    code, out, err = run(runner, "due", *AS_OF)
    assert code == 0, err
    assert "Figures due as of 2026-12-01:" in out
    for indicator_id in OVERDUE_2025:
        assert indicator_id in out
    assert "5g-base-stations-2025-first" in out
    assert "245 days overdue" in out
    assert "trend (no target)" in out
    assert out.index("overdue") < out.index("upcoming")
    assert "sdtrack due --all" in out


def test_json_lists_each_figure_with_its_state_and_targets(runner: CliRunner) -> None:
    """--json: the envelope, a summary by state, one object per figure."""
    document = due_json(runner, *AS_OF)
    assert (document["command"], document["as_of"]) == ("due", "2026-12-01")
    assert "schema_version" in document
    figures = document["figures"]
    overdue_2025 = {
        f["indicator"] for f in figures if f["state"] == "overdue" and f["period"] == "2025"
    }
    assert set(OVERDUE_2025) <= overdue_2025
    five_g = next(
        f for f in figures if f["indicator"] == "5g-base-stations" and f["region"] is None
    )
    assert five_g == {
        "indicator": "5g-base-stations",
        "name": "5G base stations in service",
        "name_zh": "5G基站",
        "region": None,
        "period": "2025",
        "expected_by": "2026-03-31",
        "state": "overdue",
        "need": "target",
        "targets": ["5g-base-stations-2025-first", "5g-base-stations-2025"],
        "days_overdue": 245,
        "days_until_expected": None,
    }
    jinan = next(
        f for f in figures if (f["indicator"], f["region"]) == ("5g-base-stations", "jinan")
    )
    assert (jinan["period"], jinan["state"], jinan["targets"]) == (
        "2025",
        "overdue",
        ["jinan-5g-base-stations-2025"],
    )
    assert {f["state"] for f in figures} <= {"overdue", "expected", "upcoming"}
    summary = document["summary"]
    assert sum(summary.values()) == len(figures)
    assert any(f["need"] == "trend" and f["targets"] == [] for f in figures)


def test_on_31_march_the_2025_figures_are_expected_and_the_day_after_overdue(
    runner: CliRunner,
) -> None:
    """The release calendar's boundary, seen through the command."""
    on_the_day = due_json(runner, "--as-of", "2026-03-31", "5g-base-stations")["figures"]
    after = due_json(runner, "--as-of", "2026-04-01", "5g-base-stations")["figures"]
    # The province's figure and Jinan's (jinan-5g-base-stations-2025 is a city target).
    assert [
        (f["region"], f["period"], f["state"], f["days_until_expected"]) for f in on_the_day
    ] == [(None, "2025", "expected", 0), ("jinan", "2025", "expected", 0)]
    assert [(f["region"], f["period"], f["state"], f["days_overdue"]) for f in after] == [
        (None, "2025", "overdue", 1),
        ("jinan", "2025", "overdue", 1),
    ]


def test_ids_and_all_choose_what_is_listed(runner: CliRunner) -> None:
    """A target id lists what that target needs; --all every upcoming figure."""
    # The growth target's base year, 2023, is recorded ("over 2万亿"); 2024 and 2025 are not.
    figures = due_json(runner, *AS_OF, "it-industry-revenue-growth")["figures"]
    assert [f["period"] for f in figures] == ["2024", "2025"]
    early = due_json(runner, "--as-of", "2024-06-01", "smart-communities", "--all")["figures"]
    assert [(f["period"], f["state"]) for f in early] == [("2025", "upcoming")]
    assert due_json(runner, "--as-of", "2024-06-01", "smart-communities")["figures"] == []


def test_the_default_day_is_today(runner: CliRunner) -> None:
    """Without --as-of the day is the clock's (pinned to 2026-11-22 in the tests)."""
    assert due_json(runner)["as_of"] == "2026-11-22"


def test_an_unknown_id_or_day_is_a_usage_error(runner: CliRunner) -> None:
    code, _, err = run(runner, "due", "no-such-thing")
    assert code == 2
    assert "no-such-thing" in err
    code, _, err = run(runner, "due", "--as-of", "soon")
    assert code == 2
    assert "--as-of" in err
    # A year is its last day (issue 14: --as-of takes what its help says).
    assert due_json(runner, "--as-of", "2026")["as_of"] == "2026-12-31"
    assert due_json(runner, "--as-of", "2026-06")["as_of"] == "2026-06-30"


def test_an_empty_workspace_has_nothing_due(runner: CliRunner, tmp_path: Path) -> None:
    """No targets, no indicators: nothing to look up, said in words and in JSON."""
    assert run(runner, "init", "--empty", str(tmp_path / "e"))[0] == 0
    code, out, _ = run(runner, "due", "--dir", str(tmp_path / "e"), *AS_OF)
    assert code == 0
    assert "Nothing is due as of 2026-12-01" in out
    document = due_json(runner, "--dir", str(tmp_path / "e"), *AS_OF)
    assert document["figures"] == []
    assert document["summary"] == {"overdue": 0, "expected": 0, "upcoming": 0}


@pytest.mark.usefixtures("chinese")
def test_chinese_shows_chinese_names_days_and_periods(runner: CliRunner) -> None:
    """In Chinese: the indicators' Chinese names, 2026年3月31日, 2025年; JSON unchanged."""
    code, out, _ = run(runner, "due", *AS_OF)
    assert code == 0
    assert "5G基站" in out
    assert "2026年3月31日" in out
    assert "2025年" in out
    assert "2026年12月1日" in out
    document = due_json(runner, *AS_OF)
    figures = document["figures"]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", f["expected_by"]) for f in figures)
    assert all(re.fullmatch(r"\d{4}", f["period"]) for f in figures)
    five_g = next(f for f in figures if f["indicator"] == "5g-base-stations")
    assert (five_g["period"], five_g["expected_by"]) == ("2025", "2026-03-31")
    jinan = next(
        f for f in figures if (f["indicator"], f["region"]) == ("5g-base-stations", "jinan")
    )
    assert (jinan["period"], jinan["state"], jinan["targets"]) == (
        "2025",
        "overdue",
        ["jinan-5g-base-stations-2025"],
    )
    assert {f["state"] for f in figures} <= {"overdue", "expected", "upcoming"}
