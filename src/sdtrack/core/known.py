"""What sdtrack knew at a moment: the ledger as its recorded times place it, what changed
in targets.toml between two of its versions, and which verdicts moved between two days.

The readings' own dates (`--as-of`) say which figures a day may use; the times entries
were *recorded* say when sdtrack learned them. The rules, which `sdtrack changes` and
`sdtrack status --known-at` state in their help:

- **Days are UTC days.** The clock (`core.clock`) is UTC and "today" is its date, so an
  entry is known at the end of DAY when it was recorded before 00:00 UTC of the next day
  (`end_of_day`). A recorded time with an offset is compared as the moment it names; one
  without (a TOML local date-time, or a date) is read as UTC.
- **An entry without a recorded time is known from the start.** `record`, `correct` and
  `retract` always write `recorded`; entries written by hand or shipped with the dataset
  may have none. Nobody knows when they were learned, so they count as known before any
  day: never new, never left out. `unplaced` counts them, and `changes` says how many.

Pure: it reads no clock and no file; the moments are arguments.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sdtrack.core.assessment import Assessment
from sdtrack.core.language import N_, _
from sdtrack.core.ledger import Entry, Ledger
from sdtrack.core.model import Indicator, Target, TargetsFile


def end_of_day(day: dt.date) -> dt.datetime:
    """The first moment after `day`: 00:00 UTC of the next day. An entry recorded before
    it was known at the end of `day`."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)


def placed(recorded: dt.datetime | None) -> dt.datetime | None:
    """A recorded time as an aware moment (a naive one read as UTC); None stays None."""
    if recorded is None:
        return None
    return recorded.replace(tzinfo=dt.UTC) if recorded.tzinfo is None else recorded


def known_by(recorded: dt.datetime | None, moment: dt.datetime) -> bool:
    """Whether an entry recorded at `recorded` was known before `moment`; one without a
    recorded time always was (it counts as known from the start)."""
    when = placed(recorded)
    return when is None or when < moment


def recorded_within(recorded: dt.datetime | None, start: dt.datetime, end: dt.datetime) -> bool:
    """Whether `recorded` falls in [start, end); never for an entry without a time."""
    when = placed(recorded)
    return when is not None and start <= when < end


def known_ledger(ledger: Ledger, moment: dt.datetime) -> Ledger:
    """The ledger as it stood before `moment`: only the readings and retractions recorded
    by then, each correction and retraction applied only once it was known."""
    readings = [e.reading for e in ledger.entries if known_by(e.reading.recorded, moment)]
    retractions = [
        e.retraction
        for e in ledger.entries
        if e.retraction is not None and known_by(e.retraction.recorded, moment)
    ]
    return Ledger.build(readings, retractions)


def _recorded_times(ledger: Ledger) -> Iterator[dt.datetime | None]:
    for entry in ledger.entries:
        yield entry.reading.recorded
        if entry.retraction is not None:
            yield entry.retraction.recorded


def unplaced(ledger: Ledger) -> int:
    """How many entries (readings and retractions) carry no recorded time."""
    return sum(when is None for when in _recorded_times(ledger))


def left_out(ledger: Ledger, moment: dt.datetime) -> int:
    """How many entries were recorded at or after `moment`: not yet known before it."""
    return sum(not known_by(when, moment) for when in _recorded_times(ledger))


@dataclass(frozen=True)
class Correction:
    """A correcting reading recorded in a window, and the reading it supersedes."""

    entry: Entry
    corrected: Entry | None


@dataclass(frozen=True)
class Learned:
    """What the ledger learned in [start, end): each entry as the ledger stood at `end`
    (a reading corrected later than `end` is still current here)."""

    start: dt.datetime
    end: dt.datetime
    readings: tuple[Entry, ...]
    """New readings: recorded in the window, correcting nothing."""
    corrections: tuple[Correction, ...]
    retractions: tuple[Entry, ...]
    """The readings whose retraction was recorded in the window."""
    unplaced: int
    """Entries with no recorded time in the whole ledger: known from the start."""

    @property
    def empty(self) -> bool:
        return not (self.readings or self.corrections or self.retractions)


def learned_between(ledger: Ledger, start: dt.datetime, end: dt.datetime) -> Learned:
    """The readings, corrections and retractions recorded in [start, end), in ledger order."""
    at_end = known_ledger(ledger, end)
    fresh = [e for e in at_end.entries if recorded_within(e.reading.recorded, start, end)]
    return Learned(
        start,
        end,
        tuple(e for e in fresh if e.reading.corrects is None),
        tuple(
            Correction(e, at_end.entry(e.reading.corrects))
            for e in fresh
            if e.reading.corrects is not None
        ),
        tuple(
            e
            for e in at_end.entries
            if e.retraction is not None and recorded_within(e.retraction.recorded, start, end)
        ),
        unplaced(ledger),
    )


# ---------------------------------------------------------------------------------------
# targets.toml: what changed between two versions, target by target

ChangeKind = Literal["added", "removed", "revised"]


@dataclass(frozen=True)
class FieldChange:
    """One field of a target, by its path in targets.toml (`value`, `source.quote`), with
    its value before and after as JSON has it (None: not set)."""

    field: str
    before: Any
    after: Any

    @property
    def words(self) -> str:
        """'value: 270000 → 300000', each value as targets.toml holds it ('—': not set)."""
        before, after = (_field_value(v) for v in (self.before, self.after))
        return _("{field}: {before} → {after}").format(field=self.field, before=before, after=after)


def _field_value(value: Any) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class TargetChange:
    """A target added, removed or revised, with its indicator on each side."""

    kind: ChangeKind
    target_id: str
    before: tuple[Indicator, Target] | None
    after: tuple[Indicator, Target] | None
    fields: tuple[FieldChange, ...] = ()

    @property
    def indicator_id(self) -> str:
        side = self.after or self.before
        assert side is not None
        return side[0].id


def _targets(targets: TargetsFile) -> dict[str, tuple[Indicator, Target]]:
    return {t.id: (i, t) for i in targets.indicators for t in i.targets}


def _flat(value: Any, path: str = "") -> dict[str, Any]:
    """A dumped target as {field path: leaf value}; unset fields left out."""
    if isinstance(value, Mapping):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(_flat(item, f"{path}.{key}" if path else str(key)))
        return flat
    return {} if value is None else {path: value}


def target_fields(indicator: Indicator, target: Target) -> dict[str, Any]:
    """Every field of a target that is set, by path, with its indicator's id."""
    return {"indicator": indicator.id, **_flat(target.model_dump(mode="json", by_alias=True))}


def field_changes(
    before: tuple[Indicator, Target], after: tuple[Indicator, Target]
) -> tuple[FieldChange, ...]:
    """The fields that differ between two versions of a target, in targets.toml's order."""
    old, new = target_fields(*before), target_fields(*after)
    names = [*new, *(name for name in old if name not in new)]
    return tuple(
        FieldChange(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
    )


def target_changes(before: TargetsFile, after: TargetsFile) -> tuple[TargetChange, ...]:
    """Targets compared by id: revised and added in the order of `after`, then removed."""
    old, new = _targets(before), _targets(after)
    changes: list[TargetChange] = []
    for target_id, side in new.items():
        if target_id not in old:
            changes.append(TargetChange("added", target_id, None, side))
        elif fields := field_changes(old[target_id], side):
            changes.append(TargetChange("revised", target_id, old[target_id], side, fields))
    changes += [
        TargetChange("removed", target_id, side, None)
        for target_id, side in old.items()
        if target_id not in new
    ]
    return tuple(changes)


# ---------------------------------------------------------------------------------------
# Verdicts: which targets' status moved between two standings


# Why a verdict moved (stable codes, in JSON): entries of its indicator recorded in the
# window, its target revised, or neither: it was judged on a later day.
CAUSE_WORDS: dict[str, str] = {
    "ledger": N_("new ledger entries"),
    "target": N_("target revised"),
    "later_day": N_("judged on a later day"),
}


@dataclass(frozen=True)
class VerdictMove:
    before: Assessment
    after: Assessment
    causes: tuple[str, ...] = ()
    """`CAUSE_WORDS` codes: what differs between the two sides."""

    @property
    def target_id(self) -> str:
        return self.after.target.id


def _verdict(assessment: Assessment) -> tuple[object, object]:
    """What a verdict is: the status, and a waiting target's outlook (overdue, likely met)."""
    waiting = assessment.status.is_waiting
    return assessment.status, assessment.outlook if waiting else None


def verdict_moves(
    before: Sequence[Assessment],
    after: Sequence[Assessment],
    learned: Learned,
    changes: Sequence[TargetChange] = (),
) -> tuple[VerdictMove, ...]:
    """Every target assessed on both sides whose verdict (status, and outlook while it
    waits) differs, in the order of `after`,
    with its causes: `ledger` when its indicator has entries in `learned`, `target` when
    `changes` revise it, else `later_day`."""
    earlier = {a.target.id: a for a in before}
    touched = {e.reading.indicator for e in (*learned.readings, *learned.retractions)}
    touched |= {c.entry.reading.indicator for c in learned.corrections}
    revised = {c.target_id for c in changes if c.kind == "revised"}
    moves = []
    for a in after:
        old = earlier.get(a.target.id)
        if old is None or _verdict(old) == _verdict(a):
            continue
        causes = ("ledger",) * (a.indicator.id in touched) + ("target",) * (a.target.id in revised)
        moves.append(VerdictMove(old, a, causes or ("later_day",)))
    return tuple(moves)
