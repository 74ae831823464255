"""Inert text: every character a terminal obeys is shown, everything else kept."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.inert import HOSTILE, inert, inert_but_styles, is_inert, shown

# Every character `inert` must replace, listed by hand rather than from HOSTILE.
C0 = [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x61C)]
CONTROLS = [*C0, "\x7f", *C1, *BIDI]

# Any text, weighted towards controls and the sequences an attacker would write.
SEQUENCES = [
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x9b2J",
    "\x9d0;title\x9c",
    "\x1bP+q\x1b\\",
    "\u202eevil\u202c",
]
HOSTILE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(CONTROLS),
        st.sampled_from(SEQUENCES),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=30,
).map("".join)


def test_each_control_has_its_documented_form() -> None:
    """C0 in caret notation, DEL as ^?, C1 and bidi controls as <U+XXXX>."""
    assert inert("\x1b[2J") == "^[[2J"
    assert inert("\x00\x07\r\x1f") == "^@^G^M^_"
    assert inert("\x7f") == "^?"
    assert inert("\x9b2J") == "<U+009B>2J"
    assert inert("a\u202eb\u2069") == "a<U+202E>b<U+2069>"
    assert [shown(c) for c in ("\x1b", "\x85")] == ["^[", "<U+0085>"]


def test_newline_tab_and_ordinary_text_are_kept() -> None:
    """Newline, tab, Chinese, emoji, NBSP and the full-width forms pass unchanged."""
    text = "line one\n\tline two: 山东 22.4万 ＝＋ 🎉 \u00a0 café ~"
    assert inert(text) == text
    assert inert(text) is text  # clean text is not copied


@given(HOSTILE_TEXT)
def test_inert_text_holds_no_control(text: str) -> None:
    """Whatever the text, what comes out holds no C0 (but \\n, \\t), DEL, C1 or bidi control."""
    result = inert(text)
    assert is_inert(result)
    assert not any(c in result for c in CONTROLS)
    assert inert(result) == result  # idempotent


@given(HOSTILE_TEXT)
def test_inert_changes_only_the_controls(text: str) -> None:
    """Character by character: each control becomes its form, every other is kept."""
    assert inert(text) == "".join(shown(c) if c in CONTROLS else c for c in text)


def test_the_pattern_is_exactly_the_listed_characters() -> None:
    """HOSTILE matches the characters listed here and no other in the first planes."""
    listed = set(CONTROLS)
    for code in range(0x3000):
        assert (HOSTILE.match(chr(code)) is not None) == (chr(code) in listed), hex(code)


@given(HOSTILE_TEXT)
def test_styles_are_kept_and_the_rest_made_inert(text: str) -> None:
    """Rendered text keeps its SGR and OSC 8 sequences; any other escape is shown."""
    styled = f"\x1b[1;31m{text}\x1b[0m \x1b]8;id=1;https://example.org\x1b\\link\x1b]8;;\x1b\\"
    result = inert_but_styles(styled)
    assert result.startswith("\x1b[1;31m")
    assert result.endswith("\x1b]8;id=1;https://example.org\x1b\\link\x1b]8;;\x1b\\")
    rest = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x00-\x1f\x7f-\x9f]*?\x1b\\", "", result)
    assert is_inert(rest)


def test_inert_but_styles_leaves_clean_rendered_text() -> None:
    assert inert_but_styles("\x1b[1mbold\x1b[0m plain\n") == "\x1b[1mbold\x1b[0m plain\n"
    assert inert_but_styles("\x1b[2J\x1b[1mx") == "^[[2J\x1b[1mx"
