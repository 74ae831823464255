"""The ledger index: what `record` needs to know about a large ledger, without parsing it.

A sqlite database in the user cache directory, one per ledger, holds each reading's id,
content id, indicator, request key and state, and where its `[[reading]]` block lies in
the file. It is trusted only while the ledger, examined on the locked file, is exactly the
file it was built from: same size, times, inode and device, and, when those could hide a
change made within the file system's time resolution, the same content digest. Anything
else (no database, a corrupt one, an older schema, a changed ledger) makes the caller use
the whole ledger instead and rebuild the index from it; so does a change to what the
ledger is validated against (the indicators' ids and units in targets.toml) or to
sdtrack's own code, which decides ids and duplicates. It is never a source of truth:
every reading read through it is parsed and validated from the ledger's own bytes.

The digest is chained (each append hashes the previous digest and the appended bytes
only), so noting an append never reads the rest of the ledger. A stamp left by sdtrack's
own append, made under the ledger's lock, is trusted without comparing the digest on file
systems whose times are finer than a second: what stat cannot tell there is only another
program rewriting the ledger in place, to the same size, within the same kernel tick (a
few milliseconds) as sdtrack's append, and while ignoring the lock. Every other racy
stamp (one left by a rebuild, whose whole-file read took a while, or on a file system
with whole-second times) is trusted only after the whole file's digest matches, and is
then stamped anew, so that the next command need not read the file again. The append
itself happens only if the ledger's stat is still the one the index was checked against.

sqlite3 is imported here only, so that commands which never touch the index do not pay
for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sdtrack import __version__
from sdtrack.core.ledger import Entry, Ledger
from sdtrack.core.model import Reading, Retraction
from sdtrack.core.quantities import Unit
from sdtrack.fast.cache import code_stamp, has_fine_times, is_racy, prune_oldest
from sdtrack.store import toml_fast
from sdtrack.store.append import LookupsUnusable, NewEntry
from sdtrack.store.ledger_file import read_at

SCHEMA_VERSION = 2
READ_CHUNK_BYTES = 1024 * 1024
_ENTRY_HEADER = re.compile(rb"^[ \t]*\[\[[ \t]*(reading|retraction)[ \t]*\]\]", re.MULTILINE)
_STAMP_FIELDS = ("size", "mtime_ns", "ctime_ns", "inode", "device")

_SCHEMA = f"""
PRAGMA user_version = {SCHEMA_VERSION};
CREATE TABLE meta (
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    device INTEGER NOT NULL,
    digest TEXT NOT NULL,
    stamped_ns INTEGER NOT NULL,
    own_append INTEGER NOT NULL
);
CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    content_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    request_key TEXT,
    superseded_by TEXT,
    retraction_reason TEXT,
    retraction_recorded TEXT,
    is_current INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    length INTEGER NOT NULL
);
CREATE TABLE segments (end_offset INTEGER PRIMARY KEY);
CREATE TABLE validation (context TEXT NOT NULL);
CREATE INDEX entries_by_content ON entries (content_id, position);
CREATE INDEX entries_by_indicator ON entries (indicator, position);
CREATE INDEX entries_by_request_key ON entries (request_key);
"""


# Indexes of this many ledgers are kept; a ledger whose index was dropped rebuilds it on
# its next `record`.
MAX_INDEXES = 16


class IndexUnusable(LookupsUnusable):
    """The index does not describe the ledger's bytes; use the whole ledger instead."""


INDEX_NAME = re.compile(r"ledger-[0-9a-f]{32}\.sqlite")


def index_path(cache_directory: Path, ledger_path: Path) -> Path:
    """The index database of the ledger at `ledger_path`: one per absolute path."""
    name = hashlib.sha256(os.path.abspath(ledger_path).encode()).hexdigest()[:32]
    return cache_directory / f"ledger-{name}.sqlite"


def _stamp(stat: os.stat_result) -> tuple[int, ...]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


def validation_context(units: Mapping[str, Unit]) -> str:
    """What the ledger's entries were validated against, and by which code, as a digest."""
    described = [__version__, code_stamp(), sorted([i, u.name, u.family] for i, u in units.items())]
    return hashlib.sha256(json.dumps(described).encode()).hexdigest()


def chained_digest(previous: str, appended: bytes) -> str:
    """The digest of a ledger after `appended`, from its digest before ("" for none)."""
    hasher = hashlib.sha1(bytes.fromhex(previous), usedforsecurity=False)
    hasher.update(appended)
    return hasher.hexdigest()


def content_digest(fd: int, segment_ends: Sequence[int]) -> str:
    """The chained digest of the open file, cut into segments ending at `segment_ends`."""
    digest = ""
    start = 0
    for end in segment_ends:
        hasher = hashlib.sha1(bytes.fromhex(digest), usedforsecurity=False)
        while start < end:
            chunk = read_at(fd, min(READ_CHUNK_BYTES, end - start), start)
            if not chunk:
                return ""  # shorter than the segments: matches no stored digest
            hasher.update(chunk)
            start += len(chunk)
        digest = hasher.hexdigest()
    return digest


@dataclass(frozen=True)
class _Row:
    id: str
    position: int
    superseded_by: str | None
    retraction_reason: str | None
    retraction_recorded: str | None
    offset: int
    length: int


_ROW_COLUMNS = "id, position, superseded_by, retraction_reason, retraction_recorded, offset, length"


class LedgerIndex:
    """An open index that matched the locked ledger; answers `plan_record`'s questions."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        fd: int,
        units: Mapping[str, Unit],
        stat: os.stat_result,
        digest: str,
    ) -> None:
        self._connection = connection
        self._fd = fd
        self._units = dict(units)
        self._stamp = _stamp(stat)
        self._size = stat.st_size
        self._digest = digest

    def close(self) -> None:
        self._connection.close()

    # The questions plan_record asks (sdtrack.core.ledger.RecordLookups).

    def with_request_key(self, key: str) -> Entry | None:
        return self._entry("WHERE request_key = ? ORDER BY position LIMIT 1", (key,))

    def has_id(self, entry_id: str) -> bool:
        return bool(self._fetch("SELECT 1 FROM entries WHERE id = ?", (entry_id,)))

    def first_with_content(self, content_id: str) -> Entry | None:
        return self._entry("WHERE content_id = ? ORDER BY position LIMIT 1", (content_id,))

    # Reading from the ledger through the index.

    def current_readings(self, indicator: str) -> list[Reading]:
        """The indicator's current readings, in ledger order, read from the ledger's bytes."""
        rows = self._rows("WHERE indicator = ? AND is_current ORDER BY position", (indicator,))
        return [self._reading(row) for row in rows]

    def require_unchanged(self) -> None:
        """Raise IndexUnusable unless the ledger's stat is still the one the index matched.

        Call right before appending: another program may have rewritten the ledger while
        sdtrack read through the index (which can take seconds), and the stamp that the
        append leaves is trusted later as sdtrack's own.
        """
        if _stamp(os.fstat(self._fd)) != self._stamp:
            raise IndexUnusable("the ledger changed while it was read through the index")

    def entry(self, entry_id: str) -> Entry | None:
        return self._entry("WHERE id = ?", (entry_id,))

    def add_appended(self, entry: NewEntry, offset: int, length: int) -> bool:
        """Note a new reading appended in the block at `offset`, or return False when the
        index can no longer describe the ledger (then it is to be discarded).

        Only a new reading is noted: a correction or a retraction changes the state of an
        earlier entry, which the next full read indexes.
        """
        if not isinstance(entry, Reading) or entry.corrects is not None:
            return False
        try:
            self._note_appended(entry, offset, length)
        except IndexUnusable:
            return False
        return True

    def _note_appended(self, reading: Reading, offset: int, length: int) -> None:
        """Record that `reading`, current, was appended in the block at `offset`.

        Call with the ledger still locked, right after the append, so that nothing else can
        have changed it in between: the ledger's new stamp and digest are stored with it.
        Only the appended bytes are read.
        """
        stamped_ns = time.time_ns()
        stat = os.fstat(self._fd)
        if stat.st_size != offset + length or offset < self._size:
            raise IndexUnusable("the ledger is not the size the append left it")
        appended = read_at(self._fd, stat.st_size - self._size, self._size)
        digest = chained_digest(self._digest, appended)
        ((position,),) = self._fetch("SELECT COALESCE(MAX(position), -1) + 1 FROM entries", ())
        row = (
            reading.key,
            position,
            _content_id(reading),
            reading.indicator,
            reading.request_key,
            offset,
            length,
        )
        try:
            with self._connection:
                self._connection.execute(
                    "INSERT INTO entries VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, 1, ?, ?)", row
                )
                self._connection.execute("INSERT INTO segments VALUES (?)", (stat.st_size,))
                _store_stamp(self._connection, stat, digest, stamped_ns, own_append=True)
        except sqlite3.Error as error:
            raise IndexUnusable(str(error)) from None

    def _fetch(self, sql: str, parameters: Sequence[object]) -> list[Any]:
        """Every row the query gives; a damaged database, found at any row, is unusable."""
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise IndexUnusable(str(error)) from None

    def _rows(self, where: str, parameters: Sequence[object]) -> list[_Row]:
        found = self._fetch(f"SELECT {_ROW_COLUMNS} FROM entries {where}", parameters)
        return [_Row(*row) for row in found]

    def _entry(self, where: str, parameters: Sequence[object]) -> Entry | None:
        rows = self._rows(where, parameters)
        if not rows:
            return None
        row = rows[0]
        retraction = None
        if row.retraction_reason is not None:
            recorded = row.retraction_recorded
            retraction = Retraction(
                reading=row.id,
                reason=row.retraction_reason,
                recorded=dt.datetime.fromisoformat(recorded) if recorded else None,
            )
        return Entry(self._reading(row), row.position, row.superseded_by, retraction)

    def _reading(self, row: _Row) -> Reading:
        """The reading in the block at the row's offset, validated as the whole ledger is."""
        block = read_at(self._fd, row.length, row.offset)
        try:
            parsed = toml_fast.loads(block.decode("utf-8"))
            (fields,) = parsed.pop("reading")
            if parsed:
                raise IndexUnusable("the block holds more than one reading")
            reading = Reading.model_validate(fields, context={"units": self._units})
        except (ValueError, KeyError, TypeError, ValidationError) as error:
            raise IndexUnusable(f"the block at {row.offset} is not a reading: {error}") from None
        if reading.key != row.id:
            raise IndexUnusable(f"the block at {row.offset} is not {row.id}")
        return reading


def _content_id(reading: Reading) -> str:
    return Entry(reading, 0).content_id


def _store_stamp(
    connection: sqlite3.Connection,
    stat: os.stat_result,
    digest: str,
    stamped_ns: int,
    *,
    own_append: bool,
) -> None:
    """Save the ledger's stamp: `stamped_ns` is when its content was last read or known,
    and `own_append` whether that content is sdtrack's own append, made under the lock."""
    connection.execute("DELETE FROM meta")
    connection.execute(
        "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*_stamp(stat), digest, stamped_ns, int(own_append)),
    )


def open_index(
    cache_directory: Path, ledger_path: Path, fd: int, units: Mapping[str, Unit]
) -> LedgerIndex | None:
    """The ledger's index if it describes the locked ledger `fd` exactly; else None."""
    path = index_path(cache_directory, ledger_path)
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)
    except (sqlite3.Error, ValueError):
        return None
    try:
        index = _checked(connection, fd, units)
    except sqlite3.Error:
        index = None
    if index is None:
        connection.close()
    return index


def _checked(
    connection: sqlite3.Connection, fd: int, units: Mapping[str, Unit]
) -> LedgerIndex | None:
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version != SCHEMA_VERSION:
        return None
    rows = connection.execute(
        f"SELECT {', '.join(_STAMP_FIELDS)}, digest, stamped_ns, own_append FROM meta"
    ).fetchall()
    if len(rows) != 1:
        return None
    contexts = connection.execute("SELECT context FROM validation").fetchall()
    if contexts != [(validation_context(units),)]:
        return None
    *stamp, digest, stamped_ns, own_append = rows[0]
    stat = os.fstat(fd)
    if tuple(stamp) != _stamp(stat):
        return None
    times = (stat.st_mtime_ns, stat.st_ctime_ns)
    if is_racy(*times, stamped_ns) and not (own_append and has_fine_times(*times)):
        checked_ns = time.time_ns()
        ends = [end for (end,) in connection.execute("SELECT end_offset FROM segments ORDER BY 1")]
        if not ends or ends[-1] != stat.st_size or content_digest(fd, ends) != digest:
            return None
        # The content is known as of `checked_ns` now: once that is past the racy window,
        # the stamp is trusted without reading the ledger again (as git refreshes its index).
        with connection:
            connection.execute("UPDATE meta SET stamped_ns = ?, own_append = 0", (checked_ns,))
    return LedgerIndex(connection, fd, units, stat, digest)


def entry_blocks(data: bytes) -> list[tuple[str, int, int]]:
    """Each `[[reading]]` or `[[retraction]]` block in the file: (kind, offset, length)."""
    starts = [(m.group(1).decode(), m.start()) for m in _ENTRY_HEADER.finditer(data)]
    ends = [start for _, start in starts[1:]] + [len(data)]
    return [(kind, start, end - start) for (kind, start), end in zip(starts, ends, strict=True)]


def rebuild(
    cache_directory: Path,
    ledger_path: Path,
    fd: int,
    data: bytes,
    ledger: Ledger,
    units: Mapping[str, Unit],
    read_ns: int,
) -> None:
    """Build the index afresh from `ledger`, validated against `units`, which `fd` holds.

    `data` is the file's whole content, as read at `read_ns` (and appended to since); when
    its blocks cannot be matched one for one with the ledger's readings (a header inside a
    multi-line string, say), no index is built. Failures to write are ignored: the index
    only ever saves time.
    """
    blocks = [(offset, length) for kind, offset, length in entry_blocks(data) if kind == "reading"]
    if len(blocks) != len(ledger.entries):
        remove(cache_directory, ledger_path)
        return
    stat = os.fstat(fd)
    if stat.st_size != len(data):
        return
    rows = (
        (
            entry.id,
            entry.index,
            entry.content_id,
            entry.reading.indicator,
            entry.reading.request_key,
            entry.superseded_by,
            entry.retraction.reason if entry.retraction else None,
            _iso(entry.retraction.recorded) if entry.retraction else None,
            int(entry.is_current),
            offset,
            length,
        )
        for entry, (offset, length) in zip(ledger.entries, blocks, strict=True)
    )
    digest = chained_digest("", data)
    path = index_path(cache_directory, ledger_path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        cache_directory.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        with contextlib.closing(sqlite3.connect(temporary)) as connection:
            connection.executescript(_SCHEMA)
            with connection:
                connection.executemany(
                    "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
                )
                connection.execute("INSERT INTO segments VALUES (?)", (len(data),))
                connection.execute(
                    "INSERT INTO validation VALUES (?)", (validation_context(units),)
                )
                _store_stamp(connection, stat, digest, read_ns, own_append=False)
        _remove_journals(path)
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            temporary.unlink()
        remove(cache_directory, ledger_path)
        return
    _prune(cache_directory)


def _prune(cache_directory: Path) -> None:
    """Keep the indexes of the MAX_INDEXES most recently rebuilt ledgers; drop the rest."""
    for stale in prune_oldest(cache_directory, INDEX_NAME, MAX_INDEXES):
        _remove_journals(stale)


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _journals(path: Path) -> Iterator[Path]:
    for suffix in ("-journal", "-wal", "-shm"):
        yield path.with_name(path.name + suffix)


def _remove_journals(path: Path) -> None:
    """A journal left by an interrupted write must not be replayed into a new database."""
    for journal in _journals(path):
        with contextlib.suppress(OSError):
            journal.unlink()


def remove(cache_directory: Path, ledger_path: Path) -> None:
    """Drop the ledger's index, so that the next command rebuilds it."""
    path = index_path(cache_directory, ledger_path)
    with contextlib.suppress(OSError):
        path.unlink()
    _remove_journals(path)


@dataclass(frozen=True)
class CachedLedgerIndex:
    """The index of one ledger in the cache directory, as `store.append` asks for it."""

    cache_directory: Path
    ledger_path: Path
    units: Mapping[str, Unit]

    def open(self, fd: int) -> LedgerIndex | None:
        return open_index(self.cache_directory, self.ledger_path, fd, self.units)

    def rebuild(self, fd: int, data: bytes, ledger: Ledger, read_ns: int) -> None:
        rebuild(self.cache_directory, self.ledger_path, fd, data, ledger, self.units, read_ns)

    def discard(self) -> None:
        remove(self.cache_directory, self.ledger_path)
