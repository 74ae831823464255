"""The one boundary where expected errors become messages and exit codes."""

from __future__ import annotations

import pytest

from sdtrack.commands.base import guarded
from sdtrack.core.errors import DataError, UsageError


def test_a_usage_error_exits_2_with_one_clean_message(capsys: pytest.CaptureFixture[str]) -> None:
    """guarded turns a UsageError into exit 2 and prints `error:` (and the hint) on stderr."""

    def body() -> None:
        raise UsageError("no indicator has the id 'x'", hint="see `sdtrack targets`")

    assert guarded(body) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "error: no indicator has the id 'x'\nhint: see `sdtrack targets`\n"


def test_data_error_interrupt_and_success(capsys: pytest.CaptureFixture[str]) -> None:
    """A data error exits 1, Ctrl-C 130, a body returning nothing 0, a code that code."""

    def broken() -> None:
        raise DataError("targets.toml: bad")

    def interrupted() -> None:
        raise KeyboardInterrupt

    assert guarded(broken) == 1
    assert "error: targets.toml: bad" in capsys.readouterr().err
    assert guarded(interrupted) == 130
    assert guarded(lambda: None) == 0
    assert guarded(lambda: 3) == 3


def test_a_bug_keeps_its_traceback() -> None:
    """Any other exception is not caught."""

    def buggy() -> None:
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        guarded(buggy)
