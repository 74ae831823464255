"""Reading workspace files: size limits, UTF-8 decoding and TOML parsing, each located."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from sdtrack.core.errors import DataError
from sdtrack.store import toml_fast
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


def test_the_shipped_targets_read_as_tomllib_reads_them() -> None:
    """The shipped targets.toml, read by the fast parser (its source lines qualify), is the
    document tomllib reads, key order and all."""
    text = (Path(__file__).parents[2] / "targets.toml").read_text(encoding="utf-8")
    assert not toml_fast.beyond_toml_1_0(text)
    parsed = parse_toml(text, LABEL)
    assert parsed == tomllib.loads(text)
    assert json.dumps(parsed, default=str) == json.dumps(tomllib.loads(text), default=str)


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


# Anything but a regular file is refused by name, and nothing can hang or exhaust memory.


def _kinds(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    import os
    import socket

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    directory = tmp_path / "dir"
    directory.mkdir()
    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(sock_path))  # the socket file stays once the socket is closed
    return {
        "device": (Path("/dev/zero"), "is not a regular file but a device"),
        "fifo": (fifo, r"is not a regular file but a named pipe \(FIFO\)"),
        "directory": (directory, "is a directory"),
        "socket": (sock_path, "is not a regular file but a socket"),
    }


@pytest.mark.parametrize("kind", ["device", "fifo", "directory", "socket"])
@pytest.mark.parametrize("name", ["targets.toml", "readings.toml"])
def test_a_non_regular_workspace_file_is_refused_by_name(
    workspace: Path, tmp_path: Path, kind: str, name: str
) -> None:
    """A device, FIFO, directory or socket (or a link to one) is a located error, at once."""
    source, message = _kinds(tmp_path)[kind]
    (workspace / name).unlink()
    (workspace / name).symlink_to(source)
    location = locate_workspace(workspace, None, workspace)
    with pytest.raises(DataError, match=message) as raised:
        read_text(location, workspace / name)
    assert raised.value.problems[0].file == workspace / name


def test_the_size_limit_counts_the_bytes_read(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file holding more than the limit is refused, whatever size stat reports."""
    import sdtrack.store.files as files

    monkeypatch.setattr(files, "MAX_TARGETS_BYTES", 100)
    location = locate_workspace(workspace, None, workspace)
    with pytest.raises(DataError, match="sdtrack reads targets files of at most"):
        files.read_text(location, workspace / "targets.toml")
    assert files.read_limited(workspace / "targets.toml", LABEL, 10**9)


@pytest.mark.parametrize("digits", [4301, 5000, 100_000])
def test_an_integer_of_thousands_of_digits_is_a_located_error(digits: int) -> None:
    """tomllib's int() refusal past 4300 digits becomes a Problem on the number's line."""
    text = f'a = 1\nb = "x"\nc = {"9" * digits}\n'
    with pytest.raises(DataError, match="too many digits") as raised:
        parse_toml(text, LABEL)
    assert raised.value.problems[0].line == 3
