"""The error family: located problems, exit codes and name lists."""

from __future__ import annotations

from pathlib import Path

from sdtrack.core.errors import (
    EXIT_DATA_ERROR,
    EXIT_USAGE_ERROR,
    DataError,
    Problem,
    UsageError,
    name_list,
)


def test_problem_names_file_line_and_field() -> None:
    """A problem's text is `file:line: field: message`."""
    problem = Problem("is not a number", Path("readings.toml"), 7, "reading[2].value")
    assert str(problem) == "readings.toml:7: reading[2].value: is not a number"


def test_problem_without_location_is_just_the_message() -> None:
    """A problem with no file, line or field is its message alone."""
    assert str(Problem("something is wrong")) == "something is wrong"
    assert str(Problem("bad", field="VALUE")) == "VALUE: bad"


def test_errors_carry_their_exit_codes_and_problems() -> None:
    """A data error exits 1, a usage error 2; a string becomes one problem."""
    error = UsageError("unknown id", hint="try targets")
    assert error.exit_code == EXIT_USAGE_ERROR == 2
    assert error.problems == (Problem("unknown id"),)
    assert error.hint == "try targets"
    assert DataError("broken").exit_code == EXIT_DATA_ERROR == 1


def test_name_list_shortens_long_lists() -> None:
    """A few names are all listed; many are cut to the limit with the count."""
    assert name_list(["a", "b"]) == "a, b"
    assert name_list([]) == "none"
    assert name_list([str(i) for i in range(5)], limit=2) == "0, 1, … (5 in all)"
