"""The hostile-input corpus: every bad input gets its documented message and exit code.

Each `tests/corpus/*.toml` manifest lists `[[case]]`s. A case starts from the small valid
workspace in `tests/corpus/base/`, spoils one file (`append` to it, `replace` it, re-encode
it with `transform`, or `generate` something that cannot be committed: a huge file, a
directory, a link), runs `args` (default `check`) and expects:

* `exit`: the exit code (1 for a bad file, 2 for a bad command line);
* `message`: a fragment of what stderr must say;
* where: `at` (text on the line the message must name as `file:line`; the last line
  holding it counts), `line`, or
  `field` (the field path or option named); `whole_file = true` when the problem is the
  file itself (its encoding, its kind, its size), so that its name is the location.

For every case: no traceback, the exit code, the message, the location, and no file
created, removed or changed.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.store.files import MAX_LEDGER_BYTES
from sdtrack.store.locations import READINGS_FILE

from .conftest import FIGURES, tree_state

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base"
HUGE_BYTES = 40 * 1024 * 1024
CASE_KEYS = {
    "name", "file", "append", "replace", "transform", "generate", "args", "exit", "message",
    "at", "line", "field", "whole_file", "why",
}  # fmt: skip


def _cases() -> list[Any]:
    cases = []
    for manifest in sorted(CORPUS.glob("*.toml")):
        for case in tomllib.loads(manifest.read_text(encoding="utf-8"))["case"]:
            unknown = set(case) - CASE_KEYS
            assert not unknown, f"{manifest.name}: {case.get('name')}: unknown keys {unknown}"
            case_id = f"{manifest.stem}/{case['name']}"
            marks = []
            if case.get("generate") == "unreadable" and os.geteuid() == 0:
                marks.append(
                    pytest.mark.skip(reason="running as root, which can read a chmod-000 file")
                )
            cases.append(pytest.param(case, id=case_id, marks=marks))
    return cases


CASES = _cases()

ENCODINGS = {
    "bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
    "utf-16": lambda text: text.encode("utf-16"),
    "utf-16-be": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "utf-16-le-without-bom": lambda text: text.encode("utf-16-le"),
    "latin-1": lambda text: text.encode("latin-1"),
    "cp1252": lambda text: text.encode("cp1252"),
    "gbk": lambda text: text.encode("gbk"),
    "cut-utf-8": lambda text: text.encode("utf-8")[:-1],
}


def _generate(kind: str, path: Path, text: str) -> None:
    """Put at `path` what a manifest cannot hold."""
    if kind == "huge":
        block = text.encode("utf-8") + b"\n# padding\n" * 1000
        with path.open("wb") as handle:
            while handle.tell() < HUGE_BYTES:
                handle.write(block)
            if path.name == READINGS_FILE:  # past the ledger limit, sparse: nothing written
                handle.truncate(MAX_LEDGER_BYTES + 1024 * 1024)
    elif kind == "directory":
        path.unlink()
        path.mkdir()
    elif kind == "dangling-symlink":
        path.unlink()
        path.symlink_to("nowhere.toml")
    elif kind == "symlink-loop":
        path.unlink()
        path.symlink_to(path.name)
    elif kind == "symlink-to-directory":
        path.unlink()
        (path.parent / "elsewhere").mkdir()
        path.symlink_to("elsewhere")
    elif kind == "unreadable":
        path.chmod(0)
    elif kind == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif kind == "absent":
        path.unlink()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "deep-arrays":
        path.write_text(text + "deep = " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    elif kind == "deep-inline-tables":
        depth = 20_000
        path.write_text(text + "deep = " + "{a = " * depth + "1" + "}" * depth + "\n")
    elif kind == "deep-table-headers":
        path.write_text(text + "[" + ".".join(["deep"] * 5_000) + "]\nx = 1\n")
    else:
        raise AssertionError(f"unknown generate {kind!r}")


def _build(case: dict[str, Any], directory: Path) -> tuple[Path, str]:
    """The spoiled workspace; returns the spoiled file and the text it was made from."""
    shutil.copytree(BASE, directory)
    path = directory / case["file"]
    text = case["replace"] if "replace" in case else path.read_text(encoding="utf-8")
    text += case.get("append", "")
    transform = case.get("transform")
    path.write_bytes(ENCODINGS[transform](text) if transform else text.encode("utf-8"))
    if "generate" in case:
        _generate(case["generate"], path, text)
        if path.is_file() and not path.is_symlink() and path.stat().st_size < HUGE_BYTES:
            text = path.read_bytes().decode("utf-8", "replace")
    return path, text


@pytest.mark.parametrize("case", CASES)
def test_hostile_input(case: dict[str, Any], tmp_path: Path) -> None:
    """A bad input: no traceback, its exit code, its message, its location, no change."""
    directory = tmp_path / "ws"
    path, text = _build(case, directory)
    before = tree_state(directory)
    command, *args = case.get("args", ["check"])
    result = CliRunner().invoke(app, [command, "--dir", str(directory), *args])
    FIGURES["corpus cases"] += 1
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    if crashed or "Traceback" in result.output:
        FIGURES["tracebacks seen"] += 1
    assert not crashed, f"traceback: {result.exception!r}"
    assert "Traceback" not in result.output
    err = result.stderr
    assert result.exit_code == case["exit"], err
    assert case["message"] in err
    if case["exit"] == 1:
        assert str(path) in err, "the message must name the file"
    located = [k for k in ("at", "line", "field", "whole_file") if k in case]
    assert located, "each case says where its problem is: at, line, field or whole_file"
    if "at" in case:
        lines = text.splitlines()
        line = max(n for n, t in enumerate(lines, start=1) if case["at"] in t)
        assert f"{path}:{line}:" in err
    if "line" in case:
        assert f"{path}:{case['line']}:" in err
    if "field" in case:
        assert case["field"] in err
    assert tree_state(directory) == before


def test_corpus_is_large_enough() -> None:
    """The corpus holds at least 100 cases, with distinct names."""
    ids = [case.id for case in CASES]
    assert len(ids) >= 100
    assert len(set(ids)) == len(ids)
