"""The readings a workspace holds: a whole `Ledger` of models, or the same ledger kept as
compact rows, each made a `Reading` only when its indicator's readings are asked for.

A reading held as a model takes about a kilobyte (the model's dictionary, its Decimal,
its id and its ledger `Entry`), so a million of them take a gigabyte. As a row (a tuple
of the values its entry gave, ending with its `RowShape`) it takes about a quarter of
that. `ReadingRows` keeps every row in ledger order and, for each indicator, where its
rows are: the status of a large ledger then builds one indicator's readings at a time
(`store.workspace`), and the whole `Ledger` only for a command that asks for it. A row
gives back exactly the reading it was made from, down to the fields the reading says it
was given (`tests/core/test_reading_rows.py`).
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, overload

from sdtrack.core.ledger import Ledger, LedgerProblem, ledger_problems
from sdtrack.core.model import Reading, Retraction
from sdtrack.core.reading_rows import Row, RowShapes, reading_of

# A ledger of up to this many readings has every indicator's readings kept once made, so
# that a command asking for them again (an export asks three times) never makes them
# again; a larger one keeps only the indicator's asked for last, so that its status holds
# one indicator's readings at a time beside the rows (a million take 57 MB more if kept
# 100,000 at a time).
KEPT_READINGS = 100_000


class Recorded(Protocol):
    """What a workspace asks of its readings."""

    def ledger(self) -> Ledger:
        """Every reading with its state, in ledger order."""
        ...

    def current(self) -> tuple[Reading, ...]:
        """The current readings, in ledger order."""
        ...

    def current_for(self, indicator_id: str) -> list[Reading]:
        """The indicator's current readings, in ledger order."""
        ...

    def readings_to_keep(self) -> int | None:
        """How many of the readings `current_for` made a workspace should keep (None: all)."""
        ...


class WholeLedger:
    """Readings held as models: a ledger, or (an append's status refresh) the current
    readings of some indicators alone."""

    def __init__(self, whole: Ledger | None = None, readings: Sequence[Reading] | None = None):
        self._whole = Ledger() if whole is None else whole
        self._readings = None if readings is None else tuple(readings)

    def ledger(self) -> Ledger:
        return self._whole

    def current(self) -> tuple[Reading, ...]:
        return self._whole.current() if self._readings is None else self._readings

    def current_for(self, indicator_id: str) -> list[Reading]:
        return list(self._grouped.get(indicator_id, ()))

    def readings_to_keep(self) -> int | None:
        return None  # they are held already

    @functools.cached_property
    def _grouped(self) -> dict[str, list[Reading]]:
        grouped: dict[str, list[Reading]] = {}
        for reading in self.current():
            grouped.setdefault(reading.indicator, []).append(reading)
        return grouped


class ReadingRows:
    """A ledger's readings as rows, in ledger order, with its retractions."""

    def __init__(self, shapes: RowShapes | None = None) -> None:
        self.shapes = RowShapes() if shapes is None else shapes
        self._rows: list[Row] = []
        self._where: dict[str, array[int]] = {}
        self._retractions: list[Retraction] = []
        self._readings: list[Reading] | None = None  # every row made a reading, once asked
        self._count = 0
        self._single_pass = False

    def add(self, row: Row) -> None:
        where = self._where.get(indicator := row[row[-1].indicator_at])
        if where is None:
            where = self._where[indicator] = array("q")
        where.append(self._count)
        self._rows.append(row)
        self._count += 1

    def single_pass(self) -> None:
        """Each indicator's readings will be asked for about once (a status): from now on
        they are made from the rows when asked for, and none kept but the last, whatever
        the ledger's size. The rows take a quarter of what their readings would, so a
        status holds no more than the rows and one indicator's readings at a time."""
        self._single_pass = True

    def add_readings(self, readings: Sequence[Reading]) -> None:
        for reading in readings:
            self.add(self.shapes.row_of(reading))

    def add_retractions(self, retractions: Sequence[Retraction]) -> None:
        self._retractions += retractions

    def __len__(self) -> int:
        return self._count

    def problems(self) -> list[LedgerProblem]:
        """What `core.ledger.ledger_problems` finds in the ledger."""
        readings = _Readings(self._rows) if self._readings is None else self._readings
        if not self._retractions and not self.shapes.marked:
            # Every reading has an id, and none corrects, is keyed or batched: the only
            # problem there can be is an id used twice.
            if self._readings is None:
                ids: Iterable[str] = (row[row[-1].id_at] for row in self._rows)
            else:
                ids = (r.key for r in self._readings)
            if _unique(ids):
                return []
        return ledger_problems(readings, self._retractions)

    def ledger(self) -> Ledger:
        return Ledger.build(self._all(), self._retractions)

    def current(self) -> tuple[Reading, ...]:
        dead = self._replaced
        return tuple(r for index, r in enumerate(self._all()) if index not in dead)

    def current_for(self, indicator_id: str) -> list[Reading]:
        where = self._where.get(indicator_id, ())
        dead = self._replaced
        if self._readings is None and self._count <= KEPT_READINGS and not self._single_pass:
            self._all()
        if self._readings is not None:
            made = self._readings
            return [made[i] for i in where if i not in dead]
        rows = self._rows
        return [reading_of(rows[i]) for i in where if i not in dead]

    def readings_to_keep(self) -> int | None:
        return None if self._count <= KEPT_READINGS and not self._single_pass else 0

    def _all(self) -> list[Reading]:
        """Every row made a reading, in ledger order; the rows are then let go (a ledger
        of up to KEPT_READINGS readings has all of them made at once, and so holds no
        more than it did as models)."""
        if self._readings is None:
            self._replaced  # noqa: B018 - found from the rows, before they are let go
            rows, self._rows = self._rows, []
            rows.reverse()
            made = []
            while rows:  # each row let go as its reading is made: the two are never all held
                made.append(reading_of(rows.pop()))
            self._readings = made
        return self._readings

    @functools.cached_property
    def _replaced(self) -> frozenset[int]:
        """The positions of the readings a correction superseded or a retraction withdrew,
        as `Ledger.build` finds them."""
        if not self._retractions and not self.shapes.marked:
            return frozenset()
        if self._readings is not None:
            return _replaced_in(self._readings, self._retractions)
        corrected = []
        for row in self._rows:
            at = row[-1].corrects_at
            if at is not None and row[at] is not None:
                corrected.append(row[at])
        if not corrected and not self._retractions:
            return frozenset()
        return _replaced_in(_Readings(self._rows), self._retractions)


def _replaced_in(readings: Sequence[Reading], retractions: Sequence[Retraction]) -> frozenset[int]:
    first_index: dict[str, int] = {}
    corrected = []
    for index, reading in enumerate(readings):
        first_index.setdefault(reading.key, index)
        if reading.corrects is not None:
            corrected.append(reading.corrects)
    named = corrected + [r.reading for r in retractions]
    return frozenset(first_index[n] for n in named if n in first_index)


def _unique(ids: Iterable[str]) -> bool:
    """Whether no two of the ids are the same.

    They are checked a sixteenth at a time, by hash: one set of a million ids takes 48 MB
    as it grows, a third of what the rows of a million readings take besides."""
    parts: list[list[str]] = [[] for _ in range(16)]
    for found in ids:
        parts[hash(found) & 15].append(found)
    return all(len(set(part)) == len(part) for part in parts)


class _Readings(Sequence[Reading]):
    """The rows as readings, each made when it is asked for and not kept."""

    def __init__(self, rows: list[Row]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Reading: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Reading]: ...

    def __getitem__(self, index: int | slice) -> Reading | Sequence[Reading]:
        if isinstance(index, slice):
            return [reading_of(row) for row in self._rows[index]]
        return reading_of(self._rows[index])

    def __iter__(self) -> Iterator[Reading]:
        return map(reading_of, self._rows)
