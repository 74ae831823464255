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
    assert "| readings | first run (s) | warm run (s)" in result.stdout
    assert "| readings of the recorded indicator | record (s) |" in result.stdout
    assert "SDTRACK_NO_CACHE=1" in result.stdout
