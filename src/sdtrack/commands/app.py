"""The Typer app, built from the table of commands: the only module that imports Typer.

Each command's parameters dataclass (see `spec`) becomes the Typer command's signature,
so the option table exists once. A command's module is imported when the command is
chosen (or listed by the full `--help`), never before: the group's commands are a lazy
mapping over `registry.COMMANDS`, as pip's `commands_dict` is. Every body runs inside
`base.guarded`, the one place expected errors are caught.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sdtrack import __version__
from sdtrack.commands import registry
from sdtrack.commands.base import Command, guarded
from sdtrack.commands.spec import fields_of
from sdtrack.present.render import terminal

HELP = (
    "Track declared public targets against recorded, sourced progress.\n\n"
    "Ships with Shandong province's digital-economy targets. Run `sdtrack status` "
    "to see where each one stands today."
)
EPILOG = (
    "Examples:  sdtrack status  ·  sdtrack show 5g-base-stations  ·  "
    "sdtrack init my-workspace  ·  sdtrack record 5g-base-stations 22.4万 --date 2024 "
    "--source 'Shandong Communications Administration'"
)
SETTINGS: dict[str, Any] = {"rich_markup_mode": "rich", "pretty_exceptions_enable": False}


def typer_callback(command: Command[Any]) -> Any:
    """A function whose signature is the command's parameters, as Typer reads them."""
    parameters = []
    for field in fields_of(command.parameters):
        face = field.parameter
        settings: dict[str, Any] = {"help": face.help, "show_default": face.show_default}
        if face.metavar is not None:
            settings["metavar"] = face.metavar
        info = (
            typer.Option(*face.names, **settings) if face.is_option else typer.Argument(**settings)
        )
        default = inspect.Parameter.empty if field.required else field.default
        annotation = Annotated[field.annotation, info]  # type: ignore[name-defined]  # built at run time
        parameters.append(
            inspect.Parameter(
                field.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
            )
        )

    def callback(**values: Any) -> None:
        code = guarded(lambda: command.run(command.parameters(**values)))
        if code:
            raise typer.Exit(code)

    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in parameters}
    callback.__name__ = command.name
    callback.__doc__ = command.help
    return callback


@functools.cache
def click_command(name: str) -> Any:
    """The named command as Click runs it, built once from its module's `COMMAND`."""
    single = typer.Typer(add_completion=False, **SETTINGS)
    single.command(name=name)(typer_callback(registry.load(name)))
    return typer.main.get_command(single)


class LazyCommands(MutableMapping[str, Any]):
    """The group's commands: every name in the registry, each built when first asked for."""

    def __getitem__(self, name: str) -> Any:
        if name not in registry.COMMANDS:
            raise KeyError(name)
        return click_command(name)

    def __iter__(self) -> Iterator[str]:
        return iter(registry.COMMANDS)

    def __len__(self) -> int:
        return len(registry.COMMANDS)

    def __setitem__(self, name: str, command: Any) -> None:
        raise TypeError("commands come from sdtrack.commands.registry")

    def __delitem__(self, name: str) -> None:
        raise TypeError("commands come from sdtrack.commands.registry")


class RegistryGroup(TyperGroup):
    """The `sdtrack` group, whose commands are the registry's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands()


def _version(value: bool) -> None:
    if value:
        terminal.make_console().print(f"sdtrack {__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="sdtrack", help=HELP, epilog=EPILOG, no_args_is_help=True, cls=RegistryGroup, **SETTINGS
)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Track declared public targets against recorded, sourced progress."""


def main() -> None:
    """Run the Typer app on the process's command line."""
    app(prog_name="sdtrack")
