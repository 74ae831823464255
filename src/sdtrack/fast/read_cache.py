"""The read cache: what a read command printed, printed again while nothing it depends on
has changed.

`gap`, `show`, `targets`, `readings`, `check` and `due` read the validated workspace and
print a document or a rendering of it. Each such output is kept under a key that holds
everything it depends on besides the workspace's files: the command and every parameter,
the day it judges on (and today's, for commands that take no `--as-of`), the language,
the console's signature (width, colours, encoding, whether it is a terminal), sdtrack's
version and code. The entry holds the stamps of targets.toml and readings.toml taken
before they were read, checked on every lookup exactly as the status cache checks its own
(`fast.cache`): a one-character edit that restores the size and the modification time is
still seen (its change time moved, and a racy stamp is compared by content), a corrupted
or deleted entry is a miss, and `SDTRACK_NO_CACHE=1` turns the cache off. Only what a
command printed on success is kept: an error is computed, and reported, every time.

Standard library only, so that a hit imports neither Pydantic nor the model.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sdtrack import __version__
from sdtrack.core.language import current
from sdtrack.fast.cache import Stamp, code_stamp, load_entry, stamp_file, store_entry
from sdtrack.store.locations import WorkspaceLocation

CACHE_KIND = "read"
ENTRY_FORMAT = 1


@dataclasses.dataclass(frozen=True)
class Printed:
    """What a command printed: on stdout, on stderr, and the exit code it returned."""

    stdout: str = ""
    stderr: str = ""
    code: int | None = None


def read_key(
    command: str,
    parameters: object,
    location: WorkspaceLocation,
    day: dt.date,
    console: Mapping[str, Any],
) -> dict[str, Any]:
    """The key of `command`'s output for these parameters (a dataclass), on `day`."""
    return {
        "format": ENTRY_FORMAT,
        "sdtrack": __version__,
        "code": code_stamp(),
        "command": command,
        "parameters": _plain(dataclasses.asdict(parameters)),  # type: ignore[call-overload]
        "targets": str(location.targets_path.absolute()),
        "readings": str(location.readings_path.absolute()),
        "workspace_as_given": str(location.root),  # outputs name it as it was given
        "embedded": location.embedded,
        "day": day.isoformat(),
        "language": current(),
        "console": dict(console),
    }


def _plain(value: Any) -> Any:
    """Parameters as JSON holds them: paths as text, lists as lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def workspace_stamps(location: WorkspaceLocation) -> list[Stamp]:
    """The stamps of the workspace's two files: take them before reading the files."""
    return [stamp_file(location.targets_path), stamp_file(location.readings_path)]


def replay(cache: Path | None, key: Mapping[str, Any]) -> Printed | None:
    """What was printed under `key`, if every file it was computed from is unchanged."""
    if cache is None:
        return None
    saved = load_entry(cache, CACHE_KIND, key)
    if not isinstance(saved, dict):
        return None
    stdout, stderr, code = saved.get("stdout"), saved.get("stderr"), saved.get("code")
    if not isinstance(stdout, str) or not isinstance(stderr, str):
        return None
    if code is not None and (not isinstance(code, int) or isinstance(code, bool)):
        return None
    return Printed(stdout, stderr, code)


def keep(cache: Path | None, key: Mapping[str, Any], stamps: list[Stamp], printed: Printed) -> None:
    """Keep what was printed under `key`, valid while the files match `stamps`."""
    if cache is not None:
        store_entry(cache, CACHE_KIND, key, stamps, dataclasses.asdict(printed))
