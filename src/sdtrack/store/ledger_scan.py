"""The `[[reading]]` blocks of the shape sdtrack writes, read without a TOML parser.

A ledger sdtrack wrote is a run of the blocks `store.ledger_file.reading_block` writes:
its keys in one order, each on its own line as `key = value`, a value a string without
escapes or controls, a number, a day or a time. One regular expression reads such a
block into its values, which `core.plain_readings.PlainReader.written_row` makes a row
by position: a third of the time rtoml takes to parse the block and the reader to look
its keys up (`benchmarks/README.md`).

`pieces` cuts a batch of the ledger (`store.validation.ledger_batches`: it starts at an
entry's header) into those blocks and the text of any other entries, which is left to
the TOML parser. A block is read here only if an entry's header or the batch's end
follows it, so it is a whole table: nothing after it can add a key to it. Nothing before
it can make it part of a value either: none of its lines opens a multi-line string or an
array, so only other text can, and that text, parsed alone, then fails, and the whole
file is parsed again (`store.validation`). `tests/store/test_ledger_scan.py` proves that
each block's values are the entry tomllib reads, and a ledger's rows the ones its TOML
gives.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from sdtrack.core.plain_readings import WRITTEN_KEYS

# A basic string whose text is its value: no quote, backslash or control but a tab.
_TEXT = r'"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"'
# A decimal integer or float, without a "+" or an underscore.
_NUMBER = r"(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)"
_DAY = r"([0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))"
# A local or offset date-time as tomllib reads one, with a "T" or a space (tomli_w writes
# one) and at most microseconds.
_TIME = (
    r"([0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?"
    r"(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?)"
)
# WRITTEN_KEYS in their order; blank lines may follow a block.
_BLOCK = re.compile(
    rf"\[\[reading\]\]\n"
    rf"id = {_TEXT}\n"
    rf"indicator = {_TEXT}\n"
    rf"(?:region = {_TEXT}\n)?"
    rf"value = (?:{_NUMBER}|{_TEXT})\n"
    rf"date = (?:{_DAY}|{_TEXT})\n"
    rf"(?:qualifier = {_TEXT}\n)?"
    rf"(?:url = {_TEXT}\n)?"
    rf"(?:quote = {_TEXT}\n)?"
    rf"(?:note = {_TEXT}\n)?"
    rf"(?:corrects = {_TEXT}\n)?"
    rf"(derived = true\n)?"
    rf"(?:key = {_TEXT}\n)?"
    rf"(?:recorded = {_TIME}\n)?"
    rf"(?:batch = {_TEXT}\nbatch_size = (0|[1-9][0-9]{{0,8}})\n)?"
    rf"source = {_TEXT}\n"
    r"\n*"
)
# Where `store.validation` cuts a ledger: an entry's header at a line's start.
ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*(?:reading|retraction)[ \t]*\]\]", re.MULTILINE)
# The same after a line's end: a search for a literal first character, twice as fast.
_HEADER_AFTER_LINE = re.compile(r"\n[ \t]*\[\[[ \t]*(?:reading|retraction)[ \t]*\]\]")

Piece = tuple[object, ...] | str


def pieces(batch: str) -> Iterator[Piece]:
    """The batch's entries in order: each block of the written shape as the values of
    its WRITTEN_KEYS, the text of other entries (each run of them whole) as it is."""
    block, header, end = _BLOCK.match, ENTRY_HEADER.match, len(batch)
    days: dict[str, dt.date] = {}
    times: dict[str, dt.datetime] = {}
    position, other = 0, -1  # where the text of other entries starts, if there is some
    while position < end:
        found = block(batch, position)
        if found is not None:
            after = found.end()
            if after == end or header(batch, after) is not None:
                if other >= 0:
                    yield batch[other:position]
                    other = -1
                yield _values(found.groups(), days, times)
                position = after
                continue
        if other < 0:
            other = position
        following = ENTRY_HEADER.search(batch, position + 1)
        position = end if following is None else following.start()
    if other >= 0:
        yield batch[other:]


def header_starts(text: str) -> list[int]:
    """Where each of the text's entries starts: every match of ENTRY_HEADER."""
    # One list, never a temporary one beside it: freeing a list of a million starts
    # raises glibc's mmap threshold to its size, and the batches cut after it then come
    # from the heap, whose freed space is not given back (a quarter more peak memory).
    starts = [found.start() + 1 for found in _HEADER_AFTER_LINE.finditer(text)]
    if ENTRY_HEADER.match(text):
        starts.insert(0, 0)
    return starts


def entry_of(values: tuple[object, ...]) -> dict[str, object]:
    """The entry a block's values are, as tomllib reads it: its keys in their order."""
    return {
        key: value for key, value in zip(WRITTEN_KEYS, values, strict=True) if value is not None
    }


def _values(
    groups: tuple[str | None, ...], days: dict[str, dt.date], times: dict[str, dt.datetime]
) -> tuple[object, ...]:
    """A block's groups as the values TOML gives them (the day and the time of each text
    made once a batch): a number an int or a float, a day a date, a time a datetime."""
    number = groups[3]
    value: object
    if number is None:
        value = groups[4]
    elif "." in number or "e" in number or "E" in number:
        value = float(number)
    else:
        value = int(number)
    day = groups[5]
    date: object = groups[6]
    if day is not None:
        date = days.get(day)
        if date is None:
            date = days[day] = dt.date.fromisoformat(day)
    recorded = groups[14]
    moment = None
    if recorded is not None:
        moment = times.get(recorded)
        if moment is None:
            moment = times[recorded] = dt.datetime.fromisoformat(recorded)
    size = groups[16]
    return (
        groups[0],
        groups[1],
        groups[2],
        value,
        date,
        groups[7],
        groups[8],
        groups[9],
        groups[10],
        groups[11],
        None if groups[12] is None else True,
        groups[13],
        moment,
        groups[15],
        None if size is None else int(size),
        groups[17],
    )
