"""Writing an export: to stdout, to one file, or into a directory; atomically, and never
over an existing file without `force`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sdtrack.errors import UsageError
from sdtrack.exporters.base import ExportFile
from sdtrack.workspace import write_atomic


def write_export(files: Sequence[ExportFile], output: Path, *, force: bool) -> list[Path]:
    """Write the files to `output` (a file, or a directory for multi-file formats)."""
    if len(files) == 1 and files[0].name == "":
        targets = [(output, files[0].content)]
    else:
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output} is a file; this format writes a directory")
        targets = [(output / f.name, f.content) for f in files]
    existing = [path for path, _ in targets if path.exists()]
    if existing and not force:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise UsageError(
            f"{existing[0]} already exists{more}",
            hint="pass --force to overwrite, or choose another -o path",
        )
    if any(path.is_dir() for path, _ in targets):
        raise UsageError(f"{next(p for p, _ in targets if p.is_dir())} is a directory")
    written = []
    for path, content in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, content, overwrite=force)
        written.append(path)
    return written
