"""What `changes` reports and `status --known-at` shows: the window's entries, the targets
that changed, the verdicts that moved, their words and the `--json` document.

The scenario (`write_workspace`) is shared by the render, command, status and cache tests:
two indicators, and a ledger whose entries are recorded before, inside and after the
window after 2026-01-10 through 2026-02-01, and one with no recorded time at all.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from sdtrack.core.language import use
from sdtrack.present.changes import (
    ChangesReport,
    build_changes,
    changes_document,
    known_status,
    sections,
    standing_known_at,
    summary_words,
)
from sdtrack.store.locations import locate_workspace
from sdtrack.store.targets_history import TargetsHistory
from sdtrack.store.workspace import Workspace, load_workspace

from ..conftest import TODAY
from ..store.test_targets_history import commit_targets, git

SINCE, UNTIL = dt.date(2026, 1, 10), dt.date(2026, 2, 1)

TARGETS = """\
schema = 1
title = "Changes"

[[indicator]]
id = "widgets"
name = "Widgets in service"
name_zh = "在用小部件"
unit = "widgets"
kind = "stock"

[[indicator.target]]
id = "widgets-2025"
comparison = "at_least"
value = 100
deadline = 2025
baseline = { value = 50, date = 2023 }
source = { document = "Plan", publisher = "Office", date = 2023-01-10, quote = "100 by 2025" }

[[indicator]]
id = "gadgets"
name = "Gadgets"
name_zh = "小器件"
unit = "gadgets"
kind = "stock"

[[indicator.target]]
id = "gadgets-2030"
comparison = "at_least"
value = 1000
deadline = 2030
baseline = { value = 100, date = 2022 }
source = { document = "Plan", publisher = "Office", date = 2023-01-10, quote = "1000 by 2030" }
"""

# Recorded: never (r-widgets-2023, r-gadgets-2023), before the window (r-gadgets-2024,
# 5 January), inside it (r-widgets-2025 on 20 January; the correction at 09:00 in
# Beijing on 21 January, 01:00 UTC; the retraction on 25 January) and after it
# (r-gadgets-2025, 10 February).
LEDGER = """\
schema = 1

[[reading]]
id = "r-widgets-2023"
indicator = "widgets"
value = 50
date = 2023
source = "Yearbook"

[[reading]]
id = "r-gadgets-2023"
indicator = "gadgets"
value = 200
date = 2023
source = "Yearbook"

[[reading]]
id = "r-gadgets-2024"
indicator = "gadgets"
value = 400
date = 2024
source = "Bulletin 2024"
recorded = 2026-01-05T09:00:00Z

[[reading]]
id = "r-widgets-2025"
indicator = "widgets"
value = 120
date = 2025
source = "Bulletin 2025"
url = "https://example.org/bulletin-2025"
recorded = 2026-01-20T09:00:00Z

[[reading]]
id = "r-gadgets-2024-fix"
indicator = "gadgets"
value = 450
date = 2024
source = "Bulletin 2024, revised"
corrects = "r-gadgets-2024"
recorded = 2026-01-21T09:00:00+08:00

[[reading]]
id = "r-gadgets-2025"
indicator = "gadgets"
value = 600
date = 2025
source = "Bulletin 2025"
recorded = 2026-02-10T09:00:00Z

[[retraction]]
reading = "r-gadgets-2023"
reason = "The figure was for another province"
recorded = 2026-01-25T00:00:00Z
"""


def write_workspace(directory: Path, ledger: str = LEDGER, targets: str = TARGETS) -> Path:
    """The scenario's workspace at `directory` (created)."""
    directory.mkdir(parents=True)
    (directory / "targets.toml").write_text(targets, encoding="utf-8")
    (directory / "readings.toml").write_text(ledger, encoding="utf-8")
    return directory


def load(directory: Path) -> Workspace:
    return load_workspace(locate_workspace(directory, None, directory))


def changes_of(directory: Path, since: dt.date = SINCE, until: dt.date = UNTIL) -> ChangesReport:
    workspace = load(directory)
    history = TargetsHistory.of(workspace.location)
    return build_changes(workspace, history, since, until, TODAY)


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    return write_workspace(tmp_path / "ws")


def test_the_window_holds_what_was_recorded_in_it(scenario: Path) -> None:
    """The new reading, the correction (from Beijing time) and the retraction; not what
    was recorded before or after, nor the entries without a recorded time."""
    report = changes_of(scenario)
    learned = report.learned
    assert [e.id for e in learned.readings] == ["r-widgets-2025"]
    assert [(c.entry.id, c.corrected.id if c.corrected else None) for c in learned.corrections] == [
        ("r-gadgets-2024-fix", "r-gadgets-2024")
    ]
    assert [e.id for e in learned.retractions] == ["r-gadgets-2023"]
    assert learned.unplaced == 2


def test_a_verdict_that_moves_with_a_reading_recorded_in_the_window(scenario: Path) -> None:
    """widgets-2025 was awaiting its 2025 figure on 10 January; the figure recorded on the
    20th achieves it by 1 February. Each side is judged as of its own day."""
    report = changes_of(scenario)
    moved = {m.target_id: m for m in report.verdicts}
    widgets = moved["widgets-2025"]
    assert (widgets.before.status.value, widgets.after.status.value) == (
        "awaiting_data",
        "achieved",
    )
    assert (widgets.before.as_of, widgets.after.as_of) == (SINCE, UNTIL)
    assert widgets.causes == ("ledger",)
    assert set(moved) == {"widgets-2025"}  # gadgets-2030 stays as it was


def test_the_standing_known_at_a_day_leaves_out_what_came_later(scenario: Path) -> None:
    """Known at the end of 10 January: only the readings recorded by then (and those with
    no time); the 2025 widgets figure and the correction are left out."""
    workspace = load(scenario)
    history = TargetsHistory.of(workspace.location)
    standing = standing_known_at(workspace, history, SINCE, TODAY)
    assert standing.left_out == 4  # the 2025 figures, the correction, the retraction
    assert standing.unplaced == 2
    assert standing.report.as_of == SINCE
    widgets = next(a for a in standing.report.assessments if a.target.id == "widgets-2025")
    assert widgets.status.value == "awaiting_data"
    later = standing_known_at(workspace, history, SINCE, TODAY, as_of=UNTIL)
    assert later.report.as_of == UNTIL
    assert standing.version.unknown is not None  # no git here: today's targets.toml is used


def test_outside_git_the_targets_cannot_be_told(scenario: Path) -> None:
    """No repository: no target changes, and a section that says why."""
    report = changes_of(scenario)
    assert report.targets == ()
    assert report.unknown_version is not None
    assert report.unknown_version.unknown is not None
    assert report.unknown_version.unknown.code in ("not_a_repository", "no_git")
    targets = next(s for s in sections(report) if s.code == "targets")
    assert targets.items == ()
    assert targets.lead[0].startswith("Cannot tell what changed in targets.toml: ")
    assert "targets: cannot tell" in summary_words(report)
    verdicts = next(s for s in sections(report) if s.code == "verdicts")
    assert "Both sides are judged against targets.toml as it is now." in verdicts.lead


def test_the_sections_word_every_entry(scenario: Path) -> None:
    """Each entry as a line with its recorded time in UTC, its source and state."""
    report = changes_of(scenario)
    by_code = {s.code: s for s in sections(report)}
    (reading,) = by_code["readings"].items
    assert reading.text == "r-widgets-2025: widgets = 120 widgets for 2025"
    assert reading.details == ("recorded 2026-01-20 09:00 UTC",)
    assert (reading.source, reading.url) == ("Bulletin 2025", "https://example.org/bulletin-2025")
    (correction,) = by_code["corrections"].items
    assert correction.text == (
        "r-gadgets-2024-fix, correcting r-gadgets-2024: gadgets for 2024 = 450 gadgets "
        "(was 400 gadgets)"
    )
    assert correction.details == ("recorded 2026-01-21 01:00 UTC",)
    (retraction,) = by_code["retractions"].items
    assert retraction.text == "r-gadgets-2023 retracted: The figure was for another province"
    assert retraction.details == (
        "it said: gadgets = 200 gadgets for 2023",
        "recorded 2026-01-25 00:00 UTC",
    )
    verdict = next(i for i in by_code["verdicts"].items if i.text.startswith("widgets-2025"))
    assert verdict.text == "widgets-2025: awaiting data → achieved (new ledger entries)"
    assert [code for _text, code in verdict.spans if code] == ["awaiting_data", "achieved"]


def test_an_empty_window_says_so(scenario: Path) -> None:
    """Nothing recorded after 10 February through 20 February: every section is empty."""
    report = changes_of(scenario, dt.date(2026, 2, 10), dt.date(2026, 2, 20))
    assert report.learned.empty
    assert summary_words(report).startswith("0 new readings, 0 corrections, 0 retractions")
    empties = [s.empty for s in sections(report) if not s.items]
    assert "No new reading." in empties
    assert "No verdict moved." in empties


DOCUMENT_KEYS = [
    "schema_version", "sdtrack_version", "command", "as_of", "workspace", "since", "until",
    "recorded_from", "recorded_before", "summary", "entries_without_recorded_time",
    "new_readings", "corrections", "retractions", "targets", "verdicts",
]  # fmt: skip
ENTRY_KEYS = {
    "id", "indicator_id", "region", "value", "text", "date", "period_end", "qualifier", "derived",
    "source", "url", "quote", "note", "recorded", "corrects", "current", "superseded_by",
}  # fmt: skip
VERSION_KEYS = {"day", "known", "source", "commit", "committed", "reason_code", "reason"}


def test_the_json_document_contract(scenario: Path) -> None:
    """changes --json: the envelope, then the window, the summary and each part, with
    field names and codes pinned here (display text only in its own fields)."""
    document = changes_document(changes_of(scenario))
    assert json.loads(json.dumps(document)) == document
    assert list(document) == DOCUMENT_KEYS
    assert (document["command"], document["as_of"], document["schema_version"]) == (
        "changes",
        "2026-02-01",
        2,
    )
    assert (document["since"], document["until"]) == ("2026-01-10", "2026-02-01")
    assert document["recorded_from"] == "2026-01-11T00:00:00+00:00"
    assert document["recorded_before"] == "2026-02-02T00:00:00+00:00"
    assert document["summary"] == {
        "new_readings": 1,
        "corrections": 1,
        "retractions": 1,
        "targets_added": 0,
        "targets_removed": 0,
        "targets_revised": 0,
        "verdicts_moved": len(document["verdicts"]),
    }
    assert document["entries_without_recorded_time"] == 2
    (reading,) = document["new_readings"]
    assert set(reading) == ENTRY_KEYS
    assert (reading["id"], reading["region"], reading["value"], reading["recorded"]) == (
        "r-widgets-2025",
        None,  # the workspace's own region
        120,
        "2026-01-20T09:00:00+00:00",
    )
    (correction,) = document["corrections"]
    assert set(correction) == ENTRY_KEYS | {"before"}
    assert (correction["corrects"], correction["before"]["value"]) == ("r-gadgets-2024", 400)
    assert correction["recorded"] == "2026-01-21T09:00:00+08:00"  # as it was recorded
    (retraction,) = document["retractions"]
    assert set(retraction) == {"reading_id", "reason", "recorded", "reading"}
    assert retraction["reading"]["value"] == 200
    targets = document["targets"]
    assert set(targets) == {"known", "reason_code", "reason", "before", "after", "changes"}
    assert targets["known"] is False
    assert set(targets["before"]) == set(targets["after"]) == VERSION_KEYS
    verdict = next(v for v in document["verdicts"] if v["target_id"] == "widgets-2025")
    assert verdict == {
        "target_id": "widgets-2025",
        "indicator_id": "widgets",
        "before": {
            "as_of": "2026-01-10",
            "status_code": "awaiting_data",
            "outlook": None,
            "status_text": "awaiting data",
        },
        "after": {
            "as_of": "2026-02-01",
            "status_code": "achieved",
            "outlook": None,
            "status_text": "achieved",
        },
        "causes": ["ledger"],
    }


def test_json_codes_stay_english_in_chinese(scenario: Path) -> None:
    """Field names and codes do not change with the language; the texts do."""
    use("zh")
    try:
        document = changes_document(changes_of(scenario))
    finally:
        use("en")
    assert list(document) == DOCUMENT_KEYS
    verdict = next(v for v in document["verdicts"] if v["target_id"] == "widgets-2025")
    assert verdict["before"]["status_code"] == "awaiting_data"
    assert verdict["causes"] == ["ledger"]


def test_known_status_adds_what_it_left_out(scenario: Path) -> None:
    """status --known-at's document is status's, plus `known_at`; its lines say the day,
    how many entries were left out, and which targets.toml was used."""
    location = locate_workspace(scenario, None, scenario)
    document, view, notes = known_status(location, SINCE, TODAY, SINCE, [], None)
    assert document["as_of"] == "2026-01-10"
    assert document["known_at"] == {
        "day": "2026-01-10",
        "recorded_before": "2026-01-11T00:00:00+00:00",
        "entries_left_out": 4,
        "entries_without_recorded_time": 2,
        "targets_version": document["known_at"]["targets_version"],
    }
    assert set(document["known_at"]["targets_version"]) == VERSION_KEYS
    assert view.as_of == "2026-01-10"
    assert notes[0] == (
        "As sdtrack knew it at the end of 2026-01-10 (UTC): 4 entries recorded later are left out."
    )
    assert notes[1].startswith(
        "targets.toml as it is now: its version of 2026-01-10 cannot be told ("
    )
    assert notes[2].startswith("2 ledger entries carry no recorded time")


COUNTED = """\
schema = 1
title = "Cities"
region = "shandong"

[[indicator]]
id = "gigabit-cities"
name = "Cities meeting the gigabit-city standard"
name_zh = "达到千兆城市标准的城市"
unit = "cities"
unit_zh = "个"
kind = "stock"

[[indicator.target]]
id = "gigabit-cities-2024"
comparison = "at_least"
value = 16
deadline = 2024
each = { comparison = "at_least", value = 1, label = "meet the gigabit-city standard" }
source = { document = "Plan", publisher = "Office", date = 2023-01-10, quote = "all 16 cities" }
"""
# The later version: a 17th city under Shandong, and the target lowered to 15 of them.
COUNTED_LATER = COUNTED.replace("value = 16\n", "value = 15\n") + (
    '\n[[regions]]\nid = "new-city"\nname = "New City"\nparent = "shandong"\n'
)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_count_of_regions_target_is_worded_with_the_regions_of_its_version(
    tmp_path: Path,
) -> None:
    """A count-of-regions target revised: each side counts the cities its own
    targets.toml knows ("all 16 cities meet …" before, "at least 15 of 17" after), in the
    terminal's lines and in the JSON, never "at least 16 regions"."""
    directory = write_workspace(tmp_path / "ws", ledger="schema = 1\n", targets=COUNTED)
    git(directory, "init", "-q")
    commit_targets(directory, "2026-01-05T10:00:00Z", "targets")
    (directory / "targets.toml").write_text(COUNTED_LATER, encoding="utf-8")
    commit_targets(directory, "2026-01-15T10:00:00Z", "a new city; 15 of them")
    report = changes_of(directory)
    (change,) = changes_document(report)["targets"]["changes"]
    assert (change["change"], change["target_id"]) == ("revised", "gigabit-cities-2024")
    assert change["before"] == "all 16 cities meet the gigabit-city standard by end-2024"
    assert change["after"] == (
        "at least 15 of 17 cities meet the gigabit-city standard by end-2024"
    )
    targets = next(s for s in sections(report) if s.code == "targets")
    (item,) = targets.items
    assert item.text == f"gigabit-cities-2024 revised: {change['before']} → {change['after']}"
