"""A large ledger read as it is printed: the references that decide each entry's state
found in one lexical pass over the text, then the entries validated batch by batch.

A reading's state depends on later entries: a correction (`corrects = "r-…"`) supersedes
the reading it names, a `[[retraction]]` withdraws one. `outline` finds every such
reference, and counts the readings, without parsing the ledger: it reads the text line
by line, which gives what a TOML parser gives for a text of a plain shape, the shape
sdtrack writes. From its first entry on, such a text has no multi-line string (`\"\"\"`,
`'''`: the only TOML value that spans lines and may hold any line), no carriage return,
no line that starts with a blank or a quote (an indented line, a quoted key), no line
that starts with `[` but an entry header alone on its line (`[[reading]]`,
`[[retraction]]`), and a last line that ends; its preamble (`schema = 1`, comments) has
no header at all. An array or an inline table cannot hide a line there: TOML 1.0, which
sdtrack reads, keeps an inline table on one line, and a line of an array that looked
like a key is no TOML. So each line is a whole line, a header or a key at its start: a
line `corrects = "r-…"` in a `[[reading]]` block is that reading's `corrects` and
nothing else. A text of any other shape gets no outline, and is read whole as before.

`entries` then validates the ledger as `store.validation` does, a batch of entries at a
time, and yields each reading as the `Entry` that `core.ledger.Ledger.build` makes of it
(the first correction naming it, the first retraction), once it is valid and, for a
reading an import wrote (`batch`, `batch_size`), once its whole batch is: a batch a crash
cut short is never yielded. What it parses is checked against the outline, and the whole
ledger (`core.ledger.ledger_problems`) after its last entry; at the first problem it
raises `Unstreamable`, and the caller reports the problems as validating the whole
workspace does.

Standard library at module level: `readings` outlines a ledger, and prints its first
line, before it imports Pydantic and the model.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sdtrack.core.ledger import Entry
    from sdtrack.core.model import Reading, ReadingsFile, Retraction, TargetsFile

READING_HEADER = "\n[[reading]]\n"
RETRACTION_HEADER = "\n[[retraction]]\n"
ENTRY_START = "\n[["
# Entries parsed and validated at a time (store.validation.LEDGER_BATCH's size).
ENTRIES_AT_ONCE = 2_000

# A basic string without escapes (so its text is its value), then an optional comment.
_PLAIN_STRING = r'"([^"\\\n]*)"[ \t]*(?:#[^\n]*)?(?=\n)'


@dataclass(frozen=True)
class KeyLines:
    """The lines that set a key: any of them (`loose`), and those that set it to a plain
    string (`plain`, its value the group)."""

    loose: re.Pattern[str]
    plain: re.Pattern[str]

    @classmethod
    def of(cls, name: str) -> KeyLines:
        return cls(
            re.compile(rf"\n{name}[ \t]*[=.]"), re.compile(rf"\n{name}[ \t]*=[ \t]*{_PLAIN_STRING}")
        )

    def values(self, text: str) -> list[str] | None:
        """Every value the key is set to, if each is a plain string; else None."""
        found = self.plain.findall(text)
        return found if len(found) == len(self.loose.findall(text)) else None


CORRECTS = KeyLines.of("corrects")
RETRACTED = KeyLines.of("reading")
ID = KeyLines.of("id")
BATCH_MARK = KeyLines.of("batch")
_BATCH_SIZE = re.compile(r"\nbatch_size[ \t]*=[ \t]*([0-9]{1,9})[ \t]*(?:#[^\n]*)?(?=\n)")
_BATCH_SIZE_LOOSE = re.compile(r"\nbatch_size[ \t]*[=.]")
_CONTENT_ID = re.compile(r"r-[0-9a-f]{10}")
# A line that starts with a blank (indented) or a quote (a quoted key). Four substring
# tests would each scan the text as long as this search does.
_LINE_NOT_AT_A_KEY = re.compile("\n[ \t\"']")
_HEADER_LINE = re.compile(r"^[ \t]*\[", re.MULTILINE)


class Unstreamable(Exception):
    """The ledger has a problem, or is not what its outline said: validate it whole."""


@dataclass(frozen=True)
class Outline:
    """What a ledger's text says of its entries, read line by line (`outline`)."""

    readings: int
    """How many `[[reading]]` entries it holds."""
    corrections: tuple[tuple[str, str], ...]
    """Each correction in ledger order: the correcting reading's id, the id it corrects."""
    retracted: tuple[str, ...]
    """The reading each retraction withdraws, in ledger order."""
    retractions_text: str
    """Every `[[retraction]]` block, as one TOML document."""

    @property
    def replaced(self) -> int:
        """How many readings are not current: each one that a correction or a retraction
        names (`outline` made sure each names a reading)."""
        return len({corrected for _, corrected in self.corrections} | set(self.retracted))


def outline(text: str, more_than: int = 0) -> Outline | None:
    """The outline of a ledger of more than `more_than` readings in the plain shape (see
    the module's description), in which every correction and retraction names a reading
    by its `id` and the last import's batch is whole; None for any other text."""
    readings = text.count(READING_HEADER)
    if readings <= more_than or not plain_shape(text, readings):
        return None
    corrections = _corrections(text)
    retractions = _retractions(text)
    if corrections is None or retractions is None or not _last_batch_whole(text):
        return None
    named = {corrected for _, corrected in corrections} | set(retractions[0])
    if named and not _all_named_by_an_id(text, named):
        return None
    return Outline(readings, corrections, *retractions)


def plain_shape(text: str, readings: int) -> bool:
    """Whether every line of `text` from its first entry on is a whole TOML line, a
    header or a key at its start. The preamble before it (`schema = 1`, comments, which
    may well name `[[reading]]`) is parsed whole, and may hold no header of any kind."""
    first = body_start(text)
    if first < 0 or not text.endswith("\n"):
        return False
    if "\r" in text or '"""' in text or ("'" in text and "'''" in text):
        return False
    if _HEADER_LINE.search(text, 0, first + 1) is not None:
        return False
    if _LINE_NOT_AT_A_KEY.search(text, first) is not None:
        return False
    return text.count("\n[", first) == readings + text.count(RETRACTION_HEADER)


def body_start(text: str) -> int:
    """Where the first entry's header starts (its newline), or -1."""
    starts = [text.find(READING_HEADER), text.find(RETRACTION_HEADER)]
    return min((s for s in starts if s >= 0), default=-1)


def _bounds(text: str, position: int) -> tuple[int, int]:
    """Where the entry holding `position` (after its header's first newline and bracket)
    starts (that newline; -1 in the preamble) and ends (after its last newline)."""
    start = text.rfind(ENTRY_START, 0, position)
    end = text.find(ENTRY_START, position)
    return start, len(text) if end < 0 else end + 1


def _corrections(text: str) -> tuple[tuple[str, str], ...] | None:
    if "\ncorrects" not in text:
        return ()
    if CORRECTS.values(text) is None:
        return None
    pairs = []
    for match in CORRECTS.plain.finditer(text):
        start, end = _bounds(text, match.start() + 1)
        if start < 0 or not text.startswith(READING_HEADER, start):
            return None
        ids = ID.values(text[start:end])
        if ids is None or len(ids) != 1:
            return None  # the correcting reading's id is its content's: parse it
        pairs.append((ids[0], match.group(1)))
    return tuple(pairs)


def _retractions(text: str) -> tuple[tuple[str, ...], str] | None:
    headers = text.count(RETRACTION_HEADER)
    if headers == 0:
        return (), ""
    targets = RETRACTED.values(text)
    if targets is None or len(targets) != headers:
        return None
    blocks: list[str] = []
    starts: set[int] = set()
    for match in RETRACTED.plain.finditer(text):
        start, end = _bounds(text, match.start() + 1)
        if start in starts or not text.startswith(RETRACTION_HEADER, start):
            return None
        starts.add(start)
        blocks.append(text[start + 1 : end])
    return tuple(targets), "".join(blocks)


def _last_batch_whole(text: str) -> bool:
    """Whether the last reading, if an import wrote it, is one of as many readings of its
    batch as the batch's size: an import a crash cut short at the end is read whole,
    where its problem is located, before anything is printed."""
    start, end = _bounds(text, text.rfind(READING_HEADER) + len(READING_HEADER) - 1)
    block = text[start:end]
    batch = BATCH_MARK.values(block)
    if batch is None or len(batch) > 1:
        return False
    if not batch:
        return True
    sizes = _BATCH_SIZE.findall(block)
    if len(sizes) != 1 or len(_BATCH_SIZE_LOOSE.findall(block)) != 1:
        return False
    same = re.compile(rf"\nbatch[ \t]*=[ \t]*\"{re.escape(batch[0])}\"[ \t]*(?:#[^\n]*)?(?=\n)")
    return len(same.findall(text)) == int(sizes[0])


def _all_named_by_an_id(text: str, named: set[str]) -> bool:
    """Whether every id in `named` is a reading's `id = "…"` (not an id derived from a
    reading's content, which only parsing can tell, nor an id no reading has)."""
    return named <= named.intersection(ID.plain.findall(text))


def duplicate_ids(text: str) -> bool:
    """Whether two readings have the same `id = "…"` (a problem of the whole ledger,
    looked for before any entry is printed; `entries` finds it anyway, at the end)."""
    ids = ID.plain.findall(text)
    return len(set(ids)) != len(ids)


def may_name_a_reading(text: str, item_id: str) -> bool:
    """Whether `item_id` may be a reading's id in `text` (then `readings ID` is its
    history): an id a reading's content gives, or one a reading's `id` line sets."""
    if _CONTENT_ID.fullmatch(item_id):
        return True
    values = ID.values(text)
    return values is None or item_id in values


def split(text: str, readings: int, per_batch: int) -> tuple[str, list[str]]:
    """The ledger's preamble, and its entries cut before headers into batches of about
    `per_batch` entries each (by size: the cuts are found without reading every entry).
    Each batch is a TOML document that means what it means in the whole text."""
    first = body_start(text)
    if first < 0:
        return text, []
    step = max(1, (len(text) - first) * per_batch // max(1, readings))
    batches = []
    position = first + 1
    while position < len(text):
        cut = text.find(ENTRY_START, position + step)
        end = len(text) if cut < 0 else cut + 1
        batches.append(text[position:end])
        position = end
    return text[: first + 1], batches


def entries(
    preamble: str, batches: list[str], plan: Outline, targets: TargetsFile
) -> Iterator[Entry]:
    """The ledger's readings in ledger order, each an `Entry` with its state, yielded once
    it and (an import's reading) its whole batch are valid; `batches` (from `split`) is
    emptied as it is read. Raises Unstreamable at the first problem, the whole ledger's
    (`ledger_problems`) after the last entry included."""
    from sdtrack.core.ledger import Entry

    reader = _Reader(targets)
    reader.preamble(preamble)  # validated: a bad preamble is no stream
    retraction_of = reader.retractions_named(plan)
    superseded_by: dict[str, str] = {}
    for correcting, corrected in plan.corrections:
        superseded_by.setdefault(corrected, correcting)
    readings: list[Reading] = []
    retractions: list[Retraction] = []
    held: list[Entry] = []  # an import's readings, until its batch is whole
    batches_seen: set[str] = set()
    seen: set[str] = set()
    corrections = iter(plan.corrections)
    batches.reverse()  # taken from the end, one at a time
    while batches:
        found, withdrawn = reader.batch(batches.pop())
        retractions += withdrawn
        for reading in found:
            key = reading.key
            if reading.corrects is not None and next(corrections, None) != (
                key,
                reading.corrects,
            ):
                raise Unstreamable
            first = key not in seen
            seen.add(key)
            entry = Entry(
                reading,
                len(readings),
                superseded_by.get(key) if first else None,
                retraction_of.get(key) if first else None,
            )
            readings.append(reading)
            if held and reading.batch == held[0].reading.batch:
                held.append(entry)
                continue
            if held:  # the batch held ends here: it must be whole
                _check_batch(held)
                yield from held
                held = []
            if reading.batch is None:
                yield entry
            elif reading.batch in batches_seen:
                raise Unstreamable  # a batch split by other entries
            else:
                batches_seen.add(reading.batch)
                held = [entry]
    if held:
        _check_batch(held)
    _check_whole(readings, retractions, plan, next(corrections, None))
    yield from held


def _check_batch(held: list[Entry]) -> None:
    """Raise Unstreamable unless the readings of an import's batch are as many as its
    size (`core.ledger.batch_problems`): fewer is an import a crash cut short."""
    if len(held) != (held[0].reading.batch_size or 0):
        raise Unstreamable


def _check_whole(
    readings: list[Reading],
    retractions: list[Retraction],
    plan: Outline,
    correction_left: object,
) -> None:
    """Raise Unstreamable unless the ledger read is the one outlined, and valid whole."""
    from sdtrack.core.ledger import ledger_problems

    if correction_left is not None or len(readings) != plan.readings:
        raise Unstreamable
    if tuple(r.reading for r in retractions) != plan.retracted:
        raise Unstreamable
    if ledger_problems(readings, retractions):
        raise Unstreamable


class _Reader:
    """Batches of ledger text parsed and validated as `store.validation` validates them."""

    def __init__(self, targets: TargetsFile) -> None:
        from pydantic import TypeAdapter

        from sdtrack.core.model import Retraction
        from sdtrack.core.plain_readings import PlainReader
        from sdtrack.store.validation import unit_context

        self.context = unit_context(targets)
        self.retractions = TypeAdapter(list[Retraction])
        # One shared set of field names for readings giving the same fields, as
        # store.validation keeps.
        self.field_sets: dict[frozenset[str], set[str]] = {}
        self.plain = PlainReader(self.context, self.field_sets) if self.context else None

    def _parsed(self, text: str) -> dict[str, Any]:
        from sdtrack.store import toml_fast

        try:
            return toml_fast.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError, ValueError):
            raise Unstreamable from None

    def preamble(self, text: str) -> ReadingsFile:
        from pydantic import ValidationError

        from sdtrack.core.model import ReadingsFile

        raw = self._parsed(text)
        if "reading" in raw or "retraction" in raw:
            raise Unstreamable
        try:
            return ReadingsFile.model_validate(raw, context=self.context)
        except ValidationError:
            raise Unstreamable from None

    def retractions_named(self, plan: Outline) -> dict[str, Retraction]:
        """Each reading a retraction withdraws, with the first retraction naming it."""
        _, withdrawn = self.batch(plan.retractions_text)
        if tuple(r.reading for r in withdrawn) != plan.retracted:
            raise Unstreamable
        named: dict[str, Retraction] = {}
        for retraction in withdrawn:
            named.setdefault(retraction.reading, retraction)
        return named

    def batch(self, text: str) -> tuple[list[Reading], list[Retraction]]:
        from pydantic import ValidationError

        from sdtrack.store.validation import validated_readings

        raw = self._parsed(text)
        if raw.keys() - {"reading", "retraction"}:
            raise Unstreamable
        try:
            readings = validated_readings(
                raw.get("reading", []), self.context, self.plain, self.field_sets
            )
            retractions = self.retractions.validate_python(
                raw.get("retraction", []), context=self.context
            )
        except (ValidationError, RecursionError, ValueError):
            raise Unstreamable from None
        return readings, retractions
