"""An Excel sheet's cells: the quick paths written as the general ones, and the texts a
column remembers."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from unicodedata import east_asian_width

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.present.exporters import ooxml, xlsx, xlsx_cells
from sdtrack.present.exporters.cells import neutralise
from sdtrack.present.exporters.xlsx_cells import cell_text, text_width

from .hostile import ATTACKS

# Floats whose three decimals round one way in binary and another from their repr.
_ROUNDED_APART = [9.9995, 3.0195, 12345.0205]


@given(st.lists(st.floats() | st.sampled_from([*_ROUNDED_APART, 1e16, -0.0, 100.52]), max_size=6))
def test_a_float_value_cell_is_the_number_cell_and_width(values: list[float]) -> None:
    """The quick cell of a float value is what the general number cell writes, and widens
    the column as that does."""
    book = ooxml.Workbook(creator="sdtrack", created=dt.datetime(2000, 1, 1))
    styles = xlsx_cells.Styles(book)
    quick, general = (xlsx_cells.Column("gap", 0, styles, "") for _ in range(2))
    for row, value in enumerate(values, start=1):
        ref = f"A{row}"
        assert quick.cell(value, str(row)) == general._number_cell(ref, value)
        assert quick.width == general.width
    book.close()


@given(
    st.text(st.characters(max_codepoint=0x7F), max_size=70)
    | st.text(max_size=20)
    | st.sampled_from([*ATTACKS, "a_x0041_b", "x" * 60, "x" * 61, " a", "a ", "=1+1", "a&b"])
)
def test_a_text_cell_is_its_escaped_neutralised_text(value: str) -> None:
    """A text cell, made the quick way or not, holds `cell_text` escaped (`ooxml`), in
    the wrapping style past MAX_WIDTH, and widens the column to its shown width."""
    book = ooxml.Workbook(creator="sdtrack", created=dt.datetime(2000, 1, 1))
    styles = xlsx_cells.Styles(book)
    column = xlsx_cells.Column("source", 0, styles, "")
    before = column.text
    text = cell_text(value)
    width = text_width(text) if text else 0
    style = styles.wrapped if width > xlsx_cells.MAX_WIDTH else styles.text
    wanted = f'<c r="A1"{ooxml.text_tail(text, style)}' if value else ""
    assert column.text_cell("A1", value) == wanted
    assert column.text == max(before, width)
    book.close()


@given(st.text(max_size=80) | st.sampled_from(["读数\nreadings", "ａｂ", "한\n", "x" * 900 + "年"]))
def test_text_width_counts_wide_and_full_width_characters_twice(text: str) -> None:
    """A line's width is a column per character and one more per East Asian wide or full
    width one; a text's is its widest line's."""
    wanted = max(
        sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line) for line in text.split("\n")
    )
    assert text_width(text) == wanted


@given(st.text(max_size=40) | st.sampled_from(ATTACKS))
def test_cell_text_is_neutralise(text: str) -> None:
    """The quick path of a text cell decides as `cells.neutralise` does."""
    assert cell_text(text) == neutralise(text)


@given(st.lists(st.sampled_from([True, False, 1, 0, 1.0, "True", "1", "", None]), max_size=12))
def test_a_cell_like_the_one_above_is_written_as_its_own(values: list[object]) -> None:
    """A value is written as the row above's cell only when it is that value of that
    class: True after "True", 1 after True, False after 0 are each their own cell."""
    book = ooxml.Workbook(creator="sdtrack", created=dt.datetime(2000, 1, 1))
    styles = xlsx_cells.Styles(book)
    rows = [{"derived": v} for v in values]
    with zipfile.ZipFile(io.BytesIO(xlsx.one_sheet(("derived",), rows))) as read:
        xml = read.read("xl/worksheets/sheet1.xml").decode()
    for row, value in enumerate(values, start=2):
        alone = xlsx_cells.Column("derived", 0, styles, "")
        wanted = "" if value is None else alone.cell(value, str(row))
        assert f'<row r="{row}">{wanted}</row>' in xml
    book.close()


@pytest.mark.parametrize("remembered", [3, 4096])
def test_texts_seen_before_are_written_as_when_first_seen(
    remembered: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A column remembers the cells of short texts it wrote, however far apart they come
    (and forgets them all when it holds too many): the workbook is the one written with
    nothing remembered, formula-like, spaced, escaped, wide and long texts included."""
    texts = ["Bulletin 1", "=cmd|' /C calc'!A0", " spaced ", "<a & b>", "山东省统计局",
             "w" * 80, "x" * 300, "Bulletin 2", ""]  # fmt: skip
    rows = [{"source": texts[(n * 7) % len(texts)], "value": n} for n in range(200)]
    monkeypatch.setattr(xlsx_cells, "KNOWN_TEXTS", remembered)
    remembering = xlsx.one_sheet(("source", "value"), rows)
    monkeypatch.setattr(xlsx_cells, "KNOWN_TEXT_LENGTH", -1)
    assert remembering == xlsx.one_sheet(("source", "value"), rows)
