"""Workspaces: finding them, reading and validating their files, and writing safely.

A workspace is a directory holding `targets.toml` (hand-edited, never rewritten by sdtrack)
and `readings.toml` (an append-only ledger). It is found the way git finds a repository:
`--dir`, then `$SDTRACK_DIR`, then the nearest `targets.toml` upward from the current
directory, else the read-only Shandong dataset embedded in the package.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import functools
import os
import re
import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import tomli_w
from pydantic import TypeAdapter, ValidationError

from sdtrack import __version__
from sdtrack.cache import code_stamp, load_entry, stamp_file, store_entry
from sdtrack.errors import DataError, Problem, SdtrackError, UsageError, name_list
from sdtrack.ledger import (
    Entry,
    Ledger,
    RecordPlan,
    ledger_problems,
    plan_correction_of,
    plan_record,
    plan_retraction,
)
from sdtrack.locations import (
    READINGS_FILE,
    TARGETS_FILE,
    WorkspaceLocation,
)
from sdtrack.model import (
    SCHEMA_VERSION,
    Indicator,
    Reading,
    ReadingsFile,
    Retraction,
    Target,
    TargetsFile,
)
from sdtrack.quantities import exact_number
from sdtrack.toml_locations import TomlLines

LOCK_TIMEOUT_SECONDS = 10.0
# targets.toml is written by hand: a thousand targets are about 350 kB, so a file of many
# megabytes is not one. A ledger of a million readings is about 130 MB (its first read takes
# about a minute, later ones come from the cache); one far larger is not an sdtrack ledger.
MAX_TARGETS_BYTES = 16 * 1024 * 1024
MAX_LEDGER_BYTES = 256 * 1024 * 1024

# The ledger is parsed and validated this many entries at a time, so that memory holds one
# batch of raw TOML tables at once beside the validated readings, not the whole file's.
LEDGER_BATCH = 2_000
_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*(?:reading|retraction)[ \t]*\]\]", re.MULTILINE)

if TYPE_CHECKING:
    from sdtrack.ledger_index import LedgerIndex

T = TypeVar("T")
Progress = Callable[[int, int], None]

READINGS_HEADER = f"""\
# sdtrack readings ledger: append-only. sdtrack appends a [[reading]] block for every
# `sdtrack record`; it never rewrites what is already here.
schema = {SCHEMA_VERSION}
"""

EMPTY_TARGETS = f"""\
# sdtrack targets: indicators, and the targets declared for them, each with its source.
# `sdtrack check` validates this file; `sdtrack record` adds readings to readings.toml.
schema = {SCHEMA_VERSION}
title = "My targets"

# [[indicator]]
# id = "5g-base-stations"              # lower-case letters, digits and hyphens
# name = "5G base stations in service"
# name_zh = "5G基站"
# unit = "base stations"               # "yuan", "%", or the thing counted
# kind = "stock"                       # stock (a level), flow (per period) or share (%)
#
# [[indicator.target]]
# id = "5g-base-stations-2025"
# comparison = "more_than"             # at_least, more_than, about, at_most, less_than
# value = "27万"                        # 270000; also 270k, 270,000
# deadline = 2025                      # a year stands for its last day
# baseline = {{ value = 200000, date = 2024-04-10 }}
# source = {{ document = "Press conference", speaker = "A. Speaker", date = 2024-04-10,
#            quote = "…" }}                # one line in a real file: TOML inline tables
"""


@dataclass(frozen=True)
class Workspace:
    """A loaded, validated workspace."""

    location: WorkspaceLocation
    targets: TargetsFile
    readings: tuple[Reading, ...] = field(default_factory=tuple)
    """The current readings: neither superseded by a correction nor retracted."""
    ledger: Ledger = field(default_factory=Ledger)
    """Every reading ever recorded, each with its state."""

    @property
    def indicators(self) -> list[Indicator]:
        return self.targets.indicators

    @functools.cached_property
    def _readings_by_indicator(self) -> dict[str, list[Reading]]:
        grouped: dict[str, list[Reading]] = {}
        for reading in self.readings:
            grouped.setdefault(reading.indicator, []).append(reading)
        for group in grouped.values():
            group.sort(key=lambda r: r.date)
        return grouped

    def readings_for(self, indicator_id: str) -> list[Reading]:
        """The indicator's readings, oldest first (by period end, then ledger order)."""
        return list(self._readings_by_indicator.get(indicator_id, ()))

    def find(self, item_id: str) -> tuple[Indicator, Target | None]:
        """An indicator by its id, or a target (with its indicator) by the target's id."""
        for indicator in self.indicators:
            if indicator.id == item_id:
                return indicator, None
            for target in indicator.targets:
                if target.id == item_id:
                    return indicator, target
        known = name_list([i.id for i in self.indicators])
        raise UsageError(
            f"no indicator or target has the id {item_id!r}",
            hint=f"indicators: {known}; `sdtrack targets` lists every id",
        )

    def indicator(self, indicator_id: str) -> Indicator:
        indicator, target = self.find(indicator_id)
        if target is not None:
            raise UsageError(
                f"{indicator_id!r} is a target; readings are recorded for its indicator",
                hint=f"use the indicator id {indicator.id!r}",
            )
        return indicator


# ---------------------------------------------------------------------------------------
# Reading and validating


def _read_text(location: WorkspaceLocation, path: Path) -> str | None:
    """The file's text, or None when an optional file is absent."""
    label = Path(location.label(path))
    try:
        _refuse_broken_link(path, label)
        if path.exists() and not path.is_dir() and not path.is_file():
            raise DataError([Problem("is not a regular file (a device, pipe or socket?)", label)])
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > _size_limit(location, path):
                raise DataError([Problem(_too_large(size, _size_limit(location, path)), label)])
            data = handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataError([Problem("is a directory, not a file", label)]) from None
    except PermissionError:
        raise DataError(
            [Problem("cannot be read (permission denied); check its permissions", label)]
        ) from None
    except OSError as error:
        raise DataError([Problem(f"cannot be read: {error.strerror}", label)]) from None
    return decode_toml_bytes(data, label)


def _refuse_broken_link(path: Path, label: Path) -> None:
    if not path.is_symlink():
        return
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DataError(
                [Problem("is a symbolic link that loops back on itself", label)]
            ) from None
        raise DataError(
            [Problem(f"is a symbolic link to {os.readlink(path)}, which does not exist", label)]
        ) from None


def _size_limit(location: WorkspaceLocation, path: Path) -> int:
    return MAX_LEDGER_BYTES if path == location.readings_path else MAX_TARGETS_BYTES


def _too_large(size: int, limit: int) -> str:
    kind = "ledgers" if limit == MAX_LEDGER_BYTES else "targets files"
    return (
        f"is {size / 1024 / 1024:.1f} MB; sdtrack reads {kind} of at most "
        f"{limit // 1024 // 1024} MB, so this cannot be a workspace file"
    )


def decode_toml_bytes(data: bytes, label: Path) -> str:
    """Decode a TOML file: UTF-8 (a byte-order mark is tolerated), else a clear refusal."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem("is UTF-16; TOML files must be saved as UTF-8", label)])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    "holds a NUL byte, so it is not UTF-8 text (UTF-16 without a mark?)",
                    label,
                    line,
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError(
            [Problem("is not valid UTF-8; save the file as UTF-8", label, line)]
        ) from None
    return text


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def parse_toml(text: str, label: Path) -> dict[str, Any]:
    """Parse TOML, turning a syntax error into a located Problem."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line: int | None = None
        if match and match.group(1):
            line = int(match.group(1))
        elif match:
            line = max(len(text.splitlines()), 1)
        message = _TOML_POSITION.sub("", message)
        raise DataError(
            [Problem(f"TOML syntax error: {message[:1].lower()}{message[1:]}", label, line)]
        ) from None
    except RecursionError:
        raise DataError(
            [Problem("is nested too deeply to be an sdtrack file", label, _most_nested_line(text))]
        ) from None


def _most_nested_line(text: str) -> int:
    """The line with the most opening brackets: where a too-deep nesting is."""
    lines = text.splitlines() or [""]
    counts = [line.count("[") + line.count("{") for line in lines]
    return counts.index(max(counts)) + 1


def _field_path(loc: Sequence[int | str]) -> str:
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
            message = f"unknown key {loc[-1]!r}; check its spelling against the README's schema"
        elif kind == "missing":
            message = f"required key {loc[-1]!r} is missing"
        elif kind == "literal_error" and loc and loc[-1] == "schema":
            message = f"unsupported schema version; this sdtrack reads schema = {SCHEMA_VERSION}"
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(Problem(message, label, lines.locate(loc), _field_path(loc)))
    return problems


def _validate_targets(location: WorkspaceLocation) -> tuple[TargetsFile | None, list[Problem]]:
    label = Path(location.label(location.targets_path))
    text = _read_text(location, location.targets_path)
    if text is None:
        return None, [Problem(f"no {TARGETS_FILE}; run `sdtrack init`", label)]
    raw = parse_toml(text, label)
    try:
        return TargetsFile.model_validate(raw), []
    except ValidationError as error:
        return None, _problems_from(error, text, label)


def _validate_readings(
    location: WorkspaceLocation, targets: TargetsFile | None, progress: Progress | None = None
) -> tuple[Ledger, list[Problem]]:
    label = Path(location.label(location.readings_path))
    text = _read_text(location, location.readings_path)
    if text is None:
        return Ledger(), []
    readings = _validate_in_batches(text, _unit_context(targets), progress)
    if readings is not None and not ledger_problems(readings):
        # The text is needed only to locate problems, and there are none. Freed now, it
        # is not held beside the whole ledger's entries (a tenth of the peak memory).
        del text
        return Ledger.of(readings), []
    return validate_ledger_text(text, label, targets, progress)


def _unit_context(targets: TargetsFile | None) -> dict[str, Any] | None:
    if targets is None:
        return None
    return {"units": {i.id: i.unit_info for i in targets.indicators}}


def validate_ledger_text(
    text: str, label: Path, targets: TargetsFile | None, progress: Progress | None = None
) -> tuple[Ledger, list[Problem]]:
    """The ledger held in `text`, or every problem with it, each with its line.

    `progress`, if given, is told how much of the text is validated: (done, total).
    """
    context = _unit_context(targets)
    ledger = _validate_in_batches(text, context, progress)
    if ledger is None:
        try:
            raw = parse_toml(text, label)
        except DataError as error:
            return Ledger(), [*error.problems, *_cut_off_entry(text, label)]
        try:
            ledger = ReadingsFile.model_validate(raw, context=context)
        except ValidationError as error:
            return Ledger(), [*_problems_from(error, text, label), *_cut_off_entry(text, label)]
    problems: list[Problem] = []
    if found := ledger_problems(ledger):
        lines = TomlLines(text)
        problems = [
            Problem(p.message, label, lines.locate(p.path), _field_path(p.path)) for p in found
        ]
    return Ledger.of(ledger), problems


@functools.cache
def _entry_lists() -> tuple[TypeAdapter[list[Reading]], TypeAdapter[list[Retraction]]]:
    return TypeAdapter(list[Reading]), TypeAdapter(list[Retraction])


def _validate_in_batches(
    text: str, context: dict[str, Any] | None, progress: Progress | None
) -> ReadingsFile | None:
    """The ledger parsed and validated LEDGER_BATCH entries at a time, if all is well.

    Each batch starts at an entry's `[[reading]]` or `[[retraction]]` line, so it is a
    TOML document of its own that means what it means in the whole file. A line like that
    inside a multi-line string splits the string, and the batch before it fails to parse.
    On any problem this returns None, and the whole file is parsed at once to report it
    with its line number.
    """
    starts = [match.start() for match in _ENTRY_HEADER.finditer(text)]
    bounds = [*starts, len(text)]
    try:
        preamble = tomllib.loads(text[: bounds[0]])
        if "reading" in preamble or "retraction" in preamble:
            return None
        head = ReadingsFile.model_validate(preamble, context=context)
        readings_of, retractions_of = _entry_lists()
        readings: list[Reading] = []
        retractions: list[Retraction] = []
        field_sets: dict[frozenset[str], set[str]] = {}
        for first in range(0, len(starts), LEDGER_BATCH):
            end = bounds[min(first + LEDGER_BATCH, len(starts))]
            raw = tomllib.loads(text[bounds[first] : end])
            if raw.keys() - {"reading", "retraction"}:
                return None
            batch = readings_of.validate_python(raw.get("reading", []), context=context)
            readings += _share_field_sets(batch, field_sets)
            retractions += retractions_of.validate_python(
                raw.get("retraction", []), context=context
            )
            if progress is not None:
                progress(end, len(text))
    except (tomllib.TOMLDecodeError, ValidationError, RecursionError):
        return None
    return head.model_copy(update={"readings": readings, "retractions": retractions})


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
            f"the file ends part-way through the entry that starts here: a write was cut off "
            f"(or an edit is unfinished); delete lines {first}-{last} to recover, and record "
            "that entry again if it is needed",
            label,
            first,
        )
    ]


def check_workspace(location: WorkspaceLocation, progress: Progress | None = None) -> list[Problem]:
    """Every problem in the workspace's files; an empty list when all is well."""
    problems: list[Problem] = []
    targets: TargetsFile | None = None
    try:
        targets, found = _validate_targets(location)
        problems.extend(found)
    except DataError as error:
        problems.extend(error.problems)
    try:
        _, found = _validate_readings(location, targets, progress)
        problems.extend(found)
    except DataError as error:
        problems.extend(error.problems)
    return problems


def load_targets(location: WorkspaceLocation, cache: Path | None = None) -> TargetsFile:
    """Load and validate targets.toml alone, or raise DataError listing its problems.

    With a `cache` directory, a valid file's content is saved as JSON and, while the file
    is unchanged, read back from there: validated all the same, but without the TOML
    parse, which is most of the time for a file of a thousand targets.
    """
    key = {"format": 1, "sdtrack": __version__, "code": code_stamp()}
    key["targets"] = str(location.targets_path.absolute())
    if cache is not None:
        saved = load_entry(cache, "targets", key)
        if saved is not None:
            with contextlib.suppress(ValidationError):
                return TargetsFile.model_validate(saved)
    stamp = stamp_file(location.targets_path)
    targets, problems = _validate_targets(location)
    if problems or targets is None:
        raise DataError(problems, hint="`sdtrack check` lists every problem in the workspace")
    if cache is not None:
        saved = targets.model_dump(mode="json", by_alias=True)
        store_entry(cache, "targets", key, [stamp], saved)
    return targets


def load_workspace(location: WorkspaceLocation, progress: Progress | None = None) -> Workspace:
    """Load and validate a workspace, or raise DataError listing every problem.

    `progress`, if given, is told how much of the ledger is validated: (done, total).
    """
    targets, problems = _validate_targets(location)
    ledger, reading_problems = _validate_readings(location, targets, progress)
    problems += reading_problems
    if problems or targets is None:
        raise DataError(problems, hint="`sdtrack check` lists every problem in the workspace")
    return Workspace(location, targets, ledger.current(), ledger)


# ---------------------------------------------------------------------------------------
# Writing


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, overwrite: bool) -> None:
    """Write a whole file so that it is either fully there or not at all.

    The bytes go to a temporary file in the same directory, are flushed to disk, then
    renamed (or, without `overwrite`, hard-linked, which fails if the path exists).
    """
    directory = path.parent
    temporary = directory / f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp"
    try:
        _write_then_place(temporary, path, data, overwrite=overwrite)
    except OSError as error:
        raise DataError([Problem(f"cannot be written: {error.strerror}", path)]) from None


def _write_then_place(temporary: Path, path: Path, data: bytes, *, overwrite: bool) -> None:
    directory = path.parent
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            if os.write(fd, data) != len(data):
                raise OSError(errno.ENOSPC, "the disk is full")
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(temporary, path)
        else:
            _place_new(temporary, path)
        _fsync_directory(directory)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _place_new(temporary: Path, path: Path) -> None:
    """Move `temporary` to `path`, failing if `path` exists."""
    try:
        try:
            os.link(temporary, path)
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            # No hard links on this file system: claim the name, then rename over the claim.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
            os.replace(temporary, path)
    except FileExistsError:
        raise UsageError(f"{path} already exists; sdtrack will not overwrite it") from None


def reading_block(reading: Reading) -> str:
    """The `[[reading]]` TOML block for one reading; tomli_w escapes every string.

    `source`, which every reading must have, is written last: any part of a block cut off
    by a crash then lacks it (or ends mid-line), so a torn entry never passes as whole.
    """
    entry: dict[str, Any] = {"id": reading.key, "indicator": reading.indicator}
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
    entry["source"] = reading.source
    return _table_block("reading", entry)


def retraction_block(retraction: Retraction) -> str:
    """The `[[retraction]]` TOML block for one retraction; `reason`, required, comes last."""
    entry = retraction.model_dump(exclude_none=True)
    entry["reason"] = entry.pop("reason")
    return _table_block("retraction", entry)


def _table_block(name: str, entry: dict[str, Any]) -> str:
    """One `[[name]]` block of scalar keys.

    The header is written here, never left to tomli_w, which may choose an inline array
    (`name = [{…}]`); appended after another table, that would become a key of that table.
    """
    return f"\n[[{name}]]\n" + tomli_w.dumps(entry)


def entry_block(entry: Reading | Retraction) -> str:
    return reading_block(entry) if isinstance(entry, Reading) else retraction_block(entry)


def _create_ledger(path: Path) -> None:
    """Create an empty ledger (its header only) atomically, unless one appeared meanwhile."""
    with contextlib.suppress(UsageError):
        write_atomic(path, READINGS_HEADER.encode(), overwrite=False)


def _read_locked(fd: int, label: Path) -> str:
    return decode_toml_bytes(_read_bytes_locked(fd, label), label)


def _read_bytes_locked(fd: int, label: Path) -> bytes:
    size = os.fstat(fd).st_size
    if size > MAX_LEDGER_BYTES:
        raise DataError([Problem(_too_large(size, MAX_LEDGER_BYTES), label)])
    chunks = []
    offset = 0
    while offset < size:
        chunk = os.pread(fd, size - offset, offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _append_payload(fd: int, size: int, entry: Reading | Retraction) -> tuple[bytes, int]:
    """The bytes that append `entry` to a ledger of `size` bytes, and where its block starts.

    A ledger that does not end with a newline gets one first; an empty one, the header.
    """
    prefix = b""
    if size == 0:
        prefix = READINGS_HEADER.encode()
    elif os.pread(fd, 1, size - 1) != b"\n":
        prefix = b"\n"
    return prefix + entry_block(entry).encode("utf-8"), size + len(prefix)


def append_to_ledger(
    location: WorkspaceLocation,
    targets: TargetsFile,
    decide: Callable[[Ledger], tuple[Reading | Retraction | None, T]],
    progress: Progress | None = None,
) -> T:
    """Append at most one entry to the ledger, decided under the lock from its latest state.

    `decide` sees the ledger as it is once the lock is held (another sdtrack may have
    appended since the workspace was loaded) and returns the entry to append, or None to
    append nothing, with a result to pass back. The entry is written in one `write` of a
    file opened for appending, then flushed to disk: a crash leaves it whole or absent.
    """
    location.require_writable()
    path = location.readings_path
    label = Path(location.label(path))
    _refuse_broken_link(path, label)
    if not path.exists():
        # Refuse before creating the file, so that a refused command leaves no file behind.
        decide(Ledger())
        _create_ledger(path)
    fd = _open_locked(path, label)
    try:
        text = _read_locked(fd, label)
        ledger, problems = validate_ledger_text(text, label, targets, progress)
        if problems:
            raise DataError(problems, hint="`sdtrack check` lists every problem in the workspace")
        entry, result = decide(ledger)
        if entry is None:
            return result
        size = os.fstat(fd).st_size
        payload, _ = _append_payload(fd, size, entry)
        _append_durably(fd, path, payload, size, label)
        return result
    finally:
        os.close(fd)  # closing the file releases the lock


def _open_locked(path: Path, label: Path) -> int:
    """The ledger opened for appending and locked, checked to be the file now at `path`.

    Were the ledger replaced (an editor saving by rename) while this process waited, the
    lock would be on the old file and an append to it lost: then the new file is opened.
    """
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND)
        except OSError as error:
            raise DataError(
                [Problem(f"cannot be opened for writing: {error.strerror}", label)]
            ) from None
        try:
            _lock(fd, label, deadline)
            with contextlib.suppress(FileNotFoundError):
                if os.stat(path).st_ino == os.fstat(fd).st_ino:
                    return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)


def _lock(fd: int, label: Path, deadline: float) -> None:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise DataError([Problem(f"cannot be locked: {error.strerror}", label)]) from None
        if time.monotonic() >= deadline:
            raise DataError(
                [
                    Problem(
                        "another sdtrack command has held the lock for "
                        f"{LOCK_TIMEOUT_SECONDS:g} s; nothing was recorded",
                        label,
                    )
                ],
                hint="wait for the other command to finish, then try again",
            )
        time.sleep(0.01)


def _append_durably(fd: int, path: Path, payload: bytes, size: int, label: Path) -> None:
    """One write of the whole entry, then fsync; on failure the file is cut back to `size`.

    The locked file must still be the one at `path`: a ledger replaced meanwhile (an
    editor saving by rename while sdtrack read it) would take the entry with it, unseen.
    """
    try:
        at_path = os.stat(path)
    except OSError:
        at_path = None
    locked = os.fstat(fd)
    if at_path is None or (at_path.st_ino, at_path.st_dev) != (locked.st_ino, locked.st_dev):
        raise DataError(
            [Problem("was replaced by another program while sdtrack read it", label)],
            hint="nothing was recorded; run the command again",
        )
    try:
        written = os.write(fd, payload)
        if written != len(payload):
            raise OSError(errno.ENOSPC, "the disk is full")
        os.fsync(fd)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, size)
        raise DataError([Problem(f"{error.strerror}; nothing was recorded", label)]) from None


def append_reading(location: WorkspaceLocation, reading: Reading) -> None:
    """Append one reading as it is (no duplicate checks), whole or not at all, under the lock."""
    targets, problems = _validate_targets(location)
    if targets is None:
        raise DataError(problems)
    append_to_ledger(location, targets, lambda _: (reading, None))


def record_reading(workspace: Workspace, reading: Reading, *, allow_duplicate: bool) -> RecordPlan:
    """Append a new reading, unless its `--key` is already in the ledger (then nothing)."""

    def decide(ledger: Ledger) -> tuple[Reading | None, RecordPlan]:
        plan = plan_record(ledger, reading, allow_duplicate=allow_duplicate)
        return (None if plan.existing else plan.reading), plan

    return append_to_ledger(workspace.location, workspace.targets, decide)


def record_reading_indexed(
    location: WorkspaceLocation,
    targets: TargetsFile,
    reading: Reading,
    *,
    allow_duplicate: bool,
    cache_directory: Path | None,
    progress: Progress | None = None,
) -> tuple[RecordPlan, list[Reading]]:
    """Record as `record_reading` does, deciding from the ledger index when it is valid.

    Returns the plan and the current readings of the reading's indicator other than the
    one appended, oldest first (empty when the `--key` was already recorded). Without a
    valid index (or with `cache_directory` None) the whole ledger is read and validated
    as `record_reading` does, and the index is rebuilt from it for the next time;
    `progress` is told how much of it is validated.
    """
    from sdtrack import ledger_index

    location.require_writable()
    path = location.readings_path
    label = Path(location.label(path))
    _refuse_broken_link(path, label)
    if not path.exists():
        # Refuse before creating the file, so that a refused command leaves no file behind.
        plan_record(Ledger(), reading, allow_duplicate=allow_duplicate)
        _create_ledger(path)
    units = {i.id: i.unit_info for i in targets.indicators}
    fd = _open_locked(path, label)
    try:
        if cache_directory is not None:
            index = ledger_index.open_index(cache_directory, path, fd, units)
            if index is not None:
                try:
                    plan = plan_record(index, reading, allow_duplicate=allow_duplicate)
                    appended = _append_through_index(index, fd, path, label, plan)
                except ledger_index.IndexUnusable:
                    ledger_index.remove(cache_directory, path)  # nothing was appended
                else:
                    if not appended.noted:
                        ledger_index.remove(cache_directory, path)
                    return plan, appended.readings
                finally:
                    index.close()
        read_ns = time.time_ns()
        plan, readings, ledger, data = _record_through_ledger(
            fd, path, label, targets, reading, allow_duplicate=allow_duplicate, progress=progress
        )
        if cache_directory is not None and plan.reading.corrects is None:
            ledger_index.rebuild(cache_directory, path, fd, data, ledger, units, read_ns)
        return plan, readings
    finally:
        os.close(fd)  # closing the file releases the lock


@dataclass(frozen=True)
class _Appended:
    readings: list[Reading]
    """The indicator's current readings before the append, oldest first."""
    noted: bool
    """Whether the index now describes the ledger with the appended reading."""


def _append_through_index(
    index: LedgerIndex, fd: int, path: Path, label: Path, plan: RecordPlan
) -> _Appended:
    """Read the indicator's readings, append the planned reading and note it in the index.

    Everything that can stop the record comes before the append: a ledger over the size
    limit refuses it; a block that is not what the index says, or a ledger changed
    meanwhile, makes the index raise IndexUnusable, and the caller records from the whole
    ledger instead.
    """
    from sdtrack import ledger_index

    if plan.existing is not None:
        return _Appended([], noted=True)
    size = os.fstat(fd).st_size
    if size > MAX_LEDGER_BYTES:
        raise DataError([Problem(_too_large(size, MAX_LEDGER_BYTES), label)])
    readings = index.current_readings(plan.reading.indicator)
    index.require_unchanged()
    payload, block_offset = _append_payload(fd, size, plan.reading)
    _append_durably(fd, path, payload, size, label)
    try:
        index.add_appended(plan.reading, block_offset, size + len(payload) - block_offset)
    except ledger_index.IndexUnusable:
        return _Appended(_oldest_first(readings), noted=False)
    return _Appended(_oldest_first(readings), noted=True)


def _oldest_first(readings: list[Reading]) -> list[Reading]:
    """By period end, then ledger order: the order of `Workspace.readings_for`."""
    return sorted(readings, key=lambda r: r.date)


def _record_through_ledger(
    fd: int,
    path: Path,
    label: Path,
    targets: TargetsFile,
    reading: Reading,
    *,
    allow_duplicate: bool,
    progress: Progress | None,
) -> tuple[RecordPlan, list[Reading], Ledger, bytes]:
    """Record from the whole ledger, read and validated.

    Returns the plan, the indicator's current readings before the append, and the ledger
    and the file's bytes as they now are.
    """
    data = _read_bytes_locked(fd, label)
    text = decode_toml_bytes(data, label)
    ledger, problems = validate_ledger_text(text, label, targets, progress)
    if problems:
        raise DataError(problems, hint="`sdtrack check` lists every problem in the workspace")
    plan = plan_record(ledger, reading, allow_duplicate=allow_duplicate)
    indicator = plan.reading.indicator
    readings = [e.reading for e in ledger.for_indicator(indicator) if e.is_current]
    if plan.existing is None:
        size = os.fstat(fd).st_size
        payload, _ = _append_payload(fd, size, plan.reading)
        _append_durably(fd, path, payload, size, label)
        data += payload
        ledger = Ledger((*ledger.entries, Entry(plan.reading, len(ledger.entries))))
    return plan, ([] if plan.existing else _oldest_first(readings)), ledger, data


def correct_reading(
    workspace: Workspace,
    entry_id: str,
    value: str,
    *,
    source: str | None,
    note: str | None,
    recorded: dt.datetime,
    progress: Progress | None = None,
) -> tuple[Reading, Reading]:
    """Append a reading that supersedes `entry_id`; returns (the old, the correction)."""
    units = {i.id: i.unit_info for i in workspace.indicators}

    def decide(ledger: Ledger) -> tuple[Reading, tuple[Reading, Reading]]:
        correction = plan_correction_of(
            ledger, entry_id, value, units, source=source, note=note, recorded=recorded
        )
        old = ledger.entry(entry_id)
        assert old is not None
        return correction, (old.reading, correction)

    return append_to_ledger(workspace.location, workspace.targets, decide, progress)


def retract_reading(
    workspace: Workspace,
    entry_id: str,
    reason: str,
    recorded: dt.datetime,
    progress: Progress | None = None,
) -> tuple[Reading, Retraction]:
    """Append a retraction of `entry_id`; returns (the retracted reading, the retraction)."""

    def decide(ledger: Ledger) -> tuple[Retraction, tuple[Reading, Retraction]]:
        retraction = plan_retraction(ledger, entry_id, reason, recorded)
        old = ledger.entry(entry_id)
        assert old is not None
        return retraction, (old.reading, retraction)

    return append_to_ledger(workspace.location, workspace.targets, decide, progress)


def select_entries(workspace: Workspace, item_id: str | None) -> list[Entry]:
    """Every ledger entry; a reading's history; or an indicator's (or target's) readings."""
    ledger = workspace.ledger
    if item_id is None:
        return list(ledger.entries)
    if ledger.entry(item_id) is not None:
        return ledger.history(item_id)
    try:
        indicator, _ = workspace.find(item_id)
    except UsageError:
        raise UsageError(
            [Problem(f"no reading, indicator or target has the id {item_id!r}", field="ID")],
            hint="`sdtrack readings` lists every reading; `sdtrack targets` every indicator",
        ) from None
    return ledger.for_indicator(indicator.id)


def replaced_entries(workspace: Workspace, indicator_id: str) -> list[Entry]:
    """The indicator's readings that a correction superseded or a retraction withdrew."""
    return [e for e in workspace.ledger.for_indicator(indicator_id) if not e.is_current]


def embedded_text(name: str) -> str:
    return (resources.files("sdtrack") / "data" / name).read_text(encoding="utf-8")


def init_workspace(directory: Path, *, empty: bool) -> list[Path]:
    """Create a workspace: the Shandong dataset, or (`empty`) a commented template."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} exists and is not a directory")
    existing = [directory / n for n in (TARGETS_FILE, READINGS_FILE) if (directory / n).exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise UsageError(
            f"{names} already exists; sdtrack init never overwrites a workspace",
            hint="choose another directory, or move the existing files away",
        )
    files = {
        TARGETS_FILE: EMPTY_TARGETS if empty else embedded_text(TARGETS_FILE),
        READINGS_FILE: READINGS_HEADER if empty else embedded_text(READINGS_FILE),
    }
    missing = [d for d in (directory, *directory.parents) if not d.exists()]
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            write_atomic(directory / name, text.encode("utf-8"), overwrite=False)
            written.append(directory / name)
    except (OSError, SdtrackError) as error:
        # A failed init leaves nothing behind: not half a workspace, not empty directories.
        for path in written:
            path.unlink()
        for created in missing:
            with contextlib.suppress(OSError):
                created.rmdir()
        if isinstance(error, SdtrackError):
            raise
        raise DataError(
            [Problem(f"cannot create the workspace: {error.strerror}", directory)]
        ) from None
    return written
