"""The zip archive: CRCs combined as zlib computes them whole, rows deflated on a thread
behind a head deflated apart, and an archive that `zipfile` and `unzip` read back."""

from __future__ import annotations

import io
import sys
import threading
import zipfile
import zlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sdtrack.present.exporters import zip_archive
from sdtrack.present.exporters.zip_archive import (
    SWITCH_SECONDS,
    Archive,
    Deflating,
    combined_crc,
)

BYTES = st.binary(max_size=3000) | st.sampled_from([b"", b"\x00" * 70, b"<row/>" * 500])


@given(BYTES, BYTES)
@example(b"head", bytes(range(256)) * 5000)  # longer than the zeros run at once
def test_a_combined_crc_is_the_crc_of_the_whole(first: bytes, second: bytes) -> None:
    combined = combined_crc(zlib.crc32(first), zlib.crc32(second, 0xFFFFFFFF), len(second))
    assert combined == zlib.crc32(first + second)


def unpacked(chunks: list[bytes]) -> bytes:
    return zlib.decompress(b"".join(chunks), -zlib.MAX_WBITS)


@settings(max_examples=60, deadline=None)
@given(BYTES, st.lists(BYTES, max_size=12), BYTES, st.sampled_from([1, 5, 9]))
def test_rows_deflated_behind_their_head_are_one_stream(
    head: bytes, rows: list[bytes], tail: bytes, level: int
) -> None:
    """Head, rows and tail inflate to what was written, with its CRC and length; a spool
    smaller than the rows goes to disk on the way."""
    deflating = Deflating(level, spool_bytes=64)
    for row in rows:
        deflating.write(row)
    crc, size, chunks = deflating.finish(head, tail)
    whole = head + b"".join(rows) + tail
    assert unpacked(list(chunks)) == whole
    assert (crc, size) == (zlib.crc32(whole), len(whole))


class Refusing:
    """A compressor that fails, as a full disk would fail the spool."""

    def compress(self, data: bytes) -> bytes:
        raise OSError("no space left on device")


def test_a_failure_on_the_worker_is_raised_on_the_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    deflating = Deflating(5, spool_bytes=1 << 20)
    monkeypatch.setattr(deflating, "_compressor", Refusing())
    deflating.write(b"<row/>")
    while deflating._error is None:  # the worker fails on its own time
        deflating._worker.join(0.01)
    with pytest.raises(OSError, match="no space"):
        deflating.write(b"<row/>")
    with pytest.raises(OSError, match="no space"):
        deflating.finish(b"", b"")
    deflating.discard()
    assert not deflating._worker.is_alive()


def test_a_discarded_member_stops_its_worker() -> None:
    before = threading.active_count()
    deflating = Deflating(5, spool_bytes=1 << 20)
    deflating.write(b"x" * 10_000)
    deflating.discard()
    assert threading.active_count() == before


def archive_of(members: dict[str, bytes], streamed: tuple[bytes, list[bytes], bytes]) -> bytes:
    archive = Archive(5)
    deflating = Deflating(5, spool_bytes=1 << 20)
    head, rows, tail = streamed
    for row in rows:
        deflating.write(row)
    archive.add_deflated("xl/worksheets/sheet1.xml", *deflating.finish(head, tail))
    for name, data in members.items():
        archive.add(name, data)
    return archive.close()


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(st.from_regex(r"[a-z]{1,8}/[a-z]{1,8}\.xml", fullmatch=True), BYTES),
    st.tuples(BYTES, st.lists(BYTES, max_size=5), BYTES),
)
def test_an_archive_reads_back_whole_with_its_members_in_order(
    members: dict[str, bytes], streamed: tuple[bytes, list[bytes], bytes]
) -> None:
    data = archive_of(members, streamed)
    assert data == archive_of(members, streamed)  # the same members, the same bytes
    with zipfile.ZipFile(io.BytesIO(data)) as read:
        assert read.testzip() is None
        assert read.namelist() == ["xl/worksheets/sheet1.xml", *members]
        head, rows, tail = streamed
        assert read.read("xl/worksheets/sheet1.xml") == head + b"".join(rows) + tail
        for name, content in members.items():
            assert read.read(name) == content
        for info in read.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.compress_type == zipfile.ZIP_DEFLATED


def test_a_member_beyond_what_a_zip_without_zip64_holds_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(zip_archive, "_LIMIT", 10)
    with pytest.raises(ValueError, match="too large"):
        Archive(5).add("big.xml", b"x" * 11)


def test_the_switch_interval_is_quicker_only_while_a_worker_deflates() -> None:
    before = sys.getswitchinterval()
    first = Deflating(5, spool_bytes=1 << 20)
    second = Deflating(5, spool_bytes=1 << 20)
    assert sys.getswitchinterval() == min(before, SWITCH_SECONDS)
    list(first.finish(b"", b"")[2])  # its chunks read, its spool closed
    assert sys.getswitchinterval() == min(before, SWITCH_SECONDS)  # the second still deflates
    second.discard()
    second.discard()  # twice: nothing more
    assert sys.getswitchinterval() == before
