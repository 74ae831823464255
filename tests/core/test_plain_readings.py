"""A plain entry built by `PlainReader` is the reading the model validates it to; every
entry the reader declines is one the model is left to judge (and may refuse)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import rtoml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sdtrack.core import plain_readings
from sdtrack.core.model import Reading, reading_context
from sdtrack.core.plain_readings import PlainReader
from sdtrack.core.regions import region_table
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_targets

from ..conftest import REPO


def shipped_context() -> dict[str, Any]:
    targets = load_targets(locate_workspace(REPO, None, REPO))
    return reading_context(targets.indicators, region_table(targets.regions))


CONTEXT = shipped_context()
INDICATORS = sorted(CONTEXT["units"])

RECORDABLE = [i for i in INDICATORS if i not in CONTEXT["derived"]]


def mostly(good: st.SearchStrategy[Any], awkward: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`good` nine times in ten, else `awkward`: most entries are plain, and each kind of
    awkwardness still comes up often."""
    return st.integers(0, 9).flatmap(lambda n: awkward if n == 0 else good)


# Values of every kind a file can hold, the awkward ones included: strings in words,
# booleans, floats beyond what is exact, negatives outside a domain, huge integers.
VALUES = mostly(
    st.one_of(
        st.integers(0, 100),
        st.integers(0, 10_000).map(lambda n: n / 100),
        st.integers(0, 10_000).map(lambda n: str(n / 100)),
        st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,3})?", fullmatch=True),
    ),
    st.one_of(
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(
            [1e16, 1e-7, -0.0, True, "22.4万", "超过2万亿", "", 100.5, 7.0, "-0", "1e5", "0" * 25]
        ),
    ),
)
SLUGS = mostly(
    st.from_regex(r"[a-z0-9][a-z0-9-]{0,63}", fullmatch=True),
    st.sampled_from(["", "Bad Id", "-x", "x" * 65, 3, "a\n"]),
)
REGIONS = mostly(st.sampled_from(sorted(CONTEXT["regions"])), st.one_of(SLUGS, st.just("atlantis")))
TEXTS = mostly(
    st.text(min_size=1, max_size=12).filter(str.strip),
    st.one_of(st.text(max_size=3), st.sampled_from(["   ", "\ud800", "a\udfffb", 3, None])),
)
DATES = mostly(
    st.one_of(
        st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
        st.integers(1990, 2030),
        st.sampled_from(["2024", "2024-06", "2024-Q2", "2024-H1"]),
    ),
    st.one_of(
        st.integers(0, 3000),
        st.sampled_from(["2024-13", "soon", "2024-06-31", "", 2024.0]),
        st.datetimes(),
    ),
)
RECORDED = mostly(
    st.datetimes(timezones=st.just(dt.UTC)),
    st.one_of(st.datetimes(), st.dates(), st.just("2024-01-01T00:00:00Z")),
)
OPTIONAL: dict[str, st.SearchStrategy[Any]] = {
    "id": SLUGS,
    "qualifier": mostly(
        st.sampled_from(["over", "about", "nearly", "under"]), st.sampled_from(["beyond", 1])
    ),
    "derived": mostly(st.booleans(), st.sampled_from([0, 1, "no"])),
    "region": REGIONS,
    "url": TEXTS,
    "quote": TEXTS,
    "note": TEXTS,
    "recorded": RECORDED,
    "corrects": SLUGS,
    "key": mostly(
        st.text(min_size=1, max_size=8).filter(str.strip),
        st.sampled_from(["k" * 201, "  ", "", 5]),
    ),
    "batch": SLUGS,
    "batch_size": mostly(st.integers(2, 10_000), st.sampled_from([0, 1, 10_000_001, 3.0, True])),
    "unknown": st.just("x"),
}


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "indicator": draw(mostly(st.sampled_from(RECORDABLE), st.sampled_from(INDICATORS) | SLUGS)),
        "value": draw(VALUES),
        "date": draw(DATES),
        "source": draw(TEXTS),
    }
    for key in draw(st.lists(st.sampled_from(sorted(OPTIONAL)), unique=True, max_size=5)):
        entry[key] = draw(OPTIONAL[key])
    if draw(st.integers(0, 9)) == 0:
        entry.pop(draw(st.sampled_from(["indicator", "value", "date", "source"])))
    return entry


# What `core.arguments` validates a row of a sheet, or record's arguments, with: units and
# domains, no regions and no derived indicators.
ARGUMENTS_CONTEXT = {"units": CONTEXT["units"], "domains": CONTEXT["domains"]}


def model_reading(raw: dict[str, Any], context: dict[str, Any] = CONTEXT) -> Reading | None:
    try:
        return Reading.model_validate(raw, context=context)
    except ValidationError:
        return None


def assert_same(built: Reading, validated: Reading) -> None:
    assert built == validated
    assert list(built.__dict__.items()) == list(validated.__dict__.items())
    assert {k: type(v) for k, v in built.__dict__.items()} == {
        k: type(v) for k, v in validated.__dict__.items()
    }
    assert built.__pydantic_fields_set__ == validated.__pydantic_fields_set__
    assert built.model_dump(mode="json") == validated.model_dump(mode="json")
    assert built.key == validated.key


@settings(max_examples=1500, deadline=None)
@given(entries(), st.sampled_from([CONTEXT, ARGUMENTS_CONTEXT]))
@example({"indicator": RECORDABLE[0], "value": "-0", "date": 2024, "source": "B"}, CONTEXT)
@example({"indicator": RECORDABLE[0], "value": "0007", "date": 2024, "source": "B"}, CONTEXT)
def test_an_entry_built_is_the_reading_the_model_gives(
    raw: dict[str, Any], context: dict[str, Any]
) -> None:
    built = PlainReader(context).reading(raw)
    if built is not None:
        validated = model_reading(raw, context)
        assert validated is not None, f"built a reading the model refuses: {raw!r}"
        assert_same(built, validated)


@settings(max_examples=300, deadline=None)
@given(st.lists(entries(), max_size=40), st.sampled_from([CONTEXT, ARGUMENTS_CONTEXT]))
@example(
    [
        {"indicator": RECORDABLE[0], "value": 1, "date": 2024, "source": " "},
        {"indicator": RECORDABLE[0], "value": 1, "date": 2024, "source": "B "},
        {"indicator": RECORDABLE[0], "value": 1, "date": 2024, "source": "B"},
        {"indicator": RECORDABLE[0], "value": 1, "date": "2024", "source": "B"},
        {"indicator": RECORDABLE[0], "value": 1, "date": True, "source": "B"},
        {"indicator": RECORDABLE[0], "value": 1, "date": 1, "source": "B"},
        {"indicator": "nowhere", "value": 1, "date": 2024, "source": "B"},
    ],
    CONTEXT,
)
def test_a_reader_that_remembers_what_it_saw_builds_what_a_fresh_one_builds(
    raws: list[dict[str, Any]], context: dict[str, Any]
) -> None:
    """One reader of a whole ledger remembers each indicator, text and date it judged (a
    few of them here, so that it also forgets): every row is a fresh reader's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plain_readings, "_REMEMBERED", 3)
        reader = PlainReader(context)
        rows = [reader.row(raw) for raw in raws]
    fresh = [PlainReader(context).row(raw) for raw in raws]
    assert [r if r is None else r[:-1] for r in rows] == [r if r is None else r[:-1] for r in fresh]
    assert [r if r is None else r[-1].names for r in rows] == [
        r if r is None else r[-1].names for r in fresh
    ]


def test_the_ledger_sdtrack_writes_is_built_plain_throughout() -> None:
    text = """
[[reading]]
id = "b-1"
indicator = "5g-base-stations"
value = 220000
date = "2024-06"
region = "jinan"
source = "Bulletin"
url = "https://example.org/a"
quote = "5G基站22万个"
note = "checked"
recorded = 2024-07-01T08:00:00Z
key = "job-1"
batch = "import-1"
batch_size = 2

[[reading]]
indicator = "5g-network-camping-ratio"
value = 47.5
date = 2024
qualifier = "over"
derived = false
source = "Bulletin"
corrects = "b-1"
"""
    reader = PlainReader(CONTEXT)
    for raw in rtoml.loads(text)["reading"]:
        built = reader.reading(raw)
        assert built is not None
        validated = model_reading(raw)
        assert validated is not None
        assert_same(built, validated)


@pytest.mark.parametrize(
    "change",
    [
        {"value": "22万"},  # words: the model reads their qualifier
        {"value": -5},  # outside the domain
        {"indicator": "nowhere"},
        {"region": "atlantis"},
        {"source": "  "},
        {"date": "2024-13"},
        {"batch_size": 1},
        {"extra": 1},
    ],
)
def test_what_the_reader_declines_is_left_to_the_model(change: dict[str, Any]) -> None:
    raw = {"indicator": "5g-base-stations", "value": 1, "date": 2024, "source": "B", **change}
    assert PlainReader(CONTEXT).reading(raw) is None


def test_readings_giving_the_same_fields_share_one_set_of_names() -> None:
    reader = PlainReader(CONTEXT)
    first, second = (
        reader.reading({"indicator": "5g-base-stations", "value": n, "date": 2024, "source": "B"})
        for n in (1, 2)
    )
    assert first is not None
    assert second is not None
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
