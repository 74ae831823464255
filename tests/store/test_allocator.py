"""glibc's mmap threshold, fixed before a large ledger is cut into batches."""

from __future__ import annotations

import ctypes
import sys

import pytest

from sdtrack.store import allocator, validation


def _is_glibc() -> bool:
    return sys.platform.startswith("linux") and hasattr(ctypes.CDLL(None), "gnu_get_libc_version")


@pytest.mark.skipif(not _is_glibc(), reason="the threshold is glibc's")
def test_glibc_takes_the_fixed_threshold() -> None:
    """On glibc, mallopt accepts the threshold (it returns 0 for a parameter it refuses)."""
    assert allocator.fix_mmap_threshold() is True


@pytest.mark.parametrize(("entries", "fixed"), [(10, False), (20_000, True)])
def test_the_threshold_is_fixed_only_before_a_large_ledger_is_cut(
    monkeypatch: pytest.MonkeyPatch, entries: int, fixed: bool
) -> None:
    """A ledger of many batches fixes the threshold before its batches are cut; a small one
    leaves the allocator alone (no ctypes import on a small workspace's cold path)."""
    calls: list[None] = []
    monkeypatch.setattr(allocator, "fix_mmap_threshold", lambda: bool(calls.append(None)))
    entry = '[[reading]]\nindicator = "x"\nvalue = 1\ndate = 2024\nsource = "s"\n' + "#" * 40
    batches = validation.ledger_batches("schema_version = 1\n\n" + "\n".join([entry] * entries))
    assert len(batches) == 1 + -(-entries // validation.LEDGER_BATCH)
    assert bool(calls) is fixed
