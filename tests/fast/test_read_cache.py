"""The read cache: each read command's output, printed again while its files are unchanged."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sdtrack.commands import loading
from sdtrack.core import language
from sdtrack.fast.read_cache import read_key
from sdtrack.store.locations import READINGS_FILE, locate_workspace

from ..commands.conftest import run

READS = [
    ["gap", "--json"],
    ["gap", "5g-base-stations-2025"],
    ["show", "5g-base-stations", "--json"],
    ["show", "gigabit-cities-2024"],
    ["targets", "--json"],
    ["targets"],
    ["readings", "--json", "--limit", "3"],
    ["readings", "5g-base-stations"],
    ["due", "--json"],
    ["due"],
]


def _cache(home: Path) -> Path:
    return home / ".cache" / "sdtrack"


def _entries(home: Path) -> list[Path]:
    return sorted(_cache(home).glob("read-*.json"))


def _refuse_to_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("the workspace was loaded on a cache hit")

    monkeypatch.setattr(loading, "load_from", refuse)


@pytest.mark.parametrize("arguments", READS, ids=" ".join)
def test_a_second_run_prints_the_same_without_loading_the_workspace(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]
) -> None:
    first = run(runner, *arguments, "--dir", str(workspace))
    assert first[0] == 0
    assert first[1]
    _refuse_to_load(monkeypatch)
    assert run(runner, *arguments, "--dir", str(workspace)) == first


def test_check_is_kept_only_while_the_workspace_is_valid(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A clean check is printed again; a broken workspace is checked anew every time."""
    assert run(runner, "check", "--dir", str(workspace)) == (0, "", "")
    ledger = workspace / READINGS_FILE
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\n[[reading]]\nvalue = 1\n")
    for _ in range(2):
        code, _out, err = run(runner, "check", "--dir", str(workspace))
        assert code == 1
        assert "required key 'indicator' is missing" in err
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text[: text.rindex("\n[[reading]]")] + "\n")
    assert run(runner, "check", "--dir", str(workspace))[0] == 0
    _refuse_to_load(monkeypatch)
    monkeypatch.setattr("sdtrack.store.validation.check_workspace", loading.load_from)
    assert run(runner, "check", "--dir", str(workspace)) == (0, "", "")


def test_an_edit_that_restores_the_size_and_times_is_seen(
    runner: CliRunner, workspace: Path
) -> None:
    """One character changed, the size the same, the modification time put back."""
    ledger = workspace / READINGS_FILE
    old = ledger.stat().st_mtime_ns - 3_600_000_000_000
    os.utime(ledger, ns=(old, old))
    arguments = ("readings", "5g-base-stations", "--json", "--dir", str(workspace))
    before = run(runner, *arguments)[1]
    text = ledger.read_text(encoding="utf-8")
    assert "value = 100000\n" in text
    ledger.write_text(text.replace("value = 100000\n", "value = 100001\n"), encoding="utf-8")
    os.utime(ledger, ns=(old, old))
    after = run(runner, *arguments)[1]
    assert '"value": 100000' in before
    assert '"value": 100001' in after


def test_a_corrupt_or_deleted_entry_costs_only_time(
    runner: CliRunner, workspace: Path, tmp_path: Path
) -> None:
    home = Path.home()
    arguments = ("gap", "--json", "--dir", str(workspace))
    first = run(runner, *arguments)
    (entry,) = _entries(home)
    entry.write_bytes(b'{"key": {"format": 1}, "files": [], "value": {"stdout": 3')
    assert run(runner, *arguments) == first
    for entry in _entries(home):
        entry.unlink()
    assert run(runner, *arguments) == first


def test_no_cache_keeps_nothing(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDTRACK_NO_CACHE", "1")
    run(runner, "targets", "--json", "--dir", str(workspace))
    assert _entries(Path.home()) == []


def test_an_error_is_never_kept(runner: CliRunner, workspace: Path) -> None:
    for _ in range(2):
        code, _out, err = run(runner, "show", "no-such-thing", "--dir", str(workspace))
        assert code == 2
        assert "no-such-thing" in err
    assert _entries(Path.home()) == []


def test_the_key_holds_what_the_output_depends_on(workspace: Path) -> None:
    """The command, each parameter, the day, the language and the console."""
    from sdtrack.commands.gap import GapParameters

    location = locate_workspace(workspace, None, workspace)
    day = dt.date(2026, 11, 22)
    console = {"width": 100, "json": False}
    key = read_key("gap", GapParameters(), location, day, console)
    assert key["parameters"] == {
        "ids": None, "directory": None, "as_of": None, "method": None, "json": False
    }  # fmt: skip
    others = [
        read_key("show", GapParameters(), location, day, console),
        read_key("gap", GapParameters(ids=["a"]), location, day, console),
        read_key("gap", GapParameters(method="projection"), location, day, console),
        read_key("gap", GapParameters(), location, day + dt.timedelta(days=1), console),
        read_key("gap", GapParameters(), location, day, {**console, "width": 80}),
    ]
    language.use("zh")
    try:
        others.append(read_key("gap", GapParameters(), location, day, console))
    finally:
        language.use("en")
    assert all(other != key for other in others)
    assert read_key("gap", GapParameters(), location, day, console) == key
