"""The ledger index: record decides from it when it matches the ledger, and never trusts it else."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.fast import cache as cache_module
from sdtrack.fast import ledger_index
from sdtrack.store import append as workspace_module
from sdtrack.store.locations import READINGS_FILE

RECORD = ["record", "5g-base-stations", "23.5万", "--date", "2024", "--source", "Bulletin"]
OTHER = ["record", "5g-base-stations", "24万", "--date", "2024-06", "--source", "Bulletin"]
THIRD = ["record", "5g-base-stations", "25万", "--date", "2024-09", "--source", "Bulletin"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory of this test's own."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("SDTRACK_CACHE_DIR", str(directory))
    return directory


def run(runner: CliRunner, workspace: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--dir", str(workspace)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def index_file(cache: Path, workspace: Path) -> Path:
    return ledger_index.index_path(cache, workspace / READINGS_FILE)


def count_full_validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the calls of the whole-ledger validation that record falls back to."""
    calls: list[int] = []
    real: Callable[..., Any] = workspace_module.validate_ledger_text

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(workspace_module, "validate_ledger_text", counting)
    return calls


def forbid_whole_ledger_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make recording from the whole ledger fail: what follows must decide from the index."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the record fell back to the whole ledger")

    monkeypatch.setattr(workspace_module, "_append_through_ledger", refuse)


def forbid_full_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole ledger was validated")

    monkeypatch.setattr(workspace_module, "validate_ledger_text", refuse)


def restamp_as_unchanged(cache: Path, workspace: Path) -> None:
    """Give the index the ledger's present stat, as a file system with coarse times might.

    Only the content digest, compared while the stamp is racy, can then tell the change.
    """
    import sqlite3

    stat = os.stat(workspace / READINGS_FILE)
    connection = sqlite3.connect(index_file(cache, workspace))
    with connection:
        connection.execute(
            "UPDATE meta SET size = ?, mtime_ns = ?, ctime_ns = ?, inode = ?, device = ?",
            (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev),
        )
    connection.close()


def test_the_second_record_decides_from_the_index(
    runner: CliRunner, workspace: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first record builds the index; the next one appends without validating the ledger."""
    assert run(runner, workspace, *RECORD)[0] == 0
    assert index_file(cache, workspace).is_file()
    forbid_full_validation(monkeypatch)
    code, out, err = run(runner, workspace, *OTHER)
    assert code == 0, err
    assert "Recorded" in out or "recorded" in out


def copy_workspace(workspace: Path, directory: Path) -> Path:
    directory.mkdir()
    for name in ("targets.toml", READINGS_FILE):
        (directory / name).write_bytes((workspace / name).read_bytes())
    return directory


def without_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the cache where no directory can be made: every record takes the full path."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("SDTRACK_CACHE_DIR", str(blocker / "cache"))


def test_record_through_the_index_prints_what_the_full_path_prints(
    runner: CliRunner, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same records give byte-identical output and ledgers with and without the index."""
    twin = copy_workspace(workspace, tmp_path / "twin")
    steps = [
        [*RECORD],
        [*OTHER, "--json"],
        [*RECORD],
        [*RECORD, "--allow-duplicate"],
        [*RECORD, "--allow-duplicate", "--key", "k1", "--json"],
        [*OTHER, "--key", "k1"],
        [*OTHER, "--key", "k1", "--json"],
        ["record", "iot-terminals", "2.3亿", "--date", "2024", "--source", "B", "--json"],
        ["record", "iot-terminals", "2.4亿", "--date", "2024", "--source", "B"],
    ]
    monkeypatch.setenv("SDTRACK_CACHE_DIR", str(tmp_path / "cache"))
    indexed = [run(runner, workspace, *step) for step in steps]
    without_cache(tmp_path, monkeypatch)
    full = [run(runner, twin, *step) for step in steps]
    assert indexed == full
    assert (workspace / READINGS_FILE).read_bytes() == (twin / READINGS_FILE).read_bytes()


def test_a_key_already_recorded_appends_nothing_through_the_index(
    runner: CliRunner, workspace: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A --key hit answered by the index writes nothing and reports the earlier reading."""
    code, out, _ = run(runner, workspace, *RECORD, "--key", "bulletin", "--json")
    first = json.loads(out)["reading"]
    ledger = (workspace / READINGS_FILE).read_bytes()
    forbid_full_validation(monkeypatch)
    code, out, err = run(runner, workspace, *OTHER, "--key", "bulletin", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["already_recorded"] is True
    assert data["reading"] == first
    assert (workspace / READINGS_FILE).read_bytes() == ledger


def test_a_duplicate_is_refused_through_the_index(
    runner: CliRunner, workspace: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index finds an exact duplicate and the refusal names it; nothing is written."""
    assert run(runner, workspace, *RECORD)[0] == 0
    ledger = (workspace / READINGS_FILE).read_bytes()
    forbid_full_validation(monkeypatch)
    code, _, err = run(runner, workspace, *RECORD)
    assert code == 2
    assert "is already recorded as r-" in err
    assert (workspace / READINGS_FILE).read_bytes() == ledger


def rename_last_source(ledger: Path) -> None:
    """The last reading's source "Bulletin" becomes "Bulletix": same size, new content."""
    text = ledger.read_text("utf-8")
    edited = text[: text.rindex('source = "Bulletin"')] + 'source = "Bulletix"\n'
    assert len(edited.encode()) == len(text.encode())
    ledger.write_text(edited, "utf-8")


@pytest.mark.parametrize(
    ("recorded", "disguise"),
    [
        ([RECORD], "none"),
        ([RECORD], "mtime restored"),
        ([RECORD], "stat unchanged"),
        # The second noted by the index (a chained digest), on a file system whose whole-
        # second times could hide a change made in the same second as sdtrack's append.
        ([RECORD, OTHER], "stat unchanged, whole-second times"),
    ],
)
def test_a_same_size_hand_edit_is_noticed(
    runner: CliRunner,
    workspace: Path,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    recorded: list[list[str]],
    disguise: str,
) -> None:
    """Changing one character, even hidden from stat, makes record read the whole ledger."""
    for argv in recorded:
        assert run(runner, workspace, *argv)[0] == 0
    ledger = workspace / READINGS_FILE
    before = os.stat(ledger)
    rename_last_source(ledger)
    if disguise != "none":
        os.utime(ledger, ns=(before.st_atime_ns, before.st_mtime_ns))
    if disguise.startswith("stat unchanged"):
        restamp_as_unchanged(cache, workspace)
    if disguise.endswith("whole-second times"):
        monkeypatch.setattr(ledger_index, "has_fine_times", lambda *times: False)
    calls = count_full_validations(monkeypatch)
    code, _, err = run(runner, workspace, *recorded[-1])
    # The ledger no longer holds the same reading: it is not a duplicate of "Bulletix".
    assert code == 0, err
    assert calls, "the edited ledger was not read in full"


def test_a_record_after_sdtracks_own_append_reads_only_a_few_blocks(
    runner: CliRunner, workspace: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the index has noted an append, the next record reads a few blocks, not the ledger."""
    ledger = workspace / READINGS_FILE
    filler = "".join(
        f'\n[[reading]]\nindicator = "iot-terminals"\nvalue = {n}\ndate = 2001-01-01\n'
        f'source = "Filler {n}"\n'
        for n in range(2000)
    )
    ledger.write_text(ledger.read_text("utf-8") + filler, "utf-8")
    assert run(runner, workspace, *RECORD)[0] == 0  # builds the index
    assert run(runner, workspace, *OTHER)[0] == 0  # checks the rebuilt index, notes its append
    read: list[int] = []
    real_pread = os.pread

    def counting_pread(fd: int, length: int, offset: int) -> bytes:
        data = real_pread(fd, length, offset)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "pread", counting_pread)
    forbid_full_validation(monkeypatch)
    assert run(runner, workspace, *THIRD)[0] == 0
    size = ledger.stat().st_size
    assert 0 < sum(read) < size // 20, f"read {sum(read)} of {size} bytes"


def test_a_unit_changed_in_targets_makes_record_read_the_whole_ledger(
    runner: CliRunner, workspace: Path, cache: Path
) -> None:
    """A ledger that no longer validates against targets.toml is refused, index or not."""
    assert run(runner, workspace, *RECORD)[0] == 0
    targets = workspace / "targets.toml"
    text = targets.read_text("utf-8")
    before = 'id = "digital-economy-gdp-share"'
    block = text.index(before)
    end = text.index('kind = "share"', block) + len('kind = "share"')
    changed = text[block:end].replace('unit = "%"', 'unit = "yuan"').replace("share", "stock")
    targets.write_text(text[:block] + before + changed[len(before) :] + text[end:], "utf-8")
    ledger = (workspace / READINGS_FILE).read_bytes()
    code, _, err = run(runner, workspace, *OTHER)
    assert code == 1
    assert "percentage" in err
    assert (workspace / READINGS_FILE).read_bytes() == ledger


def test_an_edit_to_targets_that_keeps_ids_and_units_keeps_the_index(
    runner: CliRunner, workspace: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rewording a note in targets.toml does not cost a rebuild of the ledger's index."""
    assert run(runner, workspace, *RECORD)[0] == 0
    targets = workspace / "targets.toml"
    targets.write_text(targets.read_text("utf-8") + "# a reader's comment\n", "utf-8")
    forbid_full_validation(monkeypatch)
    code, _, err = run(runner, workspace, *OTHER)
    assert code == 0, err


def test_a_ledger_over_the_size_limit_is_refused_through_the_index(
    runner: CliRunner, workspace: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ledger size limit holds on the indexed path too, and nothing is appended."""
    assert run(runner, workspace, *RECORD)[0] == 0
    ledger = (workspace / READINGS_FILE).read_bytes()
    monkeypatch.setattr(workspace_module, "MAX_LEDGER_BYTES", len(ledger) - 1)
    forbid_whole_ledger_record(monkeypatch)
    code, _, err = run(runner, workspace, *OTHER)
    assert code == 1
    assert "sdtrack reads ledgers of at most" in err, err
    assert (workspace / READINGS_FILE).read_bytes() == ledger


def test_a_rewrite_while_record_reads_through_the_index_is_caught(
    runner: CliRunner, workspace: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program rewriting the ledger while record reads it stops the indexed append."""
    assert run(runner, workspace, *RECORD)[0] == 0
    assert run(runner, workspace, *OTHER)[0] == 0
    ledger = workspace / READINGS_FILE
    real = ledger_index.LedgerIndex.current_readings
    rewritten: list[bytes] = []

    def rewritten_meanwhile(index: ledger_index.LedgerIndex, indicator: str) -> list[Any]:
        readings = real(index, indicator)
        text = ledger.read_text("utf-8")
        ledger.write_text(text.replace("value = 301", "value = [1]", 1), "utf-8")
        later = ledger.stat().st_mtime_ns + 5_000_000_000  # a later tick than the check
        os.utime(ledger, ns=(later, later))
        rewritten.append(ledger.read_bytes())
        return readings

    monkeypatch.setattr(ledger_index.LedgerIndex, "current_readings", rewritten_meanwhile)
    code, _, err = run(runner, workspace, *THIRD)
    assert code == 1
    assert "value" in err
    assert ledger.read_bytes() == rewritten[0]  # the rewrite, and no reading appended to it


@pytest.mark.parametrize("path_taken", ["index", "whole ledger"])
def test_a_ledger_saved_by_rename_while_record_reads_loses_nothing(
    runner: CliRunner,
    workspace: Path,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    path_taken: str,
) -> None:
    """An editor's save-by-rename during a record is refused, never appended to the old file."""
    assert run(runner, workspace, *RECORD)[0] == 0
    ledger = workspace / READINGS_FILE
    saved = ledger.read_text("utf-8") + "# saved by an editor\n"
    renames: list[int] = []

    def save_by_rename() -> None:  # once: the second record below runs undisturbed
        if renames:
            return
        renames.append(1)
        replacement = workspace / "readings.toml.editor"
        replacement.write_text(saved, "utf-8")
        os.replace(replacement, ledger)

    if path_taken == "index":
        real_readings = ledger_index.LedgerIndex.current_readings

        def reading_meanwhile(index: ledger_index.LedgerIndex, indicator: str) -> list[Any]:
            found = real_readings(index, indicator)
            save_by_rename()
            return found

        monkeypatch.setattr(ledger_index.LedgerIndex, "current_readings", reading_meanwhile)
    else:
        index_file(cache, workspace).unlink()
        real_validation: Callable[..., Any] = workspace_module.validate_ledger_text

        def validating_meanwhile(*args: Any, **kwargs: Any) -> Any:
            found = real_validation(*args, **kwargs)
            save_by_rename()
            return found

        monkeypatch.setattr(workspace_module, "validate_ledger_text", validating_meanwhile)
    code, _, err = run(runner, workspace, *OTHER)
    assert code == 1
    assert "was replaced by another program" in err
    assert "run the command again" in err
    assert ledger.read_text("utf-8") == saved
    assert run(runner, workspace, *OTHER)[0] == 0
    assert ledger.read_text("utf-8").startswith(saved)


def test_a_checked_racy_index_is_trusted_afterwards(
    runner: CliRunner, workspace: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once a rebuilt index's digest has matched, later records do not read the ledger again."""
    keyed = [*RECORD, "--key", "bulletin-2024"]
    assert run(runner, workspace, *keyed)[0] == 0  # rebuilds: its stamp is racy
    times = os.stat(workspace / READINGS_FILE)
    if not cache_module.has_fine_times(times.st_mtime_ns, times.st_ctime_ns):
        pytest.skip("this file system keeps whole seconds: its racy window is 2 s")
    time.sleep(3 * cache_module.FINE_RACY_NANOSECONDS / 1e9)
    digests: list[int] = []
    real = ledger_index.content_digest

    def counting(fd: int, ends: Any) -> str:
        digests.append(1)
        return real(fd, ends)

    monkeypatch.setattr(ledger_index, "content_digest", counting)
    forbid_whole_ledger_record(monkeypatch)
    for _ in range(3):  # the key is recorded: nothing is appended
        assert run(runner, workspace, *keyed)[0] == 0
    assert len(digests) == 1


def test_pruning_indexes_leaves_other_files_alone(cache: Path) -> None:
    """Only index files named as sdtrack names them are pruned from the cache directory."""
    cache.mkdir()
    mine = [cache / f"ledger-notes{n}.sqlite" for n in range(ledger_index.MAX_INDEXES + 4)]
    for path in mine:
        path.write_text("not an index")
    ledger_index._prune(cache)
    assert all(path.exists() for path in mine)


def test_a_hand_edit_that_breaks_the_ledger_is_refused(
    runner: CliRunner, workspace: Path, cache: Path
) -> None:
    """A ledger broken by hand after the index was built is refused, as without the index."""
    assert run(runner, workspace, *RECORD)[0] == 0
    ledger = workspace / READINGS_FILE
    text = ledger.read_text("utf-8")
    ledger.write_text(text.replace('source = "Bulletin"', 'source = "Bulletin'), "utf-8")
    before = ledger.read_bytes()
    code, _, err = run(runner, workspace, *OTHER)
    assert code == 1
    assert "TOML syntax error" in err
    assert ledger.read_bytes() == before


def test_an_appended_duplicate_by_hand_is_still_found(
    runner: CliRunner, workspace: Path, cache: Path
) -> None:
    """A reading appended by hand, unseen by the index, is still found as a duplicate."""
    assert run(runner, workspace, *RECORD)[0] == 0
    ledger = workspace / READINGS_FILE
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[reading]]\nid = "by-hand"\nindicator = "5g-base-stations"\n'
            'value = 240000\ndate = "2024-06"\nsource = "Bulletin"\n'
        )
    code, _, err = run(runner, workspace, *OTHER)
    assert code == 2
    assert "already recorded as by-hand" in err


@pytest.mark.parametrize("damage", ["deleted", "garbage", "empty"])
def test_a_missing_or_corrupt_index_is_harmless(
    runner: CliRunner, workspace: Path, cache: Path, damage: str
) -> None:
    """Deleting the index or overwriting it with garbage only costs one full read."""
    assert run(runner, workspace, *RECORD)[0] == 0
    path = index_file(cache, workspace)
    if damage == "deleted":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"this is not a sqlite database\x00" * 100)
    else:
        path.write_bytes(b"")
    code, _, err = run(runner, workspace, *RECORD)
    assert code == 2
    assert "already recorded as r-" in err
    assert run(runner, workspace, *OTHER)[0] == 0
    assert run(runner, workspace, *OTHER)[0] == 2


def test_an_unwritable_cache_directory_is_harmless(
    runner: CliRunner, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no index can be written, record still works, from the whole ledger."""
    without_cache(tmp_path, monkeypatch)
    assert run(runner, workspace, *RECORD)[0] == 0
    code, _, err = run(runner, workspace, *RECORD)
    assert code == 2
    assert "already recorded as r-" in err
    assert (tmp_path / "blocker").read_text() == "a file where the cache directory would go"


def test_correct_and_retract_then_record_report_the_right_states(
    runner: CliRunner, workspace: Path, cache: Path
) -> None:
    """After correct or retract, record sees the duplicate's new state, not the index's old one."""
    code, out, _ = run(runner, workspace, *RECORD, "--json")
    first = json.loads(out)["reading"]["id"]
    code, out, err = run(runner, workspace, "correct", first, "23.6万", "--json")
    assert code == 0, err
    correction = json.loads(out)["reading"]["id"]
    code, _, err = run(runner, workspace, *RECORD)
    assert code == 2
    assert f"already recorded as {first} (superseded by {correction})" in err
    code, _, err = run(runner, workspace, "retract", correction, "--reason", "typo")
    assert code == 0, err
    corrected = ["record", "5g-base-stations", "23.6万", "--date", "2024", "--source", "Bulletin"]
    code, _, err = run(runner, workspace, *corrected)
    assert code == 2
    assert f"already recorded as {correction} (retracted: typo)" in err
    code, _, err = run(runner, workspace, *RECORD)
    assert code == 2
    assert f"already recorded as {first} (superseded by {correction})" in err


def test_the_standing_through_the_index_leaves_out_replaced_readings(
    runner: CliRunner, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read through the index, the standing is the one the whole ledger gives."""
    monkeypatch.setenv("SDTRACK_CACHE_DIR", str(tmp_path / "cache"))
    code, out, _ = run(runner, workspace, *RECORD, "--json")
    first = json.loads(out)["reading"]["id"]
    assert run(runner, workspace, "retract", first, "--reason", "wrong year")[0] == 0
    assert run(runner, workspace, *OTHER)[0] == 0  # the full path, which rebuilds the index
    twin = copy_workspace(workspace, tmp_path / "twin")
    later = ["record", "5g-base-stations", "25万", "--date", "2025-01", "--source", "S"]
    calls = count_full_validations(monkeypatch)
    code, indexed, err = run(runner, workspace, *later, "--json")
    assert code == 0, err
    assert not calls
    without_cache(tmp_path, monkeypatch)
    code, full, err = run(runner, twin, *later, "--json")
    assert code == 0, err
    assert calls
    assert indexed == full


def test_indexes_of_the_least_recent_ledgers_are_dropped(
    runner: CliRunner, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With room for two indexes, recording into three workspaces keeps the newest two."""
    from sdtrack.store.workspace import init_workspace

    monkeypatch.setattr(ledger_index, "MAX_INDEXES", 2)
    workspaces = [tmp_path / f"ws{n}" for n in range(3)]
    for number, workspace in enumerate(workspaces):
        init_workspace(workspace, empty=False)
        assert run(runner, workspace, *RECORD)[0] == 0
        index = index_file(cache, workspace)
        os.utime(index, ns=(number * 10**9, number * 10**9 + 10**15))
    assert [index_file(cache, w).exists() for w in workspaces] == [False, True, True]
    assert run(runner, workspaces[0], *OTHER)[0] == 0
    assert index_file(cache, workspaces[0]).exists()
