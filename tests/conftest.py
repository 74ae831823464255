"""Shared fixtures: a pinned clock, terminal and environment, and fresh workspaces."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sdtrack import cli
from sdtrack.workspace import init_workspace

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def pinned_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Every test: a fixed clock, a fixed terminal, no colour, and a scratch home and cwd."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setattr(cli, "now", lambda: NOW)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("SDTRACK_DIR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.chdir(home)
    return home


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh workspace seeded with the Shandong dataset."""
    directory = tmp_path / "ws"
    init_workspace(directory, empty=False)
    return directory


def tree_hashes(directory: Path) -> dict[str, str]:
    """Every file's SHA-256 under `directory`, to prove a failed command changed nothing."""
    return {
        str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }
