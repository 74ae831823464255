"""The one append operation: lock → lookups → plan → write.

`record`, `correct`, `retract` (and every later bulk import) append through `append`:
the ledger is locked; the decision is taken from the ledger as it is under the lock (so
concurrent writers cannot both record a key); the entry is written whole or not at all.

The lookups are the whole ledger, read and validated under the lock, unless an index
(`LedgerIndexSource`, which `sdtrack.fast.ledger_index` provides) describes the locked
file exactly: then the decision is taken from the index and the ledger is not read.
The store never imports the index; it is handed in.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from sdtrack.core.errors import DataError, Problem
from sdtrack.core.language import _
from sdtrack.core.ledger import (
    KEEP,
    Keep,
    Ledger,
    RecordLookups,
    RecordPlan,
    plan_correction_of,
    plan_record,
    plan_retraction,
)
from sdtrack.core.model import Reading, Retraction, TargetsFile
from sdtrack.core.quantities import Unit
from sdtrack.store.files import MAX_LEDGER_BYTES, decode_toml_bytes, refuse_broken_link, too_large
from sdtrack.store.ledger_file import (
    append_durably,
    append_payload,
    create_ledger,
    locked_ledger,
    read_bytes_locked,
)
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.validation import CHECK_HINT, Progress, validate_ledger_text

T = TypeVar("T")
NewEntry = Reading | Retraction


class LookupsUnusable(Exception):
    """The index does not describe the ledger's bytes: decide from the whole ledger."""


@dataclass(frozen=True)
class Decision(Generic[T]):
    """What to append (None or no entries: nothing), and what to hand back to the caller.

    Several entries (an import's batch) are appended in one write; each carries the
    batch's id and size, so that a write cut off part-way is never read as a whole batch.
    """

    entry: NewEntry | tuple[Reading, ...] | None
    result: T

    @property
    def entries(self) -> tuple[NewEntry, ...]:
        if self.entry is None:
            return ()
        return self.entry if isinstance(self.entry, tuple) else (self.entry,)


class IndexedLookups(RecordLookups, Protocol):
    """Lookups answered by an index of the locked ledger."""

    def require_unchanged(self) -> None:
        """Raise LookupsUnusable unless the ledger is still the file the index matched."""
        ...

    def add_appended(self, entry: NewEntry, offset: int, length: int) -> bool:
        """Note the appended entry; False when the index no longer describes the ledger."""
        ...

    def close(self) -> None: ...


class LedgerIndexSource(Protocol):
    """Where `append` finds an index of the ledger, and tells it what the ledger now is."""

    def open(self, fd: int) -> IndexedLookups | None:
        """Lookups for the locked ledger `fd`, or None when no index describes it."""
        ...

    def rebuild(self, fd: int, data: bytes, ledger: Ledger, read_ns: int) -> None:
        """Index the whole ledger `data` (read at `read_ns`), which `ledger` validated."""
        ...

    def discard(self) -> None:
        """Drop the index, so that the next command rebuilds it."""
        ...


class AppendObserver(Protocol):
    """Told of every append, under the lock, right after the entries are written
    (`sdtrack.fast.status_refresh` brings the cached status up to date with it)."""

    def appended(
        self,
        previous: Callable[[str], Sequence[Reading]],
        entries: Sequence[NewEntry],
        before: os.stat_result,
        fd: int,
    ) -> bool:
        """`previous(indicator)`: its current readings before the append, in ledger
        order; `before`: the ledger's stat until the append. Never raises."""
        ...


Decide = Callable[[RecordLookups], Decision[T]]


def append(
    location: WorkspaceLocation,
    targets: TargetsFile,
    decide: Decide[T],
    *,
    index: LedgerIndexSource | None = None,
    progress: Progress | None = None,
    observer: AppendObserver | None = None,
) -> T:
    """Append at most one entry to the ledger, decided under the lock from its latest state.

    `decide` sees the ledger as it is once the lock is held (another sdtrack may have
    appended since the workspace was loaded) and returns the entry to append, or None to
    append nothing, with a result to pass back. It may raise; then nothing is written.
    `progress` is told how much of a whole ledger is validated; `observer`, of what was
    appended.
    """
    location.require_writable()
    path = location.readings_path
    label = Path(location.label(path))
    refuse_broken_link(path, label)
    if not path.exists():
        # Refuse before creating the file, so that a refused command (or one that appends
        # nothing) leaves no file behind.
        first = decide(Ledger())
        if not first.entries:
            return first.result
        create_ledger(path)
    with locked_ledger(path, label) as fd:  # released when the block ends
        if index is not None:
            indexed = index.open(fd)
            if indexed is not None:
                try:
                    return _append_through_index(indexed, index, fd, path, label, decide, observer)
                except LookupsUnusable:
                    index.discard()  # nothing was appended
                finally:
                    indexed.close()
        return _append_through_ledger(fd, path, label, targets, decide, index, progress, observer)


def _append_through_index(
    indexed: IndexedLookups,
    index: LedgerIndexSource,
    fd: int,
    path: Path,
    label: Path,
    decide: Decide[T],
    observer: AppendObserver | None,
) -> T:
    """Decide from the index, append, and note the entry in it.

    Everything that can stop the append comes before it: a ledger over the size limit
    refuses it; an index that does not match the ledger raises LookupsUnusable, and the
    caller decides from the whole ledger instead.
    """
    decision = decide(indexed)
    entries = decision.entries
    if not entries:
        return decision.result
    size = os.fstat(fd).st_size
    if size > MAX_LEDGER_BYTES:
        raise DataError([Problem(too_large(size, MAX_LEDGER_BYTES), label)])
    indexed.require_unchanged()
    before = os.fstat(fd)
    payload, block_offset = append_payload(fd, size, entries)
    append_durably(fd, path, payload, size, label)
    if observer is not None:
        observer.appended(indexed.current_readings, entries, before, fd)
    length = size + len(payload) - block_offset
    # A batch is indexed afresh by the next full read.
    if len(entries) > 1 or not indexed.add_appended(entries[0], block_offset, length):
        index.discard()
    return decision.result


def _append_through_ledger(
    fd: int,
    path: Path,
    label: Path,
    targets: TargetsFile,
    decide: Decide[T],
    index: LedgerIndexSource | None,
    progress: Progress | None,
    observer: AppendObserver | None,
) -> T:
    """Decide from the whole ledger, read and validated under the lock, then append."""
    read_ns = time.time_ns()
    data = read_bytes_locked(fd, label)
    ledger, problems = validate_ledger_text(
        decode_toml_bytes(data, label), label, targets, progress
    )
    if problems:
        raise DataError(problems, hint=_(CHECK_HINT))
    decision = decide(ledger)
    entries = decision.entries
    if entries:
        before = os.fstat(fd)
        payload, _offset = append_payload(fd, before.st_size, entries)
        append_durably(fd, path, payload, before.st_size, label)
        if observer is not None:
            observer.appended(current_by_indicator(ledger), entries, before, fd)
        data += payload
        if len(entries) == 1:
            ledger = ledger.with_appended(entries[0])
    if index is not None:
        if len(entries) > 1:
            index.discard()  # the next full read indexes the ledger with the batch
        else:
            index.rebuild(fd, data, ledger, read_ns)
    return decision.result


def current_by_indicator(ledger: Ledger) -> Callable[[str], list[Reading]]:
    """The ledger's current readings of an indicator, in ledger order, grouped once."""
    grouped: dict[str, list[Reading]] | None = None

    def current(indicator: str) -> list[Reading]:
        nonlocal grouped
        if grouped is None:
            grouped = {}
            for reading in ledger.current():
                grouped.setdefault(reading.indicator, []).append(reading)
        return list(grouped.get(indicator, ()))

    return current


# ---------------------------------------------------------------------------------------
# What record, correct and retract append


@dataclass(frozen=True)
class Recorded:
    """A recorded reading's plan, and its indicator's other current readings of every
    region, oldest first (empty when the `--key` was already recorded and nothing was
    written)."""

    plan: RecordPlan
    earlier: list[Reading]


def record_reading(
    location: WorkspaceLocation,
    targets: TargetsFile,
    reading: Reading,
    *,
    allow_duplicate: bool,
    index: LedgerIndexSource | None = None,
    progress: Progress | None = None,
    observer: AppendObserver | None = None,
) -> Recorded:
    """Append a new reading, unless its `--key` is already in the ledger (then nothing)."""

    def decide(lookups: RecordLookups) -> Decision[Recorded]:
        plan = plan_record(lookups, reading, allow_duplicate=allow_duplicate)
        if plan.existing is not None:
            return Decision(None, Recorded(plan, []))
        earlier = sorted(lookups.current_readings(plan.reading.indicator), key=lambda r: r.date)
        return Decision(plan.reading, Recorded(plan, earlier))

    return append(location, targets, decide, index=index, progress=progress, observer=observer)


def correct_reading(
    location: WorkspaceLocation,
    targets: TargetsFile,
    entry_id: str,
    value: str,
    *,
    source: str | None,
    note: str | None,
    recorded: dt.datetime,
    region: str | Keep | None = KEEP,
    progress: Progress | None = None,
) -> tuple[Reading, Reading]:
    """Append a reading that supersedes `entry_id`; returns (the old, the correction). The
    correction keeps the old reading's region unless `region` is given (None: the
    workspace's own)."""
    units: dict[str, Unit] = {i.id: i.unit_info for i in targets.indicators}
    domains = {i.id: i.domain for i in targets.indicators}

    def decide(lookups: RecordLookups) -> Decision[tuple[Reading, Reading]]:
        correction = plan_correction_of(
            lookups, entry_id, value, units, source=source, note=note, recorded=recorded,
            domains=domains, region=region,
        )  # fmt: skip
        old = lookups.entry(entry_id)
        assert old is not None
        return Decision(correction, (old.reading, correction))

    return append(location, targets, decide, progress=progress)


def retract_reading(
    location: WorkspaceLocation,
    targets: TargetsFile,
    entry_id: str,
    reason: str,
    recorded: dt.datetime,
    progress: Progress | None = None,
) -> tuple[Reading, Retraction]:
    """Append a retraction of `entry_id`; returns (the retracted reading, the retraction)."""

    def decide(lookups: RecordLookups) -> Decision[tuple[Reading, Retraction]]:
        retraction = plan_retraction(lookups, entry_id, reason, recorded)
        old = lookups.entry(entry_id)
        assert old is not None
        return Decision(retraction, (old.reading, retraction))

    return append(location, targets, decide, progress=progress)
