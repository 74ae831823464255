"""The benchmark script keeps working: a tiny run prints every ratio and the growth table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def test_tiny_benchmark_run_prints_every_ratio(tmp_path: Path) -> None:
    """`benchmarks/run.py --tiny` runs end to end and reports R1–R4 and the growth table."""
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--tiny", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for label in ("R1 start-up", "R2 status --json on W1", "R3 record", "R4 peak memory"):
        assert label in result.stdout
    for label in (
        "warm gap --json on W1 / import floor",
        "warm check on W1 / import floor",
        "rtoml parse of its two files",
        "after one record / warm status --json",
        "CSV rows / warm status --json",
        "export --format xlsx of W1, cold / cold status --json",
        "export --format html of W1, cold / cold status --json",
        "first line of readings on",
        "growth: first run at",
    ):
        assert label in result.stdout
    assert "| readings | first run (s) | warm run (s)" in result.stdout
    assert "| readings of the recorded indicator | record (s) |" in result.stdout
    assert "SDTRACK_NO_CACHE=1" in result.stdout


def test_only_runs_the_sections_named(tmp_path: Path) -> None:
    """`--only startup` prints the start-up rows and nothing of W1, and `--markdown` keeps
    the table with the machine and the command that produced it."""
    table = tmp_path / "table.md"
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--tiny", "--only", "startup",
         "--work", str(tmp_path), "--markdown", str(table)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "R1 start-up" in result.stdout
    assert "R2 status" not in result.stdout
    markdown = table.read_text(encoding="utf-8")
    assert "- Machine:" in markdown
    assert "- Command:" in markdown
