"""`status` through the cache: compute once per content of the files, then reuse.

A hit costs one small JSON read and a stat of each workspace file; only a miss loads the
model, parses the workspace and assesses every target. The key holds everything the
result depends on besides the files (the day, the method, the ids asked for, sdtrack's
version and code), and the entry holds the files' stamps, checked on every lookup.

What the table printed is cached too, beside it (`cached_text`, `store_text`): keyed by
the status key and the console's signature (width, colours, encoding), with the same
stamps, so that a hit on an unchanged terminal prints the stored text without laying a
table out again.

`status --known-at` is never cached: its answer depends on git's history of
targets.toml as well as on the files, so it is computed every time, and neither reads
nor writes an entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sdtrack import __version__
from sdtrack.core.choices import Method
from sdtrack.core.language import current
from sdtrack.fast.cache import Stamp, code_stamp, load_checked, stamp_file, store_entry
from sdtrack.present.status_view import StatusView
from sdtrack.store.locations import WorkspaceLocation

CACHE_KIND = "status"
TEXT_KIND = "statustext"
# Beside a whole workspace's entry: its parts by indicator, which an append brings up to date.
PARTS_KIND = "statusparts"
ENTRY_FORMAT = 2
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class StatusResult:
    """The `--json` document and the table's view of one status computation."""

    document: dict[str, Any]
    view: StatusView
    from_cache: bool
    notes: tuple[str, ...] = ()
    """Lines to print above the table (`--known-at`: what the standing leaves out)."""
    key: dict[str, Any] | None = None
    """The cache key it was found or stored under; None when it is not cached."""
    stamps: list[Stamp] | None = None
    """The workspace files' stamps it was computed from."""


@dataclass(frozen=True)
class KnownAt:
    """`status --known-at DAY`: the standing as sdtrack knew it at the end of `day` (UTC).
    `today` tells whether targets.toml is the working tree's or a past commit's."""

    day: dt.date
    today: dt.date


@dataclass(frozen=True)
class Scope:
    """Which targets `status` shows and how: only a region's (`--region`, as typed),
    only a plan's (`--plan`), or the breakdown by region (`--by region`)."""

    region: str | None = None
    plan: str | None = None
    by: str | None = None


def status_key(
    location: WorkspaceLocation,
    as_of: dt.date,
    ids: Sequence[str],
    method: Method | None,
    scope: Scope = Scope(),
) -> dict[str, Any]:
    return {
        "format": ENTRY_FORMAT,
        "sdtrack": __version__,
        "code": code_stamp(),
        "targets": str(location.targets_path.absolute()),
        "readings": str(location.readings_path.absolute()),
        "workspace_as_given": str(location.root),  # the output names it as it was given
        "embedded": location.embedded,
        "as_of": as_of.isoformat(),
        "ids": list(ids),
        "method": method,
        "region": scope.region,
        "plan": scope.plan,
        "by": scope.by,
        "language": current(),  # every phrase of the view is worded in it
    }


def cached_status(
    location: WorkspaceLocation,
    as_of: dt.date,
    ids: Sequence[str],
    method: Method | None,
    cache: Path | None,
    progress: Progress | None = None,
    known_at: KnownAt | None = None,
    scope: Scope = Scope(),
) -> StatusResult:
    """The status of the workspace on `as_of`, from the cache when its files are unchanged.

    `progress` is told how much of the ledger is validated, on a miss. With `known_at`,
    the standing as known then, computed without the cache (and without a `scope`).
    """
    if known_at is not None:
        from sdtrack.present.changes import known_status

        document, view, notes = known_status(
            location, known_at.day, known_at.today, as_of, ids, method, progress
        )
        return StatusResult(document, view, False, notes)
    key = status_key(location, as_of, ids, method, scope)
    if cache is not None and (found := load_checked(cache, CACHE_KIND, key)) is not None:
        saved, checked = found
        try:
            if isinstance(saved, dict) and isinstance(saved.get("json"), dict):
                view = StatusView.from_data(saved["view"])
                return StatusResult(saved["json"], view, True, key=key, stamps=checked)
        except (KeyError, TypeError, ValueError):
            pass  # an entry of another shape: recompute and replace it
    stamps = [stamp_file(location.targets_path), stamp_file(location.readings_path)]
    if not ids and scope == Scope():
        document, view = _whole_status(location, as_of, method, progress, cache, key, stamps)
        return StatusResult(document, view, False, key=key, stamps=stamps)
    # Imported on a miss only: a hit loads neither the model nor the assessment.
    from sdtrack.present.status_rows import compute_status

    document, view = compute_status(
        location, as_of, ids, method, progress, region=scope.region, plan=scope.plan, by=scope.by
    )
    if cache is not None:
        store_entry(cache, CACHE_KIND, key, stamps, {"json": document, "view": view.to_data()})
    return StatusResult(document, view, False, key=key, stamps=stamps)


def _whole_status(
    location: WorkspaceLocation,
    as_of: dt.date,
    method: Method | None,
    progress: Progress | None,
    cache: Path | None,
    key: dict[str, Any],
    stamps: list[Stamp],
) -> tuple[dict[str, Any], StatusView]:
    """Every target's status, computed in parts (`present.status_parts`); with a cache,
    the parts are kept beside the entry, so that an append can bring it up to date
    (`fast.status_refresh`) by reassessing only the indicators it touched."""
    from sdtrack.present.status_parts import status_in_parts

    computed = status_in_parts(location, as_of, method, progress)
    if cache is not None:
        store_entry(
            cache, CACHE_KIND, key, stamps, {"json": computed.document, "view": computed.view}
        )
        parts = {i: p.to_data() for i, p in computed.parts.items()}
        store_entry(cache, PARTS_KIND, key, stamps, parts)
    return computed.document, StatusView.from_data(computed.view)


def _text_key(result: StatusResult, signature: dict[str, Any]) -> dict[str, Any] | None:
    if result.key is None or result.notes:
        return None
    return {**result.key, "console": signature}


def cached_text(cache: Path | None, result: StatusResult, signature: dict[str, Any]) -> str | None:
    """The table as a console of `signature` printed it from this result, if stored."""
    key = _text_key(result, signature)
    if cache is None or key is None:
        return None
    found = load_checked(cache, TEXT_KIND, key)
    return found[0] if found is not None and isinstance(found[0], str) else None


def store_text(
    cache: Path | None, result: StatusResult, signature: dict[str, Any], text: str
) -> None:
    """Keep what a console of `signature` printed from this result, under its stamps."""
    key = _text_key(result, signature)
    if cache is not None and key is not None and result.stamps is not None:
        store_entry(cache, TEXT_KIND, key, result.stamps, text)
