"""The terminal: consoles, errors with hints, plain JSON and problem lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sdtrack.core.errors import Problem, UsageError
from sdtrack.present.render.terminal import (
    PIPED_WIDTH,
    make_console,
    print_error,
    print_json,
    print_problems,
    print_written,
    status_text,
)

from ..conftest import recording_console


def test_error_lines_start_with_error_and_hint() -> None:
    """Each problem is an `error:` line; the hint follows on a `hint:` line."""
    console = recording_console()
    print_error(console, UsageError("no indicator 'x'", hint="see `sdtrack targets`"))
    assert console.export_text() == "error: no indicator 'x'\nhint: see `sdtrack targets`\n"


def test_json_is_printed_unstyled_and_whole() -> None:
    """print_json writes the document as indented JSON, non-ASCII kept."""
    console = recording_console()
    print_json(console, {"name": "山东", "n": 1})
    written = console.file.getvalue()  # type: ignore[attr-defined]
    assert json.loads(written) == {"name": "山东", "n": 1}
    assert "山东" in written


def test_problems_and_written_paths() -> None:
    """Problems print one a line; one written file is named, many by their folder."""
    console = recording_console()
    print_problems(console, [Problem("bad", Path("a.toml"), 3)])
    print_written(console, [Path("out/report.md")])
    print_written(console, [Path("out/data/a.csv"), Path("out/data/b.csv")])
    assert console.export_text().splitlines() == [
        "a.toml:3: bad",
        "wrote out/report.md",
        "wrote 2 files under out",
    ]


def test_status_text_is_styled_by_status() -> None:
    """A known status gets its style; no status shows the band instead."""
    assert status_text("missed").style == "red"
    assert status_text(None, "rising").plain == "rising"


def test_piped_console_is_wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a terminal or $COLUMNS the console is PIPED_WIDTH wide."""
    monkeypatch.delenv("COLUMNS")
    assert make_console().width == PIPED_WIDTH


def test_status_text_shows_its_words_in_the_code_s_style() -> None:
    """A status shows the words given (the reader's language), styled by its English code."""
    text = status_text("off_track", words="偏离目标")
    assert text.plain == "偏离目标"
    assert str(text.style) == "bold red"
    assert status_text("off_track").plain == "off_track"
    assert status_text(None, "moderate progress", "ignored").plain == "moderate progress"
