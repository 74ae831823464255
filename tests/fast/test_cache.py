"""The status and targets caches: reused only while the files are unchanged, never needed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.core.model import TargetsFile
from sdtrack.fast import cache
from sdtrack.fast.targets_cache import cached_targets
from sdtrack.present import status_parts, status_rows
from sdtrack.store.locations import READINGS_FILE, TARGETS_FILE, locate_workspace
from sdtrack.store.workspace import load_workspace

SMART = 'id = "seed-smart-communities-2021"\nindicator = "smart-communities"\nvalue = 301\n'


def _status_json(runner: CliRunner, workspace: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["status", "--dir", str(workspace), "--json", *args])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _latest(data: dict[str, Any], target_id: str) -> Any:
    target = next(t for t in data["targets"] if t["target_id"] == target_id)
    return target["latest"]["value"]


def _count_computations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count every status computed (by scope, or of the whole workspace in parts)."""
    calls: list[int] = []

    def counting(compute: Any) -> Any:
        def counted(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            return compute(*args, **kwargs)

        return counted

    monkeypatch.setattr(status_rows, "compute_status", counting(status_rows.compute_status))
    monkeypatch.setattr(status_parts, "status_in_parts", counting(status_parts.status_in_parts))
    return calls


def _cache_dir(home: Path) -> Path:
    return home / ".cache" / "sdtrack"


def test_a_second_status_is_answered_from_the_cache(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second status on unchanged files computes nothing and prints the same."""
    calls = _count_computations(monkeypatch)
    first = runner.invoke(app, ["status", "--dir", str(workspace)])
    second = runner.invoke(app, ["status", "--dir", str(workspace)])
    assert first.exit_code == second.exit_code == 0
    assert second.stdout == first.stdout
    assert len(calls) == 1


def test_a_one_character_edit_is_seen_at_once(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """301 → 309 in the ledger, same size, within the same second: the next status sees it."""
    calls = _count_computations(monkeypatch)
    assert _latest(_status_json(runner, workspace), "smart-communities-2025") == 301
    ledger = workspace / READINGS_FILE
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace(SMART, SMART.replace("301", "309")), encoding="utf-8")
    assert ledger.stat().st_size == len(text.encode())
    assert _latest(_status_json(runner, workspace), "smart-communities-2025") == 309
    assert len(calls) == 2


def test_an_edit_that_restores_the_old_times_is_seen(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same size, modification time put back, an old file: the change of content is seen."""
    ledger = workspace / READINGS_FILE
    old = ledger.stat().st_mtime_ns - 3_600_000_000_000
    os.utime(ledger, ns=(old, old))
    _status_json(runner, workspace)
    text = ledger.read_text(encoding="utf-8")
    ledger.write_text(text.replace(SMART, SMART.replace("301", "302")), encoding="utf-8")
    os.utime(ledger, ns=(old, old))
    assert _latest(_status_json(runner, workspace), "smart-communities-2025") == 302


def test_an_edit_to_the_targets_is_seen(runner: CliRunner, workspace: Path) -> None:
    """A target's value changed by one digit in targets.toml shows in the next status."""
    before = _status_json(runner, workspace)
    targets = workspace / TARGETS_FILE
    text = targets.read_text(encoding="utf-8")
    assert "value = 5000\n" in text
    targets.write_text(text.replace("value = 5000\n", "value = 6000\n"), encoding="utf-8")
    after = _status_json(runner, workspace)
    declared = [t["value"] for t in after["targets"] if t["target_id"] == "smart-communities-2025"]
    assert (
        declared
        == [6000]
        != [t["value"] for t in before["targets"] if t["target_id"] == "smart-communities-2025"]
    )


def test_each_day_method_and_selection_has_its_own_entry(
    runner: CliRunner, workspace: Path
) -> None:
    """--as-of, --method and ids are part of the key: no answer is served for another."""
    plain = _status_json(runner, workspace)
    earlier = _status_json(runner, workspace, "--as-of", "2025-06-30")
    projected = _status_json(runner, workspace, "--method", "projection")
    one = _status_json(runner, workspace, "5g-base-stations-2025")
    assert earlier["as_of"] == "2025-06-30" != plain["as_of"]
    assert "projection" in projected["methods"]
    assert "projection" not in plain["methods"]
    assert [t["target_id"] for t in one["targets"]] == ["5g-base-stations-2025"]
    assert _status_json(runner, workspace) == plain


def test_a_corrupt_or_deleted_cache_is_harmless(
    runner: CliRunner, workspace: Path, pinned_environment: Path
) -> None:
    """Garbage in every entry, then no cache directory at all: the same answer each time."""
    first = _status_json(runner, workspace)
    entries = list(_cache_dir(pinned_environment).glob("status-*.json"))
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00not json{")
    assert _status_json(runner, workspace) == first
    for entry in _cache_dir(pinned_environment).iterdir():
        entry.unlink()
    _cache_dir(pinned_environment).rmdir()
    assert _status_json(runner, workspace) == first


def test_an_entry_of_another_shape_is_recomputed(
    runner: CliRunner, workspace: Path, pinned_environment: Path
) -> None:
    """Valid JSON with the right key but a wrong value is replaced, not trusted."""
    first = _status_json(runner, workspace)
    for entry in _cache_dir(pinned_environment).glob("status-*.json"):
        saved = json.loads(entry.read_text(encoding="utf-8"))
        saved["value"] = {"json": {"forged": True}, "view": {"rows": "no"}}
        entry.write_text(json.dumps(saved), encoding="utf-8")
    result = runner.invoke(app, ["status", "--dir", str(workspace)])
    assert result.exit_code == 0
    assert "smart-communities-2025" in result.stdout
    assert _status_json(runner, workspace) == first


def test_an_unwritable_cache_is_skipped(
    runner: CliRunner, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache path that is a file, not a directory: status still works, twice."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    monkeypatch.setenv("SDTRACK_CACHE_DIR", str(blocker))
    first = _status_json(runner, workspace)
    assert _status_json(runner, workspace) == first
    assert blocker.read_text() == "x"


def test_no_cache_setting_writes_nothing(
    runner: CliRunner,
    workspace: Path,
    pinned_environment: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With SDTRACK_NO_CACHE set, status computes each time and even record caches nothing."""
    monkeypatch.setenv("SDTRACK_NO_CACHE", "1")
    calls = _count_computations(monkeypatch)
    _status_json(runner, workspace)
    record = ["record", "smart-communities", "400", "--date", "2022", "--source", "Bulletin"]
    assert runner.invoke(app, [*record, "--dir", str(workspace)]).exit_code == 0
    _status_json(runner, workspace)
    assert len(calls) == 2
    assert not _cache_dir(pinned_environment).exists()


def test_the_cache_directory_follows_the_environment(tmp_path: Path) -> None:
    """$SDTRACK_CACHE_DIR, else $XDG_CACHE_HOME/sdtrack, else ~/.cache/sdtrack."""
    home = str(tmp_path)
    assert cache.cache_directory({"HOME": home}) == tmp_path / ".cache" / "sdtrack"
    xdg = {"HOME": home, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    assert cache.cache_directory(xdg) == tmp_path / "xdg" / "sdtrack"
    explicit = {**xdg, "SDTRACK_CACHE_DIR": str(tmp_path / "mine")}
    assert cache.cache_directory(explicit) == tmp_path / "mine"


def test_an_old_stamp_is_trusted_without_reading_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file untouched since well before it was stamped is not read again."""
    path = tmp_path / "f.toml"
    path.write_text("a = 1\n")
    old = path.stat().st_mtime_ns - 10_000_000_000
    os.utime(path, ns=(old, old))
    stamp = cache.stamp_file(path)
    stamp["stamped_ns"] = path.stat().st_ctime_ns + cache.RACY_NANOSECONDS + 1

    def no_reading(data: bytes) -> str:
        raise AssertionError("the file was read")

    monkeypatch.setattr(cache, "file_digest", no_reading)
    assert cache.stamp_matches(stamp)


def test_a_recent_stamp_is_checked_against_the_content(tmp_path: Path) -> None:
    """Within the racy window, equal stat fields are not enough: the digest decides."""
    path = tmp_path / "f.toml"
    path.write_text("a = 1\n")
    stamp = cache.stamp_file(path)
    assert cache.stamp_matches(stamp)
    assert not cache.stamp_matches({**stamp, "digest": "0" * 32})
    assert not cache.stamp_matches({**stamp, "size": 99})
    assert not cache.stamp_matches({k: v for k, v in stamp.items() if k != "stamped_ns"})
    path.unlink()
    assert not cache.stamp_matches(stamp)


def test_a_change_hidden_from_stat_during_a_slow_computation_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The racy window runs from when the file was stamped, not from when the entry is saved."""
    path = tmp_path / "f.toml"
    path.write_text("value = 111\n")
    stamp = cache.stamp_file(path)
    before = path.stat()
    path.write_text("value = 222\n")  # same size; then its times are put back, as on a
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # file system of coarse times
    real_stat = os.stat

    def same_ctime(target: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        result = real_stat(target, *args, **kwargs)
        if Path(target) != path:
            return result
        fields = list(result)
        fields[9] = before.st_ctime  # index 9 is st_ctime
        times = {"st_atime_ns": result.st_atime_ns, "st_mtime_ns": result.st_mtime_ns}
        return os.stat_result(fields, {**times, "st_ctime_ns": before.st_ctime_ns})

    monkeypatch.setattr(os, "stat", same_ctime)
    cache.store_entry(tmp_path / "c", "status", {"k": 1}, [stamp], "from 111")
    (entry,) = (tmp_path / "c").glob("status-*.json")
    saved = time.time_ns() + 60_000_000_000  # saved a minute later: a large ledger's parse
    os.utime(entry, ns=(saved, saved))
    assert cache.load_entry(tmp_path / "c", "status", {"k": 1}) is None


def test_a_racy_stamp_is_compared_once_then_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file stamped right after it changed is compared by content once, not every time."""
    path = tmp_path / "f.toml"
    path.write_text("a = 1\n")
    if not cache.has_fine_times(path.stat().st_mtime_ns, path.stat().st_ctime_ns):
        pytest.skip("this file system keeps whole seconds: its racy window is 2 s")
    stamp = cache.stamp_file(path)
    stamp["stamped_ns"] = path.stat().st_ctime_ns  # stamped in the instant it changed
    cache.store_entry(tmp_path / "c", "status", {"k": 1}, [stamp], "saved")
    time.sleep(3 * cache.FINE_RACY_NANOSECONDS / 1e9)
    digests: list[int] = []
    real = cache.file_digest

    def counting(data: bytes) -> str:
        digests.append(1)
        return real(data)

    monkeypatch.setattr(cache, "file_digest", counting)
    found = [cache.load_entry(tmp_path / "c", "status", {"k": 1}) for _ in range(3)]
    assert found == ["saved"] * 3
    assert len(digests) == 1


def test_pruning_removes_only_sdtracks_own_entries(tmp_path: Path) -> None:
    """A cache directory set to a folder of the user's own loses none of their files."""
    mine = [tmp_path / f"data{number}.json" for number in range(cache.MAX_ENTRIES + 6)]
    for path in mine:
        path.write_text("{}")
    for number in range(cache.MAX_ENTRIES + 5):
        cache.store_entry(tmp_path, "status", {"n": number}, [], number)
    assert all(path.is_file() for path in mine)
    assert len(list(tmp_path.glob("status-*.json"))) == cache.MAX_ENTRIES


def test_the_racy_window_follows_the_resolution_of_file_times() -> None:
    """Times with sub-second parts are racy for 100 ms; whole-second times for 2 s."""
    fine = 1_700_000_000_123_456_789
    assert cache.is_racy(fine, fine, fine + 50_000_000)
    assert not cache.is_racy(fine, fine, fine + 150_000_000)
    coarse = 1_700_000_000_000_000_000
    assert cache.is_racy(coarse, fine, coarse + 1_500_000_000)
    assert not cache.is_racy(coarse, coarse, coarse + 2_100_000_000)
    assert cache.is_racy(fine, fine, fine - 5_000_000_000)  # changed after the entry


def test_old_entries_are_pruned(tmp_path: Path) -> None:
    """The cache keeps at most MAX_ENTRIES entries, the newest ones."""
    for number in range(cache.MAX_ENTRIES + 5):
        cache.store_entry(tmp_path, "status", {"n": number}, [], number)
    assert len(list(tmp_path.glob("*.json"))) == cache.MAX_ENTRIES
    last = {"n": cache.MAX_ENTRIES + 4}
    assert cache.load_entry(tmp_path, "status", last) == cache.MAX_ENTRIES + 4


def test_targets_read_back_from_the_cache_equal_the_file(workspace: Path, tmp_path: Path) -> None:
    """The cached targets validate to exactly what targets.toml says, and follow its edits."""
    location = locate_workspace(workspace, None, workspace)
    direct = load_workspace(location).targets
    assert cached_targets(location, tmp_path) == direct
    assert cached_targets(location, tmp_path) == direct
    targets = workspace / TARGETS_FILE
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("value = 5000\n", "value = 6000\n"), encoding="utf-8")
    edited = cached_targets(location, tmp_path)
    assert isinstance(edited, TargetsFile)
    assert edited != direct
    assert edited == load_workspace(location).targets


def test_a_workspace_named_two_ways_is_named_as_given(
    runner: CliRunner, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--dir ws` and `--dir /abs/ws` are the same files, but each output names its own."""
    monkeypatch.chdir(workspace.parent)
    relative = _status_json(runner, Path(workspace.name))
    absolute = _status_json(runner, workspace)
    assert relative["workspace"] == workspace.name
    assert absolute["workspace"] == str(workspace)


def test_the_code_stamp_sees_an_edit_in_any_subpackage(tmp_path: Path) -> None:
    """A development edit anywhere in the package, not only at its top, is a new cache key."""
    names = {name for name, _, _ in cache.code_stamp()}
    assert {"entry.py", "core/model.py", "present/render/status.py"} <= names


def test_the_default_cache_directory_is_platformdirs_own() -> None:
    """Without overrides the cache is where platformdirs puts a user cache on this OS."""
    import platformdirs

    from sdtrack.fast.cache import cache_directory

    home = os.path.expanduser("~")
    assert cache_directory({"HOME": home}) == Path(
        platformdirs.user_cache_dir("sdtrack", appauthor=False)
    )
    assert cache_directory({"XDG_CACHE_HOME": "/x", "HOME": home}) == Path("/x/sdtrack")
    assert cache_directory({"SDTRACK_CACHE_DIR": "/y", "XDG_CACHE_HOME": "/x"}) == Path("/y")


def test_a_pipe_is_stamped_without_hanging(tmp_path: Path) -> None:
    """A FIFO where a workspace file should be is stamped as unreadable, never read."""
    from sdtrack.fast.cache import stamp_file, stamp_matches

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    stamp = stamp_file(fifo)
    assert stamp["exists"] is False
    assert not stamp_matches(stamp)
