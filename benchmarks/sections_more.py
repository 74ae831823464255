"""Issue 17's rows: warm read commands, a cold status against parsing the TOML alone, the
status after an append, the exports, and the first line of a long `readings`."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable

from generate import sheet_csv
from harness import (
    AS_OF,
    FLOOR,
    PYTHON,
    SDTRACK,
    Probe,
    Sample,
    Timing,
    command_probe,
    first_line,
    interleave,
    log,
    restore,
    run_once,
)
from suite import Bench, growth_shape

READS = {
    "gap --json": ["gap", "--json", *AS_OF],
    "show ind-00000 --json": ["show", "ind-00000", "--json", *AS_OF],
    "targets --json": ["targets", "--json"],
    "readings --json --limit 20": ["readings", "--json", "--limit", "20"],
    "check": ["check"],
}
# Parsing the two files with rtoml, and nothing else: what a cold status cannot beat.
PARSE = "import rtoml, sys\nfor path in sys.argv[1:]:\n    rtoml.load(open(path, encoding='utf-8'))"
EXPORTS = {"md": 1.5, "csv": 1.5, "json": 1.5, "xlsx": 2, "html": 3}
XLSX_PEAK_MB = 200
# The day an append's refresher brings up to date is today's: these rows run without --as-of.
STATUS_TODAY = [*SDTRACK, "status", "--json"]


def reads(bench: Bench) -> None:
    """Warm read commands on W1 (their second run on unchanged files) against the floor."""
    env = bench.in_workspace(bench.w1())
    probes = {"floor": command_probe(FLOOR, bench.env, bench.empty)}
    for name, arguments in READS.items():
        probes[name] = command_probe([*SDTRACK, *arguments], env, bench.empty)
    log("reads: one run each fills the cache, then the warm runs in turns")
    timings = interleave(probes, bench.repeat)
    floor = timings["floor"].median
    for name in READS:
        seconds = timings[name].median
        bench.ratio(f"warm {name} on W1 / import floor", seconds / floor, 2, f"{seconds:.2f} s")


def cold(bench: Bench) -> None:
    """A cold status on W1 (SDTRACK_NO_CACHE=1) against parsing its two files with rtoml."""
    w1 = bench.w1()
    files = [str(w1 / "readings.toml"), str(w1 / "targets.toml")]
    probes = {
        "parse": command_probe([PYTHON, "-c", PARSE, *files], bench.env, bench.empty),
        "status": command_probe(
            [*SDTRACK, "status", "--json", *AS_OF], bench.in_workspace(w1, cold=True), bench.empty
        ),
    }
    log("cold: status --json with SDTRACK_NO_CACHE=1 and an rtoml parse, in turns")
    timings = interleave(probes, bench.repeat)
    status, parse = timings["status"], timings["parse"]
    bench.baseline("W1 status --json cold (SDTRACK_NO_CACHE=1)", status.median)
    bench.baseline("rtoml parse of W1", parse.median)
    bench.timings["w1_cold"] = status
    bench.ratio(
        "cold status --json on W1 (SDTRACK_NO_CACHE=1) / rtoml parse of its two files",
        status.median / parse.median,
        3,
        f"{status.median:.2f} s",
    )
    peak = status.peak_rss_mb
    name = "peak memory of cold status --json on W1 (MB)"
    bench.add(name, f"{peak:.0f}", "≤ 150", peak <= 150)


def incremental(bench: Bench) -> None:
    """The status after one record, and after importing 1,000 rows, on W1 restored each
    time, against the warm status that follows it."""
    pristine = bench.w1_pristine()
    workspace = bench.spaces.copy("w1-incremental", *bench.sizes.w1)
    env = bench.in_workspace(workspace)
    indicators = bench.sizes.w1[0]
    rows = bench.sizes.incremental_rows
    day = dt.date(2001, 1, 1)

    def after(change: Callable[[int], list[str]]) -> tuple[list[Sample], list[Sample]]:
        changed, warm = [], []
        for number in range(bench.repeat):
            restore(pristine, workspace)
            # The cache holds today's status of W1 as it is, its stamps settled.
            run_once(STATUS_TODAY, env, bench.empty)
            run_once(STATUS_TODAY, env, bench.empty)
            run_once(change(number), env, bench.empty)
            changed.append(run_once(STATUS_TODAY, env, bench.empty))
            warm.append(run_once(STATUS_TODAY, env, bench.empty))
        return changed, warm

    def record(number: int) -> list[str]:
        date = (day + dt.timedelta(days=number)).isoformat()
        return [*SDTRACK, "record", "ind-00000", "123", "--date", date, "--source", "bench"]

    def import_sheet(number: int) -> list[str]:
        sheet = bench.work / "incremental-import.csv"
        start = day + dt.timedelta(days=1000 + number * (rows // indicators + 1))
        sheet.write_text(sheet_csv(indicators, rows, start, "Incremental table"), "utf-8")
        return [*SDTRACK, "import", str(sheet)]

    for label, change in (("one record", record), (f"importing {rows:,} CSV rows", import_sheet)):
        log(f"incremental: status after {label}, {bench.repeat} times on W1 restored")
        changed, warm = (Timing.of(samples) for samples in after(change))
        bench.ratio(
            f"status --json on W1 after {label} / warm status --json",
            changed.median / warm.median,
            3,
            f"{changed.median:.2f} s",
        )
    shutil.rmtree(workspace, ignore_errors=True)


def exports(bench: Bench) -> None:
    """Each export of W1, cold into a fresh directory, against a cold status --json."""
    w1 = bench.w1()
    env = bench.in_workspace(w1, cold=True)
    out = bench.work / "exports"

    def export(fmt: str) -> Probe:
        def run() -> Sample:
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            command = [*SDTRACK, "export", "--format", fmt, "-o", str(out / f"report.{fmt}")]
            return run_once([*command, *AS_OF], env, bench.empty)

        return run

    probes = {"status": command_probe([*SDTRACK, "status", "--json", *AS_OF], env, bench.empty)}
    probes.update({fmt: export(fmt) for fmt in EXPORTS})
    log("exports: cold status --json and every export, in turns")
    timings = interleave(probes, bench.repeat)
    shutil.rmtree(out, ignore_errors=True)
    status = timings["status"].median
    bench.baseline("W1 status --json cold, beside the exports", status)
    for fmt, limit in EXPORTS.items():
        timing = timings[fmt]
        detail = f"{timing.median:.2f} s, {timing.peak_rss_mb:.0f} MB"
        name = f"export --format {fmt} of W1, cold / cold status --json"
        bench.ratio(name, timing.median / status, limit, detail)
    peak = timings["xlsx"].peak_rss_mb
    name = "peak memory of export --format xlsx of W1 (MB)"
    bench.add(name, f"{peak:.0f}", f"≤ {XLSX_PEAK_MB}", peak <= XLSX_PEAK_MB)


def streaming(bench: Bench) -> None:
    """The first line of `readings` on 200,000 readings, cold, against the floor."""
    size = bench.sizes.streaming
    workspace = bench.spaces.copy("streaming", *growth_shape(size))
    env = bench.in_workspace(workspace, cold=True)
    probes = {
        "floor": command_probe(FLOOR, bench.env, bench.empty),
        "first line": lambda: first_line([*SDTRACK, "readings"], env, bench.empty),
    }
    log(f"streaming: first line of readings on {size:,} readings and the floor, in turns")
    timings = interleave(probes, bench.repeat)
    seconds = timings["first line"].median
    bench.ratio(
        f"first line of readings on {size:,} readings, cold / import floor",
        seconds / timings["floor"].median,
        3,
        f"{seconds:.2f} s",
    )
