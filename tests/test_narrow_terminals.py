"""Any terminal width: `status`, `show`, `due` and `targets` on the shipped dataset never
print a line wider than the terminal, never split a word, a number or an id across lines,
and lay rows out as blocks when a table's longest words cannot sit side by side; piped
without $COLUMNS they are PIPED_WIDTH wide, a row a line where it fits."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from sdtrack.commands.app import build_app
from sdtrack.present.render import due, indicator, status
from sdtrack.present.render.terminal import PIPED_WIDTH

WIDTHS = (40, 60, 80, 100, 120, 160)
COMMANDS = (
    ("status", "--as-of", "2026-11-22"),
    ("show", "5g-base-stations", "--as-of", "2026-11-22"),
    ("show", "it-industry-revenue", "--as-of", "2026-11-22"),
    ("due", "--as-of", "2026-11-22"),
    ("targets",),
)
# Box, border and bar characters: drawing, not words.
DRAWING = re.compile(r"[─━│┃╭╮╰╯┌┐└┘├┤┬┴┼═█░▁▂▃▄▅▆▇]+")
WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
ASCII_RUN = re.compile(r"[\x21-\x7e]+")


def invoke(args: tuple[str, ...], columns: int | None) -> str:
    env = {"COLUMNS": str(columns)} if columns is not None else {}
    result = CliRunner().invoke(build_app(), list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def tokens(text: str) -> list[str]:
    return [t for t in DRAWING.sub(" ", text).split() if t]


def vocabulary(args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The words the command prints when nothing wraps: its tables for each width, and
    its blocks, at a width no line reaches."""
    words = set(tokens(invoke(args, 2000)))
    with monkeypatch.context() as patch:  # the tables for narrower terminals
        for module in (status, due):
            patch.setattr(module, "WIDE_TABLE", 10_000)
        words |= set(tokens(invoke(args, 2000)))
    with monkeypatch.context() as patch:
        for module in (status, due, indicator):
            patch.setattr(module, "fitted_table", lambda *a, **k: None)
        words |= set(tokens(invoke(args, 2000)))
    return words


def _whole(token: str, words: set[str], width: int) -> bool:
    """Whether `token` is a word printed whole: in the vocabulary, or part of a word longer
    than a line (a URL: the one thing cut), or Chinese broken between its characters with
    every Latin run (22.4, 5G) whole."""
    if token in words:
        return True
    if any(token in word for word in words if cell_len(word) > width - 8):
        return True
    if WIDE.search(token):
        runs = {run for word in words for run in ASCII_RUN.findall(word)}
        return all(run in runs for run in ASCII_RUN.findall(token))
    return False


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_no_line_is_wider_than_the_terminal_and_no_word_is_split(
    args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    words = vocabulary(args, monkeypatch)
    for width in WIDTHS:
        output = invoke(args, width)
        wide = [line for line in output.splitlines() if cell_len(line) > width]
        assert not wide, (width, wide)
        split = [t for t in tokens(output) if not _whole(t, words, width)]
        assert not split, (width, split)


@pytest.mark.parametrize("width", WIDTHS)
def test_status_words_and_outlooks_stay_on_one_line(width: int) -> None:
    """Each of the 9 overdue targets says 'overdue' whole; the 4 likely met say it whole
    (and so does the note under the table: '4 likely met')."""
    output = invoke(("status", "--as-of", "2026-11-22"), width)
    flat = re.sub(r" +", " ", DRAWING.sub(" ", output))
    assert sum(line.count("overdue") for line in flat.splitlines()) >= 9
    assert sum(line.count("likely met") for line in flat.splitlines()) == 4 + 1
    assert "likely\n" not in flat.replace(" \n", "\n")


def test_a_60_column_status_stays_short() -> None:
    """At COLUMNS=60 the 9 targets and 7 trends are blocks: fewer than 120 lines (401
    before, with a status column one character wide)."""
    output = invoke(("status", "--as-of", "2026-11-22"), 60)
    assert len(output.splitlines()) < 120
    assert "\n5g-base-stations-2025-first (superseded)\n" in output
    assert "  Progress: 83 % ███████░ · Gap: 26,000 base stations\n" in output
    assert "  overdue · likely met · stale data\n" in output
    assert "Indicators without a target\n" in output


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
def test_piped_output_is_the_documented_width(
    args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No terminal and no $COLUMNS: PIPED_WIDTH (160) columns, never wider."""
    monkeypatch.delenv("COLUMNS")
    output = invoke(args, None)
    assert max(cell_len(line) for line in output.splitlines()) <= PIPED_WIDTH


def test_piped_status_rows_stay_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """At the piped width each target's id, declared target, latest value, progress, gap
    and status share its first line."""
    monkeypatch.delenv("COLUMNS")
    lines = invoke(("status", "--as-of", "2026-11-22"), None).splitlines()
    row = next(line for line in lines if line.startswith(" 5g-base-stations-2025 "))
    for words in ("> 270,000 base stations by end-2025", "224,000", "57 %", "46,000", "overdue"):
        assert words in row
