"""targets.toml as it was on a day, read from git; every way git cannot tell is a reason,
never an error."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from sdtrack.core.model import TargetsFile
from sdtrack.store import targets_history
from sdtrack.store.locations import WorkspaceLocation, locate_workspace
from sdtrack.store.targets_history import (
    GitOutput,
    TargetsHistory,
    git_environment,
    parse_version,
    run_git,
)
from sdtrack.store.workspace import init_workspace, load_targets

TODAY = dt.date(2026, 11, 22)
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(directory: Path, *arguments: str, when: str = "2026-11-01T10:00:00Z") -> str:
    """Run git for a test (not through sdtrack), committing at `when`."""
    environment = {
        "HOME": str(directory),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    done = subprocess.run(
        ["git", *arguments], cwd=directory, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def commit_targets(directory: Path, when: str, message: str = "targets") -> None:
    git(directory, "add", "targets.toml", when=when)
    git(directory, "commit", "-q", "-m", message, when=when)


def revise(directory: Path, old: str, new: str) -> None:
    path = directory / "targets.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def repository(tmp_path: Path) -> WorkspaceLocation:
    """A workspace (the Shandong dataset) in a git repository: targets.toml committed on
    1 November 2026, its 5G target raised to 300,000 on 20 November at 23:30 UTC."""
    directory = tmp_path / "repo"
    init_workspace(directory, empty=False)
    git(directory, "init", "-q")
    commit_targets(directory, "2026-11-01T10:00:00Z", "first")
    revise(directory, "value = 270000", "value = 300000")
    commit_targets(directory, "2026-11-21T07:30:00+08:00", "raise")  # 2026-11-20T23:30Z
    return locate_workspace(directory, None, directory)


def five_g(version_targets: TargetsFile | None) -> int:
    """The value of the 5G target in a version of targets.toml."""
    assert version_targets is not None
    indicator = version_targets.indicator("5g-base-stations")
    assert indicator is not None
    return int(next(t.value for t in indicator.targets if t.id == "5g-base-stations-2025"))


@needs_git
def test_a_day_gets_the_last_commit_before_it_ended(tmp_path: Path) -> None:
    """The 19th sees the first commit; the 20th (UTC) the revision, committed at 07:30 on
    the 21st in Beijing; every version is a validated targets file."""
    location = repository(tmp_path)
    history = TargetsHistory.of(location)
    assert history.unknown is None
    assert len(history.commits) == 2
    current = load_targets(location)
    early = history.at(dt.date(2026, 11, 19), TODAY, current)
    late = history.at(dt.date(2026, 11, 20), TODAY, current)
    assert (early.known, early.source, five_g(early.targets)) == (True, "commit", 270000)
    assert (late.known, late.source, five_g(late.targets)) == (True, "commit", 300000)
    assert late.commit is not None
    assert late.commit.committed == dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)
    assert early.as_dict()["commit"] == history.commits[0].sha
    assert early.as_dict()["committed"] == "2026-11-01T10:00:00+00:00"


@needs_git
def test_today_is_the_working_tree_with_its_uncommitted_edits(tmp_path: Path) -> None:
    """From today on the file as it is counts, committed or not."""
    location = repository(tmp_path)
    revise(location.root, "value = 300000", "value = 310000")
    history = TargetsHistory.of(location)
    current = load_targets(location)
    now = history.at(TODAY, TODAY, current)
    assert (now.source, now.commit, five_g(now.targets)) == ("working_tree", None, 310000)
    assert history.at(dt.date(2027, 1, 1), TODAY, current).source == "working_tree"
    assert five_g(history.at(dt.date(2026, 11, 21), TODAY, current).targets) == 300000


@needs_git
def test_a_day_before_the_first_commit_cannot_be_told(tmp_path: Path) -> None:
    location = repository(tmp_path)
    version = TargetsHistory.of(location).at(dt.date(2026, 10, 1), TODAY, load_targets(location))
    assert not version.known
    assert version.unknown is not None
    assert version.unknown.code == "not_yet_committed"
    assert version.unknown.sentence == (
        "targets.toml was first committed on 2026-11-01, after 2026-10-01"
    )
    assert version.as_dict()["reason_code"] == "not_yet_committed"


def test_outside_a_repository_it_cannot_tell(tmp_path: Path) -> None:
    """A workspace in no git repository: the reason names its directory."""
    directory = tmp_path / "plain"
    init_workspace(directory, empty=False)
    location = locate_workspace(directory, None, directory)
    history = TargetsHistory.of(location)
    assert history.unknown is not None
    if shutil.which("git") is not None:
        assert history.unknown.code == "not_a_repository"
        assert history.unknown.sentence == f"{directory} is not in a git repository"
    version = history.at(dt.date(2026, 11, 1), TODAY, load_targets(location))
    assert version.targets is None
    assert version.source is None
    assert history.at(TODAY, TODAY, load_targets(location)).known  # today is the file itself


@needs_git
def test_a_file_never_committed_cannot_be_told(tmp_path: Path) -> None:
    """A repository without commits, and one whose commits never held targets.toml."""
    directory = tmp_path / "empty-repo"
    init_workspace(directory, empty=False)
    git(directory, "init", "-q")
    location = locate_workspace(directory, None, directory)
    history = TargetsHistory.of(location)
    assert history.unknown is not None
    assert history.unknown.code == "untracked"
    git(directory, "add", "readings.toml")
    git(directory, "commit", "-q", "-m", "ledger only")
    history = TargetsHistory.of(location)
    assert history.unknown is not None
    assert history.unknown.code == "untracked"


@needs_git
def test_a_committed_version_that_is_not_valid_is_a_reason(tmp_path: Path) -> None:
    """A commit whose targets.toml does not validate: said, with the commit, not raised."""
    location = repository(tmp_path)
    current = load_targets(location)
    (location.root / "targets.toml").write_text('schema = 1\ntitle = "x"\n[[indicator]]\n')
    commit_targets(location.root, "2026-11-21T12:00:00Z", "broken")
    version = TargetsHistory.of(location).at(dt.date(2026, 11, 21), TODAY, current)
    assert version.unknown is not None
    assert version.unknown.code == "invalid"
    assert "is not a valid targets file" in version.unknown.sentence
    assert version.commit is not None


@needs_git
def test_a_workspace_in_a_subdirectory_of_the_repository(tmp_path: Path) -> None:
    """Paths are the workspace's own: its targets.toml, not one at the repository's top."""
    top = tmp_path / "top"
    top.mkdir()
    git(top, "init", "-q")
    directory = top / "data" / "ws"
    init_workspace(directory, empty=False)
    git(directory, "add", "targets.toml")
    git(directory, "commit", "-q", "-m", "nested")
    location = locate_workspace(directory, None, directory)
    version = TargetsHistory.of(location).at(dt.date(2026, 11, 2), TODAY, load_targets(location))
    assert five_g(version.targets) == 270000


@needs_git
def test_git_variables_of_the_environment_are_not_obeyed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIT_DIR and GIT_WORK_TREE pointing elsewhere change nothing: git runs without them."""
    location = repository(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setenv("GIT_DIR", str(elsewhere))
    monkeypatch.setenv("GIT_WORK_TREE", str(elsewhere))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    history = TargetsHistory.of(location)
    assert history.unknown is None
    assert len(history.commits) == 2
    cleaned = git_environment({"GIT_DIR": "x", "HOME": "/h", "GIT_EXEC_PATH": "/tmp"})
    assert cleaned["HOME"] == "/h"
    assert not {"GIT_DIR", "GIT_EXEC_PATH"} & set(cleaned)
    assert cleaned["GIT_OPTIONAL_LOCKS"] == "0"


def test_without_git_it_cannot_tell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git missing from PATH: a reason, never an error."""
    directory = tmp_path / "ws"
    init_workspace(directory, empty=False)
    monkeypatch.setattr(targets_history.shutil, "which", lambda _name: None)
    assert run_git(["--version"], directory).returncode == 127
    history = TargetsHistory.of(locate_workspace(directory, None, directory))
    assert history.unknown is not None
    assert history.unknown.code == "no_git"
    assert "git is not installed" in history.unknown.sentence


def test_git_failing_or_hanging_is_a_reason(tmp_path: Path) -> None:
    """Whatever git says when it fails (a dubious owner, a timeout) becomes the reason."""
    directory = tmp_path / "ws"
    init_workspace(directory, empty=False)
    location = locate_workspace(directory, None, directory)

    def dubious(_arguments: Sequence[str], _directory: Path) -> GitOutput:
        return GitOutput(128, b"", "fatal: detected dubious ownership in repository at '/x'\n")

    history = TargetsHistory.of(location, run=dubious)
    assert history.unknown is not None
    assert history.unknown.code == "git_failed"
    assert "dubious ownership" in history.unknown.sentence

    def slow(_arguments: Sequence[str], _directory: Path) -> GitOutput:
        return GitOutput(-1, b"", "no answer in 10 s")

    slowly = TargetsHistory.of(location, run=slow)
    assert slowly.unknown is not None
    assert slowly.unknown.code == "git_failed"


def test_the_embedded_dataset_has_no_history(tmp_path: Path) -> None:
    """The dataset shipped in the package is not the user's to version: git is not asked."""
    location = locate_workspace(None, None, tmp_path)

    def refuse(_arguments: Sequence[str], _directory: Path) -> GitOutput:
        raise AssertionError("git was run for the embedded dataset")

    history = TargetsHistory.of(location, run=refuse)
    assert history.unknown is not None
    assert history.unknown.code == "embedded"


def test_parse_version_refuses_what_is_not_a_targets_file() -> None:
    """Not TOML, not UTF-8, not valid, too large: None, never an exception."""
    assert parse_version(b"[[") is None
    assert parse_version(b"\xff\xfe") is None
    assert parse_version(b'schema = 2\ntitle = "x"\n') is None
    assert parse_version(b" " * (targets_history.MAX_TARGETS_BYTES + 1)) is None
    parsed = parse_version(b'schema = 1\ntitle = "x"\n')
    assert parsed is not None
    assert parsed.title == "x"
