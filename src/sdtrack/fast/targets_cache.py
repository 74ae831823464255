"""The validated-targets cache: `store.workspace.load_targets`, wrapped from outside.

A valid targets.toml's content is saved as JSON and, while the file is unchanged, read
back from there: validated all the same, but without the TOML parse, which is most of the
time for a file of a thousand targets.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from pydantic import ValidationError

from sdtrack import __version__
from sdtrack.core.model import TargetsFile
from sdtrack.fast.cache import code_stamp, load_entry, stamp_file, store_entry
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.workspace import load_targets

CACHE_KIND = "targets"


def cached_targets(location: WorkspaceLocation, cache: Path | None) -> TargetsFile:
    """The validated targets.toml, from the cache while the file is unchanged.

    Without a `cache` directory this is `load_targets` itself.
    """
    if cache is None:
        return load_targets(location)
    key = {"format": 1, "sdtrack": __version__, "code": code_stamp()}
    key["targets"] = str(location.targets_path.absolute())
    saved = load_entry(cache, CACHE_KIND, key)
    if saved is not None:
        with contextlib.suppress(ValidationError):
            return TargetsFile.model_validate(saved)
    stamp = stamp_file(location.targets_path)
    targets = load_targets(location)
    store_entry(cache, CACHE_KIND, key, [stamp], targets.model_dump(mode="json", by_alias=True))
    return targets
