"""Real processes: many writers at once, and writers killed at random moments.

These start `python -m sdtrack record` as separate processes, as scripts and colleagues
would, so the file lock, the single appending write and the fsync are what is tested.
"""

from __future__ import annotations

import datetime as dt
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sdtrack.store.locations import locate_workspace
from sdtrack.store.validation import check_workspace
from sdtrack.store.workspace import load_workspace

from .conftest import FIGURES

CONCURRENT_WRITERS = 50
SAME_KEY_WRITERS = 10
CRASH_TRIALS = 50
CRASH_BATCH = 5
CRASH_SEED = 20261122
# A note this long makes each append a write of several kilobytes, not a few bytes.
CRASH_NOTE = 'crash-test note 山东 📡 "quoted" \\ backslash\n' * 150


def _record(workspace: Path, value: str, source: str, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "sdtrack", "record", "iot-terminals", value,
        "--date", "2024", "--source", source, "--dir", str(workspace), *extra,
    ]  # fmt: skip


def _start(command: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str, str]]:
    """Each process's exit code, stdout and stderr, once it has ended."""
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append((process.returncode, out, err))
    return results


def _ours(workspace: Path, prefix: str) -> dict[str, list[object]]:
    """The readings whose source starts with `prefix`, by source, from a valid ledger."""
    location = locate_workspace(workspace, None, workspace)
    assert check_workspace(location) == []
    found: dict[str, list[object]] = {}
    for entry in load_workspace(location).ledger.entries:
        reading = entry.reading
        if reading.source.startswith(prefix):
            found.setdefault(reading.source, []).append(reading)
    return found


def test_fifty_writers_at_once_lose_nothing(workspace: Path) -> None:
    """50 record processes started together: every reading is there once, the file valid."""
    processes = [
        _start(_record(workspace, str(n + 1), f"writer {n}")) for n in range(CONCURRENT_WRITERS)
    ]
    results = _finish(processes)
    FIGURES["concurrent writers"] += CONCURRENT_WRITERS
    FIGURES["tracebacks seen"] += sum("Traceback" in err for _, _, err in results)
    assert [code for code, _, _ in results] == [0] * CONCURRENT_WRITERS, results
    found = _ours(workspace, "writer ")
    lost = sum(f"writer {n}" not in found for n in range(CONCURRENT_WRITERS))
    FIGURES["readings lost"] += lost
    assert lost == 0
    for n in range(CONCURRENT_WRITERS):
        (reading,) = found[f"writer {n}"]
        assert reading.value == n + 1  # type: ignore[attr-defined]


def test_writers_sharing_a_key_record_once(workspace: Path) -> None:
    """10 processes recording with one --key at once: one reading, every process exits 0."""
    processes = [
        _start(_record(workspace, "7", f"keyed {n}", "--key", "shared-job"))
        for n in range(SAME_KEY_WRITERS)
    ]
    results = _finish(processes)
    FIGURES["concurrent writers"] += SAME_KEY_WRITERS
    FIGURES["tracebacks seen"] += sum("Traceback" in err for _, _, err in results)
    assert [code for code, _, _ in results] == [0] * SAME_KEY_WRITERS, results
    assert sum(len(readings) for readings in _ours(workspace, "keyed ").values()) == 1
    assert sum("Already recorded" in out for _, out, _ in results) == SAME_KEY_WRITERS - 1


def test_writers_killed_at_random_moments_leave_whole_readings(workspace: Path) -> None:
    """SIGKILL at random moments, 50 trials: the ledger always parses, every reading whole."""
    rng = random.Random(CRASH_SEED)
    started = time.monotonic()
    calibration = [
        _start(_record(workspace, str(n + 1), f"calibration {n}")) for n in range(CRASH_BATCH)
    ]
    for process in calibration:
        process.communicate(timeout=120)
        assert process.returncode == 0
    # Kill anywhere from start-up to a little after a batch would have finished.
    window = (time.monotonic() - started) * 1.2
    completed = killed = killed_after_writing = 0
    for batch in range(CRASH_TRIALS // CRASH_BATCH):
        trials = []
        for n in range(CRASH_BATCH):
            source = f"crash trial {batch * CRASH_BATCH + n}"
            value = str(1000 + batch * CRASH_BATCH + n)
            delay = rng.uniform(0, window)
            process = _start(_record(workspace, value, source, "--note", CRASH_NOTE))
            trials.append((process, source, value, time.monotonic() + delay))
        for process, _, _, kill_at in sorted(trials, key=lambda t: t[3]):
            time.sleep(max(0.0, kill_at - time.monotonic()))
            process.send_signal(signal.SIGKILL)
        found = _ours(workspace, "crash trial ")
        for process, source, value, _ in trials:
            code = process.wait(timeout=60)
            _, err = process.communicate()
            FIGURES["crash trials"] += 1
            FIGURES["tracebacks seen"] += "Traceback" in err
            if code == 0:
                completed += 1
                FIGURES["readings lost"] += source not in found
                assert source in found, f"{source} reported success but is missing"
            else:
                assert code == -signal.SIGKILL, err
                killed += 1
                killed_after_writing += source in found
            for reading in found.get(source, []):
                assert reading.value == int(value)  # type: ignore[attr-defined]
                assert reading.note == CRASH_NOTE  # type: ignore[attr-defined]
            assert len(found.get(source, [])) <= 1
    FIGURES["crash trials: killed while running"] += killed
    FIGURES["crash trials: killed after their reading was written"] += killed_after_writing
    FIGURES["crash trials: finished before the kill"] += completed
    assert completed + killed == CRASH_TRIALS


# ---------------------------------------------------------------------------------------
# Imports: one batch, one write, alongside records; and killed part-way

IMPORTERS = 4
IMPORT_ROWS = 200
IMPORT_CRASH_TRIALS = 10
IMPORT_CRASH_ROWS = 3000


def _sheet(path: Path, prefix: str, rows: int, note: str = "") -> Path:
    lines = ["indicator,value,date,source,note"]
    start = dt.date(2015, 1, 1)
    lines += [
        f"iot-terminals,{n + 1},{start + dt.timedelta(days=n)},{prefix} row {n},{note}"
        for n in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _import(workspace: Path, sheet: Path) -> list[str]:
    return [sys.executable, "-m", "sdtrack", "import", str(sheet), "--dir", str(workspace)]


def test_imports_and_records_at_once_lose_nothing(workspace: Path, tmp_path: Path) -> None:
    """4 imports of 200 rows and 10 records, started together: all 810 readings, once."""
    sheets = [
        _sheet(tmp_path / f"s{k}.csv", f"importer {k}", IMPORT_ROWS) for k in range(IMPORTERS)
    ]
    processes = [_start(_import(workspace, sheet)) for sheet in sheets]
    processes += [_start(_record(workspace, str(n + 1), f"recorder {n}")) for n in range(10)]
    results = _finish(processes)
    FIGURES["concurrent writers"] += len(processes)
    FIGURES["tracebacks seen"] += sum("Traceback" in err for _, _, err in results)
    assert [code for code, _, _ in results] == [0] * len(processes), results
    imported = _ours(workspace, "importer ")
    recorded = _ours(workspace, "recorder ")
    lost = IMPORTERS * IMPORT_ROWS - len(imported) + 10 - len(recorded)
    FIGURES["readings lost"] += lost
    assert lost == 0
    assert all(len(readings) == 1 for readings in [*imported.values(), *recorded.values()])


def test_imports_killed_at_random_moments_are_never_half_read(
    workspace: Path, tmp_path: Path
) -> None:
    """SIGKILL during an import of 3,000 rows, 10 trials: afterwards the ledger holds none
    of the batch or all of it, or `check` refuses it, naming the import that was cut off."""
    rng = random.Random(CRASH_SEED)
    ledger = workspace / "readings.toml"
    started = time.monotonic()
    calibration = _sheet(tmp_path / "calibration.csv", "calibration", IMPORT_CRASH_ROWS, "x" * 200)
    _finish([_start(_import(workspace, calibration))])
    window = time.monotonic() - started
    outcomes: Counter[str] = Counter()
    for trial in range(IMPORT_CRASH_TRIALS):
        before = ledger.read_bytes()
        sheet = _sheet(tmp_path / f"t{trial}.csv", f"killed {trial}", IMPORT_CRASH_ROWS, "y" * 200)
        process = _start(_import(workspace, sheet))
        time.sleep(rng.uniform(0.8, 1.5) * window)  # most kills near the one write
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=60)
        _, err = process.communicate()
        FIGURES["crash trials"] += 1
        FIGURES["tracebacks seen"] += "Traceback" in err
        location = locate_workspace(workspace, None, workspace)
        problems = check_workspace(location)
        if problems:
            assert any("was cut off" in p.message or "part-way" in p.message for p in problems)
            outcomes["refused as cut off"] += 1
            ledger.write_bytes(before)  # what the message tells the user to do
            continue
        ours = [e for e in load_workspace(location).ledger.entries
                if e.reading.source.startswith(f"killed {trial} ")]  # fmt: skip
        assert len(ours) in (0, IMPORT_CRASH_ROWS), len(ours)
        outcomes["whole" if ours else "none"] += 1
        assert code in (0, -signal.SIGKILL)
    for outcome, count in outcomes.items():
        FIGURES[f"import crash trials: {outcome}"] += count
    assert sum(outcomes.values()) == IMPORT_CRASH_TRIALS
