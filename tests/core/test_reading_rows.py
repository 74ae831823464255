"""A row gives back exactly the reading it was made from: of a plain entry (built by
`PlainReader.row`) and of any reading the model validated (`RowShapes.row_of`)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core.plain_readings import PlainReader
from sdtrack.core.reading_rows import RowShapes, reading_of

from .test_plain_readings import ARGUMENTS_CONTEXT, CONTEXT, assert_same, entries, model_reading


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
