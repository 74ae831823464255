"""Shell completion of ids: indicators, targets, readings, regions and plans, read cheaply
from the workspace.

A parameter names its completer in `spec` (`complete="items"`); `commands.app` hands the
function here to Typer as the parameter's `autocompletion`. Choices (`--method`, `--lang`,
`--qualifier`) complete from their `Literal` type, `--format` from the table of formats.

Ids come from the targets cache (`fast.targets_cache`) and, for readings, from the
ledger's index in the cache when there is one, else from the ledger itself. A completion
never prints and never fails: a broken workspace, a missing file or anything else that
goes wrong gives no completions, so the shell offers nothing rather than a traceback.

Each completer is a Typer `autocompletion` callback: Typer passes it the Click context
(`ctx`, with the options read so far, `--dir` among them) and the word being typed.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sdtrack.commands.common import cache_directory, location
from sdtrack.store.locations import WorkspaceLocation

Completer = Callable[[Any, str], list[str]]
# How many ids a shell is offered at most: past this a list helps nobody.
MOST = 500


def _directory(context: Any) -> Path | None:
    """The `--dir` given so far on the command line, if any (the command's or the app's)."""
    while context is not None:
        directory = (getattr(context, "params", None) or {}).get("directory")
        if directory is not None:
            return Path(directory)
        context = getattr(context, "parent", None)
    return None


def _offered(ids: Iterable[str], incomplete: str) -> list[str]:
    """The ids that start with what was typed, each once, in order; only plain words (an
    id with a space or a control character would break the shell's list)."""
    seen: dict[str, None] = {}
    for item in ids:
        if (
            item.startswith(incomplete)
            and item.isprintable()
            and not any(c.isspace() for c in item)
        ):
            seen.setdefault(item, None)
            if len(seen) >= MOST:
                break
    return list(seen)


def quiet(find: Callable[[Callable[[], WorkspaceLocation]], Iterable[str]]) -> Completer:
    """A completer offering what `find` lists (given how to find the workspace), with
    nothing printed and nothing raised."""

    def complete(ctx: Any, incomplete: str) -> list[str]:  # Typer reads these two names
        try:
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                return _offered(find(lambda: location(_directory(ctx))), incomplete)
        except Exception:  # whatever goes wrong, the shell is offered nothing
            return []

    complete.__name__ = find.__name__
    return complete


Where = Callable[[], WorkspaceLocation]


def _targets(where: Where) -> Any:
    from sdtrack.fast.targets_cache import cached_targets

    return cached_targets(where(), cache_directory())


def _indicators(where: Where) -> list[Any]:
    return list(_targets(where).indicators)


def region_ids(where: Where) -> list[str]:
    """The workspace's regions: its own first, then the built-in and declared ones."""
    from sdtrack.core.regions import region_table

    targets = _targets(where)
    table = region_table(targets.regions)
    own = [targets.region] if targets.region in table else []
    return own + [r for r in table if r not in own]


def plan_ids(where: Where) -> list[str]:
    """The workspace's plans, oldest first."""
    return [plan.id for plan in sorted(_targets(where).plans, key=lambda p: p.date)]


def indicator_ids(where: Where) -> list[str]:
    return [indicator.id for indicator in _indicators(where)]


def item_ids(where: Where) -> list[str]:
    """Indicator ids, then target ids."""
    indicators = _indicators(where)
    return [i.id for i in indicators] + [t.id for i in indicators for t in i.targets]


def reading_ids(where: Where) -> list[str]:
    """The ledger's reading ids: from its index in the cache while it is the size of the
    ledger (a cheap look, enough for a suggestion), else from the ledger itself."""
    found = where()
    indexed = _indexed_reading_ids(found)
    if indexed is not None:
        return indexed
    from sdtrack.store.workspace import load_workspace

    return [entry.id for entry in load_workspace(found).ledger.entries]


def _indexed_reading_ids(where: WorkspaceLocation) -> list[str] | None:
    cache = cache_directory()
    if cache is None:
        return None
    from sdtrack.fast.ledger_index import index_path

    path = index_path(cache, where.readings_path).absolute()
    if not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            (size,) = db.execute("SELECT size FROM meta").fetchone()
            if size != where.readings_path.stat().st_size:
                return None
            return [row[0] for row in db.execute("SELECT id FROM entries ORDER BY position")]
    except (sqlite3.Error, TypeError, ValueError):
        return None


def reading_or_item_ids(where: Where) -> list[str]:
    """What `readings ID` takes: an indicator or target id, or a reading id."""
    return item_ids(where) + reading_ids(where)


def format_names(where: Where) -> list[str]:
    from sdtrack.present.exporters import FORMAT_LIST

    return [f.name for f in FORMAT_LIST]


COMPLETERS: dict[str, Completer] = {
    "indicators": quiet(indicator_ids),
    "items": quiet(item_ids),
    "readings": quiet(reading_ids),
    "readings-or-items": quiet(reading_or_item_ids),
    "formats": quiet(format_names),
    "regions": quiet(region_ids),
    "plans": quiet(plan_ids),
}
