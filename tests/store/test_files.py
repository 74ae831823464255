"""Reading workspace files: size limits, UTF-8 decoding and TOML parsing, each located."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.core.errors import DataError
from sdtrack.store.files import (
    MAX_LEDGER_BYTES,
    MAX_TARGETS_BYTES,
    decode_toml_bytes,
    parse_toml,
    read_text,
    too_large,
)
from sdtrack.store.locations import locate_workspace

LABEL = Path("targets.toml")


def test_utf8_with_a_byte_order_mark_is_accepted() -> None:
    """UTF-8 text decodes, and a leading byte-order mark is dropped."""
    assert decode_toml_bytes("a = '山东'\n".encode(), LABEL) == "a = '山东'\n"
    assert decode_toml_bytes(b"\xef\xbb\xbfa = 1\n", LABEL) == "a = 1\n"


def test_utf16_is_refused() -> None:
    """A UTF-16 file is refused with a message saying to save it as UTF-8."""
    with pytest.raises(DataError, match="is UTF-16") as caught:
        decode_toml_bytes("a = 1\n".encode("utf-16"), LABEL)
    assert caught.value.problems[0].file == LABEL


def test_a_nul_byte_is_refused_with_its_line() -> None:
    """A NUL byte is refused, located on the line that holds it."""
    with pytest.raises(DataError, match="NUL byte") as caught:
        decode_toml_bytes(b"a = 1\nb = 2\nc\x00 = 3\n", LABEL)
    assert caught.value.problems[0].line == 3


def test_invalid_utf8_is_located() -> None:
    """Bytes that are not UTF-8 are refused on their line."""
    with pytest.raises(DataError, match="not valid UTF-8") as caught:
        decode_toml_bytes(b"a = 1\nb = '\xff'\n", LABEL)
    assert caught.value.problems[0].line == 2


def test_parse_toml_locates_a_syntax_error() -> None:
    """A TOML syntax error names the file and line."""
    assert parse_toml("a = 1\n", LABEL) == {"a": 1}
    with pytest.raises(DataError, match="TOML syntax error") as caught:
        parse_toml("a = 1\n[[indicator]\n", LABEL)
    assert caught.value.problems[0].line == 2


def test_too_large_names_the_kind_of_file() -> None:
    """The size message says which limit applies."""
    assert "targets files of at most 16 MB" in too_large(20 * 1024 * 1024, MAX_TARGETS_BYTES)
    assert "ledgers of at most 256 MB" in too_large(300 * 1024 * 1024, MAX_LEDGER_BYTES)


def test_read_text_of_an_absent_file_is_none(workspace: Path) -> None:
    """An absent optional file reads as None; a directory is a data error."""
    location = locate_workspace(workspace, None, workspace)
    assert read_text(location, workspace / "absent.toml") is None
    (workspace / "dir.toml").mkdir()
    with pytest.raises(DataError, match="is a directory"):
        read_text(location, workspace / "dir.toml")
