"""targets.toml as it was on a day, from git: the last commit on or before that day's end.

targets.toml is edited by hand and never rewritten by sdtrack, so sdtrack keeps no
history of it; git does when the workspace is in a git work tree. `TargetsHistory.of`
lists the commits that changed the file (one `git log`), and `at(day, …)` gives the
version of the last of them committed before the day ended (`core.known.end_of_day`, a
UTC day). A day on or after today is the working tree's file, so uncommitted edits count
as now.

Git is run without a shell, with a timeout, in the workspace's directory, with every
`GIT_*` variable of the environment removed (they could point it at another repository)
and with optional locks and the filesystem monitor off: reading history writes nothing
and runs nothing of the repository's. Git missing, no repository, the file never
committed, a commit whose file is not a valid targets.toml, git failing or too slow: each
is a reason it *cannot tell* (a `reason_code` and a sentence), never an error.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sdtrack.core.errors import DataError
from sdtrack.core.known import end_of_day
from sdtrack.core.language import N_, _
from sdtrack.core.model import TargetsFile
from sdtrack.store.files import MAX_TARGETS_BYTES, decode_toml_bytes
from sdtrack.store.locations import TARGETS_FILE, WorkspaceLocation

GIT_TIMEOUT_SECONDS = 10
# What git is run with: no pager, no filesystem monitor (a program the repository's
# config could name), and English messages (the reason is matched on, never shown raw).
GIT_OPTIONS = ("--no-pager", "-c", "core.fsmonitor=false")
GIT_ENVIRONMENT = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}

# Why the version of a day cannot be told, by `reason_code` (stable, in JSON).
REASONS: dict[str, str] = {
    "embedded": N_("the embedded dataset keeps no history of targets.toml"),
    "no_git": N_("git is not installed, so the history of targets.toml cannot be read"),
    "not_a_repository": N_("{directory} is not in a git repository"),
    "untracked": N_("targets.toml has never been committed to git"),
    "not_yet_committed": N_("targets.toml was first committed on {day}, after {asked}"),
    "invalid": N_("targets.toml as committed on {day} ({commit}) is not a valid targets file"),
    "git_failed": N_("git could not read the history of targets.toml: {detail}"),
}

Run = Callable[[Sequence[str], Path], "GitOutput"]


@dataclass(frozen=True)
class GitOutput:
    returncode: int
    stdout: bytes
    stderr: str


@dataclass(frozen=True)
class Unknown:
    """Why a version cannot be told: a stable code, and what to fill its sentence with."""

    code: str
    values: dict[str, str] = field(default_factory=dict)

    @property
    def sentence(self) -> str:
        return _(REASONS[self.code]).format(**self.values)


@dataclass(frozen=True)
class Commit:
    sha: str
    committed: dt.datetime


@dataclass(frozen=True)
class TargetsVersion:
    """targets.toml as it was on `day`: from a commit, from the working tree (`commit` is
    None), or not known (`targets` is None and `unknown` says why)."""

    day: dt.date
    targets: TargetsFile | None
    commit: Commit | None = None
    unknown: Unknown | None = None

    @property
    def known(self) -> bool:
        return self.targets is not None

    @property
    def source(self) -> str | None:
        """`commit`, `working_tree`, or None when it cannot be told (a JSON code)."""
        if self.targets is None:
            return None
        return "working_tree" if self.commit is None else "commit"

    def as_dict(self) -> dict[str, Any]:
        """The version in JSON: its day, whether it is known, from where, else why not."""
        commit, unknown = self.commit, self.unknown
        return {
            "day": self.day.isoformat(),
            "known": self.known,
            "source": self.source,
            "commit": commit.sha if commit else None,
            "committed": commit.committed.isoformat() if commit else None,
            "reason_code": unknown.code if unknown else None,
            "reason": unknown.sentence if unknown else None,
        }


def git_environment(environ: dict[str, str]) -> dict[str, str]:
    """The environment git runs in: this one without any `GIT_*` variable, plus ours."""
    kept = {name: value for name, value in environ.items() if not name.startswith("GIT_")}
    return {**kept, **GIT_ENVIRONMENT}


def run_git(arguments: Sequence[str], directory: Path) -> GitOutput:
    """Run git with `arguments` in `directory`: no shell, a timeout, a cleaned environment.
    A missing git is exit code 127; a timeout or an OS error is exit code -1."""
    program = shutil.which("git")
    if program is None:
        return GitOutput(127, b"", "git: not found")
    try:
        done = subprocess.run(
            [program, *GIT_OPTIONS, *arguments],
            cwd=directory,
            env=git_environment(dict(os.environ)),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return GitOutput(-1, b"", f"no answer in {GIT_TIMEOUT_SECONDS} s")
    except OSError as error:
        return GitOutput(-1, b"", str(error.strerror or error))
    return GitOutput(done.returncode, done.stdout, done.stderr.decode("utf-8", "replace"))


def _failure(output: GitOutput, directory: Path) -> Unknown:
    if output.returncode == 127:
        return Unknown("no_git")
    if "not a git repository" in output.stderr.lower():
        return Unknown("not_a_repository", {"directory": str(directory)})
    lines = [line.strip() for line in output.stderr.splitlines() if line.strip()]
    detail = lines[0] if lines else f"exit code {output.returncode}"
    return Unknown("git_failed", {"detail": detail[:200]})


@dataclass(frozen=True)
class TargetsHistory:
    """The commits that changed a workspace's targets.toml, oldest first, or why there
    is no history to read."""

    directory: Path
    commits: tuple[Commit, ...] = ()
    unknown: Unknown | None = None
    run: Run = run_git

    @classmethod
    def of(cls, location: WorkspaceLocation, run: Run = run_git) -> TargetsHistory:
        directory = location.root
        if location.embedded:
            return cls(directory, unknown=Unknown("embedded"), run=run)
        listed = run(
            ["log", "--first-parent", "--format=%H %ct", "HEAD", "--", TARGETS_FILE], directory
        )
        if listed.returncode != 0:
            if "does not have any commits" in listed.stderr or "bad revision" in listed.stderr:
                return cls(directory, unknown=Unknown("untracked"), run=run)
            return cls(directory, unknown=_failure(listed, directory), run=run)
        commits = []
        for line in listed.stdout.decode("ascii", "replace").splitlines():
            sha, _space, stamp = line.partition(" ")
            if stamp.strip().isdigit():
                when = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
                commits.append(Commit(sha, when))
        if not commits:
            return cls(directory, unknown=Unknown("untracked"), run=run)
        ordered = sorted(commits, key=lambda c: c.committed)
        return cls(directory, tuple(ordered), run=run)

    def commit_at(self, day: dt.date) -> Commit | None:
        """The last commit before `day` ended (the latest committed, should dates disagree
        with the order of history)."""
        moment = end_of_day(day)
        before = [c for c in self.commits if c.committed < moment]
        return before[-1] if before else None

    def at(self, day: dt.date, today: dt.date, current: TargetsFile) -> TargetsVersion:
        """targets.toml on `day`: `current` (the working tree's, validated) from today on,
        else the version of the last commit before the day ended, else why not."""
        if day >= today:
            return TargetsVersion(day, current)
        if self.unknown is not None:
            return TargetsVersion(day, None, unknown=self.unknown)
        commit = self.commit_at(day)
        if commit is None:
            first = self.commits[0].committed.date().isoformat()
            values = {"day": first, "asked": day.isoformat()}
            return TargetsVersion(day, None, unknown=Unknown("not_yet_committed", values))
        shown = self.run(["cat-file", "blob", f"{commit.sha}:./{TARGETS_FILE}"], self.directory)
        if shown.returncode != 0:
            return TargetsVersion(day, None, unknown=_failure(shown, self.directory))
        targets = parse_version(shown.stdout)
        if targets is None:
            values = {"day": commit.committed.date().isoformat(), "commit": commit.sha[:7]}
            return TargetsVersion(day, None, commit, Unknown("invalid", values))
        return TargetsVersion(day, targets, commit)


def parse_version(data: bytes) -> TargetsFile | None:
    """A committed targets.toml, validated; None when it is not a valid one."""
    if len(data) > MAX_TARGETS_BYTES:
        return None
    try:
        text = decode_toml_bytes(data, Path(TARGETS_FILE))
        return TargetsFile.model_validate(tomllib.loads(text))
    except (DataError, ValidationError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None
