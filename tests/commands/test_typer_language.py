"""Typer's and Click's own words in the language in use."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import typing
from collections.abc import Iterator

import pytest
import typer.rich_utils as rich_utils

from sdtrack.commands import registry, spec, typer_language
from sdtrack.core import language


@pytest.fixture
def english_after() -> Iterator[None]:
    try:
        yield
    finally:
        language.use("en")
        typer_language.speak_in_typer()


def test_click_messages_keep_the_names_click_gives(english_after: None) -> None:
    """A Click error keeps its option names and values; only the words around them change."""
    message = "No such option: --frobnicate (Possible options: --force, --format)"
    assert typer_language.translated_click_message(message) == message
    invalid = "Invalid value for '--method': 'guess' is not one of 'cagr-ratio', 'projection'."
    assert typer_language.translated_click_message(invalid) == invalid


def test_the_panels_follow_the_language(english_after: None) -> None:
    """Typer's panel titles are set from sdtrack's catalog when the app is built."""
    language.use("en")
    typer_language.speak_in_typer()
    assert rich_utils.OPTIONS_PANEL_TITLE == "Options"
    language.use("zh")
    typer_language.speak_in_typer()
    assert language._("Options") == rich_utils.OPTIONS_PANEL_TITLE


def _choices(annotation: object) -> tuple[object, ...]:
    """The values of a Literal annotation, or of the Literal inside an Optional one."""
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return tuple(c for a in typing.get_args(annotation) for c in _choices(a))


def _squeezed(text: str) -> str:
    """`text` without the help panels' borders and without any whitespace."""
    return re.sub(r"[\s│╭╮╰╯─]", "", text)


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("name", sorted(registry.COMMANDS))
def test_chinese_option_help_is_never_cut(name: str, width: int) -> None:
    """Rich cuts a grid cell's word that is wider than the cell with "…", and a Chinese
    sentence is one word to Rich: every option's help must still be printed whole."""
    env = {**os.environ, "COLUMNS": str(width), "SDTRACK_LANG": "zh", "NO_COLOR": "1"}
    env.pop("SDTRACK_DIR", None)
    shown = subprocess.run(
        [sys.executable, "-m", "sdtrack", name, "--help"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    language.use("zh")
    try:
        texts = [language._(registry.load(name).help)]
        texts += [
            language._(f.parameter.help)
            for f in spec.command_fields(registry.load(name).parameters)
        ]
    finally:
        language.use("en")
    # A cut cell ends in "…" and loses its end: no "…" but the texts' own, every end shown.
    assert shown.count("…") == sum(text.count("…") for text in texts), shown
    # The choices column sits beside the help's first lines: leave its words out of both.
    fields = spec.command_fields(registry.load(name).parameters)
    choices = {str(c) for f in fields for c in _choices(f.annotation)}

    def without_choices(text: str) -> str:
        for choice in sorted(choices, key=len, reverse=True):
            text = text.replace(choice, "")
        return _squeezed(text).replace("|", "")

    for text in texts[1:]:
        assert without_choices(text)[-6:] in without_choices(shown), (name, width, text)
    assert max(len(line) for line in shown.splitlines()) <= width
