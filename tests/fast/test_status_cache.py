"""status through the cache: computed once per content of the files, then reused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sdtrack.fast import status_cache
from sdtrack.fast.status_cache import KnownAt, Scope, cached_status, status_key
from sdtrack.present import status_parts, status_rows
from sdtrack.store.locations import locate_workspace

from ..conftest import TODAY, append_reading, make_reading
from ..present.test_changes import write_workspace
from ..present.test_regional import AS_OF, write_regional


def test_second_call_is_served_from_the_cache(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first call computes, the second returns the same document without computing."""
    location = locate_workspace(workspace, None, workspace)
    cache = tmp_path / "cache"
    first = cached_status(location, TODAY, [], None, cache)
    assert first.from_cache is False

    def refuse(*_: object) -> None:
        raise AssertionError("computed on a cache hit")

    monkeypatch.setattr(status_rows, "compute_status", refuse)
    monkeypatch.setattr(status_parts, "status_in_parts", refuse)
    second = cached_status(location, TODAY, [], None, cache)
    assert second.from_cache is True
    assert second.document == first.document
    assert second.view == first.view


def test_a_new_reading_is_seen(workspace: Path, tmp_path: Path) -> None:
    """After the ledger changes, the status is computed again and includes the reading."""
    location = locate_workspace(workspace, None, workspace)
    cache = tmp_path / "cache"
    cached_status(location, TODAY, ["5g-base-stations-2025"], None, cache)
    append_reading(location, make_reading(value=300000, date="2025"))
    result = cached_status(location, TODAY, ["5g-base-stations-2025"], None, cache)
    assert result.from_cache is False
    (target,) = result.document["targets"]
    assert target["status"] == "achieved"


def test_status_key_holds_what_the_result_depends_on(workspace: Path) -> None:
    """The key changes with the day, the ids, the method, the region, plan and --by."""
    location = locate_workspace(workspace, None, workspace)
    key = status_key(location, TODAY, [], None)
    assert key["as_of"] == "2026-11-22"
    assert status_key(location, TODAY, ["a"], None) != key
    assert status_key(location, TODAY, [], "projection") != key
    scopes = [Scope(region="jinan"), Scope(region="济南"), Scope(plan="p"), Scope(by="region")]
    keys = [status_key(location, TODAY, [], None, scope) for scope in scopes]
    assert all(k != key for k in keys)
    assert len({repr(k) for k in keys}) == len(keys)
    assert status_key(location, TODAY, [], None, Scope()) == key


def test_a_known_at_question_is_never_answered_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--known-at neither reads nor writes an entry: the cached status of the same day
    (every reading, whenever recorded) is not the standing known at that day."""
    directory = write_workspace(tmp_path / "ws")
    location = locate_workspace(directory, None, directory)
    cache = tmp_path / "cache"
    day = dt.date(2026, 1, 10)
    plain = cached_status(location, day, [], None, cache)
    stored = sorted(p for p in cache.rglob("*") if p.is_file())
    assert stored
    widgets = next(t for t in plain.document["targets"] if t["target_id"] == "widgets-2025")
    assert widgets["status"] == "achieved"  # the 2025 figure, recorded on the 20th, counts
    known = cached_status(location, day, [], None, cache, known_at=KnownAt(day, TODAY))
    assert known.from_cache is False
    widgets = next(t for t in known.document["targets"] if t["target_id"] == "widgets-2025")
    assert widgets["status"] == "awaiting_data"
    assert known.document["known_at"]["day"] == "2026-01-10"
    assert known.notes[0].startswith("As sdtrack knew it at the end of 2026-01-10 (UTC)")
    assert sorted(p for p in cache.rglob("*") if p.is_file()) == stored  # nothing written

    def refuse(*_: object) -> None:
        raise AssertionError("looked up in the cache")

    monkeypatch.setattr(status_cache, "load_checked", refuse)
    monkeypatch.setattr(status_cache, "store_entry", refuse)
    again = cached_status(location, day, [], None, cache, known_at=KnownAt(day, TODAY))
    assert again.document == known.document


def test_each_scope_is_its_own_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A region's, a plan's and the by-region status are each computed once, then served
    from the cache; none is ever served for another."""
    directory = write_regional(tmp_path / "regions")
    location = locate_workspace(directory, None, directory)
    cache = tmp_path / "cache"
    scopes = [Scope(), Scope(region="济南"), Scope(plan="plan-a"), Scope(by="region")]
    first = [cached_status(location, AS_OF, [], None, cache, scope=s) for s in scopes]
    assert not any(r.from_cache for r in first)
    assert [len(r.view.rows) for r in first[:3]] == [5, 1, 1]
    assert first[3].view.matrix is not None
    assert first[3].document["by"] == "region"

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("computed on a cache hit")

    monkeypatch.setattr(status_rows, "compute_status", refuse)
    again = [cached_status(location, AS_OF, [], None, cache, scope=s) for s in scopes]
    assert all(r.from_cache for r in again)
    assert [r.view for r in again] == [r.view for r in first]
    assert [r.document for r in again] == [r.document for r in first]


SIGNATURE = {"width": 100, "color_system": None, "no_color": True, "is_terminal": False,
             "encoding": "utf-8", "legacy_windows": False, "all": False}  # fmt: skip


def test_the_printed_table_is_kept_for_the_same_files_and_terminal(
    workspace: Path, tmp_path: Path
) -> None:
    """The text a console printed is given back for the same result and signature only;
    a changed file, another width or --all is a miss, and a broken entry only a miss."""
    location = locate_workspace(workspace, None, workspace)
    cache = tmp_path / "cache"
    result = cached_status(location, TODAY, [], None, cache)
    assert status_cache.cached_text(cache, result, SIGNATURE) is None
    status_cache.store_text(cache, result, SIGNATURE, "the table\n")
    hit = cached_status(location, TODAY, [], None, cache)
    assert status_cache.cached_text(cache, hit, SIGNATURE) == "the table\n"
    for changed in ({"width": 60}, {"all": True}, {"color_system": "truecolor"}):
        assert status_cache.cached_text(cache, hit, {**SIGNATURE, **changed}) is None
    append_reading(location, make_reading(value=300000, date="2025"))
    after = cached_status(location, TODAY, [], None, cache)
    assert status_cache.cached_text(cache, after, SIGNATURE) is None
    for entry in cache.glob("statustext-*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert status_cache.cached_text(cache, hit, SIGNATURE) is None


def test_a_known_at_result_keeps_no_text(workspace: Path, tmp_path: Path) -> None:
    location = locate_workspace(workspace, None, workspace)
    cache = tmp_path / "cache"
    day = dt.date(2026, 1, 10)
    known = cached_status(location, day, [], None, cache, known_at=KnownAt(day, TODAY))
    status_cache.store_text(cache, known, SIGNATURE, "text")
    assert not list(cache.glob("statustext-*.json"))
