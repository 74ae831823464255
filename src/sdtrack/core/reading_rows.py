"""A reading as a row: a tuple of the values of the fields its entry gave, ending with
the `RowShape` that names them. A row takes about a quarter of a model's memory and gives
back exactly the reading it was made from (`reading_of`), down to the fields the reading
says it was given (`tests/core/test_reading_rows.py`). `core.recorded` keeps a large
ledger as rows; `core.plain_readings` builds the rows of plain entries directly.
"""

from __future__ import annotations

from typing import Any

from sdtrack.core.model import Reading

Row = tuple[Any, ...]
"""The values of a reading's fields named by its shape, then the shape."""

# Every field in the model's order, at its default: a reading's dictionary starts as this.
_DEFAULTS: dict[str, Any] = {name: f.default for name, f in Reading.model_fields.items()}
_new_reading = Reading.__new__
_set = object.__setattr__
# The fields the ledger's rules read beyond an id: a row holding any of them, or one
# without an id, is checked against the whole ledger by `core.ledger.ledger_problems`.
_MARKS = frozenset({"corrects", "request_key", "batch"})


class RowShape:
    """Which fields a row holds, in its order, and which the entry gave (Pydantic's
    `__pydantic_fields_set__`, one set shared by every reading of the shape: the models
    are frozen, so nothing adds to it)."""

    __slots__ = ("corrects_at", "given", "id_at", "indicator_at", "marked", "names")

    def __init__(self, names: tuple[str, ...], given: set[str]) -> None:
        self.names = names
        self.given = given
        self.indicator_at = names.index("indicator")
        self.id_at = names.index("id") if "id" in names else None
        self.corrects_at = names.index("corrects") if "corrects" in names else None
        self.marked = self.id_at is None or not _MARKS.isdisjoint(names)


class RowShapes:
    """One `RowShape` for each set of fields, and one set of names for each set of fields
    given (`field_sets`, shared with the readings `store.validation` builds as models)."""

    def __init__(self, field_sets: dict[frozenset[str], set[str]] | None = None) -> None:
        self.field_sets = {} if field_sets is None else field_sets
        self._shapes: dict[tuple[tuple[str, ...], frozenset[str]], RowShape] = {}

    def shape(self, names: tuple[str, ...], given: set[str] | frozenset[str]) -> RowShape:
        key = (names, frozenset(given))
        found = self._shapes.get(key)
        if found is None:
            shared = self.field_sets.setdefault(key[1], set(given))
            found = self._shapes[key] = RowShape(names, shared)
        return found

    def row_of(self, reading: Reading) -> Row:
        """The row of a reading the model validated."""
        fields = reading.__dict__
        shape = self.shape(tuple(fields), reading.__pydantic_fields_set__)
        return (*fields.values(), shape)

    @property
    def marked(self) -> bool:
        return any(shape.marked for shape in self._shapes.values())


def reading_of(row: Row) -> Reading:
    """The reading a row holds, as the model would have built it."""
    shape: RowShape = row[-1]
    fields = _DEFAULTS.copy()
    # The shape, last, has no name: zip stops before it.
    fields.update(zip(shape.names, row, strict=False))
    reading = _new_reading(Reading)
    _set(reading, "__dict__", fields)
    _set(reading, "__pydantic_fields_set__", shape.given)
    _set(reading, "__pydantic_extra__", None)
    _set(reading, "__pydantic_private__", None)
    return reading


def fill_made_field(reading: Reading, name: str, value: object) -> Reading:
    """`reading` (just made by `reading_of`, its `name` given a stand-in, and held by
    nothing else) with `name` set to `value` in place: what `reading_with` gives, without
    the copy an import's row would make for the key it derives from the reading."""
    assert name in reading.__pydantic_fields_set__
    reading.__dict__[name] = value
    return reading


def reading_with(reading: Reading, **changes: Any) -> Reading:
    """`reading.model_copy(update=changes)`, made directly: an import copies each reading
    it plans (its id), and Pydantic's copy takes 4 µs. Copies of readings sharing one set
    of the names they were given share one set too (700 bytes a reading; frozen models
    never change it, as `store.validation` relies on)."""
    copy = type(reading).__new__(type(reading))
    object.__setattr__(copy, "__dict__", {**reading.__dict__, **changes})
    object.__setattr__(copy, "__pydantic_fields_set__", _names_with(reading, changes))
    object.__setattr__(copy, "__pydantic_extra__", None)
    object.__setattr__(copy, "__pydantic_private__", None)
    return copy


def fill_made_fields(reading: Reading, **changes: Any) -> Reading:
    """What `reading_with` gives, made of `reading` itself: for a reading that was made
    by the caller's own copy and that nothing else holds yet (an import's planned readings,
    marked as their batch once the batch is whole)."""
    fields_set = _names_with(reading, changes)
    reading.__dict__.update(changes)
    object.__setattr__(reading, "__pydantic_fields_set__", fields_set)
    return reading


def _names_with(reading: Reading, changes: dict[str, Any]) -> set[str]:
    """The names `reading` was given and those of `changes`: one set for every reading
    of one set of names."""
    given = reading.__pydantic_fields_set__
    kept = _NAMES_WITH.get(names := (id(given), *changes))  # `given` is kept: its id is too
    if kept is None:
        if len(_NAMES_WITH) >= 1024:
            _NAMES_WITH.clear()
        kept = _NAMES_WITH[names] = (given, given | changes.keys())
    return kept[1]


_NAMES_WITH: dict[tuple[object, ...], tuple[set[str], set[str]]] = {}
