"""Word wrapping and fitted tables: no word, number or id is ever split, no line is wider
than the width, and a table that cannot hold its longest words is not made."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sdtrack.present.render import fit
from sdtrack.present.render.fit import (
    Column,
    blocks,
    column_widths,
    cut,
    fitted_table,
    longest_piece,
    pieces,
    wrap,
)

from ..conftest import recording_console

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789,.-()/·>≥%", min_size=1, max_size=14)


def _lines(text: Text) -> list[str]:
    return text.plain.split("\n")


@given(st.lists(WORD, min_size=1, max_size=30), st.integers(min_value=18, max_value=90))
def test_wrapping_keeps_every_word_whole_and_every_line_in_width(
    words: list[str], width: int
) -> None:
    """Any words no longer than a line: they come back in order, whole, and no line is
    wider than the width."""
    source = " ".join(words)
    wrapped = wrap(source, width, indent="  ", hanging="    ")
    assert all(cell_len(line) <= width for line in _lines(wrapped))
    assert wrapped.plain.split() == source.split()


@given(st.text(alphabet="数字经济增加值占地区生产总值比重，。（）万亿个 abc12.5", max_size=60))
def test_chinese_breaks_between_characters_never_inside_a_number(text: str) -> None:
    """Chinese may break between two characters; 22.4万个 and （村居） stay whole."""
    wrapped = wrap(text, 12)
    assert all(cell_len(line) <= 12 for line in _lines(wrapped))
    assert "".join(wrapped.plain.split()) == "".join(text.split())
    assert [p.cells for p in pieces("22.4万个")] == [len("22.4") + 4]
    assert longest_piece("省级支持建设的智慧社区（村居）") <= 6 + 4


def test_symbols_bind_to_their_numbers_and_kept_phrases_stay_whole() -> None:
    """'≥ 67 %' and 'overdue ·' never break; a phrase named in `keep` never breaks."""
    assert longest_piece("≥ 67 %") == len("≥ 67 %")
    assert longest_piece("overdue · likely met") == len("overdue ·")
    assert longest_piece("overdue · likely met", keep=["likely met"]) == len("likely met")
    assert wrap("overdue · likely met", 10, keep=["likely met"]).plain == "overdue ·\nlikely met"


def test_a_piece_longer_than_the_line_is_the_only_one_cut() -> None:
    """A URL longer than the whole line is cut into lines of the width; nothing else is."""
    url = "http://example.org/" + "a" * 40
    wrapped = wrap(f"see {url} now", 20)
    assert all(cell_len(line) <= 20 for line in _lines(wrapped))
    assert "".join(wrapped.plain.split()) == f"see{url}now"
    assert _lines(wrapped)[0] == "see"


def test_a_table_whose_longest_words_do_not_fit_is_not_made() -> None:
    """The widths hold each column's longest word; too narrow for them: None."""
    columns = [Column("Indicator"), Column("Value")]
    rows = [["information-technology-revenue", "2.4 trillion yuan"]]
    assert column_widths(columns, rows, 40) is None
    assert fitted_table(columns, rows, 40) is None
    widths = column_widths(columns, rows, 45)
    assert widths is not None
    assert widths[0] >= len("information-technology-revenue")
    table = fitted_table(columns, rows, 45)
    console = recording_console(width=45)
    console.print(table)
    text = console.export_text()
    assert "information-technology-revenue" in text
    assert "trillion" in text
    assert all(cell_len(line) <= 45 for line in text.splitlines())


def test_blocks_give_each_row_its_labelled_lines() -> None:
    """A row as a block: the first cell, then 'Header: value' for each non-empty cell."""
    columns = [Column("Id"), Column("State"), Column("Source")]
    text = blocks(columns, [[Text("x-1"), Text("overdue\n3 days overdue"), ""]], 40).plain
    assert text == "\nx-1\n  State: overdue · 3 days overdue\n"


def _rendered(renderable: object, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def test_breaking_text_in_a_grid_keeps_a_chinese_sentence_whole() -> None:
    """Rich would cut a Chinese sentence in a grid cell with "…": it is one word to Rich."""
    sentence = (
        "判断截至这一天，忽略此后的读数：可为某日（2025-06-30）、某月（2025-06：取该月最后一天）。"
    )
    grid = Table.grid()
    grid.add_row("--as-of ", fit.breaking(Text(sentence)))
    lines = _rendered(grid, 40)
    assert "…" not in "".join(lines)
    assert "".join(line[8:].strip() for line in lines) == sentence
    assert all("2025-06-30" in line or "2025-06-" not in line for line in lines)


def test_keeping_table_never_cuts_a_column_whose_cells_say_no_wrap() -> None:
    table = fit.KeepingTable(show_header=False, box=None)
    name = Text("--allow-duplicate", no_wrap=True)
    table.add_row(
        name, fit.breaking(Text("Record even if the same reading is already there. " * 3))
    )
    assert any("--allow-duplicate" in line for line in _rendered(table, 36))


def test_a_chinese_comma_or_colon_may_end_a_line_before_latin_text() -> None:
    """ "FIELD（indicator、value、date）" breaks after a 、, never inside a word; "时期：2024"
    after the colon, never inside the number."""
    text = "读作FIELD（indicator、value、date）；可多次"
    runs = [text[p.start : p.end] for p in pieces(text)]
    assert runs == ["读", "作FIELD（indicator、", "value、", "date）；", "可", "多", "次"]
    wrapped = wrap(
        Text("未给出时期的行所用的时期：2024-06-30、2024-06、2024。"), 28
    ).plain.splitlines()
    assert wrapped == ["未给出时期的行所用的时期：", "2024-06-30、2024-06、2024。"]


@given(st.lists(WORD, min_size=1, max_size=20), st.integers(min_value=16, max_value=60))
def test_a_cut_line_ends_at_a_word_and_says_so(words: list[str], width: int) -> None:
    """`cut`: the text whole when it fits; else the words that fit, whole, then "…",
    never wider than the width."""
    source = " ".join(words)
    shown = cut(source, width).plain
    assert cell_len(shown) <= width
    if cell_len(source) <= width:
        assert shown == source
    else:
        assert shown.endswith("…")
        kept = shown.removesuffix("…").split()
        assert kept == source.split()[: len(kept)]


def test_a_cut_chinese_line_breaks_between_characters() -> None:
    """A Chinese title is cut between two characters, never inside a number or 万个."""
    title = "山东省5G规模化应用“扬帆齐鲁”行动方案（2025–2027年）"
    assert cut(title, 100).plain == title
    shown = cut(title, 20).plain
    assert cell_len(shown) <= 20
    assert shown.endswith("…")
    assert title.startswith(shown.removesuffix("…"))
    assert cut("达到22.4万个", 9).plain == "达…"  # 到22.4万个 is one piece: no break before 2
