"""The project's own code checks run with the tests: ruff and strict mypy."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from .conftest import REPO


def _tool(name: str) -> list[str]:
    if importlib.util.find_spec(name) is None:
        pytest.fail(f"{name} is not installed; install the test extras: pip install -e '.[test]'")
    return [sys.executable, "-m", name]


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "src", "tests"],
        ["ruff", "format", "--check", "src", "tests"],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_code_checks_pass(command: list[str]) -> None:
    """ruff (lint and format) and strict mypy on src/ report nothing."""
    result = subprocess.run(
        [*_tool(command[0]), *command[1:]],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
