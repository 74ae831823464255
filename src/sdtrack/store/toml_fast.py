"""A TOML document parsed by the fastest parser installed: rtoml where it reads the text
as tomllib would, else tomllib itself.

rtoml (Rust) parses a ledger about three times as fast as tomllib, and targets.toml six
times, but it reads TOML 1.1, which accepts a little more than the TOML 1.0 that tomllib
reads and the README promises. A text that may use what 1.1 adds goes to tomllib: a `\\x`
or `\\e` escape, a time without seconds, or an inline table that is not plainly whole on
its line (1.1 lets one span lines and end in a comma). A line holding a brace is left to
rtoml only when one expression reads it as a key set to a table of keys and plain values
(or of such tables) closed on that line with no trailing comma (`_ONE_LINE_TABLE`): the
source lines of a targets.toml are such lines; any other line with a brace (a table nested
deeper, an array of tables, a brace in a string of its own line) sends the text to
tomllib. So does a text holding a carriage return (tomllib turns the line breaks of a
multi-line string into "\\n", rtoml keeps "\\r\\n", and a value must not depend on the
parser). Bare keys in other scripts, the last of 1.1, rtoml refuses as 1.0 does. Anything
rtoml refuses (a float beyond the double range, a lone surrogate, nesting deeper than it
recurses, a syntax error) is tomllib's to accept or to word. Offset date-times come back
with rtoml's own tzinfo; they compare, format and convert as `datetime.timezone` does.
"""

from __future__ import annotations

import re
import tomllib
from types import ModuleType
from typing import Any

fast_parser: ModuleType | None
try:
    import rtoml as fast_parser
except ImportError:  # pragma: no cover - rtoml is a dependency; tomllib is the fallback
    fast_parser = None

# A time of hours and minutes ends in a colon and two digits that no colon or digit
# follows; the seconds of every full time do too, so each such ending is a candidate,
# kept only when two digits and a line's start, "T", "t", " ", "=", "[" or "," precede it.
_MINUTES = re.compile(r":[0-9]{2}(?![:0-9])")
_BEFORE_HOURS = frozenset("Tt =[,\n")
_DIGITS = frozenset("0123456789")
# A line that is a bare key set to an inline table of bare keys and plain values, or tables
# of them one level down (a source's `zh`), closed on the line without a trailing comma, a
# comment after it. A plain value is a string without controls but a tab (its escapes are
# 1.0's: `beyond_toml_1_0` has ruled out \x and \e), a decimal number, a boolean, a day.
# TOML 1.0 and 1.1 read such a line alike, and it cannot be inside a value that spans lines:
# an array's line does not start with a key, and a multi-line string's line is text to both.
_KEY = r"[A-Za-z0-9_-]+"
_PLAIN_VALUE = (
    r'(?:"(?:[^"\\\x00-\x08\x0a-\x1f\x7f]|\\[^\x00-\x1f\x7f])*"'
    r"|'[^'\x00-\x08\x0a-\x1f\x7f]*'"
    r"|[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?"
    r"|true|false"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2})"
)


def _table_of(value: str) -> str:
    pair = rf"{_KEY}[ \t]*=[ \t]*{value}"
    return rf"\{{[ \t]*(?:{pair}(?:[ \t]*,[ \t]*{pair})*[ \t]*)?\}}"


_ONE_LINE_TABLE = re.compile(
    rf"[ \t]*{_KEY}[ \t]*=[ \t]*{_table_of(rf'(?:{_PLAIN_VALUE}|{_table_of(_PLAIN_VALUE)})')}"
    r"[ \t]*(?:#[^\n]*)?"
)


def beyond_toml_1_0(text: str) -> bool:
    """Whether TOML 1.1 may read `text` otherwise than 1.0: a \\x or \\e escape, a time of
    hours and minutes, an inline table not plainly whole on its line; or a carriage return.

    Substring tests and searches with a literal first character: a regular expression
    for all of it scans a ledger twenty times slower than rtoml parses it."""
    if "\\x" in text or "\\e" in text or "\r" in text:
        return True
    if "{" in text and not _tables_on_one_line(text):
        return True
    for found in _MINUTES.finditer(text):
        colon = found.start()
        hours = colon >= 2 and text[colon - 2] in _DIGITS and text[colon - 1] in _DIGITS
        if hours and (colon == 2 or text[colon - 3] in _BEFORE_HOURS):
            return True
    return False


def _tables_on_one_line(text: str) -> bool:
    """Whether every line holding a "{" is one `_ONE_LINE_TABLE` reads whole."""
    whole = _ONE_LINE_TABLE.fullmatch
    brace = text.find("{")
    while brace >= 0:
        start = text.rfind("\n", 0, brace) + 1
        end = text.find("\n", brace)
        end = len(text) if end < 0 else end
        if whole(text, start, end) is None:
            return False
        brace = text.find("{", end)
    return True


def loads(text: str) -> dict[str, Any]:
    """The document as tomllib reads it; raises tomllib's error when tomllib refuses it."""
    if fast_parser is None or beyond_toml_1_0(text):
        return tomllib.loads(text)
    try:
        parsed = fast_parser.loads(text)
    except Exception:
        return tomllib.loads(text)
    return parsed if isinstance(parsed, dict) else tomllib.loads(text)
