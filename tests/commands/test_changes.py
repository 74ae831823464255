"""`sdtrack changes`: what was learned between two days, by recorded time, in the
terminal, as Markdown and as JSON; targets from git, or a sentence saying it cannot tell."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sdtrack.store.workspace import embedded_text

from ..present.test_changes import DOCUMENT_KEYS, LEDGER, TARGETS, write_workspace
from ..store.test_targets_history import commit_targets, git
from ..test_chinese import english_words
from .conftest import run

WINDOW = ("--since", "2026-01-10", "--until", "2026-02-01")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    return write_workspace(tmp_path / "ws")


def changes(runner: CliRunner, directory: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, "changes", "--dir", str(directory), *args)


def flat(text: str) -> str:
    """Text with its lines joined: the terminal wraps a long line under its own start."""
    return " ".join(text.split())


def changes_json(runner: CliRunner, directory: Path, *args: str) -> dict[str, Any]:
    code, out, err = changes(runner, directory, "--json", *args)
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def in_git(tmp_path: Path) -> Path:
    """The scenario in a git repository: targets.toml committed on 5 January; on 15
    January widgets-2025 raised from 100 to 110 and its deadline kept; on 16 January a
    target added; on 3 February (after the window) gadgets-2030 lowered."""
    directory = write_workspace(tmp_path / "repo")
    git(directory, "init", "-q")
    commit_targets(directory, "2026-01-05T10:00:00Z", "targets")
    path = directory / "targets.toml"
    text = TARGETS.replace("value = 100\ndeadline = 2025", "value = 110\ndeadline = 2025")
    path.write_text(text, encoding="utf-8")
    commit_targets(directory, "2026-01-15T10:00:00Z", "raise widgets")
    text += (
        '\n[[indicator.target]]\nid = "gadgets-2035"\ncomparison = "at_least"\nvalue = 2000\n'
        'deadline = 2035\nsource = { document = "Plan", publisher = "Office", '
        'date = 2026-01-16, quote = "2000 by 2035" }\n'
    )
    path.write_text(text, encoding="utf-8")
    commit_targets(directory, "2026-01-16T10:00:00Z", "add gadgets-2035")
    path.write_text(text.replace("value = 1000", "value = 900"), encoding="utf-8")
    commit_targets(directory, "2026-02-03T10:00:00Z", "lower gadgets")
    return directory


def test_the_briefing_lists_what_was_recorded_in_the_window(
    runner: CliRunner, scenario: Path
) -> None:
    """The new reading, the correction, the retraction and the verdict that moved."""
    code, out, err = changes(runner, scenario, *WINDOW)
    assert code == 0, err
    assert out.startswith("Changes recorded after 2026-01-10, through 2026-02-01 (UTC days)\n")
    assert "r-widgets-2025: widgets = 120 widgets for 2025" in out
    assert "r-gadgets-2024-fix, correcting r-gadgets-2024" in out
    assert "r-gadgets-2023 retracted: The figure was for another province" in out
    assert "widgets-2025: awaiting data → achieved (new ledger entries)" in out
    assert "r-gadgets-2025" not in out  # recorded on 10 February, after the window
    assert "  r-gadgets-2024: " not in out  # recorded on 5 January, before it


def test_outside_git_it_says_it_cannot_tell(runner: CliRunner, scenario: Path) -> None:
    """A workspace in no repository: a sentence in the text, a field in the JSON."""
    code, out, _ = changes(runner, scenario, *WINDOW)
    assert code == 0
    expected = f"Cannot tell what changed in targets.toml: {scenario} is not in a git repository."
    assert expected in flat(out)
    targets = changes_json(runner, scenario, *WINDOW)["targets"]
    assert (targets["known"], targets["reason_code"]) == (False, "not_a_repository")
    assert targets["reason"] == f"{scenario} is not in a git repository"
    assert targets["changes"] == []


@needs_git
def test_in_git_the_revisions_of_the_window_are_listed(runner: CliRunner, tmp_path: Path) -> None:
    """The raise on 15 January and the target added on the 16th are listed with their
    before and after; the change of 3 February, after the window, is not."""
    directory = in_git(tmp_path)
    code, out, err = changes(runner, directory, *WINDOW)
    assert code == 0, err
    assert "targets.toml as committed on 2026-01-05 (" in out
    assert "against targets.toml as committed on 2026-01-16 (" in flat(out)
    assert (
        "widgets-2025 revised: at least 100 widgets by end-2025 → at least 110 widgets by "
        "end-2025" in flat(out)
    )
    assert "    value: 100 → 110" in out
    assert "gadgets-2035 added: at least 2,000 gadgets by end-2035" in out
    assert "gadgets-2030" not in out.split("Targets in targets.toml")[1].split("Verdicts")[0]
    document = changes_json(runner, directory, *WINDOW)
    assert document["summary"]["targets_revised"] == 1
    assert document["summary"]["targets_added"] == 1
    revised = next(c for c in document["targets"]["changes"] if c["change"] == "revised")
    assert revised["fields"] == [{"field": "value", "before": 100, "after": 110}]
    assert (revised["before"], revised["after"]) == (
        "at least 100 widgets by end-2025",
        "at least 110 widgets by end-2025",
    )
    assert document["targets"]["before"]["source"] == "commit"


@needs_git
def test_until_today_counts_uncommitted_edits(runner: CliRunner, tmp_path: Path) -> None:
    """With --until left out (today), an edit not yet committed is a change."""
    directory = in_git(tmp_path)
    path = directory / "targets.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("value = 2000", "value = 2500"))
    document = changes_json(runner, directory, "--since", "2026-02-05")
    (change,) = document["targets"]["changes"]
    assert (change["target_id"], change["fields"]) == (
        "gadgets-2035",
        [{"field": "value", "before": 2000, "after": 2500}],
    )
    assert document["targets"]["after"]["source"] == "working_tree"
    assert document["until"] == "2026-11-22"


def test_json_contract(runner: CliRunner, scenario: Path) -> None:
    """--json prints only the document: the envelope's keys, then the report's."""
    document = changes_json(runner, scenario, *WINDOW)
    assert list(document) == DOCUMENT_KEYS
    assert document["command"] == "changes"
    assert [r["id"] for r in document["new_readings"]] == ["r-widgets-2025"]
    assert [v["target_id"] for v in document["verdicts"]] == ["widgets-2025"]


def test_markdown_to_paste(runner: CliRunner, scenario: Path) -> None:
    """--format md prints the Markdown section on stdout."""
    code, out, _ = changes(runner, scenario, *WINDOW, "--format", "md")
    assert code == 0
    assert out.startswith("## Changes recorded after 2026-01-10, through 2026-02-01 (UTC days)\n")
    assert "  - source: [Bulletin 2025](https://example.org/bulletin-2025)" in out


def test_the_day_before_on_the_shipped_dataset(runner: CliRunner) -> None:
    """A new user's first look: `changes --since` yesterday on the embedded dataset finds
    nothing recorded, says why (its entries carry no recorded time) and that the
    embedded dataset keeps no history of targets.toml."""
    code, out, err = run(runner, "changes", "--since", "2026-11-21")
    assert code == 0, err
    assert "Changes recorded after 2026-11-21, through 2026-11-22 (UTC days)" in out
    assert "0 new readings, 0 corrections, 0 retractions, targets: cannot tell" in out
    assert "the embedded dataset keeps no history of targets.toml" in flat(out)
    ledger = tomllib.loads(embedded_text("readings.toml"))
    entries = len(ledger.get("reading", [])) + len(ledger.get("retraction", []))
    assert entries > 1  # every shipped entry lacks a recorded time
    assert f"{entries:,} ledger entries carry no recorded time" in flat(out)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("--since", "2026-02-02", "--until", "2026-02-01"), "--since"),
        (("--since", "2026-11-23"), "--since"),  # after today, the default --until
        (("--since", "2026-02-30"), "--since"),
        (("--since", "2026-01-10", "--until", "2026-13-01"), "--until"),
        (("--since", "yesterday"), "--since"),
        (("--since", "2026-01-10", "--json", "--format", "md"), "--format"),
    ],
)
def test_bad_days_are_usage_errors_naming_the_option(
    runner: CliRunner, scenario: Path, args: tuple[str, ...], option: str
) -> None:
    """An impossible day, --since after --until, or two outputs at once: exit 2, naming
    the option, no traceback."""
    code, out, err = changes(runner, scenario, *args)
    assert code == 2
    assert out == ""
    assert f"error: {option}: " in err
    assert "Traceback" not in err


def test_since_is_required(runner: CliRunner, scenario: Path) -> None:
    code, _, err = changes(runner, scenario)
    assert code == 2
    assert "--since" in err


def test_a_month_stands_for_its_last_day(runner: CliRunner, scenario: Path) -> None:
    """--since 2026-01 is after 31 January; --until 2026 through 31 December."""
    document = changes_json(runner, scenario, "--since", "2026-01", "--until", "2026-02")
    assert (document["since"], document["until"]) == ("2026-01-31", "2026-02-28")
    assert [r["id"] for r in document["new_readings"]] == ["r-gadgets-2025"]


# Text of the scenario's files (data), its ids, the targets.toml field names and the
# commits' short ids (codes): a Chinese reader meets them as they are.
SCENARIO_DATA = [
    "Widgets in service", "Gadgets", "Bulletin 2025", "Bulletin 2024, revised", "Yearbook",
    "The figure was for another province", "Plan", "Office", "widgets", "gadgets", "value",
]  # fmt: skip
COMMIT = re.compile(r"\b[0-9a-f]{7}\b")


@needs_git
def test_chinese_output_leaves_no_english_word(runner: CliRunner, tmp_path: Path) -> None:
    """--lang zh: the terminal briefing, the Markdown and the errors speak Chinese; what
    stays Latin is data, ids, codes and field names."""
    directory = in_git(tmp_path)
    outputs = [
        run(runner, "--lang", "zh", "changes", "--dir", str(directory), *WINDOW, *extra)
        for extra in ((), ("--format", "md"))
    ]
    outputs.append(run(runner, "--lang", "zh", "changes", "--dir", str(directory), "--since", "x"))
    outputs.append(run(runner, "--lang", "zh", "changes", "--since", "2026-11-21"))
    for code, out, err in outputs:
        text = out + err
        assert code in (0, 2)
        for data in SCENARIO_DATA:
            text = text.replace(data, " ")
        text = COMMIT.sub(" ", text)
        assert english_words(text) == [], text
    assert "在用小部件" not in outputs[0][1]  # ids are shown, names are not
    assert "→" in outputs[0][1]


def test_every_entry_without_a_time_is_counted(runner: CliRunner, tmp_path: Path) -> None:
    """A ledger written by hand, no recorded times: nothing is new, all are counted."""
    bare = "\n".join(line for line in LEDGER.splitlines() if not line.startswith("recorded"))
    directory = write_workspace(tmp_path / "bare", bare)
    document = changes_json(runner, directory, *WINDOW)
    assert document["summary"]["new_readings"] == 0
    assert document["entries_without_recorded_time"] == 7
    assert document["verdicts"] == []
