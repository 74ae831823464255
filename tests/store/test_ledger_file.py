"""The ledger file: the TOML blocks appended for readings and retractions."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core.model import SCHEMA_VERSION, Reading, Retraction
from sdtrack.core.quantities import exact_number
from sdtrack.store import ledger_file
from sdtrack.store.ledger_file import (
    READINGS_HEADER,
    create_ledger,
    entry_block,
    reading_block,
    retraction_block,
)

from ..conftest import make_reading


def test_reading_block_ends_with_the_source_line() -> None:
    """The source is written last, so a torn block always lacks it."""
    block = reading_block(make_reading(quote="q", note="n"))
    assert block.startswith("\n[[reading]]\n")
    assert block.rstrip("\n").splitlines()[-1] == 'source = "Test bulletin"'


def test_reading_block_reads_back_as_the_reading() -> None:
    """The block parses back to the reading's id, value and date."""
    reading = make_reading()
    (entry,) = tomllib.loads(reading_block(reading))["reading"]
    assert entry["id"] == reading.key
    assert entry["value"] == 224000
    assert entry["date"] == "2024"


def test_retraction_block_ends_with_the_reason() -> None:
    """A retraction block names the reading and ends with its required reason."""
    block = entry_block(Retraction(reading="r-1", reason="typo"))
    assert block == retraction_block(Retraction(reading="r-1", reason="typo"))
    assert block.rstrip("\n").splitlines()[-1] == 'reason = "typo"'


def test_create_ledger_writes_the_header(tmp_path: Path) -> None:
    """A new ledger holds only the header, with the schema version."""
    path = tmp_path / "readings.toml"
    create_ledger(path)
    assert path.read_text(encoding="utf-8") == READINGS_HEADER
    assert tomllib.loads(READINGS_HEADER) == {"schema": SCHEMA_VERSION}


def test_a_citys_reading_keeps_its_region() -> None:
    """A reading for a region is written with it, and reads back the same."""
    import tomllib

    from sdtrack.core.model import Reading
    from sdtrack.store.ledger_file import reading_block

    reading = Reading.model_validate(
        {"indicator": "stations", "region": "qingdao", "value": 30361, "date": "2022-09",
         "source": "City bulletin"}
    )  # fmt: skip
    (entry,) = tomllib.loads(reading_block(reading))["reading"]
    assert entry["region"] == "qingdao"
    assert Reading.model_validate(entry).key == reading.key


TOML_SCALARS = st.one_of(
    st.text(),
    st.sampled_from(['say "hi"', "back\\slash", "tab\there", "del\x7f", "line\nbreak", "山东"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.just(dt.UTC)),
)
TOML_KEYS = st.one_of(
    st.sampled_from(["id", "value", "batch_size", "recorded", "source"]),
    st.text(min_size=1, max_size=8),
)


@settings(max_examples=800, deadline=None)
@given(
    st.dictionaries(
        TOML_KEYS,
        TOML_SCALARS
        | st.lists(TOML_SCALARS, max_size=2)
        | st.dictionaries(TOML_KEYS, TOML_SCALARS, max_size=2).map(MappingProxyType),
        min_size=1,
        max_size=8,
    )
)
def test_a_block_is_written_as_tomli_w_writes_it(entry: dict[str, Any]) -> None:
    assert ledger_file._table_block("reading", entry) == "\n[[reading]]\n" + tomli_w.dumps(entry)


TEXTS = st.text(min_size=1).filter(str.strip) | st.sampled_from(['say "hi"', "a\\b", "l\nb\x7f"])
SLUG_TEXT = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
MOMENTS = st.datetimes(
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=8))]) | st.none()
)


@st.composite
def any_reading(draw: st.DrawFn) -> Reading:
    optional = {
        "id": SLUG_TEXT,
        "region": st.sampled_from(["jinan", "qingdao"]),
        "qualifier": st.sampled_from(["over", "about", "nearly"]),
        "url": TEXTS,
        "quote": TEXTS,
        "note": TEXTS,
        "corrects": SLUG_TEXT,
        "derived": st.booleans(),
        "key": TEXTS,
        "recorded": MOMENTS,
    }
    fields: dict[str, Any] = {
        "indicator": draw(SLUG_TEXT),
        "value": draw(
            st.decimals(allow_nan=False, allow_infinity=False, places=draw(st.integers(0, 6)))
        ),
        "date": draw(
            st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
            | st.from_regex(r"20[0-9]{2}(-(0[1-9]|1[0-2]))?", fullmatch=True)
        ),
        "source": draw(TEXTS),
    }
    for name, values in optional.items():
        if draw(st.booleans()):
            fields[name] = draw(values)
    if draw(st.booleans()):
        fields.update(batch=draw(SLUG_TEXT), batch_size=draw(st.integers(2, 10_000_000)))
    return Reading.model_validate(fields)


def reading_entry(reading: Reading) -> dict[str, Any]:
    """The keys of a reading's block in the order written: how `reading_block` built the
    entry it gave tomli_w before it wrote its lines itself."""
    entry: dict[str, Any] = {"id": reading.key, "indicator": reading.indicator}
    if reading.region is not None:
        entry["region"] = reading.region
    entry["value"] = exact_number(reading.value)
    entry["date"] = reading.date.end if reading.date.precision == "day" else str(reading.date)
    for name in ("qualifier", "url", "quote", "note", "corrects"):
        value = getattr(reading, name)
        if value is not None:
            entry[name] = value
    if reading.derived:
        entry["derived"] = True
    if reading.request_key is not None:
        entry["key"] = reading.request_key
    if reading.recorded is not None:
        entry["recorded"] = reading.recorded
    if reading.batch is not None:
        entry["batch"] = reading.batch
        entry["batch_size"] = reading.batch_size
    entry["source"] = reading.source
    return entry


@settings(max_examples=400, deadline=None)
@given(st.lists(any_reading(), min_size=1, max_size=3))
def test_a_reading_block_is_its_entry_as_tomli_w_writes_it(readings: list[Reading]) -> None:
    """The lines written straight from a reading are the block of its entry's keys."""
    for reading in readings:
        entry = reading_entry(reading)
        assert reading_block(reading) == "\n[[reading]]\n" + tomli_w.dumps(entry)


def test_equal_times_of_two_offsets_are_written_apart() -> None:
    """The text of a time is remembered by its offset too: 08:00+08:00 is 00:00 UTC."""
    utc = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    beijing = utc.astimezone(dt.timezone(dt.timedelta(hours=8)))
    written = [reading_block(make_reading(recorded=moment)) for moment in (utc, beijing)]
    assert "recorded = 2026-01-01 00:00:00+00:00\n" in written[0]
    assert "recorded = 2026-01-01 08:00:00+08:00\n" in written[1]
