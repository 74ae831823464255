"""Reading a workspace file: within its size limit, as UTF-8 text, parsed as TOML.

Every way a file can fail to be read (absent, a directory, a device, a broken link, too
large, not UTF-8, a TOML syntax error, nested too deeply) becomes a located `Problem`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from sdtrack.core.errors import DataError, Problem
from sdtrack.core.language import _
from sdtrack.store import toml_fast
from sdtrack.store.locations import WorkspaceLocation

# targets.toml is written by hand: a thousand targets are about 350 kB, so a file of many
# megabytes is not one. A ledger of a million readings is about 130 MB (its first read takes
# about a minute, later ones come from the cache); one far larger is not an sdtrack ledger.
MAX_TARGETS_BYTES = 16 * 1024 * 1024
MAX_LEDGER_BYTES = 256 * 1024 * 1024


def read_text(location: WorkspaceLocation, path: Path) -> str | None:
    """The file's text, or None when an optional file is absent."""
    label = Path(location.label(path))
    try:
        refuse_broken_link(path, label)
        refuse_unless_regular(os.stat(path).st_mode, label)
        data = read_limited(path, label, _size_limit(location, path))
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataError([Problem(_("is a directory, not a file"), label)]) from None
    except PermissionError:
        raise DataError(
            [Problem(_("cannot be read (permission denied); check its permissions"), label)]
        ) from None
    except OSError as error:
        raise DataError(
            [Problem(_("cannot be read: {reason}").format(reason=error.strerror), label)]
        ) from None
    return decode_toml_bytes(data, label)


def refuse_unless_regular(mode: int, label: Path) -> None:
    """A located refusal of anything but a regular file (a link to one is that file)."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise DataError([Problem(_("is a directory, not a file"), label)])
    if stat.S_ISFIFO(mode):
        message = _(
            "is not a regular file but a named pipe (FIFO); sdtrack reads only regular files"
        )
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        message = _("is not a regular file but a device; sdtrack reads only regular files")
    elif stat.S_ISSOCK(mode):
        message = _("is not a regular file but a socket; sdtrack reads only regular files")
    else:
        message = _("is not a regular file (a device, pipe or socket?)")
    raise DataError([Problem(message, label)])


def read_limited(path: Path, label: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file, else a refusal: the limit counts the bytes
    read, not the size the file reports. The caller checked `stat` before opening (so a
    pipe is never opened, and cannot hang); the open file is checked again with `fstat`."""
    with path.open("rb") as handle:
        refuse_unless_regular(os.fstat(handle.fileno()).st_mode, label)
        data = handle.read(limit + 1)
        if len(data) > limit:
            size = max(len(data), os.fstat(handle.fileno()).st_size)
            raise DataError([Problem(too_large(size, limit), label)])
    return data


def refuse_broken_link(path: Path, label: Path) -> None:
    if not path.is_symlink():
        return
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise DataError(
                [Problem(_("is a symbolic link that loops back on itself"), label)]
            ) from None
        raise DataError(
            [
                Problem(
                    _("is a symbolic link to {target}, which does not exist").format(
                        target=os.readlink(path)
                    ),
                    label,
                )
            ]
        ) from None


def _size_limit(location: WorkspaceLocation, path: Path) -> int:
    return MAX_LEDGER_BYTES if path == location.readings_path else MAX_TARGETS_BYTES


def too_large(size: int, limit: int) -> str:
    message = _(
        "is {size} MB; sdtrack reads targets files of at most {limit} MB, "
        "so this cannot be a workspace file"
    )
    if limit != MAX_TARGETS_BYTES:
        message = _(
            "is {size} MB; sdtrack reads ledgers of at most {limit} MB, "
            "so this cannot be a workspace file"
        )
    return message.format(size=f"{size / 1024 / 1024:.1f}", limit=limit // 1024 // 1024)


def decode_toml_bytes(data: bytes, label: Path) -> str:
    """Decode a TOML file: UTF-8 (a byte-order mark is tolerated), else a clear refusal."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem(_("is UTF-16; TOML files must be saved as UTF-8"), label)])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    _("holds a NUL byte, so it is not UTF-8 text (UTF-16 without a mark?)"),
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
            [Problem(_("is not valid UTF-8; save the file as UTF-8"), label, line)]
        ) from None
    return text


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def parse_toml(text: str, label: Path) -> dict[str, Any]:
    """Parse TOML as tomllib reads it (by rtoml where that is the same), turning a syntax
    error into a located Problem."""
    try:
        return toml_fast.loads(text)
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
            [
                Problem(
                    _("TOML syntax error: {error}").format(
                        error=f"{message[:1].lower()}{message[1:]}"
                    ),
                    label,
                    line,
                )
            ]
        ) from None
    except ValueError:
        # tomllib turns digits into an int, which Python refuses past 4300 digits.
        raise DataError(
            [
                Problem(
                    _("holds a number with too many digits to be a figure; check the value"),
                    label,
                    _longest_number_line(text),
                )
            ]
        ) from None
    except RecursionError:
        raise DataError(
            [
                Problem(
                    _("is nested too deeply to be an sdtrack file"),
                    label,
                    _most_nested_line(text),
                )
            ]
        ) from None


def _most_nested_line(text: str) -> int:
    """The line with the most opening brackets: where a too-deep nesting is."""
    lines = text.splitlines() or [""]
    counts = [line.count("[") + line.count("{") for line in lines]
    return counts.index(max(counts)) + 1


_DIGIT_RUN = re.compile(r"[0-9_]+")


def _longest_number_line(text: str) -> int:
    """The line holding the longest run of digits: where a too-long number is."""
    best, best_line = 0, 1
    for number, line in enumerate(text.splitlines() or [""], start=1):
        longest = max((len(m) for m in _DIGIT_RUN.findall(line)), default=0)
        if longest > best:
            best, best_line = longest, number
    return best_line
