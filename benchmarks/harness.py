"""How `run.py` times a command: subprocesses, medians, commands taken in turns.

Each command runs as a subprocess; its peak memory is its maximum resident set size from
os.wait4. Linux counts in it the process the child was forked from, so this process stays
small: workspaces are written by a child (`generate.py`), never held here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable
INSTALLED_SCRIPT = Path(PYTHON).with_name("sdtrack")
SDTRACK = [str(INSTALLED_SCRIPT)] if INSTALLED_SCRIPT.is_file() else [PYTHON, "-m", "sdtrack"]
AS_OF = ["--as-of", "2026-11-22"]
FLOOR = [PYTHON, "-c", "import typer, rich.table, pydantic"]
HERE = Path(__file__).resolve().parent

# One sample: seconds and peak memory (MB).
Sample = tuple[float, float]
# Something to time: runs once, returns a sample. Setup it needs is done inside, untimed.
Probe = Callable[[], Sample]


@dataclass(frozen=True)
class Timing:
    median: float
    peak_rss_mb: float

    @staticmethod
    def of(samples: Sequence[Sample]) -> Timing:
        return Timing(statistics.median(t for t, _ in samples), max(m for _, m in samples))


def compile_sdtrack() -> None:
    """Write the bytecode of sdtrack's modules, as `pip install .` does when it installs
    them. The floor's libraries are loaded from the bytecode pip wrote; an editable install
    run with PYTHONDONTWRITEBYTECODE=1 (as on this machine) would instead compile from
    source every sdtrack module a command imports, on every run: 21 for a cached status
    (30 ms), about 90 for a cold one."""
    where = subprocess.run(
        [PYTHON, "-c", "import os, sdtrack; print(os.path.dirname(sdtrack.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    subprocess.run([PYTHON, "-m", "compileall", "-q", where], check=True)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_once(command: Sequence[str], env: dict[str, str], cwd: Path) -> Sample:
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{shlex.join(command)} failed: {error[-1000:]}")
    return elapsed, usage.ru_maxrss / 1024


def first_line(command: Sequence[str], env: dict[str, str], cwd: Path) -> Sample:
    """Seconds from spawning the command to the first line on its stdout that is not blank;
    then the process is killed. Its peak memory is not known (reported as 0)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert process.stdout is not None
    try:
        while True:
            line = process.stdout.readline()
            if not line or line.strip():
                break
        elapsed = time.perf_counter() - start
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
    if not line:
        raise RuntimeError(f"{shlex.join(command)} printed nothing (exit {process.returncode})")
    return elapsed, 0.0


def measure(
    command: Sequence[str], env: dict[str, str], cwd: Path, repeat: int, warmups: int = 1
) -> Timing:
    for _ in range(warmups):
        run_once(command, env, cwd)
    return Timing.of([run_once(command, env, cwd) for _ in range(repeat)])


def interleave(probes: dict[str, Probe], repeat: int, warmups: int = 1) -> dict[str, Timing]:
    """Each probe's timing, taken in turns (a, b, c, a, b, c, …) after `warmups` runs each,
    so that a change in the machine's load falls on all of them alike."""
    for _ in range(warmups):
        for probe in probes.values():
            probe()
    samples: dict[str, list[Sample]] = {name: [] for name in probes}
    for _ in range(repeat):
        for name, probe in probes.items():
            samples[name].append(probe())
    return {name: Timing.of(s) for name, s in samples.items()}


def measure_interleaved(
    commands: dict[str, tuple[Sequence[str], dict[str, str]]], cwd: Path, repeat: int
) -> dict[str, Timing]:
    """Each command's timing, taken in turns after one warm-up each."""
    probes = {name: command_probe(command, env, cwd) for name, (command, env) in commands.items()}
    return interleave(probes, repeat)


def command_probe(command: Sequence[str], env: dict[str, str], cwd: Path) -> Probe:
    return lambda: run_once(command, env, cwd)


def clear_cache(env: dict[str, str]) -> None:
    shutil.rmtree(env["SDTRACK_CACHE_DIR"], ignore_errors=True)


def first_run(env: dict[str, str], cwd: Path, repeat: int) -> Timing:
    """`status --json` right after deleting the cache: it fills the cache as it runs."""
    samples = []
    for _ in range(repeat):
        clear_cache(env)
        samples.append(run_once([*SDTRACK, "status", "--json", *AS_OF], env, cwd))
    return Timing.of(samples)


class Workspaces:
    """Generated workspaces, written once under WORK/generated and reused by later runs
    (keyed by their sizes and generate.py's digest), copied afresh wherever a run writes."""

    def __init__(self, work: Path) -> None:
        self.store = work / "generated"
        self.work = work

    def pristine(self, indicators: int, per_indicator: int, sheet_rows: int = 0) -> Path:
        script = HERE / "generate.py"
        digest = hashlib.sha256(script.read_bytes()).hexdigest()[:12]
        key = f"{indicators}x{per_indicator}-sheet{sheet_rows}-{digest}"
        directory = self.store / key / "workspace"
        done = self.store / key / "done"
        if not done.exists():
            shutil.rmtree(directory.parent, ignore_errors=True)
            log(f"generating {indicators:,} indicators × {per_indicator:,} readings")
            arguments = [str(directory), "--indicators", str(indicators)]
            arguments += ["--readings-per-indicator", str(per_indicator)]
            arguments += ["--sheet-rows", str(sheet_rows)]
            subprocess.run([PYTHON, str(script), *arguments], check=True)
            done.write_text("ok\n")
        return directory

    def copy(self, name: str, indicators: int, per_indicator: int, sheet_rows: int = 0) -> Path:
        """A fresh copy of the generated workspace at WORK/name (its sheet, if any, at
        WORK/name-import.csv)."""
        source = self.pristine(indicators, per_indicator, sheet_rows)
        target = self.work / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
        sheet = source.with_name(source.name + "-import.csv")
        if sheet.exists():
            shutil.copyfile(sheet, target.with_name(name + "-import.csv"))
        return target


def restore(source: Path, target: Path) -> None:
    """Put the workspace files of `source` back over those of `target`."""
    for name in ("targets.toml", "readings.toml"):
        shutil.copyfile(source / name, target / name)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError):
        pass
    return (
        f"{model}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )


def command_line() -> str:
    python = os.path.relpath(PYTHON)
    return shlex.join([PYTHON if python.startswith("..") else python, *sys.argv])


def today() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M")
