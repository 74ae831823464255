"""Impossible values are refused everywhere they can enter: `record`, `correct`, `check`,
`status` and targets.toml, each with a message that says why and where."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from .commands.conftest import run, tree_hashes


def _line(path: Path, text: str) -> int:
    """The number of the last line of `path` holding `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(n for n, line in enumerate(lines, start=1) if text in line)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("indicator", "value", "message"),
    [
        (
            "digital-economy-gdp-share",
            "147%",
            "147 % is not a possible value of digital-economy-gdp-share: "
            "a share lies between 0 and 100 %",
        ),
        ("digital-economy-gdp-share", "-0.5", "a share lies between 0 and 100 %"),
        (
            "5g-base-stations",
            "-5",
            "-5 is not a possible number of base stations: a count cannot be negative",
        ),
        (
            "5g-base-stations",
            ".5",
            "0.5 is not a possible number of base stations: counts are whole numbers",
        ),
        ("5g-base-stations", "1e-10", "counts are whole numbers"),
        ("5g-base-stations", "1e-400", "'1e-400' has more than 18 decimal places"),
        ("5g-base-stations", "1e-999999999999", "more than 18 decimal places"),
        ("5g-base-stations", "-1e999999999999", "is larger than"),
        ("gigabit-cities", "17", "17 cities is not a possible value of gigabit-cities"),
        ("it-industry-revenue", "-5", "set `negative = true` on the indicator"),
        ("5g-base-stations", "NaN", "'NaN' is not a finite number"),
        ("5g-base-stations", "inf", "'inf' is not a finite number"),
    ],
)
def test_record_refuses_an_impossible_value(
    runner: CliRunner, workspace: Path, indicator: str, value: str, message: str
) -> None:
    """record refuses a value that cannot exist: exit 2, why, and the ledger unchanged."""
    before = tree_hashes(workspace)
    code, out, err = run(
        runner, "record", indicator, "--date", "2024", "--source", "Paper",
        "--dir", str(workspace), "--", value,
    )  # fmt: skip
    assert code == 2, out
    assert message in err
    assert "VALUE" in err
    assert "Traceback" not in err
    assert tree_hashes(workspace) == before


def test_record_accepts_the_edges_of_a_domain(runner: CliRunner, workspace: Path) -> None:
    """0 and 100 % are possible shares, 16 of 16 gigabit cities a possible count."""
    for indicator, value in (("digital-economy-gdp-share", "100%"), ("gigabit-cities", "16")):
        code, _out, err = run(
            runner, "record", indicator, value, "--date", "2023", "--source", "Edge",
            "--dir", str(workspace),
        )  # fmt: skip
        assert code == 0, err


def test_correct_refuses_an_impossible_value(runner: CliRunner, workspace: Path) -> None:
    """correct refuses a new value outside the domain, and changes nothing."""
    code, out, err = run(
        runner, "record", "gigabit-cities", "12", "--date", "2022", "--source", "Paper",
        "--dir", str(workspace), "--json",
    )  # fmt: skip
    assert code == 0, err
    reading_id = out.split('"id": "', 1)[1].split('"', 1)[0]
    before = tree_hashes(workspace)
    code, _out, err = run(runner, "correct", reading_id, "12.5", "--dir", str(workspace))
    assert code == 2
    assert "12.5 is not a possible number of cities: counts are whole numbers" in err
    assert tree_hashes(workspace) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"147%"', "147 % is not a possible value of digital-economy-gdp-share"),
        ("-5", "-5 % is not a possible value of digital-economy-gdp-share"),
    ],
)
def test_check_locates_an_impossible_reading(
    runner: CliRunner, workspace: Path, value: str, message: str
) -> None:
    """check names the file, line and field of a reading outside its domain; so does status."""
    ledger = workspace / "readings.toml"
    ledger.write_text(
        ledger.read_text(encoding="utf-8")
        + "\n[[reading]]\nindicator = 'digital-economy-gdp-share'\n"
        + f"value = {value}\ndate = 2023\nsource = 'Paper'\n",
        encoding="utf-8",
    )
    line = _line(ledger, f"value = {value}")
    for command in ("check", "status"):
        code, _out, err = run(runner, command, "--dir", str(workspace))
        assert code == 1, command
        assert f"{ledger}:{line}: reading[" in err
        assert f"].value: {message}" in err


def test_check_locates_a_count_that_is_not_whole(runner: CliRunner, workspace: Path) -> None:
    """Half a base station in the ledger is refused by check, with its line."""
    ledger = workspace / "readings.toml"
    ledger.write_text(
        ledger.read_text(encoding="utf-8")
        + "\n[[reading]]\nindicator = '5g-base-stations'\nvalue = 0.5\ndate = 2023\n"
        + "source = 'Paper'\n",
        encoding="utf-8",
    )
    code, _out, err = run(runner, "check", "--dir", str(workspace))
    assert code == 1
    assert f"{ledger}:{_line(ledger, 'value = 0.5')}: reading[" in err
    assert "0.5 is not a possible number of base stations: counts are whole numbers" in err


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (
            "limit = 16\n",
            "limit = -1\n",
            "limit = -1",
            "indicator[3].limit: limit = -1 is not possible: a limit is the most "
            "gigabit-cities can ever reach, so it is more than 0",
        ),
        (
            "limit = 16\n",
            "limit = 16.5\n",
            "limit = 16.5",
            "indicator[3].limit: 16.5 is not a possible number of cities",
        ),
        (
            '比重"\nunit = "%"\nkind = "share"\n',
            '比重"\nunit = "%"\nkind = "share"\nlimit = 150\n',
            "limit = 150",
            "limit: 150 % is not a possible value of digital-economy-gdp-share",
        ),
        (
            "value = 250000\ndeadline = 2025\n",
            "value = 250000\ndeadline = 2020\n",
            "deadline = 2020",
            "target[0].deadline: deadline 2020 is before the baseline date 2021-11-29",
        ),
        (
            "value = 250000\ndeadline = 2025\n",
            "value = -250000\ndeadline = 2025\n",
            "value = -250000",
            "target[0].value: -250,000 is not a possible number of base stations: "
            "a count cannot be negative",
        ),
        (
            "baseline = { value = 100000, date = 2021-11-29,",
            "baseline = { value = 100000.5, date = 2021-11-29,",
            "value = 100000.5",
            "target[0].baseline.value: 100,000.5 is not a possible number of base stations",
        ),
    ],
)
def test_impossible_targets_file_fails_check_and_status(
    runner: CliRunner, workspace: Path, old: str, new: str, at: str, message: str
) -> None:
    """An impossible limit, target, baseline or deadline in targets.toml: check and status
    exit 1, naming targets.toml, the line and the field."""
    targets = workspace / "targets.toml"
    _replace(targets, old, new)
    line = _line(targets, at)
    for command in ("check", "status"):
        code, _out, err = run(runner, command, "--dir", str(workspace))
        assert code == 1, command
        assert f"{targets}:{line}: " in err
        assert message in err


def test_a_share_target_over_100_percent_is_refused(runner: CliRunner, workspace: Path) -> None:
    """A target of 150 % of GDP cannot be met: refused at its value's line."""
    targets = workspace / "targets.toml"
    _replace(
        targets,
        '比重"\nunit = "%"\nkind = "share"\n',
        '比重"\nunit = "%"\nkind = "share"\n\n[[indicator.target]]\nid = "share-2030"\n'
        'comparison = "at_least"\nvalue = "150%"\ndeadline = 2030\n'
        'source = { document = "d", speaker = "s", date = 2024-01-01, quote = "q" }\n',
    )
    code, _out, err = run(runner, "check", "--dir", str(workspace))
    assert code == 1
    line = _line(targets, 'value = "150%"')
    assert f"{targets}:{line}: " in err
    assert "150 % is not a possible value of digital-economy-gdp-share" in err


def test_declared_negatives_and_measures_are_possible(runner: CliRunner, workspace: Path) -> None:
    """`negative = true` admits values below 0; `integer = false` admits fractions."""
    targets = workspace / "targets.toml"
    _replace(
        targets, 'id = "it-industry-revenue"\n', 'id = "it-industry-revenue"\nnegative = true\n'
    )
    _replace(targets, 'id = "5g-base-stations"\n', 'id = "5g-base-stations"\ninteger = false\n')
    for indicator, value in (("it-industry-revenue", "-5"), ("5g-base-stations", "0.5")):
        code, _out, err = run(
            runner, "record", indicator, "--date", "2020", "--source", "Paper",
            "--dir", str(workspace), "--", value,
        )  # fmt: skip
        assert code == 0, err
    code, _out, err = run(runner, "check", "--dir", str(workspace))
    assert code == 0, err
