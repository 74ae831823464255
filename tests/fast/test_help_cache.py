"""The help cache: which command lines are help requests, and saved help texts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sdtrack.fast.help_cache import (
    Tee,
    help_key,
    is_help_request,
    save_help,
    saved_help,
)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--help"], True),
        (["status", "--help"], True),
        (["status"], False),
        (["status", "--json", "--help"], False),
        (["Status", "--help"], False),
        (["--help", "status"], False),
        ([], False),
    ],
)
def test_is_help_request(argv: list[str], expected: bool) -> None:
    """Only `--help` and `COMMAND --help` are help requests whose output can be cached."""
    assert is_help_request(argv) is expected


def test_help_key_depends_on_the_command_line_and_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The key changes with the argv and with the terminal width variable."""
    key = help_key(["--help"])
    assert key["argv"] == ["--help"]
    assert help_key(["status", "--help"]) != key
    monkeypatch.setenv("COLUMNS", "80")
    assert help_key(["--help"])["environment"]["COLUMNS"] == "80"
    assert help_key(["--help"]) != key


def test_saved_help_is_what_went_through_the_tee(tmp_path: Path) -> None:
    """What was written through a Tee is saved and read back for the same request only."""
    assert saved_help(tmp_path, ["--help"]) is None
    raw = io.BytesIO()
    tee = Tee(io.TextIOWrapper(raw, encoding="utf-8"))
    tee.write("Usage: sdtrack\n")
    tee.write(b"more\n")  # bytes, as Click writes where it finds no binary buffer
    tee.flush()
    assert raw.getvalue() == b"Usage: sdtrack\nmore\n"
    save_help(tmp_path, ["--help"], tee)
    assert saved_help(tmp_path, ["--help"]) == "Usage: sdtrack\nmore\n"
    assert saved_help(tmp_path, ["status", "--help"]) is None
