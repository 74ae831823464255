"""The plan of one import: which checked rows to append, and which it leaves and why.

Planned under the ledger's lock from the ledger as it is then (`store.importing`): a row
whose key, or whose content, is already recorded is skipped; a row that repeats an earlier
row of the batch is skipped; each new reading is checked for conflicts with the current
readings of its moment (its region's only), the batch's own earlier rows included. A
reading's key and content include its region: two regions' readings are never one.
`ImportPlan.mark_batch` marks the readings of a batch so that a write cut off part-way is
refused (`ledger.batch_problems`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sdtrack.core.conflicts import conflicts_with
from sdtrack.core.importing import Candidate
from sdtrack.core.ledger import Entry, Ledger, RecordLookups, plan_record
from sdtrack.core.model import Indicator, Reading, content_id
from sdtrack.core.periods import Period
from sdtrack.core.reading_rows import fill_made_fields, reading_with


@dataclass
class ImportPlan:
    """What one import appends, and what it leaves, row by row."""

    recorded: list[Candidate] = field(default_factory=list)
    already: list[tuple[Candidate, Entry]] = field(default_factory=list)
    repeated: list[tuple[Candidate, Candidate]] = field(default_factory=list)
    conflicts: list[tuple[Candidate, list[Reading]]] = field(default_factory=list)

    @property
    def readings(self) -> tuple[Reading, ...]:
        return tuple(c.reading for c in self.recorded)

    def mark_batch(self) -> tuple[Reading, ...]:
        """The readings to append, each marked with the batch's id and size when there are
        several (`ledger.batch_problems` then knows a write cut off part-way for what it
        is), in place: `plan_import` made each one for this plan, and only the plan holds
        them (a copy of each was a tenth of the planning of 100,000 rows)."""
        readings = self.readings
        if len(readings) < 2:
            return readings
        assert all(r.batch is None for r in readings)
        marks = _batch_marks(readings)
        return tuple(fill_made_fields(r, **marks) for r in readings)


@dataclass(frozen=True)
class ImportSummary:
    """An import's outcome: the plan, the files and rows read, what was left unread."""

    plan: ImportPlan
    files: tuple[str, ...]
    rows_read: int
    ignored: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    dry_run: bool = False


# A moment's readings: (period or calendar month, which of them, region). A period is
# named by its end and precision, which say which it is: hashed without a Python call.
_Bucket = tuple[object, str, str | None]


class BatchLookups:
    """The ledger's lookups with the batch planned so far on top: a batch's own readings
    take ids, keys and content as if each had been appended before the next."""

    def __init__(self, base: RecordLookups) -> None:
        self.base = base
        self.ids: dict[str, Entry] = {}
        self.keys: dict[str, Entry] = {}
        self.content: dict[str, Entry] = {}
        self.current: dict[str, list[Reading]] = {}
        self.months: dict[str, dict[_Bucket, list[Reading]]] = {}

    def add(self, reading: Reading, content_id: str | None = None) -> None:
        """Add a planned reading; `content_id` is its `Entry.content_id`, if known."""
        entry = Entry(reading, -1)
        self.ids[reading.key] = entry
        if reading.request_key is not None:
            self.keys[reading.request_key] = entry
        self.content.setdefault(content_id or entry.content_id, entry)
        self._buckets(reading.indicator)
        self.current_readings(reading.indicator).append(reading)
        self._file(reading)

    def nearby(self, reading: Reading) -> list[Reading]:
        """The current readings that can share `reading`'s moment (`conflicts.same_moment`):
        those of its region and period, and for a day the month's figure, for a month its
        days. Readings of different regions never share a moment."""
        buckets = self._buckets(reading.indicator)
        region = reading.region
        period = reading.date
        found = list(buckets.get(((period.end, period.precision), "", region), ()))
        if reading.date.precision == "day":
            found += buckets.get((_month(reading.date), "month", region), ())
        elif reading.date.precision == "month":
            found += buckets.get((_month(reading.date), "day", region), ())
        return found

    def _buckets(self, indicator_id: str) -> dict[_Bucket, list[Reading]]:
        if indicator_id not in self.months:
            self.months[indicator_id] = {}
            for reading in self.current_readings(indicator_id):
                self._file(reading)
        return self.months[indicator_id]

    def _file(self, reading: Reading) -> None:
        buckets = self.months[reading.indicator]
        period = reading.date
        buckets.setdefault(((period.end, period.precision), "", reading.region), []).append(reading)
        if reading.date.precision in ("day", "month"):
            key = (_month(reading.date), reading.date.precision, reading.region)
            buckets.setdefault(key, []).append(reading)

    def with_request_key(self, key: str) -> Entry | None:
        return self.keys.get(key) or self.base.with_request_key(key)

    def has_id(self, entry_id: str) -> bool:
        return entry_id in self.ids or self.base.has_id(entry_id)

    def first_with_content(self, content_id: str) -> Entry | None:
        return self.base.first_with_content(content_id) or self.content.get(content_id)

    def entry(self, entry_id: str) -> Entry | None:
        return self.ids.get(entry_id) or self.base.entry(entry_id)

    def current_readings(self, indicator_id: str) -> list[Reading]:
        if indicator_id not in self.current:
            self.current[indicator_id] = list(self.base.current_readings(indicator_id))
        return self.current[indicator_id]


def _month(period: Period) -> tuple[int, int]:
    return period.end.year, period.end.month


class LedgerLookups:
    """A whole `Ledger`'s lookups by dictionary: a batch asks them once per row, and the
    ledger's own answer each by a scan."""

    def __init__(self, ledger: Ledger) -> None:
        self.ids: dict[str, Entry] = {}
        self.keys: dict[str, Entry] = {}
        self.content: dict[str, Entry] = {}
        self.current: dict[str, list[Reading]] = {}
        for entry in ledger.entries:
            self.ids.setdefault(entry.id, entry)
            if entry.reading.request_key is not None:
                self.keys.setdefault(entry.reading.request_key, entry)
            self.content.setdefault(entry.content_id, entry)
            if entry.is_current:
                self.current.setdefault(entry.reading.indicator, []).append(entry.reading)

    def with_request_key(self, key: str) -> Entry | None:
        return self.keys.get(key)

    def has_id(self, entry_id: str) -> bool:
        return entry_id in self.ids

    def first_with_content(self, content_id: str) -> Entry | None:
        return self.content.get(content_id)

    def entry(self, entry_id: str) -> Entry | None:
        return self.ids.get(entry_id)

    def current_readings(self, indicator_id: str) -> list[Reading]:
        return list(self.current.get(indicator_id, ()))


def plan_import(
    lookups: RecordLookups, candidates: Sequence[Candidate], indicators: Mapping[str, Indicator]
) -> ImportPlan:
    """Which candidates to append: not those already recorded (by key or by content), nor a
    row that repeats an earlier one; each new reading's conflicts with what is recorded."""
    plan = ImportPlan()
    if isinstance(lookups, Ledger):
        lookups = LedgerLookups(lookups)
    batch = BatchLookups(lookups)
    planned: dict[str, Candidate] = {}
    for candidate in candidates:
        reading = candidate.reading
        key = reading.request_key
        assert key is not None
        if key in planned:
            plan.repeated.append((candidate, planned[key]))
            continue
        content = reading.id  # a sheet's reading has none: its content's, asked once here
        if content is None:
            content = content_id(
                reading.indicator, str(reading.date), reading.value, reading.source, reading.region
            )
        existing = lookups.with_request_key(key) or lookups.first_with_content(content)
        if existing is not None:
            plan.already.append((candidate, existing))
            continue
        if content in batch.content or batch.has_id(content):
            made = plan_record(batch, reading, allow_duplicate=True, plain_id=content).reading
        else:  # what plan_record gives a reading whose key and content are new: its content id
            made = reading_with(reading, id=content)
        new = Candidate(made, candidate.file, candidate.row, candidate.column)
        nearby = batch.nearby(reading)
        # A reading alone at its moment conflicts with none (most of an import's).
        against = conflicts_with(indicators[reading.indicator], made, nearby) if nearby else []
        if against:
            plan.conflicts.append((new, against))
        batch.add(made, content if reading.id is None else None)
        planned[key] = new
        plan.recorded.append(new)
    return plan


def _batch_marks(readings: Sequence[Reading]) -> dict[str, object]:
    digest = hashlib.sha256("\x1f".join(r.key for r in readings).encode("utf-8")).hexdigest()
    return {"batch": f"b-{digest[:16]}", "batch_size": len(readings)}
