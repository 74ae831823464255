"""glibc's malloc told to keep its mmap threshold where it starts, before a large ledger
is cut into batches.

glibc serves a request of 128 KiB or more by mmap, and when such a block is freed it
raises that threshold to the block's size (mallopt(3), M_MMAP_THRESHOLD: "dynamic mmap
threshold"). One such block freed early in a run (one is, since targets.toml is parsed by
rtoml) then sends every batch of ledger text cut after it to the heap, whose freed space
is not given back while the readings' rows are made: a first status of a million readings
peaked at 451 MB so, 343 MB with the threshold fixed before the batches are cut
(`/usr/bin/time -f "%M KB"`, benchmarks/README.md). Setting the threshold explicitly turns
the adjustment off. Elsewhere than glibc (macOS, Windows, musl) nothing is done.
"""

from __future__ import annotations

import functools
import sys

# mallopt's parameter number for M_MMAP_THRESHOLD (glibc's malloc.h) and glibc's default.
_M_MMAP_THRESHOLD = -3
_DEFAULT_THRESHOLD = 128 * 1024


@functools.cache
def fix_mmap_threshold() -> bool:
    """Fix glibc's mmap threshold at its default; whether it was fixed. Once a process."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # only on the path that reads a large ledger

    try:
        libc = ctypes.CDLL(None)
        if not hasattr(libc, "gnu_get_libc_version"):
            return False  # musl and others: their mallopt is not glibc's
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _DEFAULT_THRESHOLD))
    except (OSError, AttributeError):
        return False
