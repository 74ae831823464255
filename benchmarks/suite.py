"""What every section of `run.py` shares: the environment, the sizes, the workspaces, the
baselines measured once, and the rows of the table it prints."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness import (
    AS_OF,
    FLOOR,
    SDTRACK,
    Timing,
    Workspaces,
    command_line,
    compile_sdtrack,
    machine,
    measure,
    today,
)


@dataclass(frozen=True)
class Sizes:
    w1: tuple[int, int]  # indicators, readings each
    w2: tuple[int, int]
    growth: tuple[int, ...]  # readings in all
    streaming: int  # readings in all
    import_rows: int
    incremental_rows: int

    @staticmethod
    def choose(tiny: bool, quick: bool) -> Sizes:
        if tiny:
            return Sizes((20, 5), (2, 50), (10, 100), 2_000, 1_000, 100)
        growth = (1_000, 10_000, 100_000) if quick else (1_000, 10_000, 100_000, 1_000_000)
        return Sizes((1000, 100), (10, 10_000), growth, 200_000, 100_000, 1_000)


def growth_shape(size: int) -> tuple[int, int]:
    """Indicators and readings each for `size` readings: at most 10,000 daily readings
    (27 years) an indicator."""
    indicators = max(10, size // 10_000)
    return indicators, size // indicators


@dataclass(frozen=True)
class Row:
    name: str
    value: str
    bound: str = ""
    ok: bool | None = None

    def line(self) -> str:
        verdict = "" if self.ok is None else ("OK" if self.ok else "FAIL")
        return f"| {self.name} | {self.value} | {self.bound} | {verdict} |"


@dataclass
class Bench:
    work: Path
    repeat: int
    sizes: Sizes
    sections: list[str]
    rows: list[Row] = field(default_factory=list)
    baselines: dict[str, float] = field(default_factory=dict)
    tables: list[list[str]] = field(default_factory=list)
    timings: dict[str, Timing] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)

    def __post_init__(self) -> None:
        compile_sdtrack()
        self.empty = self.work / "empty"
        self.empty.mkdir(parents=True, exist_ok=True)
        self.spaces = Workspaces(self.work)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SDTRACK")}
        env.update({"NO_COLOR": "1", "COLUMNS": "120"})
        env["SDTRACK_CACHE_DIR"] = str(self.work / "cache")
        self.env = env

    def in_workspace(self, path: Path, cold: bool = False) -> dict[str, str]:
        env = {**self.env, "SDTRACK_DIR": str(path)}
        if cold:
            env["SDTRACK_NO_CACHE"] = "1"
        return env

    def add(self, name: str, value: str, bound: str = "", ok: bool | None = None) -> None:
        self.rows.append(Row(name, value, bound, ok))

    def ratio(
        self, name: str, ratio: float, limit: float, detail: str = "", bound: str = ""
    ) -> None:
        """A row bounded by `ratio ≤ limit`; `detail` (seconds, memory) follows the ratio."""
        value = f"{ratio:.2f}" + (f" ({detail})" if detail else "")
        self.add(name, value, bound or f"≤ {limit:g}", ratio <= limit)

    def baseline(self, label: str, seconds: float) -> None:
        self.baselines[label] = seconds

    def w1(self) -> Path:
        """W1, copied once per run, for the sections that only read it."""
        if "w1" not in self.copies:
            self.copies["w1"] = self.spaces.copy("w1", *self.sizes.w1)
        return self.copies["w1"]

    def w1_pristine(self) -> Path:
        return self.spaces.pristine(*self.sizes.w1)

    def fresh(self) -> Path:
        """A workspace of one indicator and one reading, copied afresh."""
        return self.spaces.copy("fresh", 1, 1)

    def shipped(self) -> Timing:
        """A cached `status` of the shipped dataset (measured in `startup` when it runs)."""
        if "shipped" not in self.timings:
            command = [*SDTRACK, "status", *AS_OF]
            self.timings["shipped"] = measure(command, self.env, self.empty, self.repeat)
            self.baseline("status (shipped)", self.timings["shipped"].median)
        return self.timings["shipped"]

    def floor(self) -> Timing:
        if "floor" not in self.timings:
            self.timings["floor"] = measure(FLOOR, self.env, self.empty, self.repeat)
            self.baseline("import floor", self.timings["floor"].median)
        return self.timings["floor"]

    def record_fresh(self) -> Timing:
        if "record_fresh" not in self.timings:
            from sections_core import measure_record

            timing = measure_record(self.in_workspace(self.fresh()), self.empty, self.repeat)
            self.timings["record_fresh"] = timing
            self.baseline("record fresh", timing.median)
        return self.timings["record_fresh"]

    def text(self, markdown: bool = False) -> str:
        head = (
            f"Python {sys.version.split()[0]} · {os.cpu_count()} cores · repeat {self.repeat} · "
            f"{time.strftime('%Y-%m-%d')} · sections: {', '.join(self.sections)}"
        )
        parts = []
        if markdown:
            parts.append(
                f"- Machine: {machine()}\n- Date: {today()}\n- Command: `{command_line()}`"
            )
        parts.append(head)
        if self.baselines:
            listed = ", ".join(
                f"{label} {seconds:.3f}" for label, seconds in self.baselines.items()
            )
            parts.append(f"Baselines (median seconds): {listed}")
        if self.rows:
            lines = ["| ratio | measured | bound | verdict |", "| --- | ---: | --- | --- |"]
            parts.append("\n".join(lines + [row.line() for row in self.rows]))
        parts.extend("\n".join(table) for table in self.tables)
        failed = [row.name for row in self.rows if row.ok is False]
        parts.append(
            f"{len(failed)} of {sum(row.ok is not None for row in self.rows)} bounds FAIL"
            + (": " + "; ".join(failed) if failed else ".")
        )
        return "\n\n".join(parts) + "\n"
