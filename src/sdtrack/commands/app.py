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
import typing
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer

from sdtrack import __version__
from sdtrack.commands import completion, registry, typer_language
from sdtrack.commands.base import Command, guarded
from sdtrack.commands.spec import LANGUAGE_FIELD, LANGUAGE_HELP, command_fields
from sdtrack.core import language
from sdtrack.core.language import N_, _
from sdtrack.fast.help_cache import HELP_OPTIONS
from sdtrack.present.render import terminal

HELP = N_(
    "Track declared public targets against recorded, sourced progress.\n\n"
    "Ships with Shandong province's digital-economy targets. Run `sdtrack status` "
    "to see where each one stands today.\n\n"
    "Every command speaks English or Chinese: --lang en|zh (before or after the command), "
    "else $SDTRACK_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG; zh* is Chinese)."
)
EPILOG = N_(
    "Examples:  sdtrack status  ·  sdtrack show 5g-base-stations  ·  "
    "sdtrack init my-workspace  ·  sdtrack record 5g-base-stations 22.4万 --date 2024 "
    "--source 'Shandong Communications Administration'  ·  sdtrack --lang zh status"
)
SETTINGS: dict[str, Any] = {"rich_markup_mode": "rich", "pretty_exceptions_enable": False}
# `-h` as well as `--help`, on the app and on every command (`help_cache.HELP_OPTIONS`).
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": list(HELP_OPTIONS)}


# Choices that fit in this many characters share one line of the help's value column.
CHOICES_ON_ONE_LINE = 16
# What a value is called in help and usage lines, by the parameter's field name.
METAVARS = {
    "as_of": "DAY",
    "since": "DAY",
    "date": "PERIOD",
    "directory": "DIR",
    "output": "PATH",
    "limit": "N",
    "source": "TEXT",
    "note": "TEXT",
    "quote": "TEXT",
    "reason": "TEXT",
    "url": "URL",
    "key": "KEY",
    "format_name": "FORMAT",
    "ids": "ID",
    "indicator": "ID",
    "encoding": "NAME",
    "sheet": "NAME",
}


def default_metavar(annotation: Any, name: str = "VALUE") -> str:
    """What a value is called in the help: nothing for a flag; its choices spaced so
    that a narrow help column wraps between them, never inside one; else `name`."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if annotation is bool or args == [bool]:
        return ""
    if typing.get_origin(annotation) is typing.Literal:
        # Long lists one choice a line: a wide value column would squeeze the help beside it.
        joined = " | ".join(str(a) for a in args)
        return joined if len(joined) <= CHOICES_ON_ONE_LINE else " |\n".join(map(str, args))
    literal = next((a for a in args if typing.get_origin(a) is typing.Literal), None)
    if literal is not None:
        return default_metavar(literal)
    return name


def paragraphs(text: str) -> str:
    """Help prose with its hard line breaks joined, so that the terminal wraps it; lines
    that are indented (examples) or follow a blank line keep their breaks."""
    out: list[str] = []
    for line in text.split("\n"):
        prose = line and not line.startswith((" ", "\t")) and not line.lstrip().startswith("$")
        if out and prose and out[-1] and not out[-1].startswith((" ", "\t")):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


def typer_callback(command: Command[Any]) -> Any:
    """A function whose signature is the command's parameters, as Typer reads them."""
    parameters = []
    for field in command_fields(command.parameters):
        face = field.parameter
        settings: dict[str, Any] = {"help": _(face.help), "show_default": face.show_default}
        if face.metavar is not None:
            settings["metavar"] = face.metavar
        elif face.is_option:
            name = METAVARS.get(field.name, "VALUE")
            settings["metavar"] = default_metavar(field.annotation, name)
        elif field.name in METAVARS:
            settings["metavar"] = METAVARS[field.name]
        if face.complete is not None:
            settings["autocompletion"] = completion.COMPLETERS[face.complete]
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
        chosen = values.pop(LANGUAGE_FIELD.name)
        if chosen is not None:
            language.use(chosen)
        code = guarded(lambda: command.run(command.parameters(**values)))
        if code:
            raise typer.Exit(code)

    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in parameters}
    callback.__name__ = command.name
    callback.__doc__ = paragraphs(_(command.help))
    return callback


@functools.cache
def click_command(name: str, spoken: language.Language) -> Any:
    """The named command as Click runs it, built once per language from its `COMMAND`."""
    single = typer.Typer(add_completion=False, **SETTINGS)
    single.command(name=name, cls=typer_language.Command, context_settings=CONTEXT_SETTINGS)(
        typer_callback(registry.load(name))
    )
    return typer.main.get_command(single)


class LazyCommands(MutableMapping[str, Any]):
    """The group's commands: every name in the registry, each built when first asked for."""

    def __getitem__(self, name: str) -> Any:
        if name not in registry.COMMANDS:
            raise KeyError(name)
        return click_command(name, language.current())

    def __iter__(self) -> Iterator[str]:
        return iter(registry.COMMANDS)

    def __len__(self) -> int:
        return len(registry.COMMANDS)

    def __setitem__(self, name: str, command: Any) -> None:
        raise TypeError("commands come from sdtrack.commands.registry")

    def __delitem__(self, name: str) -> None:
        raise TypeError("commands come from sdtrack.commands.registry")


class RegistryGroup(typer_language.Group):
    """The `sdtrack` group, whose commands are the registry's."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands()


def _version(value: bool) -> None:
    if value:
        terminal.make_console().print(f"sdtrack {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    """The `sdtrack` app in the language in use."""
    typer_language.speak_in_typer()
    built = typer.Typer(
        name="sdtrack",
        help=_(HELP),
        epilog=_(EPILOG),
        no_args_is_help=True,
        cls=RegistryGroup,
        context_settings=CONTEXT_SETTINGS,
        **SETTINGS,
    )

    @built.callback()
    def main_options(
        version: Annotated[
            bool,
            typer.Option(
                "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
            ),
        ] = False,
        lang: Annotated[
            language.Language | None,
            typer.Option("--lang", help=_(LANGUAGE_HELP), show_default=False),
        ] = None,
    ) -> None:
        if lang is not None:
            language.use(lang)

    return built


app = build_app()


def main() -> None:
    """Run the Typer app, in the language in use, on the process's command line."""
    build_app()(prog_name="sdtrack")
