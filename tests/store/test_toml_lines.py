"""Locating a field path's line in TOML text."""

from __future__ import annotations

from sdtrack.store.toml_lines import TomlLines, locate

TEXT = """\
schema = 1

[[indicator]]
id = "a"

[[indicator.target]]
value = 5

[[indicator]]
id = "b"

[[indicator.target]]
value = 6
"""


def test_locate_finds_nested_array_fields() -> None:
    """A field in the second indicator's first target is found on its line."""
    assert locate(TEXT, ("indicator", 1, "target", 0, "value")) == 13
    assert locate(TEXT, ("indicator", 0, "id")) == 4


def test_top_level_keys_and_missing_tables() -> None:
    """A top-level key is found; a table that is not there is None."""
    lines = TomlLines(TEXT)
    assert lines.locate(("schema",)) == 1
    assert lines.locate(("indicator", 5, "id")) is None


def test_a_missing_key_falls_back_to_its_table_header() -> None:
    """A key absent from its table is located at the table's header."""
    assert locate(TEXT, ("indicator", 1, "unit")) == 9
