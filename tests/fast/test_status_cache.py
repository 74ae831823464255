"""status through the cache: computed once per content of the files, then reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.fast.status_cache import cached_status, status_key
from sdtrack.present import status_rows
from sdtrack.store.locations import locate_workspace

from ..conftest import TODAY, append_reading, make_reading


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
    """The key changes with the day, the ids and the method."""
    location = locate_workspace(workspace, None, workspace)
    key = status_key(location, TODAY, [], None)
    assert key["as_of"] == "2026-11-22"
    assert status_key(location, TODAY, ["a"], None) != key
    assert status_key(location, TODAY, [], "projection") != key
