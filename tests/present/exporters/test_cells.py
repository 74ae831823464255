"""Formula neutralisation as a class: any leading invisible character, any form of
`= + - @`, in every spreadsheet file sdtrack writes (CSV, XLSX, the Open SDG data CSV)."""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sdtrack.core.model import Indicator, Reading
from sdtrack.present.exporters.cells import csv_text, is_formula, neutralise, visible_start
from sdtrack.present.exporters.csv_file import write_csv
from sdtrack.present.exporters.open_sdg import data_csv

from .conftest import one_sheet

# What the tests take to start a formula, written out independently of the module:
# ASCII, full-width, small and superscript/subscript forms, and the minus signs.
TRIGGERS = "=+-@＝＋－＠﹦﹢﹣﹫⁼⁺⁻₌₊₋\u2212\u2796"
# What a reader cannot see: spaces, separators, controls, format (zero-width) characters.
BLANKS = " \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000"
BLANKS += "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u180e\ufeff\u00ad\u034f\x00\x1b\x7f\x9b"


def hidden(ch: str) -> bool:
    return (
        ch in BLANKS or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")
    )


def stripped(text: str) -> str:
    for index, ch in enumerate(text):
        if not hidden(ch):
            return text[index:]
    return ""


def dangerous(text: str) -> bool:
    """Whether a spreadsheet could run `text`: its first visible character starts a
    formula, or its first character is a tab or carriage return (or another control)."""
    start = stripped(text)
    if text[:1] and unicodedata.category(text[0]) == "Cc":
        return True
    return bool(start) and start[0] in TRIGGERS


def inert(cell: str) -> bool:
    return cell.startswith("'") or not dangerous(cell)


# Any text, weighted towards what the class is about: invisible characters then a trigger.
prefix = st.text(alphabet=st.sampled_from(BLANKS), max_size=4)
hostile = st.builds(
    lambda a, b, c: a + b + c, prefix, st.sampled_from(TRIGGERS), st.text(max_size=8)
)
anything = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)
cells = st.one_of(hostile, anything)


@pytest.mark.parametrize(
    "text",
    [
        "=SUM(A1)",
        "+1",
        "-2",
        "@cmd",
        "\tx",
        "\rx",
        "\nx",
        " =1",
        "\t=1",
        "\n=cmd|' /C calc'!A0",
        "\xa0=1",
        "\u200b=1",
        "\ufeff+1",
        "\u3000@x",
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "﹦1",
        "\u22121",
    ],
)
def test_formula_starts_are_neutralised(text: str) -> None:
    """Every way a cell can start a formula is prefixed with an apostrophe."""
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Bulletin", " leading space", "\u200bword", "'=1", "", "5G"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    """Text that starts with a visible non-formula character, or nothing, is unchanged."""
    assert neutralise(text) == text


@pytest.mark.parametrize("value", [-5, -2.5, Decimal("-2400000000000"), True, None])
def test_numbers_booleans_and_empty_cells_are_never_touched(value: object) -> None:
    """A negative number is a number cell, not text: it stays as it is."""
    assert neutralise(value) is value


def test_visible_start_skips_every_kind_of_blank() -> None:
    assert visible_start(BLANKS + "x") == "x"
    assert visible_start(BLANKS) == ""


@given(cells)
def test_neutralise_leaves_nothing_a_spreadsheet_runs(text: str) -> None:
    """For any text: the cell is the text, or the text behind an apostrophe; never a
    formula; and neutralising twice changes nothing more."""
    cell = neutralise(text)
    assert isinstance(cell, str)
    assert cell in (text, "'" + text)
    assert inert(cell)
    assert neutralise(cell) == cell
    assert (cell != text) == is_formula(text)


@settings(max_examples=60)
@given(st.lists(cells, min_size=1, max_size=6))
def test_csv_cells_read_back_inert(texts: list[str]) -> None:
    """Written by the CSV exporter and read back by `csv`, no cell is a formula."""
    for excel in (False, True):
        data = write_csv(["c"], [{"c": t} for t in texts], excel=excel).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(data, newline="")))
        assert [row[0] for row in rows[1:]] == [neutralise(t) for t in texts]
        assert all(inert(row[0]) for row in rows[1:])


@settings(max_examples=40, deadline=None)
@given(st.lists(cells, min_size=1, max_size=6))
def test_xlsx_cells_read_back_inert(texts: list[str]) -> None:
    """Written by the XLSX exporter and read back by openpyxl, no cell is a formula; a
    character XML cannot hold is a replacement character, not a failed export."""
    read = load_workbook(one_sheet(["note"], [{"note": t} for t in texts]))
    for (cell,) in read.active.iter_rows(min_row=2):
        text = cell.value or ""
        assert cell.data_type == "s" or text == ""
        assert inert(text)


@given(cells)
def test_open_sdg_data_csv_units_read_back_inert(unit: str) -> None:
    """The Open SDG data CSV writes a unit a spreadsheet would run behind an apostrophe;
    its years and values stay numbers, a negative value too."""
    indicator = Indicator.model_construct(id="x", name="X", unit=unit, kind="stock")
    reading = Reading.model_validate(
        {"indicator": "x", "value": "-2400000000000.5", "date": "2024", "source": "s"}
    )
    text = data_csv(indicator, [reading]).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [row["Units"] for row in rows] == [neutralise(unit)]
    assert all(inert(row["Units"]) for row in rows)
    assert [(row["Year"], row["Value"]) for row in rows] == [("2024", "-2400000000000.5")]


def test_csv_text_quotes_a_bare_carriage_return() -> None:
    """Python's writer with "\\n" rows leaves a CR unquoted; `csv_text` quotes it."""
    assert csv_text([["a\rb", 1], ["c", None]]) == '"a\rb",1\nc,\n'
    assert csv_text([["a"]], "\r\n") == "a\r\n"
