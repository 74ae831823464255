"""Map a validation error's field path back to a line of the TOML text.

`tomllib` gives no positions for values, so this scans the text for the array-of-tables
headers (`[[indicator]]`, `[[indicator.target]]`, `[[reading]]`) and `key =` lines that a
hand-edited sdtrack file is made of. It returns None when it cannot be sure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def _header_path(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


@dataclass
class _Segment:
    header_line: int
    keys: dict[str, int] = field(default_factory=dict)


class TomlLines:
    """One pass over a TOML text, so that any number of field paths are located cheaply.

    A file with thousands of problems (a damaged ledger) is located in linear time.
    """

    def __init__(self, text: str) -> None:
        self._top_keys: dict[str, int] = {}
        self._top_tables: dict[str, int] = {}
        self._segments: dict[tuple[tuple[str, ...], tuple[int | None, ...]], _Segment] = {}
        counters: dict[tuple[str, ...], int] = {}
        current_indices: dict[tuple[str, ...], int] = {}
        segment: _Segment | None = None
        before_first_header = True
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                before_first_header = False
                names = _header_path(header.group(2))
                self._top_tables.setdefault(names[0], number)
                if header.group(1) == "[[":
                    counters[names] = counters.get(names, -1) + 1
                    # a new parent element resets the counts of its sub-arrays
                    for other in list(counters):
                        if len(other) > len(names) and other[: len(names)] == names:
                            del counters[other]
                    current_indices[names] = counters[names]
                indices = tuple(current_indices.get(names[: i + 1]) for i in range(len(names)))
                identity = (names, indices)
                if identity in self._segments:
                    segment = None  # only the first occurrence of a table is searched
                else:
                    segment = self._segments[identity] = _Segment(number)
                continue
            match = _KEY.match(line)
            if not match:
                continue
            if before_first_header:
                self._top_keys.setdefault(match.group(1), number)
            elif segment is not None:
                segment.keys.setdefault(match.group(1), number)

    def locate(self, path: Sequence[str | int]) -> int | None:
        """The 1-based line that holds `path` (e.g. ('indicator', 2, 'target', 0, 'value'))."""
        # The table the path points into: the longest prefix of (name, index) pairs.
        names: list[str] = []
        indices: list[int] = []
        rest = list(path)
        while len(rest) >= 2 and isinstance(rest[0], str) and isinstance(rest[1], int):
            names.append(rest[0])
            indices.append(rest[1])
            rest = rest[2:]
        key = rest[0] if rest and isinstance(rest[0], str) else None
        if not names:
            if key is None:
                return 1
            # a top-level key, or a top-level key given as a table: [key] or [key.sub]
            return self._top_keys.get(key) or self._top_tables.get(key) or 1
        found = self._segments.get((tuple(names), tuple(indices)))
        if found is None:
            return None
        if key is not None and key in found.keys:
            return found.keys[key]
        return found.header_line


def locate(text: str, path: Sequence[str | int]) -> int | None:
    """The line of one field path; use TomlLines to locate many in the same text."""
    return TomlLines(text).locate(path)
