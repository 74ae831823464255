"""The repository as cloned: no tracked symbolic link points outside it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(
    shutil.which("git") is None or not (REPO / ".git").exists(), reason="not a git clone"
)
def test_no_tracked_symlink_points_outside_the_repository() -> None:
    """git mode 120000 entries (symlinks) may only point inside the repository."""
    listing = subprocess.run(
        ["git", "ls-files", "-s"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    outside = []
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        if meta.split()[0] == "120000":
            target = os.readlink(REPO / path) if (REPO / path).is_symlink() else ""
            resolved = (REPO / path).parent.joinpath(target).resolve()
            if not target or not resolved.is_relative_to(REPO):
                outside.append(path)
    assert outside == []


def test_virtual_environments_are_ignored() -> None:
    """.venv and any .venv-* link or directory never get tracked."""
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".venv*" in ignored
