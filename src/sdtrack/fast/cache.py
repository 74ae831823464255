"""The cache: saved results that spare large workspaces their parse, never a source of truth.

Every entry records the stamps (size, times, inode, content digest) of the files it was
computed from, and is used only while every one of them still matches. Entries can be
deleted at any time; one that cannot be read or does not match is ignored and replaced.
This module needs only the standard library, so that a cache hit imports nothing heavy.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from stat import S_ISREG
from typing import Any

CACHE_ENV = "SDTRACK_CACHE_DIR"
NO_CACHE_ENV = "SDTRACK_NO_CACHE"
# A file changed again within one step of its clock can keep its time and size, so a stamp
# taken that soon after the file changed is "racy" (git's term) and trusted only after its
# content digest is compared. Linux stamps files from its coarse clock, which moves once a
# kernel tick (1 to 10 ms) and lags the fine clock by up to a tick: such times carry
# sub-second parts, and 100 ms covers them tenfold. Times in whole seconds come from file
# systems that keep one (ext3) or two (FAT) seconds; those get two seconds.
RACY_NANOSECONDS = 2_000_000_000
FINE_RACY_NANOSECONDS = 100_000_000
# Entries beyond this many (oldest first) are removed when a new one is written.
MAX_ENTRIES = 64

Stamp = dict[str, Any]


def cache_directory(environ: Mapping[str, str]) -> Path:
    """$SDTRACK_CACHE_DIR, else $XDG_CACHE_HOME/sdtrack, else the platform's user cache
    directory (platformdirs): ~/.cache/sdtrack on Linux and the BSDs, ~/Library/Caches/sdtrack
    on macOS, %LOCALAPPDATA%\\sdtrack\\Cache on Windows.

    On Linux and the BSDs that is computed here, exactly as platformdirs does (a test holds
    them equal), so that a cached `status` does not import it."""
    explicit = environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]).expanduser() / "sdtrack"
    if sys.platform not in ("darwin", "win32"):
        return Path(os.path.join(environ.get("HOME") or "~", ".cache")).expanduser() / "sdtrack"
    import platformdirs  # pragma: no cover - macOS and Windows

    return Path(platformdirs.user_cache_dir("sdtrack", appauthor=False))  # pragma: no cover


def cache_in_use(environ: Mapping[str, str]) -> Path | None:
    """The cache directory, or None when $SDTRACK_NO_CACHE is set: then nothing is cached."""
    if environ.get(NO_CACHE_ENV):
        return None
    return cache_directory(environ)


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def stamp_file(path: Path) -> Stamp:
    """What identifies the file's present content: stat fields and a digest of its bytes.

    Take the stamp before reading the file for real: if the file changes in between, the
    stamp is older than the result and the next lookup misses, never the other way round.
    The time it was taken decides whether its file times are racy.
    """
    stamped_ns = time.time_ns()
    try:
        data, stat = _read_regular(path)
    except OSError:
        return {"path": str(path), "exists": False}
    return {**_stat_fields(path, stat), "digest": file_digest(data), "stamped_ns": stamped_ns}


def _read_regular(path: Path) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and stat; anything else (a pipe, a device, a directory) is
    an OSError here, never a hang: such a stamp never matches, so the loader reports it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        stat = os.fstat(fd)
        if not S_ISREG(stat.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        with os.fdopen(os.dup(fd), "rb") as handle:
            return handle.read(), stat
    finally:
        os.close(fd)


def _stat_fields(path: Path, stat: os.stat_result) -> Stamp:
    return {
        "path": str(path),
        "exists": True,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "ctime_ns": stat.st_ctime_ns,
        "inode": stat.st_ino,
        "device": stat.st_dev,
    }


def stamp_matches(stamp: Stamp) -> bool:
    """Whether the file still has the content it had when stamped."""
    path = Path(str(stamp.get("path")))
    try:
        stat = os.stat(path)
    except OSError:
        return stamp.get("exists") is False
    if stamp.get("exists") is not True:
        return False
    fields = _stat_fields(path, stat)
    if any(stamp.get(name) != value for name, value in fields.items()):
        return False
    stamped_ns = stamp.get("stamped_ns")
    if not isinstance(stamped_ns, int):
        return False
    if not is_racy(stat.st_mtime_ns, stat.st_ctime_ns, stamped_ns):
        return True
    try:
        return file_digest(path.read_bytes()) == stamp.get("digest")
    except OSError:
        return False


def has_fine_times(mtime_ns: int, ctime_ns: int) -> bool:
    """Whether the file system keeps times finer than whole seconds (a kernel tick)."""
    return mtime_ns % 1_000_000_000 != 0 and ctime_ns % 1_000_000_000 != 0


def is_racy(mtime_ns: int, ctime_ns: int, stamped_ns: int) -> bool:
    """Whether a change after `stamped_ns` could have left these file times as they are."""
    fine = has_fine_times(mtime_ns, ctime_ns)
    window = FINE_RACY_NANOSECONDS if fine else RACY_NANOSECONDS
    return max(mtime_ns, ctime_ns) >= stamped_ns - window


PACKAGE = Path(__file__).resolve().parent.parent


def code_stamp() -> list[list[Any]]:
    """Names, sizes and times of sdtrack's own modules: a development edit is a new key."""
    found: list[list[Any]] = []
    pending = [PACKAGE]
    while pending:
        directory = pending.pop()
        with contextlib.suppress(OSError), os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    name = os.path.relpath(entry.path, PACKAGE)
                    found.append([name, stat.st_size, stat.st_mtime_ns])
                elif entry.is_dir() and not entry.name.startswith(("_", ".")):
                    pending.append(Path(entry.path))
    return sorted(found)


# The names sdtrack gives its entries: only these are ever pruned, so that a cache
# directory set by mistake to a folder of the user's own loses nothing of theirs.
ENTRY_NAME = re.compile(r"[a-z]+-[0-9a-f]{32}\.json")


def entry_path(directory: Path, kind: str, key: Mapping[str, Any]) -> Path:
    text = json.dumps(key, sort_keys=True, ensure_ascii=False)
    return directory / f"{kind}-{hashlib.sha256(text.encode()).hexdigest()[:32]}.json"


def load_entry(directory: Path, kind: str, key: Mapping[str, Any]) -> Any | None:
    """The value saved under `key`, if its files are unchanged; None otherwise."""
    found = load_checked(directory, kind, key)
    return None if found is None else found[0]


def load_raw(directory: Path, kind: str, key: Mapping[str, Any]) -> tuple[Any, list[Stamp]] | None:
    """The value saved under `key` and the stamps it was saved with, unchecked: for a
    caller that compares the stamps with a file as it was (`fast.status_refresh`)."""
    try:
        with entry_path(directory, kind, key).open("rb") as handle:
            entry = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != json.loads(json.dumps(key)):
        return None
    stamps = entry.get("files")
    if not isinstance(stamps, list) or not all(isinstance(s, dict) for s in stamps):
        return None
    return entry.get("value"), stamps


def load_checked(
    directory: Path, kind: str, key: Mapping[str, Any]
) -> tuple[Any, list[Stamp]] | None:
    """The value saved under `key` and its files' stamps, just checked to be current, if
    its files are unchanged; None otherwise."""
    path = entry_path(directory, kind, key)
    try:
        with path.open("rb") as handle:
            entry = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != json.loads(json.dumps(key)):
        return None
    checked_ns = time.time_ns()
    stamps = entry.get("files")
    if not isinstance(stamps, list) or not all(
        isinstance(s, dict) and stamp_matches(s) for s in stamps
    ):
        return None
    value = entry.get("value")
    if any(_compared_by_content(s) for s in stamps):
        # Their content is known as of `checked_ns` now: stamped anew, they are trusted
        # without being read again once that is past the racy window (as git does).
        stamps = [{**s, "stamped_ns": checked_ns} if s.get("exists") else s for s in stamps]
        store_entry(directory, kind, key, stamps, value)
    return value, stamps


def _compared_by_content(stamp: Stamp) -> bool:
    """Whether a matching stamp was racy, so that its file's content had to be compared."""
    if stamp.get("exists") is not True:
        return False
    return is_racy(stamp["mtime_ns"], stamp["ctime_ns"], stamp["stamped_ns"])


def store_entry(
    directory: Path, kind: str, key: Mapping[str, Any], stamps: Iterable[Stamp], value: Any
) -> None:
    """Save `value` under `key`, atomically; a cache that cannot be written is skipped."""
    path = entry_path(directory, kind, key)
    data = json.dumps(
        {"key": key, "files": list(stamps), "value": value}, ensure_ascii=False
    ).encode()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return
    prune_oldest(directory, ENTRY_NAME, MAX_ENTRIES)


def prune_oldest(directory: Path, name: re.Pattern[str], keep: int) -> list[Path]:
    """Remove all but the `keep` most recently written files whose whole name matches
    `name`, and return them; no other file in the directory is touched."""
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        ours = [p for p in directory.iterdir() if name.fullmatch(p.name)]
        ours.sort(key=lambda p: p.stat().st_mtime_ns)
        for stale in ours[: max(len(ours) - keep, 0)]:
            with contextlib.suppress(OSError):
                stale.unlink()
                removed.append(stale)
    return removed
