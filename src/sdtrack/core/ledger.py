"""The ledger's history: corrections and retractions applied to the recorded readings.

`readings.toml` is append-only. A reading is never edited: a later reading with
`corrects = "r-…"` supersedes it, and a `[[retraction]]` withdraws it. `Ledger` applies
those entries so that every command works with the current readings while the whole
history stays readable. The `plan_*` functions decide what `record`, `correct` and
`retract` append; they read no file and no clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from sdtrack.core.arguments import RECORD_ARGUMENTS as RECORD_ARGUMENTS
from sdtrack.core.arguments import reading_from_arguments
from sdtrack.core.arguments import reading_to_record as reading_to_record
from sdtrack.core.arguments import require_period_over as require_period_over
from sdtrack.core.domains import Domain
from sdtrack.core.errors import Problem, UsageError
from sdtrack.core.language import N_, _
from sdtrack.core.model import Reading, ReadingsFile, Retraction, reading_id
from sdtrack.core.quantities import Unit, plain_number
from sdtrack.core.reading_rows import reading_with

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LedgerProblem:
    """A broken reference in the ledger, located by field path (the loader adds the line)."""

    path: FieldPath
    message: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded reading and what later entries say about it."""

    reading: Reading
    index: int
    superseded_by: str | None = None
    retraction: Retraction | None = None

    @property
    def id(self) -> str:
        return self.reading.key

    @property
    def content_id(self) -> str:
        """The id its content alone would give: equal for the same reading recorded twice."""
        r = self.reading
        return reading_id(r.indicator, str(r.date), r.value, r.source, r.region)

    @property
    def is_current(self) -> bool:
        return self.superseded_by is None and self.retraction is None

    @property
    def state(self) -> str:
        """`current`, `superseded by r-…`, `retracted: reason`, or both."""
        parts = []
        if self.superseded_by is not None:
            parts.append(_("superseded by {reading}").format(reading=self.superseded_by))
        if self.retraction is not None:
            parts.append(_("retracted: {reason}").format(reason=self.retraction.reason))
        return "; ".join(parts) or _("current")


@dataclass(frozen=True)
class Ledger:
    """Every reading in ledger order, each with its state."""

    entries: tuple[Entry, ...] = ()

    @classmethod
    def of(cls, ledger: ReadingsFile) -> Ledger:
        return cls.build(ledger.readings, ledger.retractions)

    @classmethod
    def build(cls, readings: Sequence[Reading], retractions: Sequence[Retraction]) -> Ledger:
        first_index: dict[str, int] = {}
        for index, reading in enumerate(readings):
            first_index.setdefault(reading.key, index)
        superseded_by: dict[int, str] = {}
        for reading in readings:
            if reading.corrects is not None and reading.corrects in first_index:
                superseded_by.setdefault(first_index[reading.corrects], reading.key)
        retracted: dict[int, Retraction] = {}
        for retraction in retractions:
            if retraction.reading in first_index:
                retracted.setdefault(first_index[retraction.reading], retraction)
        entries = tuple(
            Entry(reading, index, superseded_by.get(index), retracted.get(index))
            for index, reading in enumerate(readings)
        )
        return cls(entries)

    def current(self) -> tuple[Reading, ...]:
        return tuple(e.reading for e in self.entries if e.is_current)

    def current_readings(self, indicator_id: str) -> list[Reading]:
        """The indicator's current readings, in ledger order."""
        return [e.reading for e in self.for_indicator(indicator_id) if e.is_current]

    def with_appended(self, item: Reading | Retraction) -> Ledger:
        """The ledger after `item` is appended to it."""
        entries = list(self.entries)
        replaced = item.reading if isinstance(item, Retraction) else item.corrects
        position = next((e.index for e in entries if e.id == replaced), None)
        if position is not None:
            earlier = entries[position]
            if isinstance(item, Retraction) and earlier.retraction is None:
                entries[position] = dataclasses.replace(earlier, retraction=item)
            elif isinstance(item, Reading) and earlier.superseded_by is None:
                entries[position] = dataclasses.replace(earlier, superseded_by=item.key)
        if isinstance(item, Reading):
            entries.append(Entry(item, len(entries)))
        return Ledger(tuple(entries))

    def entry(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def with_request_key(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.reading.request_key == key), None)

    def for_indicator(self, indicator_id: str) -> list[Entry]:
        return [e for e in self.entries if e.reading.indicator == indicator_id]

    def history(self, entry_id: str) -> list[Entry]:
        """The chain of corrections that `entry_id` belongs to, oldest first."""
        entry = self.entry(entry_id)
        if entry is None:
            return []
        seen = {entry.id}
        while entry.reading.corrects is not None:
            earlier = self.entry(entry.reading.corrects)
            if earlier is None or earlier.id in seen:
                break
            entry = earlier
            seen.add(entry.id)
        chain = [entry]
        seen = {entry.id}
        while entry.superseded_by is not None:
            later = self.entry(entry.superseded_by)
            if later is None or later.id in seen:
                break
            entry = later
            seen.add(entry.id)
            chain.append(entry)
        return chain

    def taken_ids(self) -> set[str]:
        return set(self._ids)

    @functools.cached_property
    def _ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entries)

    def has_id(self, entry_id: str) -> bool:
        return entry_id in self._ids

    def first_with_content(self, content_id: str) -> Entry | None:
        return next((e for e in self.entries if e.content_id == content_id), None)


class RecordLookups(Protocol):
    """What planning an append asks of the ledger: a whole `Ledger`, or the ledger index."""

    def with_request_key(self, key: str) -> Entry | None: ...

    def has_id(self, entry_id: str) -> bool: ...

    def first_with_content(self, content_id: str) -> Entry | None:
        """The earliest reading whose content alone would give it `content_id`."""
        ...

    def entry(self, entry_id: str) -> Entry | None: ...

    def current_readings(self, indicator_id: str) -> list[Reading]:
        """The indicator's current readings, in ledger order."""
        ...


def ledger_problems(
    readings: Sequence[Reading], retractions: Sequence[Retraction]
) -> list[LedgerProblem]:
    """Duplicate ids and keys, and corrections or retractions that name no valid reading."""
    problems: list[LedgerProblem] = []
    position: dict[str, int] = {}
    keys: dict[str, int] = {}
    corrected_by: dict[str, int] = {}
    for index, reading in enumerate(readings):
        if reading.id is not None and reading.id in position:
            problems.append(
                LedgerProblem(
                    ("reading", index, "id"),
                    _("reading id {id!r} is already used by reading[{index}]").format(
                        id=reading.id, index=position[reading.id]
                    ),
                )
            )
        key = reading.request_key
        if key is not None:
            if key in keys:
                problems.append(
                    LedgerProblem(
                        ("reading", index, "key"),
                        _("key {key!r} is already used by reading[{index}]").format(
                            key=key, index=keys[key]
                        ),
                    )
                )
            keys.setdefault(key, index)
        target = reading.corrects
        path: FieldPath = ("reading", index, "corrects")
        if target == reading.key:
            problems.append(LedgerProblem(path, _("a reading cannot correct itself")))
        position.setdefault(reading.key, index)
        if target is None or target == reading.key:
            continue
        if target not in position:
            problems.append(LedgerProblem(path, _unknown_or_later(target, readings)))
            continue
        corrected = readings[position[target]]
        if corrected.indicator != reading.indicator:
            problems.append(
                LedgerProblem(
                    path,
                    _(
                        "corrects {target}, a reading of {corrected!r}, but this reading "
                        "is of {indicator!r}; retract it and record a new reading instead"
                    ).format(
                        target=target, corrected=corrected.indicator, indicator=reading.indicator
                    ),
                )
            )
        if target in corrected_by:
            problems.append(
                LedgerProblem(
                    path,
                    _(
                        "{target} is already corrected by reading[{index}]; "
                        "correct that reading instead"
                    ).format(target=target, index=corrected_by[target]),
                )
            )
        corrected_by.setdefault(target, index)
    problems.extend(batch_problems(readings))
    retracted: dict[str, int] = {}
    for index, retraction in enumerate(retractions):
        target = retraction.reading
        path = ("retraction", index, "reading")
        if target not in position:
            problems.append(LedgerProblem(path, _(NO_SUCH_READING).format(target=target)))
        elif target in retracted:
            problems.append(
                LedgerProblem(
                    path,
                    _("{target} is already retracted by retraction[{index}]").format(
                        target=target, index=retracted[target]
                    ),
                )
            )
        elif target in corrected_by:
            problems.append(
                LedgerProblem(
                    path,
                    _(
                        "{target} is superseded by reading[{index}]; "
                        "retract the reading that superseded it instead"
                    ).format(target=target, index=corrected_by[target]),
                )
            )
        retracted.setdefault(target, index)
    return problems


def batch_problems(readings: Sequence[Reading]) -> list[LedgerProblem]:
    """Batches that are not whole: an import writes its `batch_size` readings in one
    write, one after another, so fewer of them (a write cut off), or a batch split by
    other entries, is an import that did not finish, never a batch to read as whole."""
    problems: list[LedgerProblem] = []
    runs: list[tuple[str, int, int, int]] = []  # batch, first index, count, declared size
    for index, reading in enumerate(readings):
        if reading.batch is None:
            continue
        if runs and runs[-1][0] == reading.batch and runs[-1][1] + runs[-1][2] == index:
            batch, first, count, size = runs[-1]
            runs[-1] = (batch, first, count + 1, size)
        else:
            runs.append((reading.batch, index, 1, reading.batch_size or 0))
    seen: set[str] = set()
    for batch, first, count, size in runs:
        if batch in seen or count != size:
            problems.append(
                LedgerProblem(
                    ("reading", first, "batch"),
                    _(
                        "import {batch} was cut off: {count} of its {size} readings are here; "
                        'delete its readings (those with batch = "{batch}") and import '
                        "the file again"
                    ).format(batch=batch, count=count, size=size),
                )
            )
        seen.add(batch)
    return problems


def _unknown_or_later(target: str, readings: Sequence[Reading]) -> str:
    if any(r.key == target for r in readings):
        return _(
            "{target} comes later in the ledger; a correction follows the reading it corrects"
        ).format(target=target)
    return _("no earlier reading has the id {target!r}").format(target=target)


NO_SUCH_READING = N_("no reading has the id {target!r}")


# Planning what record, correct and retract append ------------------------------------


@dataclass(frozen=True)
class RecordPlan:
    """What `record` does: append `reading`, or nothing when `existing` has the same key."""

    reading: Reading
    existing: Entry | None = None


def _fresh_id(parts: tuple[str, str, Decimal, str], taken: Callable[[str], bool]) -> str:
    """A content-derived id not yet in the ledger (salted when the plain one is taken)."""
    indicator, date, value, source = parts
    candidate = reading_id(indicator, date, value, source)
    salt = 0
    while taken(candidate):
        salt += 1
        candidate = reading_id(indicator, date, value, f"{source}\x1f{salt}")
    return candidate


def plan_record(
    ledger: RecordLookups, reading: Reading, *, allow_duplicate: bool, plain_id: str | None = None
) -> RecordPlan:
    """Give a new reading its id (`plain_id`: its key, if known), or refuse it as a
    duplicate, or find it already keyed."""
    key = reading.request_key
    if key is not None:
        existing = ledger.with_request_key(key)
        if existing is not None:
            return RecordPlan(existing.reading, existing)
    plain_id = reading.key if plain_id is None else plain_id
    duplicate = ledger.first_with_content(plain_id)
    if duplicate is not None and not allow_duplicate:
        message = _(
            "the same reading ({indicator} = {value} for {date}, same source) is already "
            "recorded as {id}"
        )
        if not duplicate.is_current:
            message = _(
                "the same reading ({indicator} = {value} for {date}, same source) is already "
                "recorded as {id} ({state})"
            )
        raise UsageError(
            message.format(
                indicator=reading.indicator,
                value=plain_number(reading.value),
                date=reading.date,
                id=duplicate.id,
                state=duplicate.state,
            ),
            hint=_(
                "pass --allow-duplicate to record it again, or --key to make a script's "
                "repeated runs harmless"
            ),
        )
    new_id = plain_id
    if duplicate is not None or ledger.has_id(new_id):
        recorded = reading.recorded.isoformat() if reading.recorded else ""
        parts = (reading.indicator, str(reading.date), reading.value, reading.source)
        new_id = _fresh_id((*parts[:3], f"{reading.source}\x1f{recorded}"), ledger.has_id)
    return RecordPlan(reading_with(reading, id=new_id))


def _refused(field: str, message: str, hint: str | None = None, **values: object) -> UsageError:
    """The error about argument `field`: `message` (a msgid) translated, then filled in."""
    return UsageError([Problem(_(message).format(**values), field=field)], hint=hint)


# What to do instead when the reading to correct or retract has been superseded.
SUPERSEDED_HINTS = {
    "correct": N_("correct {reading}, the reading that replaced it"),
    "retract": N_("retract {reading}, the reading that replaced it"),
}


def _correctable(ledger: RecordLookups, entry_id: str, verb: str) -> Entry:
    entry = ledger.entry(entry_id)
    if entry is None:
        hint = _("`sdtrack readings` lists every reading with its id")
        raise _refused("READING-ID", NO_SUCH_READING, hint, target=entry_id)
    if entry.superseded_by is not None:
        raise _refused(
            "READING-ID",
            N_("{id} is already superseded by {reading}"),
            _(SUPERSEDED_HINTS[verb]).format(reading=entry.superseded_by),
            id=entry_id,
            reading=entry.superseded_by,
        )
    if entry.retraction is not None:
        raise _refused(
            "READING-ID",
            N_("{id} was retracted ({reason})"),
            _("record a new reading with `sdtrack record`"),
            id=entry_id,
            reason=entry.retraction.reason,
        )
    return entry


def plan_correction(ledger: RecordLookups, entry_id: str, corrected: Reading) -> Reading:
    """The correcting reading for `entry_id`, given the reading with the corrected fields.

    `corrected` is the old reading with the new value (and source or note) already
    validated; this gives it a fresh id and points it at the reading it supersedes.
    """
    old = _correctable(ledger, entry_id, "correct").reading
    unchanged = (corrected.value, corrected.source, corrected.note, corrected.region)
    if unchanged == (old.value, old.source, old.note, old.region):
        raise _refused(
            "VALUE", N_("{id} already says this: same value, source, note and region"), id=entry_id
        )
    parts = (corrected.indicator, str(corrected.date), corrected.value)
    new_id = _fresh_id((*parts, f"{corrected.source}\x1fcorrects {entry_id}"), ledger.has_id)
    return corrected.model_copy(update={"id": new_id, "corrects": entry_id, "request_key": None})


def plan_retraction(
    ledger: RecordLookups, entry_id: str, reason: str, recorded: dt.datetime
) -> Retraction:
    """The retraction of `entry_id`, refused if it is unknown, superseded or retracted."""
    _correctable(ledger, entry_id, "retract")
    if not reason.strip():
        raise UsageError([Problem(_("must not be empty"), field="--reason")])
    return Retraction(reading=entry_id, reason=reason, recorded=recorded)


class Keep(enum.Enum):
    """A field a correction keeps as the old reading has it."""

    KEEP = "keep"


KEEP = Keep.KEEP


def plan_correction_of(
    ledger: RecordLookups,
    entry_id: str,
    value: str,
    units: dict[str, Unit],
    *,
    source: str | None,
    note: str | None,
    recorded: dt.datetime,
    domains: Mapping[str, Domain] | None = None,
    region: str | Keep | None = KEEP,
) -> Reading:
    """The reading that corrects `entry_id`: its fields, with the new value, source, note
    or region (None: the workspace's own; by default the old reading's).

    A new source replaces the old reading's url and quote, which belonged to the old source.
    A new value outside its indicator's domain (in `domains`) is refused.
    """
    old = _correctable(ledger, entry_id, "correct").reading
    fields = old.model_dump(by_alias=True, exclude_none=True)
    for name in ("id", "key", "recorded", "corrects"):
        fields.pop(name, None)
    fields.update(value=value, recorded=recorded)
    if source is not None:
        fields["source"] = source
        fields.pop("url", None)
        fields.pop("quote", None)
    if note is not None:
        fields["note"] = note
    if not isinstance(region, Keep):
        fields.pop("region", None)
        if region is not None:
            fields["region"] = region
    names = {"value": "VALUE", "source": "--source", "note": "--note", "region": "--region"}
    corrected = reading_from_arguments(fields, units, names, lambda name: name, domains)
    return plan_correction(ledger, entry_id, corrected)
