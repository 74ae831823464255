"""Any terminal width: `status`, `show`, `due` and `targets` on the shipped dataset never
print a line wider than the terminal, never split a word, a number or an id across lines,
and lay rows out as blocks when a table's longest words cannot sit side by side; piped
without $COLUMNS they are PIPED_WIDTH wide, a row a line where it fits."""

from __future__ import annotations

import json
import re
from typing import Any

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
    # Uncached: `vocabulary` lays the tables out with the renderer's thresholds patched,
    # which a cached rendering (keyed by the files, the code and the terminal) cannot see.
    env = {"SDTRACK_NO_CACHE": "1", **({"COLUMNS": str(columns)} if columns is not None else {})}
    result = CliRunner().invoke(build_app(), list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def status_document() -> dict[str, Any]:
    """`status --json` on the day the tests print: the counts the terminal output shows."""
    document: dict[str, Any] = json.loads(
        invoke(("status", "--json", "--as-of", "2026-11-22"), 120)
    )
    return document


def tokens(text: str) -> list[str]:
    return [t for t in DRAWING.sub(" ", text).split() if t]


def vocabulary(args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The words the command prints when nothing wraps: its tables for each width, and
    its blocks and a narrow terminal's short legend of plans, at a width no line reaches."""
    words = set(tokens(invoke(args, 2000)))
    with monkeypatch.context() as patch:  # the tables for narrower terminals
        for module in (status, due):
            patch.setattr(module, "WIDE_TABLE", 10_000)
        words |= set(tokens(invoke(args, 2000)))
    with monkeypatch.context() as patch:
        for module in (status, due, indicator):
            patch.setattr(module, "fitted_table", lambda *a, **k: None)
        patch.setattr(status, "BLOCKS_BELOW", 10_000)
        words |= set(tokens(invoke(args, 2000)))
    return words


def _whole(token: str, words: set[str], width: int) -> bool:
    """Whether `token` is a word printed whole: in the vocabulary, or part of a word longer
    than a line (a URL: the one thing cut), or Chinese broken between its characters with
    every Latin run (22.4, 5G) whole; a line cut short ends at a word, then "…"."""
    if token in words or token.removesuffix("…") in words:
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
    """Each overdue target says 'overdue' whole, and so does the summary's count of them
    ('11 overdue'); each likely met says it whole, and so does the note under the table
    ('5 likely met')."""
    targets = status_document()["targets"]
    overdue = sum(t["status_code"] == "overdue" for t in targets)
    likely_met = sum(t["outlook"] == "likely_met" for t in targets)
    assert overdue > 1
    assert likely_met > 1
    output = invoke(("status", "--as-of", "2026-11-22"), width)
    flat = re.sub(r" +", " ", DRAWING.sub(" ", output))
    lines = flat.splitlines()
    assert sum(line.count("overdue") for line in lines) >= overdue
    assert sum(line.count("likely met") for line in lines) == likely_met + 1
    assert any(f"{overdue} overdue" in line for line in lines[:4])  # the summary
    assert any(line.startswith(f"{overdue} overdue: {likely_met} likely met") for line in lines)
    assert "likely\n" not in flat.replace(" \n", "\n")


def test_a_60_column_status_stays_short() -> None:
    """At COLUMNS=60 the targets and trends are blocks and each plan a line: at most 8
    lines a target, 5 a trend and one a plan, and 12 for the rest (the 9 targets and 7
    trends of an older dataset took 401 lines with a status column one character wide;
    the 20 targets and 8 trends of this one 242 with each plan's line in full)."""
    document = status_document()
    targets, plans = document["targets"], document["plans"]
    trends = document["indicators_without_target"]
    output = invoke(("status", "--as-of", "2026-11-22"), 60)
    lines = output.splitlines()
    assert len(lines) <= 8 * len(targets) + 5 * len(trends) + len(plans) + 12
    blocks = {block.split("\n")[0]: block for block in output.split("\n\n")}
    assert all(len(blocks[t["target_id"]].splitlines()) <= 9 for t in targets)
    for plan in plans:  # its id, then its title as far as the line holds it
        line = next(line for line in lines if line.startswith(f"  {plan['id']} "))
        shown = line.split(maxsplit=1)[1].removesuffix("…")
        assert plan["title"].startswith(shown) or shown.startswith(plan["title"])
    first = next(t for t in targets if t["target_id"] == "5g-base-stations-2025-first")
    later = first["superseded_by"]
    assert f"\n5g-base-stations-2025-first\n  superseded by {later} (scio-2024-04-10) ·" in output
    percent, gap = round(first["progress"] * 100), first["gap"]
    block = blocks["5g-base-stations-2025-first"].splitlines()
    progress = next(line for line in block if line.startswith("  Progress: "))
    assert progress.startswith(f"  Progress: {percent} % ")
    assert progress.endswith(f" · Gap: {gap:,} base stations")
    assert "  overdue · likely met · stale data" in block
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
    """At the piped width each target's id, declared value, latest value, progress, gap
    and status share its first line (the deadline may follow on the next, beside the
    indicator's name: the longest ids and values leave the declared column 24 wide)."""
    target = next(
        t for t in status_document()["targets"] if t["target_id"] == "5g-base-stations-2025"
    )
    monkeypatch.delenv("COLUMNS")
    lines = invoke(("status", "--as-of", "2026-11-22"), None).splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(" 5g-base-stations-2025 "))
    row = lines[at]
    for words in (
        "> 270,000 base stations",
        f"{target['latest']['value']:,} base stations",
        f"{round(target['progress'] * 100)} %",
        f"{target['gap']:,} base stations",
        "overdue · likely met",
    ):
        assert words in row
    assert "by end-2025" in row + lines[at + 1]
