"""Finding a workspace: --dir, then $SDTRACK_DIR, then upward, else the embedded dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.core.errors import UsageError
from sdtrack.store.locations import EMBEDDED_LABEL, TARGETS_FILE, locate_workspace


def test_explicit_directory_wins(workspace: Path, tmp_path: Path) -> None:
    """--dir is used even when $SDTRACK_DIR is set."""
    location = locate_workspace(workspace, str(tmp_path), tmp_path)
    assert location.root == workspace
    assert location.found_by == "--dir"


def test_environment_then_nearest_upward(workspace: Path) -> None:
    """$SDTRACK_DIR comes next; without it the nearest targets.toml above cwd is used."""
    assert locate_workspace(None, str(workspace), Path("/")).found_by == "SDTRACK_DIR"
    nested = workspace / "a" / "b"
    nested.mkdir(parents=True)
    location = locate_workspace(None, None, nested)
    assert location.targets_path == workspace / TARGETS_FILE
    assert location.found_by == "nearest targets.toml"


def test_no_workspace_is_the_read_only_embedded_dataset(tmp_path: Path) -> None:
    """With nothing found, the embedded dataset is used and refuses writes."""
    location = locate_workspace(None, None, tmp_path)
    assert location.embedded
    assert location.label(location.targets_path) == f"{EMBEDDED_LABEL}/targets.toml"
    with pytest.raises(UsageError, match="read-only"):
        location.require_writable()


def test_a_directory_without_targets_is_a_usage_error(tmp_path: Path) -> None:
    """--dir at a directory without targets.toml, or one that is absent, is refused."""
    with pytest.raises(UsageError, match=r"no targets\.toml here"):
        locate_workspace(tmp_path, None, tmp_path)
    with pytest.raises(UsageError, match="no such directory"):
        locate_workspace(tmp_path / "absent", None, tmp_path)
