"""`json_text` writes what `json.dumps(data, ensure_ascii=False, indent=2)` writes."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sdtrack.present.json_text import EncodedItems, json_dumps, write_json

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.sampled_from(["\n", '"', "\\", "\u2028", "\x7f", "\ud800", "山东", ""]),
)
KEYS = st.one_of(st.text(max_size=6), st.integers(-5, 5), st.floats(), st.booleans(), st.none())
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(KEYS, inner, max_size=5),
    ),
    max_leaves=40,
)


def standard(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@settings(max_examples=1500, deadline=None)
@given(DOCUMENTS)
def test_the_text_is_json_dumps_with_an_indent_of_two(data: Any) -> None:
    assert json_dumps(data) == standard(data)


def test_a_report_like_document_is_written_alike() -> None:
    data = {
        "schema_version": 2,
        "targets": [
            {"id": "t", "latest": {"value": 1.5, "text": "1.5 万"}, "empty": {}, "none": []},
            {"id": "u", "latest": None, "list": [1, [2, []], {"a": [{}]}]},
        ],
        "readings": [{"id": f"r-{n}", "value": n / 7, "note": "a\nb"} for n in range(50)],
        "summary": {},
    }
    assert json_dumps(data) == standard(data)
    pieces: list[str] = []
    write_json({"readings": [data] * 3000}, pieces.append)
    assert len(pieces) > 1
    assert "".join(pieces) == standard({"readings": [data] * 3000})


@pytest.mark.parametrize("value", [{1j: 1}, [object()], {"a": {"b": {1, 2}}}])
def test_what_json_refuses_it_refuses(value: Any) -> None:
    with pytest.raises(TypeError):
        standard(value)
    with pytest.raises(TypeError):
        json_dumps(value)


def test_nan_and_infinities_are_written_as_the_standard_library_writes_them() -> None:
    data = {"a": [math.nan, math.inf, -math.inf], math.nan: {math.inf: 1}}
    assert json_dumps(data) == standard(data)


def _encoding_lists(data: Any, choose: st.DataObject) -> Any:
    """`data` with some of its lists given as `EncodedItems` of their items' own text."""
    if isinstance(data, dict):
        return {k: _encoding_lists(v, choose) for k, v in data.items()}
    if isinstance(data, list):
        items = [_encoding_lists(item, choose) for item in data]
        if choose.draw(st.booleans()):
            return EncodedItems(iter([json_dumps(item) for item in items]))
        if choose.draw(st.booleans()):  # the texts also made indented, which are written
            texts = [json_dumps(item) for item in items]
            return EncodedItems(
                iter(["not written"]),
                indented=lambda inner: [t.replace("\n", inner) for t in texts],
            )
        return items
    return data


@settings(max_examples=600, deadline=None)
@given(st.lists(DOCUMENTS, max_size=4), st.data())
@example([[{"a": [1, {"b": "x\ny"}]}, []]], None)
def test_items_given_as_text_write_the_document_they_are_the_text_of(
    data: Any, choose: st.DataObject | None
) -> None:
    """An array of items given as their own JSON text, at any depth, empty or not, is
    written as the array of the items themselves."""
    if choose is None:  # the example: every list encoded
        given_as_text = {"x": EncodedItems(iter([json_dumps(item) for item in data]))}
        assert json_dumps(given_as_text) == standard({"x": data})
        return
    assert json_dumps(_encoding_lists(data, choose)) == standard(data)


def test_many_items_given_as_text_are_written_a_piece_at_a_time() -> None:
    items = [{"id": f"r-{n}", "value": n / 7, "note": "a\nb"} for n in range(9000)]
    pieces: list[str] = []
    write_json({"readings": EncodedItems(json_dumps(i) for i in items)}, pieces.append)
    assert len(pieces) > 1
    assert "".join(pieces) == standard({"readings": items})
