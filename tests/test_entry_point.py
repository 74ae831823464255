"""The installed `sdtrack` command and `python -m sdtrack`, run as a user runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sdtrack import __version__


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDTRACK")}
    env.update({"HOME": str(home), "NO_COLOR": "1", "COLUMNS": "120"})
    return env


def _run(
    command: list[str], home: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env if env is not None else _env(home),
        cwd=home,
        check=False,
        timeout=60,
    )


def test_installed_entry_point_prints_version(pinned_environment: Path) -> None:
    """The `sdtrack` console script is installed and runs."""
    executable = shutil.which("sdtrack") or str(Path(sys.executable).parent / "sdtrack")
    if not Path(executable).exists():
        pytest.fail("the sdtrack console script is not installed next to this Python")
    result = _run([executable, "--version"], pinned_environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sdtrack {__version__}"


def test_python_m_sdtrack_status_json(pinned_environment: Path) -> None:
    """`python -m sdtrack status --json` prints only JSON when piped."""
    result = _run(
        [sys.executable, "-m", "sdtrack", "status", "--json", "--as-of", "2026-11-22"],
        pinned_environment,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["command"] == "status"
    assert result.stderr == ""


def test_piped_status_has_no_colour_codes(pinned_environment: Path) -> None:
    """Piped output is plain text: no escape sequences, even without NO_COLOR."""
    env = _env(pinned_environment)
    del env["NO_COLOR"]
    result = _run([sys.executable, "-m", "sdtrack", "status"], pinned_environment, env)
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "5g-base-stations-2025" in result.stdout


def test_data_error_has_no_traceback(pinned_environment: Path) -> None:
    """A broken workspace gives one clean line per problem and exit 1, never a traceback."""
    (pinned_environment / "targets.toml").write_text("schema = [\n", encoding="utf-8")
    result = _run([sys.executable, "-m", "sdtrack", "status"], pinned_environment)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    assert "targets.toml" in result.stderr
