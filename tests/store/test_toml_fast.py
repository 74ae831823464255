"""The fast parser reads every text as tomllib does, or leaves it to tomllib."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.store import toml_fast


def _plain(value: Any) -> Any:
    """Offset date-times compared by their instant and offset, whatever their tzinfo class."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return ("aware", value.replace(tzinfo=None), value.utcoffset())
    return value


def _same_as_tomllib(text: str) -> None:
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        with pytest.raises(tomllib.TOMLDecodeError):
            toml_fast.loads(text)
        return
    assert _plain(toml_fast.loads(text)) == _plain(expected)


@pytest.mark.parametrize(
    "text",
    [
        "a = { b = 1, }\n",  # TOML 1.1: a trailing comma in an inline table
        "a = { b = 1,\n c = 2 }\n",  # TOML 1.1: a newline in an inline table
        'a = "\\x41"\n',  # TOML 1.1: \x escapes
        'a = "\\e"\n',  # TOML 1.1: \e
        "a = 2024-01-02T03:04\n",  # TOML 1.1: a time without seconds
        "a = 03:04\n",
        'a = """\r\nx\r\ny"""\r\n',  # tomllib turns these line breaks into \n
        "a = 1e400\n",  # rtoml refuses a float beyond the double range; tomllib reads inf
        'a = "\\ud800"\n',
        "a = 1\na = 2\n",
        "[[reading]]\nid = 1\n[[reading]]\nid = 2\n",
        'recorded = 2026-11-30T08:15:42.123456+08:00\nnote = "at 12:30 sharp"\n',
        "x = 2024-02-30\n",
        'source = { document = "Plan", date = 2024-04-10, zh = { document = "规划" } }\n',
        "a = { b = 1, b = 2 }\n",
        "a = { b = 1 }\n[a]\nc = 2\n",
        "a = { b = { c = 1 } }\na.b.d = 2\n",
        "a = { b = 2025-13-01 }\n",
        'a = { b = "\\u00e9 \\"q\\" \\t" } # note\n',
    ],
)
def test_texts_read_as_tomllib_reads_them(text: str) -> None:
    _same_as_tomllib(text)


_scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.text(max_size=20).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=8))])).map(
        lambda d: d.isoformat()
    ),
    st.text(alphabet=st.characters(min_codepoint=1, max_codepoint=0x7F), max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["id", "value", "date", "note", "x"]), _scalars)))
def test_generated_entries_read_as_tomllib_reads_them(fields: list[tuple[str, str]]) -> None:
    text = "".join(f"\n[[reading]]\n{key} = {value}\n" for key, value in fields)
    _same_as_tomllib(text)


_keys = st.sampled_from(["a", "b-c", "d_1", "document", "zh"])


def _inline_table(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Inline tables as hands write them: spaced or not, and some in TOML 1.1 only."""
    return st.builds(
        lambda pairs, comma, spread: (
            "{"
            + ("\n" if spread else " ").join(f"{k} = {v}," for k, v in pairs)[
                : None if comma else -1
            ]
            + "}"
        ),
        st.lists(st.tuples(_keys, values), min_size=1, max_size=4),
        st.booleans(),
        st.booleans(),
    )


_table_values = st.one_of(_scalars, _inline_table(_scalars), _inline_table(_inline_table(_scalars)))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_keys, _inline_table(_table_values)), max_size=3),
    st.sampled_from(["", " # a comment", "\nnote = 'x'"]),
)
def test_generated_inline_tables_read_as_tomllib_reads_them(
    tables: list[tuple[str, str]], tail: str
) -> None:
    text = "".join(f"\n[[target]]\n{key} = {table}{tail}\n" for key, table in tables)
    _same_as_tomllib(text)


# The rule for texts without a brace as one regular expression: what `beyond_toml_1_0`
# decides, only slower.
_AS_ONE_EXPRESSION = re.compile(r"\\[xe]|(?:^|[Tt =\[,])[0-9]{2}:[0-9]{2}(?![:0-9])|\r", re.M)


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list('0123456789:Tt =[,\n\r\\xe-Z"a')), max_size=40))
def test_the_check_decides_as_the_one_expression(text: str) -> None:
    assert toml_fast.beyond_toml_1_0(text) == bool(_AS_ONE_EXPRESSION.search(text))


@pytest.mark.parametrize(
    ("text", "beyond"),
    [
        ("a = 12:30\n", True),
        ("t = 1979-05-27T07:32Z\n", True),
        ("x = [12:30]", True),
        ("12:30", True),
        ("y = 07:32:00\n", False),
        ("z = 2026-11-22T12:00:00Z\n", False),
        ('s = "ratio 3:45x"\n', False),
        ('s = "\\x41"\n', True),
        ("t = { a = 1 }\n", False),
        ('source = { a = "x, \\"y\\"", d = 2024-04-10, zh = { a = "规划" } } # c\n', False),
        ("t = { a = 1, }\n", True),
        ("t = { a = 1,\n b = 2 }\n", True),
        ("t = { a = { b = { c = 1 } } }\n", True),
        ("t = [{ a = 1 }]\n", True),
        ('t = "{"\n', True),
        ("t = { a = 1 }\nu = { b = 1\n}\n", True),
        ("t = { a = 12:30 }\n", True),
        ("a = 1\r\n", True),
    ],
)
def test_what_goes_to_tomllib(text: str, beyond: bool) -> None:
    assert toml_fast.beyond_toml_1_0(text) is beyond
