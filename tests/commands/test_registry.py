"""The table of commands: each name's module exposes that command."""

from __future__ import annotations

import dataclasses

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


def test_only_status_runs_on_the_start_up_path() -> None:
    """status is the one command the start-up path may run without Typer."""
    assert [name for name, listed in COMMANDS.items() if listed.fast] == ["status"]
