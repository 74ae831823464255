"""A row gives back exactly the reading it was made from: of a plain entry (built by
`PlainReader.row`) and of any reading the model validated (`RowShapes.row_of`)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core.model import Reading
from sdtrack.core.plain_readings import PlainReader
from sdtrack.core.reading_rows import RowShapes, fill_made_field, reading_of, reading_with

from .test_plain_readings import (
    ARGUMENTS_CONTEXT,
    CONTEXT,
    RECORDABLE,
    assert_same,
    entries,
    model_reading,
)


@settings(max_examples=600, deadline=None)
@given(entries(), st.sampled_from([CONTEXT, ARGUMENTS_CONTEXT]))
def test_a_readings_row_gives_it_back(raw: dict[str, Any], context: dict[str, Any]) -> None:
    validated = model_reading(raw, context)
    if validated is None:
        return
    shapes = RowShapes()
    assert_same(reading_of(shapes.row_of(validated)), validated)
    row = PlainReader(context).row(raw)
    if row is not None:
        assert_same(reading_of(row), validated)


def test_rows_of_the_same_fields_share_one_shape_and_one_set_of_names() -> None:
    reader = PlainReader(CONTEXT)
    entry = {"id": "r-1", "indicator": "5g-base-stations", "value": 1, "date": 2024}
    first = reader.row({**entry, "source": "A"})
    second = reader.row({**entry, "id": "r-2", "source": "B"})
    assert first is not None
    assert second is not None
    assert first[-1] is second[-1]
    assert reading_of(first).__pydantic_fields_set__ is reading_of(second).__pydantic_fields_set__
    # A row holds the values the entry gave and its shape, nothing at its default.
    assert len(first) == 6


def test_a_shape_says_what_the_ledgers_rules_must_see() -> None:
    shapes = RowShapes()
    plain = shapes.shape(("indicator", "value", "date", "source", "id"), {"indicator"})
    assert plain.id_at == 4
    assert plain.indicator_at == 0
    assert not plain.marked
    assert shapes.shape(("indicator", "value", "date", "source"), set()).marked  # no id
    for mark in ("corrects", "request_key", "batch"):
        names = ("indicator", "value", "date", "source", "id", mark)
        assert shapes.shape(names, set()).marked
    assert shapes.marked


@pytest.mark.parametrize(
    "changes",
    [
        {"id": "r-new"},
        {"batch": "import-1", "batch_size": 3},
        {"request_key": "k"},
        {"id": None, "corrects": "r-old", "request_key": None},
    ],
)
def test_reading_with_is_model_copy(changes: dict[str, object]) -> None:
    reading = Reading.model_validate(
        {"indicator": "x", "value": 1, "date": 2024, "source": "B", "url": "https://e.org"}
    )
    made, copied = reading_with(reading, **changes), reading.model_copy(update=changes)
    assert made == copied
    assert list(made.__dict__.items()) == list(copied.__dict__.items())
    assert made.model_fields_set == copied.model_fields_set
    assert made.model_fields_set is not reading.model_fields_set
    assert made.model_dump() == copied.model_dump()
    assert reading.model_fields_set == {"indicator", "value", "date", "source", "url"}


def test_a_made_readings_stand_in_filled_is_the_reading_copied_with_the_value() -> None:
    """An import's row made with a stand-in key, the key then filled, is the reading the
    model gives with that key, and the reading made without it copied with the key; the
    row's shape, shared by other readings, is left as it was."""
    raw = {"indicator": RECORDABLE[0], "value": "12", "date": "2024", "source": "B"}
    reader = PlainReader(CONTEXT)
    made = reader.reading({**raw, "key": "stand-in"})
    shared = made.__pydantic_fields_set__ if made is not None else None
    assert made is not None
    filled = fill_made_field(made, "request_key", "import-abc")
    without = reader.reading(raw)
    assert without is not None
    copied = reading_with(without, request_key="import-abc")
    assert filled == copied == model_reading({**raw, "key": "import-abc"}, CONTEXT)
    assert filled.model_fields_set == copied.model_fields_set
    assert filled.__pydantic_fields_set__ is shared
    again = reader.reading({**raw, "key": "stand-in"})
    assert again is not None
    assert again.request_key == "stand-in"


def test_copies_of_readings_sharing_their_given_names_share_them_too() -> None:
    """Readings of one shape share one set of the names they were given: so do their
    copies with the same changes, each set equal to what `model_copy` gives."""
    first, second = (
        Reading.model_validate({"indicator": "x", "value": n, "date": 2024, "source": "B"})
        for n in (1, 2)
    )
    object.__setattr__(second, "__pydantic_fields_set__", first.__pydantic_fields_set__)
    copies = [reading_with(r, batch="b-1", batch_size=2) for r in (first, second)]
    assert copies[0].model_fields_set is copies[1].model_fields_set
    assert copies[0].model_fields_set == first.model_copy(update={"batch": 1}).model_fields_set | {
        "batch_size"
    }
    assert first.model_fields_set == {"indicator", "value", "date", "source"}
    other = reading_with(first, request_key="k")
    assert other.model_fields_set == {"indicator", "value", "date", "source", "request_key"}
