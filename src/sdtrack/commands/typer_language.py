"""Typer's and Click's own words ("Usage:", "Options", "Show this message and exit.", their
error messages) in the language in use.

Typer evaluates its panel titles when it is imported and Click writes its words in
English, so they are set here, from sdtrack's catalog, when the app is built. Only this
module and `app` import Typer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer.rich_utils as rich_utils
from typer.core import TyperCommand, TyperGroup

from sdtrack.core.language import N_, _
from sdtrack.present.render import fit, terminal

PANEL_WORDS: dict[str, str] = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
USAGE_PREFIX = N_("Usage: ")
HELP_OPTION_HELP = N_("Show this message and exit.")
# The help of the completion options Typer adds to the app, by their parameter names.
COMPLETION_HELP = {
    "install_completion": N_("Install completion for the current shell."),
    "show_completion": N_(
        "Show completion for the current shell, to copy it or customize the installation."
    ),
}

# Click's error messages, by the pattern of their English text.
CLICK_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"No such option: (?P<name>\S+)"), N_("No such option: {name}")),
    (re.compile(r"\(Possible options: (?P<names>[^)]*)\)"), N_("(Possible options: {names})")),
    (re.compile(r"Missing option (?P<name>'[^']*')\."), N_("Missing option {name}.")),
    (re.compile(r"Missing argument (?P<name>'[^']*')\."), N_("Missing argument {name}.")),
    (re.compile(r"Missing command\."), N_("Missing command.")),
    (
        re.compile(r"Invalid value for (?P<name>'[^']*'): "),
        N_("Invalid value for {name}: "),
    ),
    (
        re.compile(r"(?P<value>'[^']*') is not one of (?P<choices>.*)\.$"),
        N_("{value} is not one of {choices}."),
    ),
    (
        re.compile(r"Got unexpected extra arguments? \((?P<arguments>[^)]*)\)"),
        N_("Got unexpected extra arguments ({arguments})"),
    ),
    (re.compile(r"No such command (?P<name>'[^']*')\."), N_("No such command {name}.")),
    (re.compile(r" Did you mean (?P<names>.*)\?$"), N_(" Did you mean {names}?")),
    (
        re.compile(r"Option (?P<name>'[^']*') requires an argument\."),
        N_("Option {name} requires an argument."),
    ),
)


def translated_click_message(message: str) -> str:
    """A Click error message in the language in use (its parts Click names unchanged)."""
    for pattern, template in CLICK_MESSAGES:
        message = pattern.sub(_filled(_(template)), message)
    return message


def _filled(template: str) -> Callable[[re.Match[str]], str]:
    return lambda match: template.format(**match.groupdict())


_english_format_error = rich_utils.rich_format_error


def _rich_format_error(error: Any) -> None:
    message = translated_click_message(error.format_message())
    error.format_message = lambda: message
    _english_format_error(error)


_unbroken_rich_text = rich_utils._make_rich_text


def _breaking_rich_text(*args: Any, **kwargs: Any) -> Any:
    """Typer's help text, broken between Chinese characters as well as at spaces.

    Typer lays an option's help out in a grid whose cells cut a too-long word with "…";
    to Rich a Chinese sentence is one such word, so it would lose its end.
    """
    text = _unbroken_rich_text(*args, **kwargs)
    return fit.breaking(text)


_english_highlighter = rich_utils.highlighter


def _highlighted(text: Any) -> Any:
    """Typer's highlighter, keeping an option's name ("--allow-duplicate") whole: a
    narrow table squeezes every wrapping column, the names' too."""
    highlighted = _english_highlighter(text)
    if isinstance(text, str) and text.split() == [text]:
        highlighted.no_wrap = True
    return highlighted


def speak_in_typer() -> None:
    """Give Typer's panels, usage line and errors the language in use."""
    for name, message in PANEL_WORDS.items():
        setattr(rich_utils, name, _(message))
    rich_utils.rich_format_error = _rich_format_error  # type: ignore[assignment]
    rich_utils._make_rich_text = _breaking_rich_text
    rich_utils.highlighter = _highlighted  # type: ignore[assignment]
    rich_utils.Table = fit.KeepingTable  # type: ignore[attr-defined]
    # Typer's help and error box print through the same inert console as sdtrack's own.
    rich_utils.Console = terminal.InertConsole  # type: ignore[attr-defined]


class TranslatedUsage:
    """The usage line and the help option's help, in the language in use."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_(USAGE_PREFIX))

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _(HELP_OPTION_HELP)
            option.metavar = ""  # a flag takes no value: no "<bool>" beside it
        return option


class Command(TranslatedUsage, TyperCommand):
    """A Typer command whose own words are translated."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if param.param_type_name == "argument":
                # The help names an argument and says what it takes; the Python type Typer
                # would show beside it (<list[str]>) tells a reader nothing.
                param.display_type_rich = lambda ctx: None
        return params


class Group(TranslatedUsage, TyperGroup):
    """A Typer group whose own words are translated, its completion options' included."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if param.name in COMPLETION_HELP:
                param.help = _(COMPLETION_HELP[param.name])
        return params
