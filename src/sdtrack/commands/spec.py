"""How a command declares what it takes: a dataclass of its parameters, one field each.

Each field's default is `option(...)` or `argument(...)`, which keep the command-line
names, help and metavar in the field's metadata. That one table is read twice: by
`commands.app`, which turns it into the Typer command, and by `parse_fast`, which reads a
command line for the start-up path without importing Typer. Standard library only.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Sequence
from dataclasses import MISSING, dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin

from sdtrack.core.language import N_, Language

P = TypeVar("P")
METADATA_KEY = "sdtrack.cli"


@dataclass(frozen=True)
class Parameter:
    """A field's command-line face: option names (none for a positional argument)."""

    help: str
    names: tuple[str, ...] = ()
    metavar: str | None = None
    show_default: bool = True
    complete: str | None = None
    """What the shell completes it with: a name in `commands.completion.COMPLETERS`
    (named, not imported, so that this module stays light). Choices complete themselves."""

    @property
    def is_option(self) -> bool:
        return bool(self.names)


def option(
    *names: str,
    help: str,
    default: Any = MISSING,
    metavar: str | None = None,
    show_default: bool = True,
    complete: str | None = None,
) -> Any:
    """A `--name` option; without a default it is required."""
    parameter = Parameter(help, names, metavar, show_default, complete)
    return dataclasses.field(default=default, metadata={METADATA_KEY: parameter})


def argument(
    *,
    help: str,
    default: Any = MISSING,
    metavar: str | None = None,
    show_default: bool = True,
    complete: str | None = None,
) -> Any:
    """A positional argument; one typed `list[str] | None` takes any number of values."""
    parameter = Parameter(help, (), metavar, show_default, complete)
    return dataclasses.field(default=default, metadata={METADATA_KEY: parameter})


@dataclass(frozen=True)
class Field:
    """One parameter as the command line sees it: its name, type, default and face."""

    name: str
    annotation: Any
    default: Any
    parameter: Parameter

    @property
    def required(self) -> bool:
        return self.default is MISSING


def fields_of(parameters: type[Any]) -> list[Field]:
    """The command-line fields of a parameters dataclass, in declaration order."""
    hints = typing.get_type_hints(parameters)
    return [
        Field(f.name, hints[f.name], f.default, f.metadata[METADATA_KEY])
        for f in dataclasses.fields(parameters)
    ]


LANGUAGE_HELP = N_(
    "Language of everything printed: en or zh. Default: $SDTRACK_LANG, else the locale "
    "(LC_ALL, LC_MESSAGES, LANG; zh* is Chinese), else English."
)
# Every command takes --lang (and so does `sdtrack` itself, before the command name). Its
# value is applied before anything is printed, so it is no field of a command's parameters.
LANGUAGE_FIELD = Field(
    "lang", Language | None, None, Parameter(LANGUAGE_HELP, ("--lang",), show_default=False)
)


def command_fields(parameters: type[Any]) -> list[Field]:
    """A command's fields as the command line has them: its own, then --lang."""
    return [*fields_of(parameters), LANGUAGE_FIELD]


# ---------------------------------------------------------------------------------------
# Options shared by several commands


def directory_option() -> Any:
    return option(
        "--dir",
        "-d",
        help=N_(
            "Workspace directory. Default: $SDTRACK_DIR, else the nearest targets.toml "
            "upward from here, else the embedded Shandong dataset."
        ),
        default=None,
        show_default=False,
    )


AS_OF_HELP = N_(
    "Judge as of this day, ignoring later readings: a day (2025-06-30), a month (2025-06: "
    "its last day) or a year (2025: 31 December). Default: today."
)


def as_of_option(help: str = AS_OF_HELP) -> Any:
    return option("--as-of", help=help, default=None, show_default=False)


def json_option() -> Any:
    return option("--json", help=N_("Print JSON (and only JSON) on stdout."), default=False)


def ids_argument() -> Any:
    return argument(
        help=N_("Only these indicators or targets (default: all)."),
        default=None,
        show_default=False,
        complete="items",
    )


def method_option() -> Any:
    return option(
        "--method",
        help=N_(
            "Judge every target by this method (default: each target's own method, else "
            "the workspace's, else cagr-ratio). See docs/methodology.md."
        ),
        default=None,
        show_default=False,
    )


def region_option(help: str) -> Any:
    """`--region`: a region's id, or its English or Chinese name (济南, Jinan)."""
    return option(
        "--region", help=help, default=None, metavar="ID", show_default=False, complete="regions"
    )


def plan_option(help: str) -> Any:
    """`--plan`: a plan's id, as its `[[plan]]` declares it."""
    return option(
        "--plan", help=help, default=None, metavar="ID", show_default=False, complete="plans"
    )


# ---------------------------------------------------------------------------------------
# The start-up path's reading of a command line


def parse_fast(parameters: type[P], argv: Sequence[str]) -> P | None:
    """The parameters, if `argv` (after the command name) is a command line this reads
    exactly as Typer would; None for anything else (help, an unknown, repeated or
    malformed option, a choice that does not exist), which Typer then reads."""
    fields = command_fields(parameters)
    options = {name: f for f in fields if f.parameter.is_option for name in f.parameter.names}
    positional = [f for f in fields if not f.parameter.is_option]
    if len(positional) > 1 or (positional and _base(positional[0].annotation) not in (list, str)):
        return None
    values: dict[str, Any] = {}
    extra: list[str] = []
    arguments = list(argv)
    only_positional = False
    while arguments:
        item = arguments.pop(0)
        if item == "--" and not only_positional:
            only_positional = True
            continue
        if only_positional or not item.startswith("-"):
            extra.append(item)
            continue
        name, equals, inline = item.partition("=") if item.startswith("--") else (item, "", "")
        found = options.get(name)
        if found is None or found.name in values:
            return None  # unknown, or repeated: the full parser decides what that means
        if _base(found.annotation) is bool:
            if equals:
                return None
            values[found.name] = True
            continue
        if not equals:
            if not arguments:
                return None
            inline = arguments.pop(0)
        converted = _converted(found.annotation, inline)
        if converted is None:
            return None
        values[found.name] = converted
    if extra:
        if not positional:
            return None
        if _base(positional[0].annotation) is str:
            if len(extra) > 1:
                return None
            values[positional[0].name] = extra[0]
        else:
            values[positional[0].name] = extra
    if any(f.required and f.name not in values for f in fields):
        return None
    values.pop(LANGUAGE_FIELD.name, None)  # applied by the entry point before this runs
    return parameters(**values)


def _base(annotation: Any) -> Any:
    """The type without `| None`: `Path | None` is Path, `list[str] | None` is list."""
    if isinstance(annotation, types.UnionType) or get_origin(annotation) is typing.Union:
        rest = [a for a in get_args(annotation) if a is not type(None)]
        annotation = rest[0] if len(rest) == 1 else annotation
    return get_origin(annotation) or annotation


def _converted(annotation: Any, text: str) -> Any:
    base = _base(annotation)
    if base is Literal:
        rest = [a for a in get_args(annotation) if a is not type(None)]
        choices = get_args(rest[0]) if len(rest) == 1 else get_args(annotation)
        return text if text in choices else None
    if base is Path:
        return Path(text)
    if base is str:
        return text
    if base is int:  # digits only: anything else ("+5", " 5", "5_0") Typer reads itself
        return int(text) if text.isascii() and text.isdigit() else None
    return None
