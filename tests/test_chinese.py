"""sdtrack in Chinese, end to end: golden outputs, no English left, tables that align.

A reader of Chinese uses every command without meeting an English sentence: what is left
in English is data (names, sources and quotes as the dataset records them), ids, codes
and option names, which this suite lists and strips before it looks for English words.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from sdtrack.commands.app import build_app
from sdtrack.commands.registry import COMMANDS

from .conftest import REPO

GOLDEN = REPO / "tests" / "golden"
AS_OF = ["--as-of", "2026-11-22"]
# Words a Chinese reader meets untranslated on purpose: the program, method and format
# names, notation of usage lines and Typer's type names, and environment variables.
KEPT_WORDS = {
    "sdtrack", "cagr", "ratio", "projection", "linear", "trend", "per", "year", "JSON",
    "CSV", "XLSX", "HTML", "Markdown", "Open", "SDG", "TOML", "UTF", "BOM", "Excel", "OPTIONS",
    "ARGS", "COMMAND", "VALUE", "INDICATOR", "READING", "str", "path", "bool", "list",
    "PERIOD", "TEXT", "URL", "KEY", "DAY", "PATH",
    "SDTRACK", "DIR", "CACHE", "LANG", "LC", "ALL", "MESSAGES", "NO", "COLOR", "HOME", "XDG",
    "YYYY", "MM", "DD", "ids", "zh", "en", "directory", "md", "csv", "json", "xlsx", "html",
    "sdg", "over", "about", "nearly", "under", *COMMANDS,
    # import's field names, typed as headers and in --map, and Open SDG's folder names
    "FILE", "HEADER", "FIELD", "NAME", "indicator", "value", "date", "period", "source", "url",
    "quote", "note", "qualifier", "key", "derived", "region", "data", "meta",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Ids, addresses, option names, paths, `code` and what a user typed ('nope') are not prose.
ID_LIKE = re.compile(
    r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b|https?://\S+|--?[a-z-]+|\S*/\S+|\S+\.(?:toml|md|py)\b"
    r"|`[^`]*`|'[^']*'|\$\w+|\b[a-z]+(?:_[a-z]+)+\b"
)


def data_texts() -> list[str]:
    """Every string the dataset holds: shown as recorded, in whatever language it is."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for name in ("targets.toml", "readings.toml"):
        walk(tomllib.loads((REPO / name).read_text(encoding="utf-8")))
    return sorted(found, key=len, reverse=True)


# The help's example command lines (and their continuation lines) and its usage line are
# typed as they are in any language.
EXAMPLE_LINE = re.compile(r"^[\s│]*(?:sdtrack |--|\S*sdtrack \S+ \[).*$", re.MULTILINE)


def english_words(output: str) -> list[str]:
    """The Latin-script words left in Chinese output once data, ids, codes and the example
    command lines of the help (typed as they are in any language) are removed."""
    output = EXAMPLE_LINE.sub(" ", output)
    for text in data_texts():
        output = output.replace(text, " ")
    output = ID_LIKE.sub(" ", output)
    # Data folded across table lines is no longer whole: any word the dataset uses is
    # data, and so is any piece of one ("Gover|nment" split at a cell's edge).
    data_words = {w for text in data_texts() for w in LATIN_WORD.findall(text)}
    kept = KEPT_WORDS | data_words
    return sorted(
        {
            w
            for w in LATIN_WORD.findall(output)
            if w not in kept
            and not any(k.startswith(w) for k in kept if len(w) >= 4)
            and not any(w in k for k in data_words)
        }
    )


def invoke(*args: str, columns: int = 120) -> str:
    result = CliRunner().invoke(build_app(), list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code in (0, 1, 2), result.output
    return result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("status.zh.txt", ["status", *AS_OF]),
        ("gap.zh.txt", ["gap", *AS_OF]),
        ("report.zh.md", ["export", "--format", "md", *AS_OF]),
    ],
)
def test_chinese_outputs_match_their_golden_files(
    chinese: None, name: str, args: list[str]
) -> None:
    """status, gap and the Markdown report in Chinese, byte for byte (regenerate on purpose
    with `SDTRACK_UPDATE_GOLDEN=1`)."""
    output = invoke(*args)
    output = re.sub(r"生成于\S+", "生成于<时间>", output)
    golden = GOLDEN / name
    if not golden.exists() or os.environ.get("SDTRACK_UPDATE_GOLDEN") == "1":
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def command_lines(workspace: Path) -> list[list[str]]:
    here = ["--dir", str(workspace)]
    lines = [["--help"], *([name, "--help"] for name in COMMANDS)]
    lines += [
        ["status", *AS_OF, *here],
        ["gap", *AS_OF, *here],
        ["targets", *here],
        ["readings", *here],
        ["show", "5g-base-stations", "--chart", *AS_OF, *here],
        ["show", "it-industry-revenue-growth", *AS_OF, *here],
        ["record", "5g-base-stations", "23.5万", "--date", "2024", "--source", "公报", *here],
        ["record", "5g-base-stations", "4.3万亿元", "--date", "2024", "--source", "x", *here],
        ["record", "nope", "1", "--date", "2024", "--source", "x", *here],
        ["status", "--as-of", "2025-02-30", *here],
        ["export", "--format", "pdf", *here],
        ["export", "--format", "md", *AS_OF, *here],
        ["import", str(REPO / "examples" / "shandong-bulletin-broken.csv"), *here],
        ["import", str(REPO / "examples" / "shandong-bulletin.csv"), "--dry-run", *here],
        ["changes", "--since", "2026-11-20", *here],
        ["init", str(workspace)],
        ["status", "--frobnicate"],
    ]
    return lines


def test_no_english_sentence_is_left_in_chinese_output(chinese: None, workspace: Path) -> None:
    """Every command, its help, its errors and its report, in Chinese: no English word is
    left but data, ids, codes and the names of formats, methods and options."""
    leftovers: dict[str, list[str]] = {}
    for args in command_lines(workspace):
        words = english_words(invoke(*args))
        if words:
            leftovers[" ".join(args[:2])] = words
    assert not leftovers, leftovers


@pytest.mark.parametrize("columns", [80, 120])
def test_chinese_tables_align_at_any_width(chinese: None, columns: int) -> None:
    """Chinese characters take two cells: every line of the status table fits the width,
    and the rows of one table have one width."""
    output = invoke("status", *AS_OF, columns=columns)
    widths = [cell_len(line) for line in output.splitlines()]
    assert max(widths) <= columns
    table = [w for line, w in zip(output.splitlines(), widths, strict=True) if "─" in line]
    assert len(set(table)) <= 2  # the status table's rule and the trends table's
