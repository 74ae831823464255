"""Validating workspace files: every problem, each with its file, line and field."""

from __future__ import annotations

from pathlib import Path

from sdtrack.store.locations import locate_workspace
from sdtrack.store.validation import (
    LEDGER_BATCH,
    check_workspace,
    field_path,
    unit_context,
    validate_ledger_text,
)
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


def test_the_context_gives_every_indicator_its_unit_and_domain(workspace: Path) -> None:
    """The domains are computed once per indicator, beside the units."""
    targets = load_targets(locate_workspace(workspace, None, workspace))
    context = unit_context(targets)
    assert context is not None
    assert set(context["units"]) == set(context["domains"]) == {i.id for i in targets.indicators}
    assert context["domains"]["gigabit-cities"].maximum == 16
    assert unit_context(None) is None


def test_an_impossible_reading_is_located_on_its_line(workspace: Path) -> None:
    """147 % of GDP, -5 and half a base station: each refused on its value's line."""
    targets = load_targets(locate_workspace(workspace, None, workspace))
    text = GOOD
    for indicator, value in (
        ("digital-economy-gdp-share", "'147%'"),
        ("5g-base-stations", "-5"),
        ("5g-base-stations", "0.5"),
    ):
        text += f"\n[[reading]]\nindicator = '{indicator}'\nvalue = {value}\ndate = 2024\n"
        text += "source = 's'\n"
    _, problems = validate_ledger_text(text, LEDGER, targets)
    assert [(p.line, p.field) for p in problems] == [
        (11, "reading[1].value"),
        (17, "reading[2].value"),
        (23, "reading[3].value"),
    ]
    assert "147 % is not a possible value of digital-economy-gdp-share" in problems[0].message
    assert "a count cannot be negative" in problems[1].message
    assert "counts are whole numbers" in problems[2].message


def test_batches_refuse_what_the_whole_file_refuses(workspace: Path) -> None:
    """An impossible reading past the first batch is found, and located, all the same."""
    targets = load_targets(locate_workspace(workspace, None, workspace))
    entry = "\n[[reading]]\nindicator = 'iot-terminals'\nvalue = {value}\ndate = 2024\n"
    entry += "source = 's{n}'\n"
    text = "schema = 1\n" + "".join(entry.format(value=5, n=n) for n in range(LEDGER_BATCH + 5))
    text += entry.format(value=-1, n="last")
    _, problems = validate_ledger_text(text, LEDGER, targets)
    (problem,) = problems
    assert problem.field == f"reading[{LEDGER_BATCH + 5}].value"
    assert "-1 is not a possible number of terminals" in problem.message


def test_a_name_that_names_nothing_is_located_on_its_line(workspace: Path) -> None:
    """An unknown plan, region or formula input in targets.toml is found on its line."""
    path = workspace / "targets.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text
        + "\n[[indicator]]\nid = 'ratio'\nname = 'r'\nunit = 'per person'\nkind = 'stock'\n"
        + "formula = { kind = 'ratio', numerator = 'gdp-x', denominator = 'iot-terminals' }\n"
        + "\n[[indicator.target]]\nid = 'ratio-2027'\ncomparison = 'at_least'\nvalue = 3\n"
        + "deadline = 2027\nregion = 'atlantis'\n"
        + "source = { document = 'd', publisher = 'p', date = 2025-01-01, quote = 'q' }\n",
        encoding="utf-8",
    )
    problems = check_workspace(locate_workspace(workspace, None, workspace))
    lines = path.read_text(encoding="utf-8").splitlines()
    located = {p.field: lines[p.line - 1] for p in problems if p.line}
    assert located[f"indicator[{text.count('[[indicator]]')}].formula.numerator"].startswith(
        "formula ="
    )
    assert any(line == "region = 'atlantis'" for line in located.values())


def test_readings_of_unknown_regions_and_derived_indicators_are_refused(workspace: Path) -> None:
    """A reading's region must be a region; a derived indicator is never recorded."""
    targets = load_targets(locate_workspace(workspace, None, workspace))
    text = GOOD.replace("source = 's'", "source = 's'\nregion = 'atlantis'")
    _ledger, problems = validate_ledger_text(text, LEDGER, targets)
    ((problem,),) = [problems]
    assert problem.field == "reading[0].region"
    assert "unknown region 'atlantis'" in problem.message
    assert problem.line == 8
