"""Text that fits the terminal without splitting a word or a number.

Rich folds a word in two when a table column is narrower than the word ("Ind/ica/tor"),
and crops the last column when the columns' minimums add up to more than the console.
So the tables here are laid out by `fitted_table`: each column is at least as wide as its
longest word, and a table whose longest words cannot sit side by side at the width is not
made at all (None): the caller shows its rows as stacked blocks (`blocks`) instead.
`wrap` breaks lines at spaces, between two Chinese characters (never inside
"22.4万个"), and after a Chinese comma or colon whatever follows it ("、url",
"：2024"); only a piece longer than the whole line (a long URL) is cut.

The width is the console's: the terminal's, or `$COLUMNS` when set, or, when the output
is piped and `$COLUMNS` is unset, `terminal.PIPED_WIDTH` (160 columns: a status row stays
on one line, so grep and diff see whole rows).

Standard library and Rich only: a cached `status` lays out through this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len, get_character_cell_size
from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod
from rich.containers import Lines
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from sdtrack.core.language import _

# No line starts with these, nor ends with the ones that open or bind a number: a
# Chinese line break never separates "（" from what it opens, nor 万 from 个.
NO_BREAK_BEFORE = frozenset("，。、；：！？）」』”’》〉】％%·…")
NO_BREAK_AFTER = frozenset("（「『“‘《〈【万亿")
CLAUSE_END = frozenset("、，；：。！？")
# A lone symbol binds to the number after it ("≥ 67 %", "> 5,000"): never "≥" at a line's
# end; a separator to the word before it: "overdue ·", never "· likely met".
BINDS_NEXT = frozenset({"≥", "≤", "≈", ">", "<", "~", "—"})
BINDS_BEFORE = frozenset({"·", "%", "％", "/"})

_PIECE = re.compile(r"\S+")


@dataclass(frozen=True)
class Piece:
    """A run of a line that is never broken: `start`..`end` in the line's text."""

    start: int
    end: int
    cells: int


def _wide(char: str) -> bool:
    return get_character_cell_size(char) == 2


def _cjk_pieces(word: str, offset: int) -> list[Piece]:
    """`word` (no spaces) cut where Chinese text may break: between two wide characters,
    unless the rule of NO_BREAK_BEFORE / NO_BREAK_AFTER keeps them together."""
    pieces: list[Piece] = []
    start = 0
    for index in range(1, len(word)):
        left, right = word[index - 1], word[index]
        between_chinese = _wide(left) and _wide(right) and left not in NO_BREAK_AFTER
        # After a Chinese comma or colon a line may end, whatever follows ("、url", "：2024").
        after_clause = left in CLAUSE_END and not _wide(right)
        if (between_chinese or after_clause) and right not in NO_BREAK_BEFORE:
            pieces.append(Piece(offset + start, offset + index, cell_len(word[start:index])))
            start = index
    pieces.append(Piece(offset + start, offset + len(word), cell_len(word[start:])))
    return pieces


def pieces(line: str, keep: Sequence[str] = ()) -> list[Piece]:
    """The unbreakable runs of one line, in order; the spaces between them are where the
    line may break, except after a BINDS_NEXT symbol, before a BINDS_BEFORE one, and
    inside any of the phrases `keep` names ("likely met")."""
    found: list[Piece] = []
    for match in _PIECE.finditer(line):
        word = match.group()
        if word.isascii():
            found.append(Piece(match.start(), match.end(), len(word)))
        else:
            found.extend(_cjk_pieces(word, match.start()))
    kept = _kept_spans(line, keep)
    glued: list[Piece] = []
    for piece in found:
        if glued and _binds(line, glued[-1], piece, kept):
            last = glued.pop()
            piece = Piece(last.start, piece.end, cell_len(line[last.start : piece.end]))
        glued.append(piece)
    return glued


def _kept_spans(line: str, keep: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for phrase in keep:
        if not phrase.strip():
            continue
        at = line.find(phrase)
        while at >= 0:
            spans.append((at, at + len(phrase)))
            at = line.find(phrase, at + 1)
    return spans


def _binds(line: str, before: Piece, after: Piece, kept: Sequence[tuple[int, int]]) -> bool:
    if any(start < before.end and end > after.start for start, end in kept):
        return True
    if before.end == after.start:  # two pieces of one word are only cut by _cjk_pieces
        return False
    return (
        line[before.start : before.end] in BINDS_NEXT
        or line[after.start : after.end] in BINDS_BEFORE
    )


def longest_piece(text: Text | str, keep: Sequence[str] = ()) -> int:
    """The width a column needs so that no word of `text` is split (leading spaces
    included: an indented line keeps its indent)."""
    plain = text.plain if isinstance(text, Text) else text
    longest = 0
    for line in plain.split("\n"):
        lead = len(line) - len(line.lstrip(" "))
        for piece in pieces(line, keep):
            longest = max(longest, piece.cells + lead)
    return longest


def longest_line(text: Text | str) -> int:
    plain = text.plain if isinstance(text, Text) else text
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def wrap(
    text: Text | str,
    width: int,
    *,
    indent: str = "",
    hanging: str | None = None,
    keep: Sequence[str] = (),
) -> Text:
    """`text` with each of its lines broken to `width` cells at the places `pieces`
    allows: the first line of each starts with `indent`, the lines it wraps onto with
    `hanging` (`indent` when None); an indented line's continuations keep its indent."""
    source = text if isinstance(text, Text) else Text(text)
    later = indent if hanging is None else hanging
    lines: list[Text] = []
    for line in source.split("\n", allow_blank=True):
        lines.extend(_wrap_line(line, width, indent, later, keep))
    return Text("\n").join(lines)


def _wrap_line(line: Text, width: int, first: str, later: str, keep: Sequence[str]) -> list[Text]:
    plain = line.plain
    lead = plain[: len(plain) - len(plain.lstrip(" "))]
    runs = pieces(plain, keep)
    if not runs:
        return [Text("")]
    out: list[Text] = []
    prefix = first + lead
    start = runs[0].start
    end = start
    for piece in runs:
        room = width - cell_len(prefix)
        if end > start and cell_len(plain[start : piece.end]) > room:
            out.append(Text(prefix) + line[start:end])
            prefix = later + lead
            start = piece.start
            room = width - cell_len(prefix)
        if piece.cells > room:  # longer than a whole line: the one cut there is
            for chunk_start, chunk_end in _chunks(plain, piece, max(room, 1)):
                if chunk_end == piece.end:
                    start = chunk_start
                    break
                out.append(Text(prefix) + line[chunk_start:chunk_end])
                prefix = later + lead
        end = piece.end
    out.append(Text(prefix) + line[start:end])
    return out


def cut(text: str, width: int, *, style: str = "") -> Text:
    """`text` on one line of `width` cells: whole when it fits, else the words that fit
    (broken only where `wrap` breaks) and "…" after them."""
    line = Text(text, style=style)
    if cell_len(text) <= width:
        return line
    first = wrap(line, max(width - 1, 1)).split("\n")[0]
    return first + Text("…", style=style)


def _chunks(plain: str, piece: Piece, room: int) -> list[tuple[int, int]]:
    chunks: list[tuple[int, int]] = []
    start, cells = piece.start, 0
    for index in range(piece.start, piece.end):
        if plain[index] == " " and index == start:
            start += 1  # a cut never leaves a space at the start of a line
            continue
        size = get_character_cell_size(plain[index])
        if cells + size > room and index > start:
            chunks.append((start, index))
            start, cells = index, 0
            if plain[index] == " ":
                start += 1
                continue
        cells += size
    chunks.append((start, piece.end))
    return chunks


class BreakingText(Text):
    """Text that Rich lays out by `wrap`'s rules wherever it lands (a grid cell that
    would cut a Chinese sentence with "…", being one long word to Rich)."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or overflow == "ignore" or width < 1:
            return super().wrap(
                console, width, justify=justify, overflow=overflow, tab_size=tab_size,
                no_wrap=no_wrap,
            )  # fmt: skip
        return Lines(wrap(self, width).split("\n", allow_blank=True))

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(
            min(longest_piece(self), options.max_width), min(longest_line(self), options.max_width)
        )


class KeepingTable(Table):
    """A table whose column is kept whole when a cell of it says `no_wrap` (an option's
    name): Rich narrows a too-wide table by squeezing its widest wrapping columns together,
    and would cut "--allow-duplicate" down to the help text beside it."""

    def add_row(self, *renderables: Any, **settings: Any) -> None:
        super().add_row(*renderables, **settings)
        for column, cell in zip(self.columns, renderables, strict=False):
            if isinstance(cell, Text) and cell.no_wrap and cell.plain:
                column.no_wrap = True


def breaking(text: Any) -> Any:
    """`text`, styles and all, as a BreakingText when it is plain Text; anything else as
    it is (Typer's Markdown help)."""
    if type(text) is not Text:
        return text
    return BreakingText(
        text.plain, style=text.style, justify=text.justify, end=text.end, spans=list(text.spans)
    )


@dataclass(frozen=True)
class Column:
    """A column of a fitted table: its header and how its cells sit."""

    header: str
    justify: JustifyMethod = "left"
    style: str = ""
    max_width: int | None = None  # wider cells wrap (never below their longest word)


Cell = Text | str


def _text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else Text(cell)


def table_overhead(columns: int) -> int:
    """The cells a SIMPLE_HEAD table without edge padding spends on its edges, the
    spaces between columns and the cells' padding."""
    return 2 + (columns - 1) + 2 * (columns - 1)


def column_widths(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    keep: Sequence[str] = (),
) -> list[int] | None:
    """Each column's width at a console `width`: its longest line when all fit, else the
    widest narrowed first, none below its longest word; None when the longest words
    alone do not fit."""
    room = width - table_overhead(len(columns))
    least: list[int] = []
    most: list[int] = []
    for index, column in enumerate(columns):
        cells = [column.header, *(row[index] for row in rows)]
        low = max(longest_piece(_text(cell), keep) for cell in cells)
        high = max(longest_line(_text(cell)) for cell in cells)
        if column.max_width is not None:
            high = min(high, column.max_width)
        least.append(low)
        most.append(max(low, high))
    if sum(least) > room:
        return None
    if sum(most) <= room:
        return most
    return _share(least, most, room)


def _share(least: list[int], most: list[int], room: int) -> list[int]:
    """`most` narrowed to `room` a cell at a time, always the widest column that can
    still lose one (never below `least`): narrow columns stay whole, as Rich keeps them."""
    widths = list(most)
    for _cell in range(sum(most) - room):
        narrowable = [i for i, width in enumerate(widths) if width > least[i]]
        widest = max(narrowable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def fitted_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    *,
    show_lines: bool = False,
    row_styles: Sequence[str] | None = None,
    keep: Sequence[str] = (),
) -> Table | None:
    """The rows as a table at `width`, every cell wrapped at its words, or None when the
    columns' longest words cannot sit side by side."""
    widths = column_widths(columns, rows, width, keep)
    if widths is None:
        return None
    table = Table(box=box.SIMPLE_HEAD, show_lines=show_lines, pad_edge=False)
    for column, cells in zip(columns, widths, strict=True):
        table.add_column(
            wrap(column.header, cells, keep=keep),
            justify=column.justify,
            style=column.style,
            width=cells,
            no_wrap=True,
        )
    for number, row in enumerate(rows):
        fitted = [
            wrap(_text(cell), cells, keep=keep) for cell, cells in zip(row, widths, strict=True)
        ]
        table.add_row(*fitted, style=row_styles[number] if row_styles else None)
    return table


def labelled(template: str, value: Text | str, *, style: str = "dim") -> Text:
    """`template` ("latest: {value}", translated) with `value` in it, the words around
    it in `style`."""
    before, _mark, after = template.partition("{value}")
    return Text(before, style=style) + _text(value) + Text(after, style=style)


def field(label: str, value: Text | str) -> Text:
    """ "Latest: 224,000 base stations", the label dim."""
    return labelled(_("{label}: {value}").replace("{label}", label), value)


def joined(parts: Iterable[Text], separator: str = " · ") -> Text:
    """The non-empty parts on one line, `separator` between them."""
    return Text(separator).join([part for part in parts if part.plain])


def blocks(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    *,
    row_styles: Sequence[str] | None = None,
    keep: Sequence[str] = (),
) -> Text:
    """The rows stacked, for a terminal too narrow for their table: each row's first
    cell (bold) on its own lines, then "Header: value" a line for each other non-empty
    cell, its lines joined by " · ", all wrapped at words; a blank line before each row
    and after the last, as a table has. An indented first cell indents its block."""
    out: list[Text] = []
    for number, row in enumerate(rows):
        style = row_styles[number] if row_styles else ""
        head = _text(row[0]).copy()
        plain = head.plain
        lead = plain[: len(plain) - len(plain.lstrip(" "))]
        head = head[len(lead) :]
        head.stylize(style)
        first, *rest = head.split("\n")
        lines = [wrap(first, width, indent=lead, hanging=lead + "  ", keep=keep)]
        lines += [
            wrap(line, width, indent=lead + "  ", hanging=lead + "    ", keep=keep) for line in rest
        ]
        for column, cell in zip(columns[1:], row[1:], strict=True):
            value = joined(_unindented(line) for line in _text(cell).split("\n"))
            if not value.plain.strip():
                continue
            line = field(column.header, value)
            line.stylize(style)
            lines.append(wrap(line, width, indent=lead + "  ", hanging=lead + "    ", keep=keep))
        out += [Text(""), *lines]
    return Text("\n").join([*out, Text("")])


def _unindented(line: Text) -> Text:
    plain = line.plain
    return line[len(plain) - len(plain.lstrip(" ")) :]
