"""The ledger file: its TOML blocks, its lock, and one durable append under that lock.

Every entry is appended with one `write` to the ledger opened for appending, then flushed
to disk with `fsync`: a process killed at any instant leaves the entry whole or absent.
Every append holds an exclusive lock, taken with filelock (imported only when a command
appends): where `flock` exists (Linux, macOS, the BSDs) on the ledger itself, checked to be
the file now at the path; elsewhere (Windows) on `readings.toml.lock` beside it, which
filelock removes again when the lock is released.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import tomli_w

from sdtrack.core.errors import DataError, Problem, UsageError
from sdtrack.core.language import _
from sdtrack.core.model import SCHEMA_VERSION, Reading, Retraction
from sdtrack.core.quantities import exact_number
from sdtrack.store.files import (
    MAX_LEDGER_BYTES,
    decode_toml_bytes,
    refuse_unless_regular,
    too_large,
)
from sdtrack.store.writes import write_atomic

if TYPE_CHECKING:
    from filelock import BaseFileLock

LOCK_TIMEOUT_SECONDS = 10.0
LOCK_SUFFIX = ".lock"


READINGS_HEADER = f"""\
# sdtrack readings ledger: append-only. sdtrack appends a [[reading]] block for every
# `sdtrack record`; it never rewrites what is already here.
schema = {SCHEMA_VERSION}
"""


def reading_block(reading: Reading) -> str:
    """The `[[reading]]` TOML block for one reading; tomli_w escapes every string.

    `source`, which every reading must have, is written last: any part of a block cut off
    by a crash then lacks it (or ends mid-line), so a torn entry never passes as whole.
    Its lines are written straight from the reading, as tomli_w writes the entry of its
    keys (`tests/store/test_ledger_file.py` proves it): an import of 100,000 rows spent a
    tenth of its time building that entry and scanning it here.
    """
    lines = ["\n[[reading]]\n", _text_line("id", reading.key)]
    lines.append(_shared_line("indicator", reading.indicator))
    if reading.region is not None:
        lines.append(_shared_line("region", reading.region))
    lines.append(_toml_line("value", exact_number(reading.value)))
    date = reading.date
    day = date.precision == "day"
    lines.append(_moment_line("date", date.end) if day else _text_line("date", str(date)))
    if reading.qualifier is not None:
        lines.append(_shared_line("qualifier", reading.qualifier))
    for name in ("url", "quote", "note", "corrects"):
        value = getattr(reading, name)
        if value is not None:
            lines.append(_text_line(name, value))
    if reading.derived:
        lines.append("derived = true\n")
    if reading.request_key is not None:
        lines.append(_text_line("key", reading.request_key))
    if reading.recorded is not None:
        lines.append(_moment_line("recorded", reading.recorded))
    if reading.batch is not None:
        lines.append(_shared_line("batch", reading.batch))
        lines.append(_shared_line("batch_size", reading.batch_size))
    lines.append(_shared_line("source", reading.source))
    return "".join(lines)


def retraction_block(retraction: Retraction) -> str:
    """The `[[retraction]]` TOML block for one retraction; `reason`, required, comes last."""
    entry = retraction.model_dump(exclude_none=True)
    entry["reason"] = entry.pop("reason")
    return _table_block("retraction", entry)


def _table_block(name: str, entry: dict[str, Any]) -> str:
    """One `[[name]]` block of scalar keys, exactly as tomli_w writes them.

    The header is written here, never left to tomli_w, which may choose an inline array
    (`name = [{…}]`); appended after another table, that would become a key of that table.
    """
    if any(isinstance(value, list | tuple | Mapping) for value in entry.values()):
        return f"\n[[{name}]]\n" + tomli_w.dumps(entry)
    return f"\n[[{name}]]\n" + "".join([_toml_line(k, v) for k, v in entry.items()])


# What tomli_w escapes in a basic string: a quote, a backslash, and the ASCII controls
# but tab. A string without any of them it writes as it is, between quotes.
_ESCAPED = frozenset('"\\\x7f') | (frozenset(map(chr, range(32))) - {"\t"})
_BARE_KEY = frozenset("abcdefghijklmnopqrstuvwxyz_-")
_WRITTEN_AS_STR = frozenset({int, float, dt.date, dt.datetime})


def _moment_line(key: str, moment: dt.date) -> str:
    """`key = moment` as `_toml_line` writes it, each moment's text written once: an
    import's readings share their time of recording, and most of their days."""
    offset = moment.utcoffset() if isinstance(moment, dt.datetime) else None
    return _moment_line_of(key, moment, offset)


@functools.lru_cache(maxsize=4096)
def _moment_line_of(key: str, moment: dt.date, _offset: dt.timedelta | None) -> str:
    # The offset is part of the key: equal times of two offsets are written apart.
    return _toml_line(key, moment)


@functools.lru_cache(maxsize=4096, typed=True)
def _shared_line(key: str, value: object) -> str:
    """`_toml_line` of a value readings share (an indicator, a source, a batch), each
    written once: an import's 100,000 blocks share a few of them."""
    return _toml_line(key, value)


def _text_line(key: str, text: str) -> str:
    """`key = "text"` for a bare key, as `_toml_line` writes it."""
    return f'{key} = "{text}"\n' if _ESCAPED.isdisjoint(text) else tomli_w.dumps({key: text})


def _toml_line(key: str, value: object) -> str:
    """`key = value` as `tomli_w.dumps({key: value})` writes it; tomli_w writes it itself
    unless the key is bare and the value a plain string, a number, a date or a boolean
    (tomli_w goes through a string character by character: a 100,000-row import spent a
    fifth of its time there)."""
    kind = type(value)
    if not _BARE_KEY.issuperset(key) or not key:
        return tomli_w.dumps({key: value})
    if kind is str:
        text = cast(str, value)
        return f'{key} = "{text}"\n' if _ESCAPED.isdisjoint(text) else tomli_w.dumps({key: text})
    if kind is bool:
        return f"{key} = {'true' if value else 'false'}\n"
    if kind in _WRITTEN_AS_STR:
        return f"{key} = {value}\n"
    return tomli_w.dumps({key: value})


def entry_block(entry: Reading | Retraction) -> str:
    return reading_block(entry) if isinstance(entry, Reading) else retraction_block(entry)


def create_ledger(path: Path) -> None:
    """Create an empty ledger (its header only) atomically, unless one appeared meanwhile."""
    with contextlib.suppress(UsageError):
        write_atomic(path, READINGS_HEADER.encode(), overwrite=False)


def read_locked(fd: int, label: Path) -> str:
    return decode_toml_bytes(read_bytes_locked(fd, label), label)


def read_bytes_locked(fd: int, label: Path) -> bytes:
    """The whole locked ledger, read from its start: at most the size limit, counted in the
    bytes actually read (a file can say one size and hold another)."""
    chunks = []
    offset = 0
    while offset <= MAX_LEDGER_BYTES:
        chunk = read_at(fd, min(1024 * 1024, MAX_LEDGER_BYTES + 1 - offset), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    if offset > MAX_LEDGER_BYTES:
        size = max(offset, os.fstat(fd).st_size)
        raise DataError([Problem(too_large(size, MAX_LEDGER_BYTES), label)])
    return b"".join(chunks)


def read_at(fd: int, length: int, offset: int) -> bytes:
    """`os.pread`, which Windows lacks: there, a seek then a read (appends go to the end
    whatever the position, as the ledger is opened with O_APPEND)."""
    if hasattr(os, "pread"):
        return os.pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)  # pragma: no cover - Windows
    return os.read(fd, length)  # pragma: no cover - Windows


def append_payload(
    fd: int, size: int, entries: Reading | Retraction | Sequence[Reading | Retraction]
) -> tuple[bytes, int]:
    """The bytes that append `entries` to a ledger of `size` bytes, and where the first
    block starts.

    A ledger that does not end with a newline gets one first; an empty one, the header.
    """
    if isinstance(entries, Reading | Retraction):
        entries = [entries]
    prefix = b""
    if size == 0:
        prefix = READINGS_HEADER.encode()
    elif read_at(fd, 1, size - 1) != b"\n":
        prefix = b"\n"
    blocks = "".join(entry_block(entry) for entry in entries)
    return prefix + blocks.encode("utf-8"), size + len(prefix)


def lock_path(path: Path) -> Path:
    """The lock file used where the ledger itself cannot be locked: `readings.toml.lock`."""
    return path.with_name(path.name + LOCK_SUFFIX)


def _filelock() -> Any:
    """filelock, imported when a command appends (it costs tens of milliseconds). Without
    `fcntl` it warns that only its soft lock is left: that is expected, and not shown."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import filelock

    return filelock


def native_ledger_lock() -> bool:
    """Whether the ledger itself is locked (flock), rather than a lock file beside it."""
    return sys.platform != "win32" and bool(_filelock().has_fcntl)


@contextlib.contextmanager
def locked_ledger(path: Path, label: Path) -> Iterator[int]:
    """The ledger opened for appending, under an exclusive lock held until the block ends.

    Waiting more than LOCK_TIMEOUT_SECONDS is a clear error. With flock the lock is on the
    ledger, checked to be the file now at `path`: were the ledger replaced (an editor saving
    by rename) while this process waited, the lock would be on the old file and an append to
    it lost, so the new file is opened and locked instead. With a lock file the ledger is
    opened once the lock is held. Either way `append_durably` checks again before writing.
    """
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    if native_ledger_lock():
        fd = open_locked(path, label, deadline)
        try:
            yield fd
        finally:
            os.close(fd)  # closing the file releases the lock
        return
    lock = _filelock().FileLock(str(lock_path(path)))
    _wait_for(functools.partial(_acquired, lock, label), label, deadline)
    try:
        fd = _open_for_append(path, label)
        try:
            yield fd
        finally:
            os.close(fd)
    finally:
        lock.release()


def open_locked(path: Path, label: Path, deadline: float | None = None) -> int:
    """The ledger opened for appending and flock-ed, checked to be the file now at `path`."""
    if deadline is None:
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    while True:
        fd = _open_for_append(path, label)
        try:
            _wait_for(functools.partial(_locked, fd, label), label, deadline)
            with contextlib.suppress(FileNotFoundError):
                if os.stat(path).st_ino == os.fstat(fd).st_ino:
                    return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _open_for_append(path: Path, label: Path) -> int:
    """The ledger opened for appending: a regular file (checked before and after opening,
    which cannot block), else a located refusal."""
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        refuse_unless_regular(os.stat(path).st_mode, label)
        fd = os.open(path, flags)
        try:
            refuse_unless_regular(os.fstat(fd).st_mode, label)
        except BaseException:
            os.close(fd)
            raise
        return fd
    except OSError as error:
        raise DataError(
            [
                Problem(
                    _("cannot be opened for writing: {reason}").format(reason=error.strerror),
                    label,
                )
            ]
        ) from None


def _locked(fd: int, label: Path) -> bool:
    """Whether the ledger `fd` is now locked (False: another process holds it)."""
    try:
        return bool(_filelock().lock_descriptor(fd, blocking=False))
    except OSError as error:
        raise _cannot_lock(error, label) from None


def _acquired(lock: BaseFileLock, label: Path) -> bool:
    """Whether the lock file is now held (False: another process holds it)."""
    filelock = _filelock()
    try:
        lock.acquire(blocking=False)
    except filelock.Timeout:
        return False
    except OSError as error:
        raise _cannot_lock(error, label) from None
    return True


def _cannot_lock(error: OSError, label: Path) -> DataError:
    reason = error.strerror or str(error)
    return DataError([Problem(_("cannot be locked: {reason}").format(reason=reason), label)])


def _wait_for(attempt: Callable[[], bool], label: Path, deadline: float) -> None:
    while not attempt():
        if time.monotonic() >= deadline:
            raise DataError(
                [
                    Problem(
                        _(
                            "another sdtrack command has held the lock for {seconds} s; "
                            "nothing was recorded"
                        ).format(seconds=f"{LOCK_TIMEOUT_SECONDS:g}"),
                        label,
                    )
                ],
                hint=_("wait for the other command to finish, then try again"),
            )
        time.sleep(0.01)


def append_durably(fd: int, path: Path, payload: bytes, size: int, label: Path) -> None:
    """One write of the whole entry, then fsync; on failure the file is cut back to `size`.

    The locked file must still be the one at `path`: a ledger replaced meanwhile (an
    editor saving by rename while sdtrack read it) would take the entry with it, unseen.
    """
    try:
        at_path = os.stat(path)
    except OSError:
        at_path = None
    locked = os.fstat(fd)
    if at_path is None or (at_path.st_ino, at_path.st_dev) != (locked.st_ino, locked.st_dev):
        raise DataError(
            [Problem(_("was replaced by another program while sdtrack read it"), label)],
            hint=_("nothing was recorded; run the command again"),
        )
    try:
        written = os.write(fd, payload)
        if written != len(payload):
            raise OSError(errno.ENOSPC, _("the disk is full"))
        os.fsync(fd)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, size)
        raise DataError(
            [Problem(_("{reason}; nothing was recorded").format(reason=error.strerror), label)]
        ) from None
