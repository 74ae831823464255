"""sdtrack without `fcntl` (as on Windows): every command works, and appends still lock.

Each run is a separate interpreter in which `import fcntl` fails, so the lock falls back
to filelock's lock file beside the ledger, as it does where `flock` does not exist.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sdtrack.store import ledger_file
from sdtrack.store.locations import READINGS_FILE, locate_workspace
from sdtrack.store.workspace import load_workspace

from .conftest import append_reading, make_reading

BLOCK_FCNTL = "import sys; sys.modules['fcntl'] = None\n"
RUN_SDTRACK = BLOCK_FCNTL + (
    "import runpy\nsys.argv = ['sdtrack', *sys.argv[1:]]\n"
    "runpy.run_module('sdtrack', run_name='__main__')\n"
)
WRITERS = 10


def _sdtrack(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN_SDTRACK, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_fcntl_is_really_blocked() -> None:
    """The runs below cannot import fcntl, and sdtrack's lock then uses a lock file."""
    probe = BLOCK_FCNTL + (
        "from sdtrack.store import ledger_file\n"
        "try:\n    import fcntl\nexcept ImportError:\n    print('blocked')\n"
        "print(ledger_file.native_ledger_lock())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["blocked", "False"], result.stderr


def test_every_command_works_without_fcntl(workspace: Path) -> None:
    """record, correct, retract, status, check, readings, show and targets all exit 0."""
    directory = ["--dir", str(workspace)]
    recorded = _sdtrack(
        "record", "iot-terminals", "5", "--date", "2024", "--source", "s", "--json", *directory
    )
    assert recorded.returncode == 0, recorded.stderr
    reading = json.loads(recorded.stdout)["reading"]["id"]
    runs = [
        recorded,
        _sdtrack("correct", reading, "6", "--note", "typo", *directory),
        _sdtrack("record", "iot-terminals", "7", "--date", "2023", "--source", "t", *directory),
    ]
    readings = load_workspace(locate_workspace(workspace, None, workspace)).readings
    newest = next(r.key for r in readings if r.source == "t")
    runs.append(_sdtrack("retract", newest, "--reason", "wrong year", *directory))
    for command in (["status"], ["check"], ["readings"], ["targets"], ["show", "iot-terminals"]):
        runs.append(_sdtrack(*command, *directory))
    for run in runs:
        assert run.returncode == 0, (run.args, run.stderr)
        assert "Traceback" not in run.stderr
        assert "Warning" not in run.stderr
    current = load_workspace(locate_workspace(workspace, None, workspace)).readings
    assert [r.value for r in current if r.indicator == "iot-terminals"][-1:] == [6]
    assert not (workspace / (READINGS_FILE + ledger_file.LOCK_SUFFIX)).exists()


def test_concurrent_writers_without_fcntl_lose_nothing(workspace: Path) -> None:
    """Writers started together with the lock file as their lock: every reading is there."""
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                RUN_SDTRACK,
                "record",
                "iot-terminals",
                str(n + 1),
                "--date",
                "2024",
                "--source",
                f"nf writer {n}",
                "--dir",
                str(workspace),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in processes]
    assert [code for code, _ in results] == [0] * WRITERS, results
    sources = [
        r.source for r in load_workspace(locate_workspace(workspace, None, workspace)).readings
    ]
    assert sorted(s for s in sources if s.startswith("nf writer ")) == sorted(
        f"nf writer {n}" for n in range(WRITERS)
    )


def test_the_lock_file_times_out_cleanly(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the lock file held by another process, a writer gives up with the message."""
    monkeypatch.setattr(ledger_file, "native_ledger_lock", lambda: False)
    monkeypatch.setattr(ledger_file, "LOCK_TIMEOUT_SECONDS", 0.3)
    lock = ledger_file.lock_path(workspace / READINGS_FILE)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time, filelock\n"
         f"with filelock.FileLock({str(lock)!r}):\n"
         "    print('held', flush=True)\n    sys.stdin.read()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        before = (workspace / READINGS_FILE).read_bytes()
        location = locate_workspace(workspace, None, workspace)
        with pytest.raises(ledger_file.DataError, match="another sdtrack command has held"):
            append_reading(location, make_reading())
        assert (workspace / READINGS_FILE).read_bytes() == before
    finally:
        holder.communicate("", timeout=30)
    append_reading(locate_workspace(workspace, None, workspace), make_reading(source="after"))
    assert load_workspace(locate_workspace(workspace, None, workspace)).readings[-1].source == (
        "after"
    )


KEY_TESTS = [
    "tests/store/test_ledger_file.py",
    "tests/store/test_workspace.py",
    "tests/store/test_files.py",
    "tests/commands/test_record.py",
    "tests/commands/test_correct.py",
    "tests/commands/test_retract.py",
    "tests/commands/test_check.py",
    "tests/commands/test_status.py",
]


def test_the_key_store_and_command_tests_pass_without_fcntl() -> None:
    """The store's and the writing commands' own tests, run where `import fcntl` fails."""
    root = Path(__file__).parent.parent
    script = BLOCK_FCNTL + (
        "import pytest\nsys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', *sys.argv[1:]]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *KEY_TESTS],
        cwd=root, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
