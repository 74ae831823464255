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

from sdtrack.core.model import SCHEMA_VERSION, Retraction
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
