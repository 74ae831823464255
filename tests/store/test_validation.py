"""Validating workspace files: every problem, each with its file, line and field."""

from __future__ import annotations

from pathlib import Path

from sdtrack.store.locations import locate_workspace
from sdtrack.store.validation import check_workspace, field_path, validate_ledger_text
from sdtrack.store.workspace import load_targets

LEDGER = Path("readings.toml")
GOOD = (
    "schema = 1\n\n[[reading]]\nindicator = 'iot-terminals'\nvalue = 5\ndate = 2024\nsource = 's'\n"
)


def test_field_path_reads_like_the_file() -> None:
    """A pydantic location becomes `name[index].field`."""
    assert field_path(("reading", 3, "value")) == "reading[3].value"


def test_a_bad_value_is_located_on_its_line(workspace: Path) -> None:
    """A value that is not a number is reported on its own line, with its field."""
    targets = load_targets(locate_workspace(workspace, None, workspace))
    text = GOOD + "\n[[reading]]\nindicator = 'iot-terminals'\nvalue = 'N/A'\ndate = 2024\n"
    text += "source = 's'\n"
    _, problems = validate_ledger_text(text, LEDGER, targets)
    assert len(problems) == 1
    (problem,) = problems
    assert problem.line == 11
    assert problem.field == "reading[1].value"
    assert "'N/A' is not a number" in problem.message


def test_a_valid_ledger_has_no_problems(workspace: Path) -> None:
    """A valid ledger validates into its readings with no problems."""
    targets = load_targets(locate_workspace(workspace, None, workspace))
    ledger, problems = validate_ledger_text(GOOD, LEDGER, targets)
    assert problems == []
    assert [r.indicator for r in ledger.current()] == ["iot-terminals"]


def test_check_workspace_is_empty_for_the_shipped_dataset(workspace: Path) -> None:
    """A freshly made workspace has no problems."""
    assert check_workspace(locate_workspace(workspace, None, workspace)) == []
