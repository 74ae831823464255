"""Whole-file writes (init, a new ledger): all or nothing, and clean errors when refused."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.core.errors import DataError, UsageError
from sdtrack.core.model import Reading, Retraction
from sdtrack.core.quantities import Unit
from sdtrack.store.ledger_file import entry_block
from sdtrack.store.locations import READINGS_FILE, TARGETS_FILE, locate_workspace
from sdtrack.store.validation import check_workspace
from sdtrack.store.workspace import init_workspace, load_workspace
from sdtrack.store.writes import refuse_taken_output, write_atomic, write_files

from ..conftest import REPO, tree_state

CORPUS_BASE = REPO / "tests" / "corpus" / "base"


def test_init_where_no_directory_can_be_made_is_a_clean_error(tmp_path: Path) -> None:
    """init under a file (not a directory) exits 1 with a message, no traceback, no change."""
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    before = tree_state(tmp_path)
    result = CliRunner().invoke(app, ["init", str(blocker / "ws")])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{blocker / 'ws'}: cannot create the workspace: Not a directory" in result.stderr
    assert tree_state(tmp_path) == before


def test_a_failed_init_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the second file cannot be written, the first and the new directories are removed."""
    real_open = os.open

    def full_disk_for_the_ledger(path: object, *args: object, **kwargs: object) -> int:
        if READINGS_FILE in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", full_disk_for_the_ledger)
    with pytest.raises(DataError, match="No space left on device"):
        init_workspace(tmp_path / "a" / "b", empty=False)
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_without_hard_links_still_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links, a new file is still placed whole, never over one."""

    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_atomic(tmp_path / TARGETS_FILE, b"schema = 1\n", overwrite=False)
    assert (tmp_path / TARGETS_FILE).read_bytes() == b"schema = 1\n"
    with pytest.raises(UsageError, match="will not overwrite"):
        write_atomic(tmp_path / TARGETS_FILE, b"other", overwrite=False)
    assert (tmp_path / TARGETS_FILE).read_bytes() == b"schema = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [TARGETS_FILE]


def test_workspace_files_may_be_symbolic_links(workspace: Path, tmp_path: Path) -> None:
    """Linked targets.toml and readings.toml are read, and appends reach the linked ledger."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in (TARGETS_FILE, READINGS_FILE):
        (workspace / name).rename(elsewhere / name)
        (workspace / name).symlink_to(elsewhere / name)
    result = CliRunner().invoke(
        app, ["record", "iot-terminals", "2.3亿", "--date", "2024", "--source", "Linked",
              "--dir", str(workspace)],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (workspace / READINGS_FILE).is_symlink()
    assert 'source = "Linked"' in (elsewhere / READINGS_FILE).read_text("utf-8")
    assert CliRunner().invoke(app, ["check", "--dir", str(workspace)]).exit_code == 0


@pytest.mark.parametrize("kind", ["reading", "correction", "retraction"])
def test_an_entry_cut_off_at_any_byte_never_passes_as_whole(tmp_path: Path, kind: str) -> None:
    """Every prefix of an appended entry leaves the old ledger or a reported problem."""
    workspace = tmp_path / "ws"
    shutil.copytree(CORPUS_BASE, workspace)
    location = locate_workspace(workspace, None, workspace)
    ledger = workspace / READINGS_FILE
    original = ledger.read_bytes()
    old_entries = load_workspace(location).ledger.entries
    recorded = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
    entry: Reading | Retraction
    if kind == "retraction":
        entry = Retraction(reading="r-base-1", reason='wrong 📡 "year"', recorded=recorded)
    else:
        entry = Reading.model_validate({
            "id": "r-new", "indicator": "stations", "value": "23.5万", "date": "2024-06-30",
            "qualifier": "about", "source": 'Bulletin "Q2" 山东', "url": "https://a.example",
            "note": "line one\nline two", "recorded": recorded, "key": "job-1",
            **({"corrects": "r-base-1"} if kind == "correction" else {}),
        }, context={"units": {"stations": Unit("base stations", "count")}})  # fmt: skip
    block = entry_block(entry).encode("utf-8")
    ledger.write_bytes(original + block)
    assert check_workspace(location) == []
    new_entries = load_workspace(location).ledger.entries
    for cut in range(len(block)):
        ledger.write_bytes(original + block[:cut])
        if not check_workspace(location):
            entries = load_workspace(location).ledger.entries
            assert entries in (old_entries, new_entries), f"a torn entry passed, cut at {cut}"
            assert entries == old_entries or cut == len(block) - 1  # only the newline missing


@pytest.mark.parametrize("output", ["afile/report.md", "afile/deeper/report.md", "loop/x.md"])
def test_export_under_a_file_or_through_a_link_loop_is_a_clean_error(
    workspace: Path, tmp_path: Path, output: str
) -> None:
    """-o under a regular file, or through a symlink loop: exit 2 with a message naming it."""
    (tmp_path / "afile").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop")
    result = CliRunner().invoke(
        app, ["export", "-o", str(tmp_path / output), "--dir", str(workspace)]
    )
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, OSError)
    assert "cannot create the directory" in result.stderr


def test_any_os_error_while_writing_files_is_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OSError anywhere in writing the files is a DataError naming a path."""
    from sdtrack.store import writes

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error", str(tmp_path / "x"))

    monkeypatch.setattr(writes, "make_directory", failing)
    with pytest.raises(DataError, match="Input/output error"):
        writes.write_files([("a.csv", b"x"), ("b.csv", b"y")], tmp_path / "out", force=False)


def test_a_taken_output_is_refused_as_write_files_refuses_it(tmp_path: Path) -> None:
    """The early check refuses what `write_files` would (a file without --force; a file
    where a directory goes) and leaves a path it cannot look at to `write_files` to word."""
    taken = tmp_path / "report.xlsx"
    taken.write_bytes(b"kept")
    with pytest.raises(UsageError, match="already exists"):
        refuse_taken_output(taken, directory=False, force=False)
    refuse_taken_output(taken, directory=False, force=True)
    with pytest.raises(UsageError, match="writes a directory"):
        refuse_taken_output(taken, directory=True, force=True)
    refuse_taken_output(tmp_path / "new.xlsx", directory=False, force=False)
    refuse_taken_output(tmp_path, directory=True, force=False)
    too_long = tmp_path / ("x" * 300)
    refuse_taken_output(too_long, directory=False, force=False)
    with pytest.raises(DataError, match="cannot be written"):
        write_files([("", b"data")], too_long, force=False)
