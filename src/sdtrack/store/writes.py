"""Whole files written atomically: there whole or not at all, and never over an existing
file unless asked. `init` writes a workspace this way, and `export` its reports."""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Sequence
from pathlib import Path

from sdtrack.core.errors import DataError, Problem, UsageError
from sdtrack.core.language import _


def _fsync_directory(directory: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows cannot open a directory to flush it
        return
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
        raise DataError(
            [Problem(_("cannot be written: {reason}").format(reason=error.strerror), path)]
        ) from None


def _write_then_place(temporary: Path, path: Path, data: bytes, *, overwrite: bool) -> None:
    directory = path.parent
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            if os.write(fd, data) != len(data):
                raise OSError(errno.ENOSPC, _("the disk is full"))
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
        raise UsageError(
            _("{path} already exists; sdtrack will not overwrite it").format(path=path)
        ) from None


def write_files(files: Sequence[tuple[str, bytes]], output: Path, *, force: bool) -> list[Path]:
    """Write (name, content) pairs to `output`: one unnamed file is `output` itself, named
    files go under the directory `output`. Nothing is overwritten without `force`; any
    error of the file system is a clean refusal naming the path."""
    try:
        return _write_files(files, output, force=force)
    except OSError as error:
        raise DataError(
            [
                Problem(
                    _("cannot be written: {reason}").format(reason=error.strerror or error),
                    Path(error.filename) if error.filename else output,
                )
            ]
        ) from None


def refuse_taken_output(output: Path, *, directory: bool, force: bool) -> None:
    """Refuse at once, before any work, an `output` that `write_files` would refuse: a
    file that exists (without `force`), or, for a format that writes a directory, a file.
    `write_files` checks again when it writes, and words any error of the file system."""
    try:
        taken = output.exists() and not output.is_dir()
    except OSError:
        return  # `write_files` names the path and the reason
    if taken and directory:
        _refuse_file_for_directory(output)
    elif taken:
        _refuse_existing([output], force=force)


def _refuse_file_for_directory(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise UsageError(
            _("{output} is a file; this format writes a directory").format(output=output)
        )


def _write_files(files: Sequence[tuple[str, bytes]], output: Path, *, force: bool) -> list[Path]:
    if len(files) == 1 and files[0][0] == "":
        targets = [(output, files[0][1])]
    else:
        _refuse_file_for_directory(output)
        targets = [(output / name, content) for name, content in files]
    _refuse_existing([path for path, _content in targets if path.exists()], force=force)
    if any(path.is_dir() for path, _content in targets):
        directory = next(p for p, _content in targets if p.is_dir())
        raise UsageError(_("{path} is a directory").format(path=directory))
    written = []
    for path, content in targets:
        make_directory(path.parent)
        write_atomic(path, content, overwrite=force)
        written.append(path)
    return written


def _refuse_existing(existing: Sequence[Path], *, force: bool) -> None:
    if existing and not force:
        message = _("{path} already exists")
        if len(existing) > 1:
            message = _("{path} already exists (and {count} more)")
        raise UsageError(
            message.format(path=existing[0], count=len(existing) - 1),
            hint=_("pass --force to overwrite, or choose another -o path"),
        )


def make_directory(directory: Path) -> None:
    """Create `directory` and its parents; a path that cannot be one (under a file, through
    a link that loops, not permitted) is a clean refusal naming it, never a traceback."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if _loops(directory) or error.errno == errno.ELOOP:
            reason = _("a symbolic link in the path loops back on itself")
        elif isinstance(error, FileExistsError | NotADirectoryError):
            reason = _("a part of the path is a file, not a directory")
            reason = _("a symbolic link in the path loops back on itself")
        else:
            reason = error.strerror or str(error)
        raise UsageError(
            _("cannot create the directory {directory}: {reason}").format(
                directory=directory, reason=reason
            ),
            hint=_("choose another -o path"),
        ) from None


def _loops(path: Path) -> bool:
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False
