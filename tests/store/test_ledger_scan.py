"""A block sdtrack wrote is read by position into the entry tomllib reads, and a row the
plain reader builds from that entry; a ledger of any other text, or of both, gives what
its TOML gives."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sdtrack.core.model import Reading, Retraction
from sdtrack.core.plain_readings import WRITTEN_KEYS, PlainReader
from sdtrack.core.reading_rows import Row
from sdtrack.store import ledger_scan, validation
from sdtrack.store.ledger_file import reading_block, retraction_block
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_targets

from ..conftest import REPO
from ..core.test_plain_readings import CONTEXT, RECORDABLE
from .test_ledger_file import any_reading

TARGETS = load_targets(locate_workspace(REPO, None, REPO))


def same_values(read: dict[str, Any], parsed: dict[str, Any]) -> None:
    """Equal entries, key by key in the same order, each value of the same type (a time
    with the same offset too: equal times of two offsets compare equal)."""
    assert list(read) == list(parsed)
    for key, value in parsed.items():
        assert read[key] == value
        assert type(read[key]) is type(value)
        if isinstance(value, dt.datetime):
            assert read[key].utcoffset() == value.utcoffset()


def entries_of(text: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The text's reading entries as `pieces` gives them: each written block's, and those
    of the other text as tomllib parses it, with how each was read."""
    for piece in ledger_scan.pieces(text):
        if isinstance(piece, tuple):
            yield "written", ledger_scan.entry_of(piece)
        else:
            for entry in tomllib.loads(piece).get("reading", []):
                yield "parsed", entry


@settings(max_examples=400, deadline=None)
@given(st.lists(any_reading(), min_size=1, max_size=4))
def test_a_written_block_is_the_entry_tomllib_reads(readings: list[Reading]) -> None:
    """Every block, read here or left to the parser, is tomllib's entry; one whose strings
    need no escape (tomli_w wrote no backslash) is read here."""
    blocks = [reading_block(r) for r in readings]
    text = "".join(blocks)[1:]  # a batch starts at its first header
    read = list(entries_of(text))
    parsed = tomllib.loads(text)["reading"]
    assert len(read) == len(parsed)
    for (how, entry), block, expected in zip(read, blocks, parsed, strict=True):
        same_values(entry, expected)
        assert how == ("parsed" if "\\" in block else "written")


def shipped_reading(draw: st.DrawFn) -> Reading:
    reading = draw(any_reading())
    return reading.model_copy(update={"indicator": draw(st.sampled_from(RECORDABLE))})


@st.composite
def shipped_readings(draw: st.DrawFn) -> Reading:
    return shipped_reading(draw)


def without_shape(row: Row | None) -> tuple[Any, ...] | None:
    return None if row is None else (*row[:-1], row[-1].names, row[-1].given)


@settings(max_examples=400, deadline=None)
@given(st.lists(shipped_readings(), min_size=1, max_size=6))
def test_a_written_block_is_the_row_its_entry_gives(readings: list[Reading]) -> None:
    """Read by position, a block gives the row (or the refusal) `row` gives its entry."""
    reader, fresh = PlainReader(CONTEXT), PlainReader(CONTEXT)
    for reading in readings:
        for piece in ledger_scan.pieces(reading_block(reading)[1:]):
            if isinstance(piece, tuple):
                entry = ledger_scan.entry_of(piece)
                assert without_shape(reader.written_row(piece)) == without_shape(fresh.row(entry))


def test_values_are_given_for_every_written_key_in_order() -> None:
    reading = Reading.model_validate(
        {
            "id": "r-1",
            "indicator": RECORDABLE[0],
            "region": "jinan",
            "value": 5,
            "date": dt.date(2024, 5, 1),
            "qualifier": "over",
            "url": "https://example.org",
            "quote": "超过5个",
            "note": "checked",
            "corrects": "r-0",
            "derived": True,
            "key": "job",
            "recorded": dt.datetime(2026, 1, 2, 3, 4, 5, 600, tzinfo=dt.UTC),
            "batch": "b-1",
            "batch_size": 2,
            "source": "Bulletin",
        }
    )
    (values,) = ledger_scan.pieces(reading_block(reading)[1:])
    assert isinstance(values, tuple)
    assert len(values) == len(WRITTEN_KEYS)
    assert None not in values
    same_values(ledger_scan.entry_of(values), tomllib.loads(reading_block(reading))["reading"][0])


# Entries of other shapes than a written block, each followed by the next entry's header.
OTHER_ENTRIES = [
    '[[reading]]\nindicator = "{i}"\nid = "o-{n}"\nvalue = 7\ndate = 2024\nsource = "x"\n',
    "[[reading]]\nid = 'o-{n}'\nindicator = '{i}'\nvalue = 1\ndate = 2024-01-01\nsource = 'y'\n",
    '# a comment\n[[reading]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = 2\ndate = 2024-01-01\n'
    'source = "z"  # why\n',
    '  [[ reading ]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = 3\ndate = 2024-02-01\n'
    'source = "s"\n',
    '[[reading]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = 4\ndate = 2024-03-01\nsource = "s"\n'
    "  \n",
    '[[reading]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = 5\ndate = 2024-02-30\nsource = "s"\n',
    '[[reading]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = 007\ndate = 2024-01-01\nsource = "s"\n',
    '[[reading]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = 6\ndate = 2024-01-01\nsource = "s"\n'
    "[reading.extra]\nkey = 1\n",
    '[[reading]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = 8\ndate = 2024-01-01\nsource = "s"\n'
    'note = """\n[[reading]]\nid = "h-{n}"\nindicator = "{i}"\nvalue = 9\ndate = 2024-01-01\n'
    'source = "s"\n\n[[reading]]\nnot a key\n"""\n',
    '[[reading]]\nid = "o-{n}"\nindicator = "nowhere"\nvalue = 1\ndate = 2024-01-01\n'
    'source = "s"\n',
    '[[reading]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = 1\ndate = 2024-01-01\nsource = "s"\n'
    "batch_size = 3\n",
    '[[reading]]\nid = "o-{n}"\nindicator = "{i}"\nvalue = "22万"\ndate = 2024-01-01\n'
    'source = "s"\n',
]
ENTRIES = st.one_of(
    shipped_readings().map(lambda r: reading_block(r)[1:]),
    st.tuples(st.sampled_from(OTHER_ENTRIES), st.integers(0, 99), st.sampled_from(RECORDABLE)).map(
        lambda c: c[0].format(n=c[1], i=c[2])
    ),
    st.just(retraction_block(Retraction(reading="o-1", reason="wrong"))[1:]),
)


def rows_read(text: str, *, written: bool) -> tuple[object, ...]:
    """What validating the ledger's text gives, reading written blocks by position or
    leaving every entry to the TOML parser: the batches' ledger and problems (None when
    the batches refuse it, and the whole text is parsed instead), and what the whole
    validation says, each problem located."""
    with pytest.MonkeyPatch.context() as patch:
        if not written:
            patch.setattr(ledger_scan, "pieces", lambda batch: iter([batch]))
        rows = validation._validate_batches(
            validation.ledger_batches(text), len(text), CONTEXT, None
        )
        whole = validation.validate_ledger_text(text, Path("readings.toml"), TARGETS)
    batched = None
    if rows is not None:
        problems = rows.problems()
        ledger = rows.ledger()
        batched = (problems, ledger, [e.reading.__pydantic_fields_set__ for e in ledger.entries])
    return batched, whole, [e.reading.__pydantic_fields_set__ for e in whole[0].entries]


@settings(max_examples=500, deadline=None)
@given(st.lists(ENTRIES, max_size=8), st.sampled_from([1, 2, 2_000]))
@example([OTHER_ENTRIES[8].format(n=1, i=RECORDABLE[0])], 1)
@example([OTHER_ENTRIES[8].format(n=1, i=RECORDABLE[0])], 2_000)
def test_a_ledger_read_by_position_is_the_ledger_its_toml_gives(
    entries: list[str], batch: int
) -> None:
    """Whatever else the text holds, and wherever its batches are cut, reading written
    blocks by position changes nothing: the same readings (and the fields each was given),
    retractions and problems. Only a multi-line string holding a header can make the
    batches refuse a text they read before (the whole text is then parsed at once)."""
    text = "schema = 1\n\n" + "\n".join(entries)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "LEDGER_BATCH", batch)
        batched, whole, given = rows_read(text, written=True)
        before_batched, before_whole, before_given = rows_read(text, written=False)
    assert (whole, given) == (before_whole, before_given)
    if batched is not None or '"""' not in text:
        assert batched == before_batched


@given(
    st.lists(
        st.sampled_from(["[[reading]]", "  [[ retraction ]]", "\t[[reading ]]", "x = 1", "", " "])
        | st.text(alphabet="[] \t\nreadingx", max_size=12),
        max_size=12,
    ).map("\n".join)
)
@example("[[reading]]\n[[reading]]")
def test_entries_start_where_a_header_starts_a_line(text: str) -> None:
    expected = [found.start() for found in ledger_scan.ENTRY_HEADER.finditer(text)]
    assert ledger_scan.header_starts(text) == expected
