"""check's conflict warnings: the disputed moments of a valid ledger, with their lines."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sdtrack.core.ledger import Ledger
from sdtrack.core.model import Retraction
from sdtrack.core.periods import parse_period
from sdtrack.store.conflict_check import check_conflicts, ledger_conflicts
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_targets

from ..conftest import append_reading, make_reading


def test_a_valid_shipped_workspace_has_no_conflicts(workspace: Path) -> None:
    """The shipped dataset has none: `check` stays silent on it."""
    assert check_conflicts(locate_workspace(workspace, None, workspace)) == []


def test_each_conflict_names_both_readings_and_their_lines(workspace: Path) -> None:
    """A 2024-06 figure beside the shipped 2024-06-18 one: one conflict, both lines."""
    where = locate_workspace(workspace, None, workspace)
    append_reading(
        where,
        make_reading(id="r-high", value=Decimal(300000), date=parse_period("2024-06")),
    )
    (conflict,) = check_conflicts(where)
    assert conflict.code == "conflict"
    assert conflict.indicator.id == "5g-base-stations"
    assert conflict.counted.reading.key == "cited-5g-base-stations-2024-06"
    assert conflict.other.reading.key == "r-high"
    lines = where.readings_path.read_text(encoding="utf-8").splitlines()
    assert lines[conflict.other.line - 1].strip() == "[[reading]]"
    assert lines[conflict.other.line] == 'id = "r-high"'
    assert lines[conflict.counted.line] == 'id = "cited-5g-base-stations-2024-06"'
    assert str(conflict.file) == str(where.readings_path)


def test_only_current_readings_conflict(workspace: Path) -> None:
    """A retracted or superseded reading is no longer in dispute."""
    where = locate_workspace(workspace, None, workspace)
    targets = load_targets(where)
    low = make_reading(id="r-low", date=parse_period("2019"))
    high = make_reading(id="r-high", value=Decimal(9), date=parse_period("2019"))
    fixed = make_reading(id="r-fixed", date=parse_period("2019"), corrects="r-high")
    assert len(ledger_conflicts(targets, Ledger.build([low, high], []))) == 1
    assert ledger_conflicts(targets, Ledger.build([low, high, fixed], [])) == []
    retracted = Ledger.build([low, high], [Retraction(reading="r-high", reason="wrong")])
    assert ledger_conflicts(targets, retracted) == []
    indicator, group, indices = ledger_conflicts(targets, Ledger.build([low, high], []))[0]
    assert (indicator.id, group.chosen.key, indices) == ("5g-base-stations", "r-high", [0, 1])
