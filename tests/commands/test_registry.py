"""The table of commands: each name's module exposes that command."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from sdtrack.commands.registry import COMMANDS, load


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_listed_module_has_its_command(name: str) -> None:
    """Each registry module has a COMMAND whose name is its key, with help and parameters."""
    command = load(name)
    assert command.name == name
    assert command.help.strip()
    assert dataclasses.is_dataclass(command.parameters)
    assert callable(command.run)


READ_COMMANDS = ["status", "targets", "show", "check", "readings", "gap", "due"]


def test_only_the_read_commands_and_export_run_on_the_start_up_path() -> None:
    """The commands that only read (and are answered from the caches) may run without
    Typer, and so may export, which writes only the report it is asked for; every command
    that changes the workspace goes through the Typer app."""
    fast = [name for name, listed in COMMANDS.items() if listed.fast]
    assert fast == [*READ_COMMANDS, "export"]


@pytest.mark.parametrize("name", READ_COMMANDS)
def test_a_start_up_command_imports_nothing_heavy(name: str) -> None:
    """Importing a start-up command's module loads neither Typer nor Pydantic nor the
    model: a cache hit must not pay for them."""
    code = (
        "import sys\n"
        f"import {COMMANDS[name].module}\n"
        "heavy = {'typer', 'pydantic', 'sdtrack.core.model', 'sdtrack.store.workspace'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
