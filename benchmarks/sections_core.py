"""The rows of the earlier speed issues: start-up (R1), W1 (R2, R4), record (R3), W2, the
import of 100,000 rows, and the growth table (with issue 17's growth bounds)."""

from __future__ import annotations

import itertools
import shutil
import statistics
from pathlib import Path

from harness import (
    AS_OF,
    FLOOR,
    SDTRACK,
    Timing,
    clear_cache,
    first_run,
    log,
    measure,
    measure_interleaved,
    run_once,
)
from suite import Bench, growth_shape

# One reading more, the same each time: --allow-duplicate keeps every run an append.
RECORD = ["record", "ind-00000", "123", "--date", "2020-01-01", "--source", "bench"]
RECORD += ["--allow-duplicate"]
# The first record builds the ledger's index; the second checks the rebuilt index's digest
# once (its stamp is racy); from the third on, record runs as it does day to day.
RECORD_WARMUPS = 2
# Time per reading no worse than linear: ten times the readings in at most 10 × 1.2 the time.
LINEAR_TOLERANCE = 1.2
GROWTH_PEAK_MB = 400


def measure_record(env: dict[str, str], cwd: Path, repeat: int) -> Timing:
    return measure([*SDTRACK, *RECORD], env, cwd, repeat, RECORD_WARMUPS)


def startup(bench: Bench) -> None:
    """R1: a cached status, --version and --help against the import floor, in turns."""
    env = bench.env
    chinese = {**env, "SDTRACK_LANG": "zh"}
    status = [*SDTRACK, "status", *AS_OF]
    timings = measure_interleaved(
        {
            "floor": (FLOOR, env),
            "shipped": (status, env),
            "uncached": (status, {**env, "SDTRACK_NO_CACHE": "1"}),
            "version": ([*SDTRACK, "--version"], env),
            "help": ([*SDTRACK, "--help"], env),
            "shipped_zh": (status, chinese),
            "help_zh": ([*SDTRACK, "--help"], chinese),
        },
        bench.empty,
        max(bench.repeat, 3) * 2,
    )
    bench.timings.update(floor=timings["floor"], shipped=timings["shipped"])
    bench.baseline("import floor", timings["floor"].median)
    bench.baseline("status (shipped)", timings["shipped"].median)
    floor, shipped = timings["floor"].median, timings["shipped"].median
    name = "R1 start-up: status (shipped) / import typer, rich.table, pydantic"
    bench.ratio(name, shipped / floor, 1.2)
    bench.add(
        "status (shipped) with SDTRACK_NO_CACHE=1 / import typer, rich.table, pydantic",
        f"{timings['uncached'].median / floor:.2f}",
    )
    # "No slower" allows 5% for noise.
    for option, key in (("--version", "version"), ("--help", "help")):
        ratio = timings[key].median / shipped
        bench.add(
            f"R1 {option} / status (shipped)", f"{ratio:.2f}", "≤ 1.0 (no slower)", ratio <= 1.05
        )
    shipped_zh = timings["shipped_zh"].median
    name = "R1 start-up in Chinese: status (shipped) / import typer, rich.table, pydantic"
    bench.ratio(name, shipped_zh / floor, 1.2)
    ratio = timings["help_zh"].median / shipped_zh
    name = "R1 --help in Chinese / status in Chinese"
    bench.add(name, f"{ratio:.2f}", "≤ 1.0 (no slower)", ratio <= 1.05)


def w1(bench: Bench) -> None:
    """R2 (warm status on W1 against the shipped one) and R4 (its peak memory)."""
    shipped = bench.shipped().median
    env = bench.in_workspace(bench.w1())
    first = first_run(env, bench.empty, bench.repeat)
    warm_json = measure([*SDTRACK, "status", "--json", *AS_OF], env, bench.empty, bench.repeat)
    terminal = measure([*SDTRACK, "status", *AS_OF], env, bench.empty, bench.repeat)
    every_row = measure([*SDTRACK, "status", "--all", *AS_OF], env, bench.empty, bench.repeat)
    bench.baseline("W1 status --json first run", first.median)
    bench.baseline("W1 status --json warm", warm_json.median)
    bench.ratio("R2 status --json on W1, warm / status (shipped)", warm_json.median / shipped, 3)
    bench.ratio("R2 status on W1, warm / status (shipped)", terminal.median / shipped, 4)
    bench.add(
        "status --all on W1 (every row), warm / status (shipped)",
        f"{every_row.median / shipped:.2f} ({every_row.median:.2f} s)",
    )
    for name, timing in (("warm", warm_json), ("first run", first)):
        peak = timing.peak_rss_mb
        bench.add(
            f"R4 peak memory of status --json on W1, {name} (MB)",
            f"{peak:.0f}",
            "≤ 150",
            peak <= 150,
        )


def record(bench: Bench) -> None:
    """R3: record on W1 against record on a workspace of one reading."""
    on_w1 = measure_record(
        bench.in_workspace(bench.spaces.copy("w1-record", *bench.sizes.w1)),
        bench.empty,
        bench.repeat,
    )
    fresh = bench.record_fresh()
    bench.baseline("record W1", on_w1.median)
    bench.ratio("R3 record on W1 / record on a fresh workspace", on_w1.median / fresh.median, 1.3)


def w2(bench: Bench) -> None:
    shipped = bench.shipped().median
    env = bench.in_workspace(bench.spaces.copy("w2", *bench.sizes.w2))
    warm = measure([*SDTRACK, "status", "--json", *AS_OF], env, bench.empty, bench.repeat)
    bench.add("W2 status --json, warm / status (shipped)", f"{warm.median / shipped:.2f}")


def import_sheet(bench: Bench) -> None:
    """A sheet of 100,000 rows into a fresh copy of a workspace of 10 indicators and no
    readings, against a first run of status on the workspace the import leaves: each
    import followed by its status, in turns, so that both see the machine alike."""
    rows = bench.sizes.import_rows
    times, peaks, statuses = [], [], []
    for number in range(min(bench.repeat, 3)):
        log(f"import: {rows:,} rows, then a first status, run {number + 1}")
        imported = bench.spaces.copy("imported", 10, 0, sheet_rows=rows)
        sheet = imported.with_name(imported.name + "-import.csv")
        env = bench.in_workspace(imported)
        clear_cache(env)
        elapsed, peak = run_once([*SDTRACK, "import", str(sheet)], env, bench.empty)
        times.append(elapsed)
        peaks.append(peak)
        clear_cache(env)
        statuses.append(run_once([*SDTRACK, "status", "--json", *AS_OF], env, bench.empty))
    seconds, cold = statistics.median(times), Timing.of(statuses)
    bench.ratio(
        f"import of {rows:,} CSV rows / status first run on the result "
        f"({seconds:.1f} s, {max(peaks):.0f} MB)",
        seconds / cold.median,
        2,
        bound="≤ 2 (speed II)",
    )


def growth(bench: Bench) -> None:
    """First and warm runs of status --json, and record, from 1,000 to 1,000,000 readings."""
    fresh = bench.record_fresh().median
    table = [
        "| readings | first run (s) | warm run (s) | first-run peak memory (MB) "
        "| warm peak memory (MB) | readings of the recorded indicator | record (s) "
        "| record / record fresh |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    cold: dict[int, Timing] = {}
    for size in bench.sizes.growth:
        indicators, each = growth_shape(size)
        log(f"growth: {size:,} readings")
        env = bench.in_workspace(bench.spaces.copy("growth", indicators, each))
        # The first million-reading run is measured once, not --repeat times.
        cold[size] = first_run(env, bench.empty, 1 if size >= 1_000_000 else bench.repeat)
        warm = measure([*SDTRACK, "status", "--json", *AS_OF], env, bench.empty, bench.repeat)
        timing = measure_record(env, bench.empty, bench.repeat)
        table.append(
            f"| {size:,} | {cold[size].median:.2f} | {warm.median:.2f} "
            f"| {cold[size].peak_rss_mb:.0f} | {warm.peak_rss_mb:.0f} | {each:,} "
            f"| {timing.median:.2f} | {timing.median / fresh:.2f} |"
        )
    shutil.rmtree(bench.work / "growth", ignore_errors=True)
    bench.tables.append(table)
    sizes = sorted(cold)
    for small, large in itertools.pairwise(sizes):
        if large != small * 10:
            continue
        ratio = cold[large].median / cold[small].median
        name = f"growth: first run at {large:,} readings / at {small:,}"
        if large >= 1_000_000:
            bench.ratio(name, ratio, 10 * LINEAR_TOLERANCE, "linear is 10")
        else:
            bench.add(name, f"{ratio:.2f}")
    if 1_000_000 in cold:
        peak = cold[1_000_000].peak_rss_mb
        name = "growth: peak memory of status --json at 1,000,000 readings, first run (MB)"
        bench.add(name, f"{peak:.0f}", f"≤ {GROWTH_PEAK_MB}", peak <= GROWTH_PEAK_MB)
