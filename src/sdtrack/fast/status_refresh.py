"""An append brings today's cached `status` up to date, so that the next `status` is a hit.

`record` and `import` hand a `StatusRefresher` to `store.append.append`, which calls it
under the ledger's lock right after the entries are written. If the cache holds today's
whole-workspace status (`fast.status_cache`, with its parts by indicator) computed from
the ledger exactly as it was before the append, and targets.toml is unchanged, the
refresher reassesses only the indicators the new readings belong to (and the derived
indicators computed from them), from their readings before the append and the appended
ones, puts the document back together from the parts (`present.status_parts`), and
stores it under the ledger's new stamp: what was appended is the only reading parsed or
validated. Anything else (a correction or retraction, an entry computed from other
files, another language) leaves the cache as it is, and the next `status` reads the
whole ledger, as it would have without the refresher.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from sdtrack.core.model import Reading, Retraction, TargetsFile
from sdtrack.core.recorded import WholeLedger
from sdtrack.fast.cache import (
    Stamp,
    file_digest,
    is_racy,
    load_raw,
    stamp_file,
    stamp_matches,
    store_entry,
)
from sdtrack.fast.status_cache import CACHE_KIND, PARTS_KIND, status_key
from sdtrack.present.report import build_status
from sdtrack.present.status_parts import IndicatorPart, assemble, parts_of
from sdtrack.store.ledger_file import read_at
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.workspace import Workspace

Previous = Callable[[str], Sequence[Reading]]
_STAT_FIELDS = ("size", "mtime_ns", "ctime_ns", "inode", "device")


class StatusRefresher:
    """Brings the cached status of `as_of` up to date after an append (`appended`)."""

    def __init__(
        self, cache: Path, location: WorkspaceLocation, targets: TargetsFile, as_of: dt.date
    ) -> None:
        self._cache = cache
        self._location = location
        self._targets = targets
        self._as_of = as_of

    def appended(
        self,
        previous: Previous,
        entries: Sequence[Reading | Retraction],
        before: os.stat_result,
        fd: int,
    ) -> bool:
        """Called under the lock once `entries` are written to the ledger open at `fd`,
        whose stat was `before` until then; `previous` gives an indicator's current
        readings before the append, in ledger order. Whether the entry was brought up to
        date: it never raises, since the append it follows has already happened."""
        try:
            return self._refresh(previous, entries, before, fd)
        except Exception:  # the cache is only ever a saving: a failed refresh is no fault
            return False

    def _refresh(
        self,
        previous: Previous,
        entries: Sequence[Reading | Retraction],
        before: os.stat_result,
        fd: int,
    ) -> bool:
        appended = [e for e in entries if isinstance(e, Reading) and e.corrects is None]
        if not appended or len(appended) != len(entries):
            return False  # a correction or retraction changes an earlier entry's state
        key = status_key(self._location, self._as_of, (), None)
        found = load_raw(self._cache, PARTS_KIND, key)
        if found is None:
            return False
        saved, stamps = found
        if len(stamps) != 2 or not stamp_matches(stamps[0]):
            return False
        if not _described_before(stamps[1], before, fd):
            return False
        parts = {i: IndicatorPart.from_data(p) for i, p in saved.items()}
        touched = self._touched({r.indicator for r in appended})
        parts = {i: p for i, p in parts.items() if i not in touched}
        workspace = self._workspace(previous, appended, touched)
        report = build_status(workspace, self._as_of, sorted(touched))
        parts |= parts_of(report)
        order = [i.id for i in self._targets.indicators]
        document, view = assemble(report, order, parts)
        now = [stamps[0], stamp_file(self._location.readings_path)]
        store_entry(self._cache, CACHE_KIND, key, now, {"json": document, "view": view})
        store_entry(self._cache, PARTS_KIND, key, now, {i: p.to_data() for i, p in parts.items()})
        return True

    def _touched(self, indicators: set[str]) -> set[str]:
        """The indicators given, and every derived indicator computed from one of them."""
        touched = set(indicators)
        grown = True
        while grown:
            grown = False
            for indicator in self._targets.indicators:
                formula = indicator.formula
                if formula and indicator.id not in touched and touched & set(formula.inputs):
                    touched.add(indicator.id)
                    grown = True
        return touched

    def _workspace(
        self, previous: Previous, appended: Sequence[Reading], touched: set[str]
    ) -> Workspace:
        """The workspace as far as the touched indicators go: their current readings (and
        a derived one's inputs'), the appended ones after those recorded before."""
        needed = set(touched)
        for indicator in self._targets.indicators:
            if indicator.id in touched and indicator.formula is not None:
                needed |= set(indicator.formula.inputs)
        readings: list[Reading] = []
        for indicator_id in sorted(needed):
            readings += previous(indicator_id)
            readings += [r for r in appended if r.indicator == indicator_id]
        return Workspace(self._location, self._targets, WholeLedger(readings=readings))


def _described_before(stamp: Stamp, before: os.stat_result, fd: int) -> bool:
    """Whether `stamp` is of the ledger as it was before the append (its first
    `before.st_size` bytes, unchanged since: appends only add after them)."""
    fields = (before.st_size, before.st_mtime_ns, before.st_ctime_ns, before.st_ino, before.st_dev)
    if stamp.get("exists") is not True or any(
        stamp.get(name) != value for name, value in zip(_STAT_FIELDS, fields, strict=True)
    ):
        return False
    stamped_ns = stamp.get("stamped_ns")
    if not isinstance(stamped_ns, int):
        return False
    if not is_racy(before.st_mtime_ns, before.st_ctime_ns, stamped_ns):
        return True
    return file_digest(read_at(fd, before.st_size, 0)) == stamp.get("digest")


def refresher(
    cache: Path | None, location: WorkspaceLocation, targets: TargetsFile, as_of: dt.date
) -> StatusRefresher | None:
    """The refresher of `as_of`'s status, or None when nothing is cached."""
    return None if cache is None else StatusRefresher(cache, location, targets, as_of)
