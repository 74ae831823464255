"""Shared helpers for the command tests: run a command and get its exit code and output."""

from __future__ import annotations

from typer.testing import CliRunner

from sdtrack.commands.app import app

from ..conftest import tree_hashes

__all__ = ["run", "tree_hashes"]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr
