"""Shared fixtures: a pinned clock, terminal and environment, and fresh workspaces."""

from __future__ import annotations

import datetime as dt
import gc
import gettext
import hashlib
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from sdtrack.core import clock, language
from sdtrack.core.model import Reading
from sdtrack.core.periods import Period
from sdtrack.store.append import Decision, append
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.workspace import init_workspace, load_targets

# Property tests run the same examples on every run (a CI failure can be replayed) and
# have no per-example deadline: a loaded 2-core machine must not turn slowness into a fail.
settings.register_profile("sdtrack", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("sdtrack")

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"

# The reliability tests count what they did here; the run ends by printing the counts.
FIGURES: Counter[str] = Counter()
FIGURE_ORDER = (
    "corpus cases",
    "fuzz examples run",
    "concurrent writers",
    "crash trials",
    "readings lost",
    "tracebacks seen",
)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After the run: the reliability figures (what was tried, what was lost)."""
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name in (*FIGURE_ORDER, *sorted(set(FIGURES) - set(FIGURE_ORDER))):
        terminalreporter.write_line(f"{name}: {FIGURES[name]}")


@pytest.fixture(autouse=True)
def pinned_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """Every test: a fixed clock, a fixed terminal, no colour, and a scratch home and cwd."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setattr(clock, "now", lambda: NOW)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    for name in ("SDTRACK_DIR", "SDTRACK_CACHE_DIR", "SDTRACK_NO_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for name in ("SDTRACK_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.chdir(home)
    yield home
    # A test that spoke Chinese (or a stand-in catalog) leaves English behind it: in
    # sdtrack, in Typer's words, and in the commands built while it spoke.
    language.use("en")
    if "sdtrack.commands.app" in sys.modules:
        sys.modules["sdtrack.commands.app"].click_command.cache_clear()
        sys.modules["sdtrack.commands.typer_language"].speak_in_typer()
    # The entry point freezes what a command leaves for the interpreter's exit; the test
    # process goes on, and collects it again.
    gc.unfreeze()


class Marking(gettext.NullTranslations):
    """A stand-in Chinese catalog: every message comes back marked."""

    def gettext(self, message: str) -> str:
        return f"⟪{message}⟫"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟪{msgid1 if n == 1 else msgid2}⟫"


@pytest.fixture
def marked() -> Iterator[None]:
    """Chinese with a marking catalog: each message comes back as ⟪message⟫, proving it
    was looked up whole before its placeholders were filled."""
    language.use("zh")
    language._State.catalog = Marking()
    try:
        yield
    finally:
        language.use("en")


@pytest.fixture
def chinese() -> Iterator[None]:
    """The test speaks Chinese; English again after it."""
    language.use("zh")
    try:
        yield
    finally:
        language.use("en")


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


def tree_state(directory: Path) -> dict[str, str]:
    """Every entry under `directory` (files by SHA-256, others by kind), never following links.

    Unlike `tree_hashes` it also sees links, directories and pipes, so it proves that a
    failed command neither changed a file nor created or removed anything.
    """
    state: dict[str, str] = {}
    for root, dirs, files in os.walk(directory, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(root) / name
            mode = path.lstat().st_mode
            key = str(path.relative_to(directory))
            if stat.S_ISLNK(mode):
                state[key] = f"link to {os.readlink(path)}"
            elif stat.S_ISREG(mode) and os.access(path, os.R_OK):
                state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                state[key] = f"mode {mode:o}, {path.lstat().st_size} bytes"
    return state


def make_reading(**changes: object) -> Reading:
    """A valid 5G reading for 2024, with any field changed."""
    fields: dict[str, object] = {
        "indicator": "5g-base-stations",
        "value": Decimal(224000),
        "date": Period.year(2024),
        "source": "Test bulletin",
        "recorded": dt.datetime(2026, 11, 22, tzinfo=dt.UTC),
    }
    fields.update(changes)
    return Reading.model_validate(fields)


def append_reading(location: WorkspaceLocation, reading: Reading) -> None:
    """Append one reading as it is, with no duplicate check, through the store's append."""
    append(location, load_targets(location), lambda _: Decision(reading, None))
