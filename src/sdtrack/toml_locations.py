"""Map a validation error's field path back to a line of the TOML text.

`tomllib` gives no positions for values, so this scans the text for the array-of-tables
headers (`[[indicator]]`, `[[indicator.target]]`, `[[reading]]`) and `key =` lines that a
hand-edited sdtrack file is made of. It returns None when it cannot be sure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


def _header_path(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


def locate(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line that holds `path` (e.g. ('indicator', 2, 'target', 0, 'value'))."""
    # The table the path points into: the longest prefix of (name, index) pairs.
    table: list[tuple[str, int]] = []
    rest = list(path)
    while len(rest) >= 2 and isinstance(rest[0], str) and isinstance(rest[1], int):
        table.append((rest[0], rest[1]))
        rest = rest[2:]
    key = rest[0] if rest and isinstance(rest[0], str) else None

    counters: dict[tuple[str, ...], int] = {}
    current: tuple[str, ...] = ()
    current_indices: dict[tuple[str, ...], int] = {}
    table_line: int | None = 1 if not table else None
    wanted_names = tuple(name for name, _ in table)
    wanted_indices = [index for _, index in table]

    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = _header_path(header.group(2))
            if not table and key is not None and names[0] == key:
                # a top-level key given as a table: [key] or [key.sub]
                return number
            if header.group(1) == "[[":
                counters[names] = counters.get(names, -1) + 1
                # a new parent element resets the counts of its sub-arrays
                for other in list(counters):
                    if len(other) > len(names) and other[: len(names)] == names:
                        del counters[other]
                current_indices[names] = counters[names]
            current = names
            in_table = names == wanted_names and all(
                current_indices.get(wanted_names[: i + 1]) == wanted_indices[i]
                for i in range(len(wanted_names))
            )
            if in_table:
                table_line = number
            elif table_line is not None and table and key is not None:
                # the wanted table ended without the key
                return table_line
            continue
        if key is None or table_line is None:
            continue
        if current != wanted_names:
            continue
        match = _KEY.match(line)
        if match and match.group(1) == key:
            return number
    return table_line
