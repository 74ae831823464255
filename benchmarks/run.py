"""Measure sdtrack's speed as ratios, side by side in one run.

    python benchmarks/run.py            # the full set (W1, W2, growth to 1,000,000 readings)
    python benchmarks/run.py --tiny     # a seconds-long smoke run (used by the tests)

Each command runs as a subprocess: one warm-up, then the median of --repeat runs. sdtrack
runs as users run it, through the `sdtrack` script installed beside this Python. Peak
memory is the child's maximum resident set size from os.wait4. Every bound is a ratio of
two commands timed in this same run, so a noisy machine slows both sides alike. The cache
lives in WORK/cache ($SDTRACK_CACHE_DIR); a "first run" is timed right after deleting it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable
INSTALLED_SCRIPT = Path(PYTHON).with_name("sdtrack")
SDTRACK = [str(INSTALLED_SCRIPT)] if INSTALLED_SCRIPT.is_file() else [PYTHON, "-m", "sdtrack"]
AS_OF = ["--as-of", "2026-11-22"]


@dataclass(frozen=True)
class Timing:
    median: float
    peak_rss_mb: float


# One reading more, the same each time: --allow-duplicate keeps every run an append.
RECORD = ["record", "ind-00000", "123", "--date", "2020-01-01", "--source", "bench"]
RECORD += ["--allow-duplicate"]
# The first record builds the ledger's index; the second checks the rebuilt index's digest
# once (its stamp is racy); from the third on, record runs as it does day to day.
RECORD_WARMUPS = 2


def run_once(command: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise RuntimeError(f"{' '.join(command)} failed: {error[-1000:]}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def measure(
    command: Sequence[str], env: dict[str, str], cwd: Path, repeat: int, warmups: int = 1
) -> Timing:
    for _ in range(warmups):
        run_once(command, env, cwd)
    runs = [run_once(command, env, cwd) for _ in range(repeat)]
    return Timing(statistics.median(t for t, _ in runs), max(m for _, m in runs))


def measure_interleaved(
    commands: dict[str, tuple[Sequence[str], dict[str, str]]], cwd: Path, repeat: int
) -> dict[str, Timing]:
    """Each command's timing, taken in turns (a, b, c, a, b, c, …) after one warm-up each,
    so that a change in the machine's load falls on all of them alike."""
    for command, env in commands.values():
        run_once(command, env, cwd)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, env) in commands.items():
            runs[name].append(run_once(command, env, cwd))
    return {
        name: Timing(statistics.median(t for t, _ in r), max(m for _, m in r))
        for name, r in runs.items()
    }


def generate(directory: Path, indicators: int, per_indicator: int, sheet_rows: int = 0) -> None:
    """Write a synthetic workspace, in a child process.

    Linux reports a child's peak memory as at least the parent's size when it was started
    (the fork copies it), so this process must stay small: it never holds a ledger's text.
    """
    script = Path(__file__).resolve().parent / "generate.py"
    arguments = [str(directory), "--indicators", str(indicators)]
    arguments += ["--readings-per-indicator", str(per_indicator), "--sheet-rows", str(sheet_rows)]
    subprocess.run([PYTHON, str(script), *arguments], check=True)


def clear_cache(env: dict[str, str]) -> None:
    shutil.rmtree(env["SDTRACK_CACHE_DIR"], ignore_errors=True)


def first_run(env: dict[str, str], cwd: Path, repeat: int) -> Timing:
    times = []
    peaks = []
    for _ in range(repeat):
        clear_cache(env)
        elapsed, peak = run_once([*SDTRACK, "status", "--json", *AS_OF], env, cwd)
        times.append(elapsed)
        peaks.append(peak)
    return Timing(statistics.median(times), max(peaks))


def row(name: str, value: str, bound: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("yes" if ok else "NO")
    return f"| {name} | {value} | {bound} | {verdict} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="small sizes, one repeat")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="where to build workspaces")
    arguments = parser.parse_args()
    repeat = 1 if arguments.tiny else arguments.repeat
    w1 = (20, 5) if arguments.tiny else (1000, 100)
    w2 = (2, 50) if arguments.tiny else (10, 10_000)
    growth = [10, 100] if arguments.tiny else [1_000, 10_000, 100_000, 1_000_000]

    work = arguments.work or Path(tempfile.mkdtemp(prefix="sdtrack-bench-"))
    empty = work / "empty"
    empty.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDTRACK")}
    env.update({"NO_COLOR": "1", "COLUMNS": "120", "SDTRACK_CACHE_DIR": str(work / "cache")})

    def in_workspace(path: Path) -> dict[str, str]:
        return {**env, "SDTRACK_DIR": str(path)}

    generate(work / "w1", *w1)
    generate(work / "w2", *w2)
    fresh = work / "fresh"
    if not fresh.exists():
        subprocess.run(
            [*SDTRACK, "init", "--empty", str(fresh)], env=env, check=True, capture_output=True
        )
        generate(fresh, 1, 1)

    results: list[str] = []
    # The start-up rows compare commands of a fifth of a second: they are timed in turns.
    chinese = {**env, "SDTRACK_LANG": "zh"}
    start_up = measure_interleaved(
        {
            "floor": ([PYTHON, "-c", "import typer, rich.table, pydantic"], env),
            "shipped": ([*SDTRACK, "status", *AS_OF], env),
            "uncached": ([*SDTRACK, "status", *AS_OF], {**env, "SDTRACK_NO_CACHE": "1"}),
            "version": ([*SDTRACK, "--version"], env),
            "help": ([*SDTRACK, "--help"], env),
            "shipped_zh": ([*SDTRACK, "status", *AS_OF], chinese),
            "help_zh": ([*SDTRACK, "--help"], chinese),
        },
        empty,
        max(repeat, 3) * 2,
    )
    floor, shipped, uncached = start_up["floor"], start_up["shipped"], start_up["uncached"]
    version, help_ = start_up["version"], start_up["help"]
    shipped_zh, help_zh = start_up["shipped_zh"], start_up["help_zh"]
    r1 = shipped.median / floor.median
    results.append(
        row(
            "R1 start-up: status (shipped) / import typer, rich.table, pydantic",
            f"{r1:.2f}",
            "≤ 1.2",
            r1 <= 1.2,
        )
    )
    results.append(
        row(
            "status (shipped) with SDTRACK_NO_CACHE=1 / import typer, rich.table, pydantic",
            f"{uncached.median / floor.median:.2f}",
            "",
            None,
        )
    )
    for name, timing in (("--version", version), ("--help", help_)):
        ratio = timing.median / shipped.median
        results.append(
            row(f"R1 {name} / status (shipped)", f"{ratio:.2f}", "≤ 1.0 (no slower)", ratio <= 1.05)
        )
    # The same bounds in Chinese: the caches are keyed by language.
    r1_zh = shipped_zh.median / floor.median
    results.append(
        row(
            "R1 start-up in Chinese: status (shipped) / import typer, rich.table, pydantic",
            f"{r1_zh:.2f}",
            "≤ 1.2",
            r1_zh <= 1.2,
        )
    )
    ratio = help_zh.median / shipped_zh.median
    results.append(
        row(
            "R1 --help in Chinese / status in Chinese",
            f"{ratio:.2f}",
            "≤ 1.0 (no slower)",
            ratio <= 1.05,
        )
    )

    w1_env = in_workspace(work / "w1")
    w1_first = first_run(w1_env, empty, repeat)
    w1_json = measure([*SDTRACK, "status", "--json", *AS_OF], w1_env, empty, repeat)
    w1_terminal = measure([*SDTRACK, "status", *AS_OF], w1_env, empty, repeat)
    w1_all = measure([*SDTRACK, "status", "--all", *AS_OF], w1_env, empty, repeat)
    r2_json = w1_json.median / shipped.median
    r2_term = w1_terminal.median / shipped.median
    results.append(
        row(
            "R2 status --json on W1, warm / status (shipped)", f"{r2_json:.2f}", "≤ 3", r2_json <= 3
        )
    )
    results.append(
        row("R2 status on W1, warm / status (shipped)", f"{r2_term:.2f}", "≤ 4", r2_term <= 4)
    )
    results.append(
        row(
            "status --all on W1 (every row), warm / status (shipped)",
            f"{w1_all.median / shipped.median:.2f} ({w1_all.median:.2f} s)",
            "",
            None,
        )
    )

    record_w1 = measure([*SDTRACK, *RECORD], w1_env, empty, repeat, RECORD_WARMUPS)
    record_fresh = measure([*SDTRACK, *RECORD], in_workspace(fresh), empty, repeat, RECORD_WARMUPS)
    r3 = record_w1.median / record_fresh.median
    results.append(
        row("R3 record on W1 / record on a fresh workspace", f"{r3:.2f}", "≤ 1.3", r3 <= 1.3)
    )
    for name, timing in (("warm", w1_json), ("first run", w1_first)):
        results.append(
            row(
                f"R4 peak memory of status --json on W1, {name} (MB)",
                f"{timing.peak_rss_mb:.0f}",
                "≤ 150",
                timing.peak_rss_mb <= 150,
            )
        )
    w2_json = measure(
        [*SDTRACK, "status", "--json", *AS_OF], in_workspace(work / "w2"), empty, repeat
    )
    results.append(
        row(
            "W2 status --json, warm / status (shipped)",
            f"{w2_json.median / shipped.median:.2f}",
            "",
            None,
        )
    )

    # Import: a sheet of 100,000 rows into a workspace of 10 indicators and no readings,
    # against a first run of status on the workspace the import leaves.
    import_rows = 1_000 if arguments.tiny else 100_000
    imported = work / "imported"
    generate(imported, 10, 0, sheet_rows=import_rows)
    sheet = imported.with_name(imported.name + "-import.csv")
    ledger_header = (imported / "readings.toml").read_bytes()
    import_times, import_peaks = [], []
    for _ in range(min(repeat, 3)):
        (imported / "readings.toml").write_bytes(ledger_header)
        elapsed, peak = run_once([*SDTRACK, "import", str(sheet)], in_workspace(imported), empty)
        import_times.append(elapsed)
        import_peaks.append(peak)
    import_cold = first_run(in_workspace(imported), empty, min(repeat, 3))
    import_ratio = statistics.median(import_times) / import_cold.median
    results.append(
        row(
            f"import of {import_rows:,} CSV rows / status first run on the result "
            f"({statistics.median(import_times):.1f} s, {max(import_peaks):.0f} MB)",
            f"{import_ratio:.2f}",
            "≤ 2 (speed II)",
            import_ratio <= 2,
        )
    )

    growth_rows = []
    for size in growth:
        workspace = work / f"g{size}"
        indicators = max(10, size // 10_000)  # at most 10,000 daily readings (27 years) each
        generate(workspace, indicators, size // indicators)
        genv = in_workspace(workspace)
        cold = first_run(genv, empty, 1 if size >= 1_000_000 else repeat)
        warm = measure([*SDTRACK, "status", "--json", *AS_OF], genv, empty, repeat)
        record = measure([*SDTRACK, *RECORD], genv, empty, repeat, RECORD_WARMUPS)
        growth_rows.append(
            f"| {size:,} | {cold.median:.2f} | {warm.median:.2f} | {cold.peak_rss_mb:.0f} "
            f"| {size // indicators:,} | {record.median:.2f} "
            f"| {record.median / record_fresh.median:.2f} |"
        )

    print(
        f"Python {sys.version.split()[0]} · {os.cpu_count()} cores · repeat {repeat} · "
        f"{time.strftime('%Y-%m-%d')}"
    )
    print(
        f"\nBaselines (median seconds): import floor {floor.median:.3f}, status (shipped) "
        f"{shipped.median:.3f}, W1 status --json first run {w1_first.median:.3f} and warm "
        f"{w1_json.median:.3f}, "
        f"record W1 {record_w1.median:.3f}, record fresh {record_fresh.median:.3f}\n"
    )
    print("| ratio | measured | bound | within |")
    print("| --- | ---: | --- | --- |")
    print("\n".join(results))
    print(
        "\n| readings | first run (s) | warm run (s) | first-run peak memory (MB) "
        "| readings of the recorded indicator | record (s) | record / record fresh |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(growth_rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
