"""What command bodies share: the workspace location, the as-of day, and output that is
either the `--json` document or the rendered text, printed again from the read cache while
the workspace is unchanged (`emit_cached`). Light: the start-up path uses it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sdtrack.core import clock
from sdtrack.core.errors import Problem, UsageError
from sdtrack.core.language import N_, _
from sdtrack.core.periods import PeriodError, parse_period
from sdtrack.fast import read_cache
from sdtrack.fast.cache import cache_in_use
from sdtrack.present.render import terminal
from sdtrack.store.locations import WorkspaceLocation, locate_workspace

if TYPE_CHECKING:
    from rich.console import Console


def location(directory: Path | None) -> WorkspaceLocation:
    """The workspace: --dir, then $SDTRACK_DIR, then upward from here, else embedded."""
    return locate_workspace(directory, os.environ.get("SDTRACK_DIR"), Path.cwd())


def cache_directory() -> Path | None:
    """The cache directory in use, or None when $SDTRACK_NO_CACHE is set."""
    return cache_in_use(os.environ)


AS_OF_HINT = N_(
    "--as-of takes a day, a month or a year; a month or a year stands for its last day "
    "(2025-06 is 2025-06-30, 2025 is 2025-12-31)"
)


def as_of_day(text: str | None) -> dt.date:
    """The day to judge on: `--as-of`, else today. A month or a year stands for its last
    day (`2025-06` is 2025-06-30, `2025` is 2025-12-31), as `spec.AS_OF_HELP` says."""
    if text is None:
        return clock.now().date()
    return period_day(text, "--as-of", hint=_(AS_OF_HINT))


def period_day(text: str, option: str, *, first: bool = False, hint: str | None = None) -> dt.date:
    """The day an option names: a day, or a month's or a year's last day (its first day
    with `first`); a UsageError naming `option` otherwise."""
    try:
        period = parse_period(text)
    except PeriodError as error:
        raise UsageError([Problem(str(error), field=option)], hint=hint) from None
    return period.start if first else period.end


def emit(
    as_json: bool, document: Callable[[], dict[str, Any]], text: Callable[[Console], None]
) -> None:
    """Print the JSON document (and only it) with `--json`, else the rendered text."""
    console = terminal.make_console()
    if as_json:
        terminal.print_json(console, document())
    else:
        text(console)


@dataclass(frozen=True)
class Output:
    """A read command's output, computed only on a miss: its `--json` document and its
    rendering, each made only if it is the one asked for."""

    document: Callable[[], dict[str, Any]]
    text: Callable[[Console], None]


def emit_cached(
    command: str,
    parameters: Any,
    where: WorkspaceLocation,
    day: dt.date,
    as_json: bool,
    compute: Callable[[], Output],
) -> None:
    """Print what `compute` gives (`--json`: the document, else the rendering), or what
    was printed before for the same command, parameters, day, console and files."""
    console = terminal.make_console()
    cache = cache_directory()
    signature = {**terminal.console_signature(console), "json": as_json}
    key = read_cache.read_key(command, parameters, where, day, signature)
    found = read_cache.replay(cache, key)
    if found is not None:
        terminal.write_rendered(console, found.stdout)
        return
    stamps = read_cache.workspace_stamps(where) if cache is not None else []
    output = compute()
    if as_json:
        printed = terminal.json_text(output.document())
    else:
        printed = terminal.rendered(console, output.text)
    terminal.write_rendered(console, printed)
    read_cache.keep(cache, key, stamps, read_cache.Printed(printed))
