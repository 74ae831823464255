"""The terminal: inert consoles, errors with hints, plain JSON and problem lines."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.control import Control
from rich.style import Style
from rich.table import Table
from rich.text import Text

from sdtrack.core.errors import Problem, UsageError
from sdtrack.present import json_text as json_text_module
from sdtrack.present.render.terminal import (
    PIPED_WIDTH,
    InertConsole,
    json_text,
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


# Stored text that would drive a terminal: ESC sequences, BEL, C1, bidi, an OSC 8 link.
HOSTILE = (
    "\x1b[2J\x1b]0;pwned\x07\x9b2J\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
    "\u202eevil\u2066\x7f\x00"
)
RICH_ESCAPE = re.compile(
    r"\x1b\[[0-9;]*m|\x1b\]8;id=[0-9]+;[^\x00-\x1f\x7f-\x9f]*\x1b\\|\x1b\]8;;\x1b\\"
)


def terminal_console(monkeypatch: pytest.MonkeyPatch) -> Console:
    """make_console's console, as on a colour terminal, writing to a string."""
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    console = make_console()
    console.file = io.StringIO()
    return console


def assert_only_rich_escapes(written: str) -> None:
    rest = RICH_ESCAPE.sub("", written)
    assert "\x1b" not in rest, repr(rest)
    assert not any(0x80 <= ord(c) <= 0x9F or c in "\u202a\u202e\u2066\u2069" for c in rest)
    assert not any(ord(c) < 0x20 and c not in "\n\t" for c in rest)


def test_consoles_are_inert(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every console make_console returns shows control characters instead of obeying them."""
    assert isinstance(make_console(), InertConsole)
    assert isinstance(make_console(stderr=True), InertConsole)
    console = terminal_console(monkeypatch)
    assert console.is_terminal
    table = Table("name")
    table.add_row(Text(HOSTILE, style="bold"))
    console.print(Text("source: ", style="green") + Text(HOSTILE), table, soft_wrap=True)
    console.print(HOSTILE, markup=False)
    console.out(HOSTILE)
    written = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1m" in written  # Rich's own styles stay
    assert "^[[2J^[]0;pwned<U+009B>2J" in written
    assert "<U+202E>evil<U+2066>^?^@" in written
    assert_only_rich_escapes(written)


def test_piped_console_writes_no_escape_at_all() -> None:
    """Piped, with NO_COLOR: not one ESC, whatever the text held."""
    console = make_console()
    console.file = io.StringIO()
    console.print(Text(HOSTILE, style="bold red link https://x.example"))
    written = console.file.getvalue()
    assert "\x1b" not in written
    assert_only_rich_escapes(written)


def test_rich_links_and_control_segments_stay(monkeypatch: pytest.MonkeyPatch) -> None:
    """A link Rich makes stays a link (its target made inert); cursor movement stays raw."""
    console = terminal_console(monkeypatch)
    console.print(Text("site", style="link https://example.org/a"))
    console.print(Text("bad", style=Style(link="https://x\x1b]0;t\x07")))
    console.control(Control.move_to_column(0), Control.show_cursor(False))
    written = console.file.getvalue()  # type: ignore[attr-defined]
    assert re.search(r"\x1b\]8;id=[0-9]+;https://example.org/a\x1b\\site", written)
    assert "https://x^[]0;t^G" in written
    assert "\x1b[1G" in written
    assert "\x1b[?25l" in written


@given(st.text(alphabet=st.characters(max_codepoint=0x2100), max_size=40))
def test_any_text_prints_inert(text: str) -> None:
    """Any text, printed on a colour terminal, leaves only Rich's own SGR codes."""
    console = InertConsole(file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(Text(text, style="bold"), Text(text))
    assert_only_rich_escapes(console.file.getvalue())  # type: ignore[attr-defined]


def test_json_is_inert_and_the_same_document() -> None:
    """print_json writes DEL, C1 and bidi controls as \\u escapes: the same data, inert."""
    console = recording_console()
    data = {"source": HOSTILE, "name": "山东\t"}
    print_json(console, data)
    written = console.file.getvalue()  # type: ignore[attr-defined]
    assert json.loads(written) == data
    for escaped in ("\\u009b", "\\u202e", "\\u007f"):
        assert escaped in written
    assert_only_rich_escapes(written)
    assert "山东" in written


@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=30,
    )
)
def test_json_written_in_pieces_is_the_whole_text(value: object) -> None:
    """However the document is cut into the pieces written (a value or two each here),
    the text is json_text's: the same escapes, the same layout, one last newline."""
    console = recording_console()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_text_module, "_PIECES_PER_WRITE", 1)
        print_json(console, {"value": value})
    assert console.file.getvalue() == json_text({"value": value})  # type: ignore[attr-defined]
