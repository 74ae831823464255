"""JSON text exactly as `json.dumps(data, ensure_ascii=False, indent=2)` writes it, at the
speed of the standard library's C encoder.

The standard library encodes in C only without `indent`; with it, every value goes
through Python generators, about 1.5 µs a value: 3 s for an export of W1's 100,000
readings. Most of a document's values sit in flat containers (a reading, a target's
latest figure: objects whose values are all scalars), and a flat container is written
with `indent` just as the C encoder writes it with the item separator ",\\n" and the
indent, between a newline after its bracket and one before the closing bracket (a string
never holds a raw newline: JSON escapes it). So the containers above the flat ones are
walked here, and each flat one is encoded in C at once. `tests/present/test_json_text.py`
checks the text against `json.dumps` on any JSON document (nested fewer than a few
hundred levels: the walk is recursive; sdtrack's documents are six deep).
"""

from __future__ import annotations

from _json import make_encoder
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring
from typing import Any

INDENT = 2
# Containers of these alone are written by the C encoder (a subclass of one goes the slow
# way, which writes it alike).
_SCALAR_TYPES = frozenset({str, int, float, bool, type(None)})
# Pieces gathered before they are joined and written.
_PIECES_PER_WRITE = 4096
Encoder = Callable[[Any, int], list[str]]


def _unserializable(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _c_encoder(item_separator: str) -> Encoder:
    encoder: Encoder = make_encoder(
        None,  # no cycle check: a document is a tree
        _unserializable,
        encode_basestring,
        None,
        ": ",
        item_separator,
        False,
        False,
        True,
    )
    return encoder


class EncodedItems:
    """An array whose items are given as JSON text already: each item's text as
    `json.dumps(item, ensure_ascii=False, indent=2)` writes it on its own. The writer
    indents each line to the array's depth (a JSON text holds a newline only between its
    tokens: a string escapes its own), so the document is the one the items would give.
    Iterated once, as it is written: 100,000 readings are never held as text at once.

    `indented`, if given, makes the same texts with each newline already followed by the
    array's indent (it is called with the newline and that indent): the writer then
    writes them as they come instead of indenting each."""

    def __init__(
        self, texts: Iterable[str], indented: Callable[[str], Iterable[str]] | None = None
    ) -> None:
        self.texts = texts
        self.indented = indented


class _Writer:
    """Writes a document's text into `out`, handing it to `write` a piece at a time."""

    def __init__(self, write: Callable[[str], object]) -> None:
        self._flat: dict[int, Encoder] = {}
        self._scalar = _c_encoder(", ")
        self._write = write
        self.out: list[str] = []

    def flush(self) -> None:
        if self.out:
            self._write("".join(self.out))
            self.out.clear()

    def flat_encoder(self, level: int) -> Encoder:
        encoder = self._flat.get(level)
        if encoder is None:
            encoder = self._flat[level] = _c_encoder(",\n" + " " * (INDENT * level))
        return encoder

    def value(self, value: object, level: int) -> None:
        if isinstance(value, dict):
            self._container(value, value.values(), level, "{", "}")
        elif isinstance(value, list | tuple):
            self._container(value, value, level, "[", "]")
        elif isinstance(value, EncodedItems):
            self._encoded(value, level)
        else:
            self.out += self._scalar(value, 0)  # raises TypeError, as json.dumps does

    def _encoded(self, items: EncodedItems, level: int) -> None:
        out = self.out
        inner = "\n" + " " * (INDENT * (level + 1))
        separator = "[" + inner
        if items.indented is None:
            texts: Iterable[str] = (text.replace("\n", inner) for text in items.texts)
        else:
            texts = items.indented(inner)
        for text in texts:
            out.append(separator + text)
            separator = "," + inner
            if len(out) >= _PIECES_PER_WRITE:
                self.flush()
        out.append("[]" if separator[0] == "[" else "\n" + " " * (INDENT * level) + "]")

    def _container(
        self, value: Any, items: Iterable[Any], level: int, opening: str, closing: str
    ) -> None:
        out = self.out
        if not value:
            out.append(opening + closing)
            return
        inner = "\n" + " " * (INDENT * (level + 1))
        outer = "\n" + " " * (INDENT * level)
        if set(map(type, items)) <= _SCALAR_TYPES:
            text = "".join(self.flat_encoder(level + 1)(value, 0))
            out.append(opening + inner + text[1:-1] + outer + closing)
            return
        separator = opening + inner
        if opening == "{":
            # A run of scalar items is encoded in C at once, as a flat object's items are.
            run: dict[Any, Any] = {}
            for key, item in value.items():
                if type(item) in _SCALAR_TYPES:
                    run[key] = item
                    continue
                if run:
                    out.append(separator + "".join(self.flat_encoder(level + 1)(run, 0))[1:-1])
                    separator = "," + inner
                    run = {}
                out.append(separator + self._key_text(key) + ": ")
                separator = "," + inner
                self.value(item, level + 1)
            if run:
                out.append(separator + "".join(self.flat_encoder(level + 1)(run, 0))[1:-1])
        else:
            for item in value:
                out.append(separator)
                separator = "," + inner
                self.value(item, level + 1)
                if len(out) >= _PIECES_PER_WRITE:
                    self.flush()
        out.append(outer + closing)

    def _key_text(self, key: object) -> str:
        """A key as json.encoder writes it (skipkeys=False): a string; a number, a boolean
        or None as the text of its JSON value, quoted."""
        if isinstance(key, str):
            return encode_basestring(key)
        if type(key) in _SCALAR_TYPES or isinstance(key, int | float):
            return encode_basestring("".join(self._scalar(key, 0)))
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def write_json(data: object, write: Callable[[str], object]) -> None:
    """Hand `write` the text of `json.dumps(data, ensure_ascii=False, indent=2)`, in
    pieces of a few thousand values, so that a large document is never held whole as
    text."""
    writer = _Writer(write)
    writer.value(data, 0)
    writer.flush()


def json_dumps(data: object) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, exactly."""
    pieces: list[str] = []
    write_json(data, pieces.append)
    return "".join(pieces)
