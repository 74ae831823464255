"""The ledger file: its TOML blocks, its lock, and one durable append under that lock.

Every entry is appended with one `write` to the ledger opened for appending, then flushed
to disk with `fsync`: a process killed at any instant leaves the entry whole or absent.
Every append holds an exclusive lock on the file, checked to be the file now at the path.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from pathlib import Path
from typing import Any

import tomli_w

from sdtrack.core.errors import DataError, Problem, UsageError
from sdtrack.core.language import _
from sdtrack.core.model import SCHEMA_VERSION, Reading, Retraction
from sdtrack.core.quantities import exact_number
from sdtrack.store.files import MAX_LEDGER_BYTES, decode_toml_bytes, too_large
from sdtrack.store.writes import write_atomic

LOCK_TIMEOUT_SECONDS = 10.0


READINGS_HEADER = f"""\
# sdtrack readings ledger: append-only. sdtrack appends a [[reading]] block for every
# `sdtrack record`; it never rewrites what is already here.
schema = {SCHEMA_VERSION}
"""


def reading_block(reading: Reading) -> str:
    """The `[[reading]]` TOML block for one reading; tomli_w escapes every string.

    `source`, which every reading must have, is written last: any part of a block cut off
    by a crash then lacks it (or ends mid-line), so a torn entry never passes as whole.
    """
    entry: dict[str, Any] = {"id": reading.key, "indicator": reading.indicator}
    entry["value"] = exact_number(reading.value)
    entry["date"] = reading.date.end if reading.date.precision == "day" else str(reading.date)
    for name in ("qualifier", "url", "quote", "note", "corrects"):
        value = getattr(reading, name)
        if value is not None:
            entry[name] = value
    if reading.derived:
        entry["derived"] = True
    if reading.request_key is not None:
        entry["key"] = reading.request_key
    if reading.recorded is not None:
        entry["recorded"] = reading.recorded
    entry["source"] = reading.source
    return _table_block("reading", entry)


def retraction_block(retraction: Retraction) -> str:
    """The `[[retraction]]` TOML block for one retraction; `reason`, required, comes last."""
    entry = retraction.model_dump(exclude_none=True)
    entry["reason"] = entry.pop("reason")
    return _table_block("retraction", entry)


def _table_block(name: str, entry: dict[str, Any]) -> str:
    """One `[[name]]` block of scalar keys.

    The header is written here, never left to tomli_w, which may choose an inline array
    (`name = [{…}]`); appended after another table, that would become a key of that table.
    """
    return f"\n[[{name}]]\n" + tomli_w.dumps(entry)


def entry_block(entry: Reading | Retraction) -> str:
    return reading_block(entry) if isinstance(entry, Reading) else retraction_block(entry)


def create_ledger(path: Path) -> None:
    """Create an empty ledger (its header only) atomically, unless one appeared meanwhile."""
    with contextlib.suppress(UsageError):
        write_atomic(path, READINGS_HEADER.encode(), overwrite=False)


def read_locked(fd: int, label: Path) -> str:
    return decode_toml_bytes(read_bytes_locked(fd, label), label)


def read_bytes_locked(fd: int, label: Path) -> bytes:
    size = os.fstat(fd).st_size
    if size > MAX_LEDGER_BYTES:
        raise DataError([Problem(too_large(size, MAX_LEDGER_BYTES), label)])
    chunks = []
    offset = 0
    while offset < size:
        chunk = os.pread(fd, size - offset, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def append_payload(fd: int, size: int, entry: Reading | Retraction) -> tuple[bytes, int]:
    """The bytes that append `entry` to a ledger of `size` bytes, and where its block starts.

    A ledger that does not end with a newline gets one first; an empty one, the header.
    """
    prefix = b""
    if size == 0:
        prefix = READINGS_HEADER.encode()
    elif os.pread(fd, 1, size - 1) != b"\n":
        prefix = b"\n"
    return prefix + entry_block(entry).encode("utf-8"), size + len(prefix)


def open_locked(path: Path, label: Path) -> int:
    """The ledger opened for appending and locked, checked to be the file now at `path`.

    Were the ledger replaced (an editor saving by rename) while this process waited, the
    lock would be on the old file and an append to it lost: then the new file is opened.
    """
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND)
        except OSError as error:
            raise DataError(
                [
                    Problem(
                        _("cannot be opened for writing: {reason}").format(reason=error.strerror),
                        label,
                    )
                ]
            ) from None
        try:
            _lock(fd, label, deadline)
            with contextlib.suppress(FileNotFoundError):
                if os.stat(path).st_ino == os.fstat(fd).st_ino:
                    return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _lock(fd: int, label: Path, deadline: float) -> None:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise DataError(
                    [Problem(_("cannot be locked: {reason}").format(reason=error.strerror), label)]
                ) from None
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
