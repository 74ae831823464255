"""A zip archive of deflated members, a large one compressed on a thread as it is written.

`ooxml` writes a sheet's rows before the head that must precede them (the column widths
are known only once every row is), and the rows of 100,000 readings are some 50 MB of
XML: deflating them after the last row took a tenth of an export of W1. Here the rows
are deflated as they come, on a worker thread (zlib lets go of the interpreter while it
compresses), and the head, deflated on its own and ended at a byte's boundary
(`Z_FULL_FLUSH`, as pigz joins the pieces it deflates apart), is put before them: one
deflate stream. The member's CRC-32 is the head's and the rows' combined (`combined_crc`).

The worker holds the interpreter for a moment per chunk (to take it, and to spool what
it deflated), and a thread waiting for the interpreter gets it only when the running one
has had it for the switch interval, 5 ms by default: the worker fell behind and the
writer waited for it, 0.35 s of a sheet of 100,000 readings that takes 0.5 s to write
without deflating. While rows are being deflated the interval is 1 ms (`SWITCH_SECONDS`).

The archive is written here too, not by `zipfile`, which cannot take a member deflated
already: a local header and the data for each member, then the central directory, every
member dated 1980-01-01, so that the same members give the same bytes. Standard library
only; no member or archive may reach 4 GiB (no zip64: Excel would not open it either).
"""

from __future__ import annotations

import io
import queue
import struct
import sys
import tempfile
import threading
import zlib
from collections.abc import Iterable, Iterator
from typing import IO

_LIMIT = 0xFFFFFFFF
_ZEROS = bytes(1 << 20)
# Version 2.0, no flags, deflated, 1980-01-01 00:00 (DOS time 0, date 0x21).
_VERSION, _FLAGS, _DEFLATED, _TIME, _DATE = 20, 0, 8, 0, 0x21
# Chunks waiting for the worker: enough to keep it busy, few enough to hold little.
_WAITING = 8
SWITCH_SECONDS = 0.001
"""The interpreter's switch interval while a worker deflates: an export of W1 took 2.1 s
at 0.1, 0.2, 0.5 or 1 ms, 2.4 s at the default 5 ms (benchmarks/, five runs of each)."""


def combined_crc(first: int, second: int, second_length: int) -> int:
    """The CRC-32 of `A + B` from `first`, A's (`zlib.crc32(A)`), and `second`, B's
    computed from 0xFFFFFFFF (`zlib.crc32(B, 0xFFFFFFFF)`), B being `second_length` bytes.

    CRC-32 is linear in its register: B's run from A's register is the run of A's register
    through B's length of zero bytes, added to B's run from a register of zero (which the
    start 0xFFFFFFFF gives, zlib inverting the register before and after)."""
    shifted = first
    for start in range(0, second_length, len(_ZEROS)):
        shifted = zlib.crc32(_ZEROS[: min(len(_ZEROS), second_length - start)], shifted)
    return ~(shifted ^ second) & _LIMIT


class _QuickerSwitches:
    """`SWITCH_SECONDS` while any worker deflates, the interval found before once none does."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers = 0
        self._before = 0.0

    def enter(self) -> None:
        with self._lock:
            if not self._workers:
                self._before = sys.getswitchinterval()
                sys.setswitchinterval(min(self._before, SWITCH_SECONDS))
            self._workers += 1

    def leave(self) -> None:
        with self._lock:
            self._workers -= 1
            if not self._workers:
                sys.setswitchinterval(self._before)


_quicker_switches = _QuickerSwitches()


class Deflating:
    """Bytes deflated on a worker thread as they are written, into a spooled file (memory
    up to `spool_bytes`, then disk); `finish` puts a head before them and a tail after."""

    def __init__(self, level: int, spool_bytes: int) -> None:
        self._level = level
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
        self._packed: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=spool_bytes)  # noqa: SIM115
        self._crc = _LIMIT  # see `combined_crc`
        self._size = 0
        self._error: BaseException | None = None
        self._waiting: queue.Queue[bytes | None] = queue.Queue(_WAITING)
        self._worker = threading.Thread(target=self._deflate, name="sdtrack-deflate", daemon=True)
        _quicker_switches.enter()
        self._switching = True
        self._worker.start()

    def write(self, data: bytes) -> None:
        self._raise_error()
        self._waiting.put(data)

    def _deflate(self) -> None:
        while (data := self._waiting.get()) is not None:
            if self._error is not None:
                continue  # drained, unwritten: `write` or `finish` raises it
            try:
                self._crc = zlib.crc32(data, self._crc)
                self._size += len(data)
                self._packed.write(self._compressor.compress(data))
            except BaseException as error:  # raised on the writer's thread, by `write`
                self._error = error

    def _stop(self) -> None:
        if self._worker.is_alive():
            self._waiting.put(None)
            self._worker.join()
        if self._switching:
            self._switching = False
            _quicker_switches.leave()

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error

    def finish(self, head: bytes, tail: bytes) -> tuple[int, int, Iterator[bytes]]:
        """The CRC-32, the length and the deflated chunks of `head`, what was written and
        `tail`, one deflate stream; the chunks are read from the spool, closed after."""
        self._stop()
        self._raise_error()
        self._crc = zlib.crc32(tail, self._crc)
        self._size += len(tail)
        self._packed.write(self._compressor.compress(tail) + self._compressor.flush())
        opening = zlib.compressobj(self._level, zlib.DEFLATED, -zlib.MAX_WBITS)
        packed_head = opening.compress(head) + opening.flush(zlib.Z_FULL_FLUSH)
        crc = combined_crc(zlib.crc32(head), self._crc, self._size)
        self._packed.seek(0)
        return crc, len(head) + self._size, self._chunks(packed_head)

    def _chunks(self, first: bytes) -> Iterator[bytes]:
        try:
            yield first
            while chunk := self._packed.read(1 << 20):
                yield chunk
        finally:
            self._packed.close()

    def discard(self) -> None:
        """Let go of what was written (an error on the way)."""
        self._stop()
        self._packed.close()


class Archive:
    """A zip archive being written in memory: members one after the other, then `close`."""

    def __init__(self, level: int) -> None:
        self._level = level
        self._out = io.BytesIO()
        self._directory: list[bytes] = []

    def add(self, name: str, data: bytes) -> None:
        """A member of these bytes, deflated."""
        compressor = zlib.compressobj(self._level, zlib.DEFLATED, -zlib.MAX_WBITS)
        packed = compressor.compress(data) + compressor.flush()
        self.add_deflated(name, zlib.crc32(data), len(data), [packed])

    def add_deflated(self, name: str, crc: int, size: int, chunks: Iterable[bytes]) -> None:
        """A member deflated already: its CRC-32, its length, its deflated chunks."""
        encoded = name.encode("ascii")
        offset = self._out.tell()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, _VERSION, _FLAGS, _DEFLATED, _TIME, _DATE, 0, 0, 0,
            len(encoded), 0,
        )  # fmt: skip
        self._out.write(header + encoded)
        packed = 0
        for chunk in chunks:
            self._out.write(chunk)
            packed += len(chunk)
        end = self._out.tell()
        if max(size, packed, end) > _LIMIT:
            raise ValueError(f"{name} is too large for a zip archive without zip64")
        # The sizes and CRC, known now, go in the local header's place for them.
        self._out.seek(offset + 14)
        self._out.write(struct.pack("<III", crc, packed, size))
        self._out.seek(end)
        entry = struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, _VERSION, _VERSION, _FLAGS, _DEFLATED, _TIME,
            _DATE, crc, packed, size, len(encoded), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        self._directory.append(entry + encoded)

    def close(self) -> bytes:
        """The archive's bytes: the members, then their directory and its end."""
        start = self._out.tell()
        directory = b"".join(self._directory)
        count = len(self._directory)
        self._out.write(directory)
        self._out.write(
            struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0)
        )
        return self._out.getvalue()
