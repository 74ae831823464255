"""Measure sdtrack's speed as ratios, side by side in one run.

    python benchmarks/run.py                        # everything, growth to 1,000,000 readings
    python benchmarks/run.py --quick                # 3 repeats, growth to 100,000 readings
    python benchmarks/run.py --only exports,growth  # some sections (see --help)
    python benchmarks/run.py --tiny                 # a seconds-long smoke run (used by the tests)

Each command runs as a subprocess: one warm-up, then the median of --repeat runs; commands
compared with each other are timed in turns. sdtrack runs as users run it, through the
`sdtrack` script installed beside this Python. Peak memory is the child's maximum resident
set size from os.wait4. Every bound is a ratio of two commands timed in this same run, so a
noisy machine slows both sides alike. The cache lives in WORK/cache ($SDTRACK_CACHE_DIR): a
"first run" is timed right after deleting it, a "cold" run has SDTRACK_NO_CACHE=1, a
"warm" run is a second run on unchanged files. Generated workspaces are kept in
WORK/generated and reused by later runs with the same --work; each section works on copies.

Progress goes to stderr, the table to stdout (and with --markdown FILE, to FILE as well,
with the machine, the date and the command).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sections_core
import sections_more
from harness import log
from suite import Bench, Sizes

SECTIONS: dict[str, tuple[Callable[[Bench], None], str]] = {
    "startup": (sections_core.startup, "R1: cached status, --version, --help vs the floor"),
    "w1": (sections_core.w1, "R2, R4: status on W1 (1,000 × 100), warm and first run"),
    "reads": (sections_more.reads, "warm gap, show, targets, readings, check on W1"),
    "cold": (sections_more.cold, "cold status on W1 vs an rtoml parse; its peak memory"),
    "record": (sections_core.record, "R3: record on W1 vs on a fresh workspace"),
    "w2": (sections_core.w2, "W2 (10 × 10,000): warm status"),
    "incremental": (sections_more.incremental, "status after record / import of 1,000 rows"),
    "exports": (sections_more.exports, "md, csv, json, xlsx, html exports of W1, cold"),
    "streaming": (sections_more.streaming, "first line of readings on 200,000 readings"),
    "import": (sections_core.import_sheet, "import of 100,000 CSV rows"),
    "growth": (sections_core.growth, "status and record from 1,000 to 1,000,000 readings"),
}


def sections(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SECTIONS]
    if unknown or not names:
        listed = ", ".join(unknown) or "(none)"
        raise argparse.ArgumentTypeError(
            f"unknown section(s) {listed}; choose from {', '.join(SECTIONS)}"
        )
    return [name for name in SECTIONS if name in names]


def main() -> int:
    listing = "\n".join(f"  {name:12} {what}" for name, (_, what) in SECTIONS.items())
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog=f"sections:\n{listing}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--tiny", action="store_true", help="small sizes, one repeat")
    parser.add_argument(
        "--quick", action="store_true", help="3 repeats (unless --repeat), no 1,000,000 readings"
    )
    parser.add_argument("--repeat", type=int, default=None, help="runs per median (default 5)")
    parser.add_argument("--only", type=sections, default=list(SECTIONS), help="e.g. exports,growth")
    parser.add_argument("--work", type=Path, default=None, help="where to build workspaces")
    parser.add_argument("--markdown", type=Path, default=None, help="also write the table here")
    arguments = parser.parse_args()
    repeat = arguments.repeat or (1 if arguments.tiny else 3 if arguments.quick else 5)
    work = arguments.work or Path(tempfile.mkdtemp(prefix="sdtrack-bench-"))
    bench = Bench(
        work.resolve(), repeat, Sizes.choose(arguments.tiny, arguments.quick), arguments.only
    )
    for name in arguments.only:
        start = time.perf_counter()
        log(f"{name}: start")
        SECTIONS[name][0](bench)
        log(f"{name}: done in {time.perf_counter() - start:.0f} s")
    print(bench.text())
    if arguments.markdown:
        arguments.markdown.write_text(bench.text(markdown=True), encoding="utf-8")
        log(f"wrote {arguments.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
