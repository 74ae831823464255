"""The table of commands: each name, its module, and whether the start-up path may run it.

Both the Typer app (`commands.app`) and the start-up path (`sdtrack.entry`) read this
table; a command's module is imported only when that command is chosen (or when the full
help lists every command). Standard library only.

Adding a command touches: its module here in `commands/` (a parameters dataclass, `HELP`
and `run`, exposed as `COMMAND`), a row below, the README's command table, and a test
file `tests/commands/test_<name>.py`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Listed:
    """A command as the table lists it."""

    module: str
    fast: bool = False
    """Whether `sdtrack.entry` may run it without Typer when it can read the command line."""


COMMANDS: dict[str, Listed] = {
    "status": Listed("sdtrack.commands.status", fast=True),
    "record": Listed("sdtrack.commands.record"),
    "import": Listed("sdtrack.commands.imports"),
    "targets": Listed("sdtrack.commands.targets", fast=True),
    "show": Listed("sdtrack.commands.show", fast=True),
    "check": Listed("sdtrack.commands.check", fast=True),
    "init": Listed("sdtrack.commands.init"),
    "readings": Listed("sdtrack.commands.readings", fast=True),
    "correct": Listed("sdtrack.commands.correct"),
    "retract": Listed("sdtrack.commands.retract"),
    "gap": Listed("sdtrack.commands.gap", fast=True),
    "due": Listed("sdtrack.commands.due", fast=True),
    "export": Listed("sdtrack.commands.export", fast=True),
    "changes": Listed("sdtrack.commands.changes"),
}


def load(name: str) -> Any:
    """The `COMMAND` (a `commands.base.Command`) of the named command's module."""
    return importlib.import_module(COMMANDS[name].module).COMMAND
