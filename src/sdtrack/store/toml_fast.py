"""The ledger's TOML parsed by the fastest parser installed: rtoml where it reads the text
as tomllib would, else tomllib itself.

rtoml (Rust) parses a ledger about three times as fast as tomllib, but it reads TOML 1.1,
which accepts a little more than the TOML 1.0 that tomllib reads and the README promises.
A text that may use what 1.1 adds goes to tomllib: a `\\x` or `\\e` escape, a time
without seconds, or an inline table (1.1 lets it span lines and end in a comma; sdtrack
writes none in a ledger, so only a hand edit has one, or a string holding a brace). So
does a text holding a carriage return (tomllib turns the line breaks of a
multi-line string into "\\n", rtoml keeps "\\r\\n", and a value must not depend on the
parser). Bare keys in other scripts, the last of 1.1, can only give an entry a key it must
not have, which the model refuses; the refused batch is then read again by tomllib, whose
error is located (`store.validation`). Anything rtoml refuses (a float beyond the double
range, a lone surrogate, a syntax error) is tomllib's to accept or to word. Offset
date-times come back with rtoml's own tzinfo; they compare, format and convert as
`datetime.timezone` does.

Use it for the ledger only: targets.toml is written by hand, where inline tables are the
norm, and is read by tomllib.
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


def beyond_toml_1_0(text: str) -> bool:
    """Whether TOML 1.1 may read `text` otherwise than 1.0: a \\x or \\e escape, a time of
    hours and minutes, an inline table; or a carriage return.

    Substring tests and one search with a literal first character: a regular expression
    for all of it scans a ledger twenty times slower than rtoml parses it."""
    if "\\x" in text or "\\e" in text or "{" in text or "\r" in text:
        return True
    for found in _MINUTES.finditer(text):
        colon = found.start()
        hours = colon >= 2 and text[colon - 2] in _DIGITS and text[colon - 1] in _DIGITS
        if hours and (colon == 2 or text[colon - 3] in _BEFORE_HOURS):
            return True
    return False


def loads(text: str) -> dict[str, Any]:
    """The document as tomllib reads it; raises tomllib's error when tomllib refuses it."""
    if fast_parser is None or beyond_toml_1_0(text):
        return tomllib.loads(text)
    try:
        parsed = fast_parser.loads(text)
    except Exception:
        return tomllib.loads(text)
    return parsed if isinstance(parsed, dict) else tomllib.loads(text)
