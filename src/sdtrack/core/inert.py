"""Text made inert for a terminal: control characters shown, never obeyed.

Stored text (a source, a note, a name, a path, `$SDTRACK_DIR`, an `-o` name) may hold
bytes a terminal obeys: ESC starting a CSI sequence (clear the screen, move the cursor),
an OSC sequence (set the window title, an OSC 8 link), an 8-bit C1 control (U+009B is a
one-character CSI), or a bidi override that shows text in another order than it is
stored. `inert` replaces each such character with a visible, harmless form:

- a C0 control (U+0000-U+001F) but newline and tab, in caret notation, as `cat -v` and
  `less` show it: ESC is `^[`, BEL `^G`, carriage return `^M`, NUL `^@`;
- DEL (U+007F) as `^?`;
- a C1 control (U+0080-U+009F), a bidi embedding, override or isolate (U+202A-U+202E,
  U+2066-U+2069) or a bidi mark (U+200E, U+200F, U+061C) as `<U+XXXX>`: `<U+009B>`,
  `<U+202E>`.

Every other character, newline and tab included, is kept as it is. Standard library
only: the start-up path imports it before anything heavy (`commands.base`, `entry`).
`make_console` in `present.render.terminal` applies it to every text segment a console
writes; the few writes that bypass a console call it themselves.
"""

from __future__ import annotations

import re

# Every character a terminal may obey, or that reorders what it shows.
HOSTILE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# The escape sequences sdtrack's renderer (Rich) writes itself, kept by `inert_but_styles`:
# SGR (colour and weight) and OSC 8 hyperlinks whose target holds no control character.
STYLE_SEQUENCE = re.compile("\x1b\\[[0-9;]*m|\x1b\\]8;[^\x00-\x1f\x7f-\x9f]*?(?:\x1b\\\\|\x07)")


def shown(character: str) -> str:
    """The visible form of one hostile character (see the module's docstring)."""
    code = ord(character)
    if code < 0x20:
        return "^" + chr(code + 0x40)
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def _shown(match: re.Match[str]) -> str:
    return shown(match.group())


def is_inert(text: str) -> bool:
    """Whether `text` holds no character a terminal obeys."""
    return HOSTILE.search(text) is None


def inert(text: str) -> str:
    """`text` with every control and bidi character replaced by its visible form."""
    if HOSTILE.search(text) is None:
        return text
    return HOSTILE.sub(_shown, text)


def inert_but_styles(text: str) -> str:
    """`text` made inert, keeping the SGR and OSC 8 sequences a renderer wrote into it.

    For text Rich has already rendered (a saved help text): its styles stay, anything
    else that would reach the terminal raw is shown instead.
    """
    if HOSTILE.search(text) is None:
        return text
    pieces: list[str] = []
    start = 0
    for match in STYLE_SEQUENCE.finditer(text):
        pieces.append(inert(text[start : match.start()]))
        pieces.append(match.group())
        start = match.end()
    pieces.append(inert(text[start:]))
    return "".join(pieces)
