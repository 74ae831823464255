"""Validating a workspace's files: every problem located by file, line and field.

A ledger is parsed and validated in batches, so that memory holds one batch of raw TOML
tables at once beside the validated readings, not the whole file's; the readings are kept
as rows (`core.recorded`), a quarter of their memory as models. Only when a batch fails
is the whole file parsed at once, to report every problem with its line.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from sdtrack.core.errors import DataError, Problem
from sdtrack.core.language import N_, _
from sdtrack.core.ledger import Ledger, ledger_problems
from sdtrack.core.model import (
    SCHEMA_VERSION,
    Reading,
    ReadingsFile,
    Retraction,
    TargetsFile,
    reading_context,
)
from sdtrack.core.plain_readings import PlainReader
from sdtrack.core.reading_rows import RowShapes
from sdtrack.core.recorded import ReadingRows, Recorded, WholeLedger
from sdtrack.core.references import reference_problems
from sdtrack.core.regions import region_table
from sdtrack.store import allocator, ledger_scan, toml_fast
from sdtrack.store.files import parse_toml, read_text
from sdtrack.store.locations import TARGETS_FILE, WorkspaceLocation
from sdtrack.store.toml_lines import TomlLines

Progress = Callable[[int, int], None]

CHECK_HINT = N_("`sdtrack check` lists every problem in the workspace")

# The ledger is parsed and validated this many entries at a time, so that memory holds one
# batch of raw TOML tables at once beside the validated readings, not the whole file's.
LEDGER_BATCH = 2_000
# A ledger of more characters than this (a few thousand entries) is cut into batches of
# many kilobytes each, above glibc's mmap threshold (`store.allocator`).
_LARGE_LEDGER = 1_000_000


def field_path(loc: Sequence[int | str]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _problems_from(error: ValidationError, text: str, label: Path) -> list[Problem]:
    lines = TomlLines(text)
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            message = _(
                "unknown key {key!r}; check its spelling against the README's schema"
            ).format(key=loc[-1])
        elif kind == "missing":
            message = _("required key {key!r} is missing").format(key=loc[-1])
        elif kind == "literal_error" and loc and loc[-1] == "schema":
            message = _("unsupported schema version; this sdtrack reads schema = {version}").format(
                version=SCHEMA_VERSION
            )
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(Problem(message, label, lines.locate(loc), field_path(loc)))
    return problems


def validate_targets(location: WorkspaceLocation) -> tuple[TargetsFile | None, list[Problem]]:
    label = Path(location.label(location.targets_path))
    text = read_text(location, location.targets_path)
    if text is None:
        return None, [Problem(_("no {file}; run `sdtrack init`").format(file=TARGETS_FILE), label)]
    raw = parse_toml(text, label)
    try:
        targets = TargetsFile.model_validate(raw)
    except ValidationError as error:
        return None, _problems_from(error, text, label)
    if found := reference_problems(targets):
        lines = TomlLines(text)
        located = [
            Problem(p.message, label, lines.locate(p.path), field_path(p.path)) for p in found
        ]
        return None, located
    return targets, []


def validate_readings(
    location: WorkspaceLocation, targets: TargetsFile | None, progress: Progress | None = None
) -> tuple[Ledger, list[Problem]]:
    """The workspace's ledger, or every problem with it, each with its line."""
    recorded, problems = validate_recorded(location, targets, progress)
    return recorded.ledger(), problems


def validate_recorded(
    location: WorkspaceLocation, targets: TargetsFile | None, progress: Progress | None = None
) -> tuple[Recorded, list[Problem]]:
    """The workspace's readings, kept as rows (`core.recorded`) when the ledger is read in
    batches; or every problem with the ledger, each with its line."""
    label = Path(location.label(location.readings_path))
    text = read_text(location, location.readings_path)
    if text is None:
        return WholeLedger(), []
    # The text is cut into its batches and let go: each batch is freed once validated, so
    # the whole text is never held beside the whole ledger's readings (a tenth of the peak
    # memory). It is needed again only to locate a problem, and then read again.
    batches, size = ledger_batches(text), len(text)
    del text
    rows = _validate_batches(batches, size, unit_context(targets), progress)
    if rows is not None and not rows.problems():
        return rows, []
    text = read_text(location, location.readings_path)
    if text is None:
        return WholeLedger(), []
    ledger, problems = validate_ledger_text(text, label, targets, progress)
    return WholeLedger(ledger), problems


def unit_context(targets: TargetsFile | None) -> dict[str, Any] | None:
    """What validates readings against `targets`: each value read in its indicator's unit
    and refused outside its domain (computed once per indicator, not per reading)."""
    if targets is None:
        return None
    return reading_context(targets.indicators, region_table(targets.regions))


def validate_ledger_text(
    text: str, label: Path, targets: TargetsFile | None, progress: Progress | None = None
) -> tuple[Ledger, list[Problem]]:
    """The ledger held in `text`, or every problem with it, each with its line.

    `progress`, if given, is told how much of the text is validated: (done, total).
    """
    context = unit_context(targets)
    rows = _validate_batches(ledger_batches(text), len(text), context, progress)
    if rows is not None:
        found, ledger = rows.problems(), rows.ledger()
    else:
        try:
            raw = parse_toml(text, label)
        except DataError as error:
            return Ledger(), [*error.problems, *_cut_off_entry(text, label)]
        try:
            whole = ReadingsFile.model_validate(raw, context=context)
        except ValidationError as error:
            return Ledger(), [*_problems_from(error, text, label), *_cut_off_entry(text, label)]
        found, ledger = ledger_problems(whole.readings, whole.retractions), Ledger.of(whole)
    problems: list[Problem] = []
    if found:
        lines = TomlLines(text)
        problems = [
            Problem(p.message, label, lines.locate(p.path), field_path(p.path)) for p in found
        ]
    return ledger, problems


@functools.cache
def _entry_lists() -> tuple[TypeAdapter[list[Reading]], TypeAdapter[list[Retraction]]]:
    return TypeAdapter(list[Reading]), TypeAdapter(list[Retraction])


def ledger_batches(text: str) -> list[str]:
    """The ledger's text cut before its entries, LEDGER_BATCH entries a piece, its
    preamble (what comes before the first entry) first.

    Each batch starts at an entry's `[[reading]]` or `[[retraction]]` line, so it is a
    TOML document of its own that means what it means in the whole file. A line like that
    inside a multi-line string splits the string, and the batch before it fails to parse.
    """
    if len(text) > _LARGE_LEDGER:
        # The batches are cut here, all at once: each must be a block of its own that is
        # given back when the batch is freed, whatever blocks were freed before.
        allocator.fix_mmap_threshold()
    starts = ledger_scan.header_starts(text)
    bounds = [*starts, len(text)]
    pieces = [text[: bounds[0]]]
    for first in range(0, len(starts), LEDGER_BATCH):
        pieces.append(text[bounds[first] : bounds[min(first + LEDGER_BATCH, len(starts))]])
    return pieces


def _validate_batches(
    batches: list[str], size: int, context: dict[str, Any] | None, progress: Progress | None
) -> ReadingRows | None:
    """The readings of `batches` (`ledger_batches`, of a text of `size` characters) as
    rows, if all is well; each batch is dropped from the list once validated. On any
    problem this returns None, and the whole file is parsed at once to report it with its
    line number.
    """
    batches.reverse()  # taken from the end, one at a time
    try:
        preamble = toml_fast.loads(batches.pop())
        if "reading" in preamble or "retraction" in preamble:
            return None
        ReadingsFile.model_validate(preamble, context=context)
        retractions_of = _entry_lists()[1]
        field_sets: dict[frozenset[str], set[str]] = {}
        plain = None if context is None else PlainReader(context, field_sets)
        rows = ReadingRows(RowShapes(field_sets) if plain is None else plain.shapes)
        done = size - sum(len(b) for b in batches)
        while batches:
            batch = batches.pop()
            done += len(batch)
            for piece in ledger_scan.pieces(batch):
                if isinstance(piece, tuple):  # a block as sdtrack writes it
                    row = None if plain is None else plain.written_row(piece)
                    if row is None:
                        _add_rows([ledger_scan.entry_of(piece)], context, plain, rows)
                    else:
                        rows.add(row)
                    continue
                raw = toml_fast.loads(piece)
                if raw.keys() - {"reading", "retraction"}:
                    return None
                _add_rows(raw.get("reading", []), context, plain, rows)
                rows.add_retractions(
                    retractions_of.validate_python(raw.get("retraction", []), context=context)
                )
            del batch
            if progress is not None:
                progress(done, size)
    except (tomllib.TOMLDecodeError, ValidationError, RecursionError, ValueError):
        return None
    return rows


def _add_rows(
    entries: object, context: dict[str, Any] | None, plain: PlainReader | None, rows: ReadingRows
) -> None:
    """Add a batch's entries to `rows`: each of the plain shape as `plain` builds it, any
    other validated by the model (which raises on the first it refuses)."""
    if plain is None or type(entries) is not list:
        rows.add_readings(_entry_lists()[0].validate_python(entries, context=context))
        return
    for entry in entries:
        row = plain.row(entry)
        if row is None:
            row = rows.shapes.row_of(Reading.model_validate(entry, context=context))
        rows.add(row)


def validated_readings(
    entries: object,
    context: dict[str, Any] | None,
    plain: PlainReader | None,
    field_sets: dict[frozenset[str], set[str]],
) -> list[Reading]:
    """The readings of a batch's entries: each of the plain shape built by `plain`, any
    other validated by the model (which raises on the first it refuses)."""
    if plain is None or type(entries) is not list:
        readings_of, _retractions_of = _entry_lists()
        return _share_field_sets(readings_of.validate_python(entries, context=context), field_sets)
    readings = []
    for entry in entries:
        reading = plain.reading(entry)
        if reading is None:
            reading = Reading.model_validate(entry, context=context)
            _share_field_sets([reading], field_sets)
        readings.append(reading)
    return readings


def _share_field_sets(
    readings: list[Reading], shared: dict[frozenset[str], set[str]]
) -> list[Reading]:
    """Give readings that set the same fields one shared set of their names.

    Pydantic gives every model its own set of the fields it was given (over 700 bytes),
    half the memory of a reading. The models are frozen, so nothing adds to the set, and
    `model_copy` copies it before changing it: sharing is safe, and saves ~70 MB on a
    ledger of 100,000 readings.
    """
    for reading in readings:
        names = reading.__pydantic_fields_set__
        object.__setattr__(
            reading, "__pydantic_fields_set__", shared.setdefault(frozenset(names), names)
        )
    return readings


def _cut_off_entry(text: str, label: Path) -> list[Problem]:
    """When a broken ledger ends part-way through a line, say which entry was cut off.

    sdtrack ends every entry it appends with a newline, so a ledger that does not is one
    whose last write was interrupted (or a hand edit in progress).
    """
    if not text or text.endswith(("\n", "\r")):
        return []
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, start=1) if line.lstrip().startswith("[[")]
    if not starts:
        return []
    first, last = starts[-1], len(lines)
    return [
        Problem(
            _(
                "the file ends part-way through the entry that starts here: a write was cut off "
                "(or an edit is unfinished); delete lines {first}-{last} to recover, and record "
                "that entry again if it is needed"
            ).format(first=first, last=last),
            label,
            first,
        )
    ]


def check_workspace(location: WorkspaceLocation, progress: Progress | None = None) -> list[Problem]:
    """Every problem in the workspace's files; an empty list when all is well."""
    problems: list[Problem] = []
    targets: TargetsFile | None = None
    try:
        targets, found = validate_targets(location)
        problems.extend(found)
    except DataError as error:
        problems.extend(error.problems)
    try:
        _ledger, found = validate_readings(location, targets, progress)
        problems.extend(found)
    except DataError as error:
        problems.extend(error.problems)
    return problems
