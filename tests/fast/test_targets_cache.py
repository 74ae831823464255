"""The validated-targets cache: load_targets, reused while targets.toml is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.fast import targets_cache
from sdtrack.fast.targets_cache import cached_targets
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_targets


def test_cached_targets_equal_load_targets_and_come_from_the_cache(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached targets equal load_targets'; the second call never calls load_targets."""
    location = locate_workspace(workspace, None, workspace)
    cache = tmp_path / "cache"
    first = cached_targets(location, cache)
    assert first == load_targets(location)

    def refuse(_: object) -> None:
        raise AssertionError("load_targets called on a cache hit")

    monkeypatch.setattr(targets_cache, "load_targets", refuse)
    assert cached_targets(location, cache) == first


def test_a_changed_file_is_read_again(workspace: Path, tmp_path: Path) -> None:
    """After targets.toml changes, the cache gives the new content."""
    location = locate_workspace(workspace, None, workspace)
    cache = tmp_path / "cache"
    cached_targets(location, cache)
    text = location.targets_path.read_text(encoding="utf-8")
    location.targets_path.write_text(
        text.replace('name = "5G base stations in service"', 'name = "Fifth-generation…"'),
        encoding="utf-8",
    )
    again = cached_targets(location, cache)
    assert again == load_targets(location)
    indicator = again.indicator("5g-base-stations")
    assert indicator is not None
    assert indicator.name.startswith("Fifth-generation")


def test_without_a_cache_directory_it_is_load_targets(workspace: Path) -> None:
    """With no cache directory, cached_targets is load_targets itself."""
    location = locate_workspace(workspace, None, workspace)
    assert cached_targets(location, None) == load_targets(location)
