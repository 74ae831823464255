"""Typer's and Click's own words in the language in use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import typer.rich_utils as rich_utils

from sdtrack.commands import typer_language
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
