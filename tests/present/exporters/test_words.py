"""The words the report formats share: status words, names, joins, script detection."""

from __future__ import annotations

import pytest

from sdtrack.core import language
from sdtrack.core.assessment import Status
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.words import both_names, script_language, separator
from sdtrack.present.phrases import STATUS_WORDS, display_name
from sdtrack.present.phrases import status_words as status_word


def test_every_status_has_words_and_english_is_the_code() -> None:
    """Each status code has its words in English and in Chinese; the code itself is never
    shown as words, save where it is already plain English ('behind')."""
    assert set(STATUS_WORDS) == {s.value for s in Status}
    english = {s.value: status_word(s.value) for s in Status}
    for code, words in english.items():
        assert "_" not in words
        assert words.replace(" ", "_") == code
    assert english["on_track"] == "on track"
    assert english["behind"] == "behind"
    assert status_word("unknown") == "unknown"
    language.use("zh")
    try:
        chinese = {s.value: status_word(s.value) for s in Status}
    finally:
        language.use("en")
    for code, words in chinese.items():
        assert script_language(words) == "zh", code
    assert len(set(chinese.values())) == len(chinese)


def test_names_in_english(context: ExportContext) -> None:
    """English names the indicator first, its Chinese name in brackets after it."""
    indicator = next(i for i in context.indicators if i.id == "5g-base-stations")
    assert display_name(indicator) == "5G base stations in service"
    assert both_names(indicator) == "5G base stations in service (5G基站)"
    unnamed = indicator.model_copy(update={"name_zh": None})
    assert both_names(unnamed) == unnamed.name
    assert separator() == ", "


@pytest.mark.usefixtures("zh")
def test_names_in_chinese(context: ExportContext) -> None:
    """Chinese names the indicator in Chinese first, with full-width brackets and commas."""
    indicator = next(i for i in context.indicators if i.id == "5g-base-stations")
    assert display_name(indicator) == "5G基站"
    assert both_names(indicator) == "5G基站（5G base stations in service）"
    unnamed = indicator.model_copy(update={"name_zh": None})
    assert display_name(unnamed) == unnamed.name
    assert separator() == "，"


def test_script_language() -> None:
    """Chinese characters make text Chinese; kana make it Japanese; Latin text is neither."""
    assert script_language("山东累计建成开通5G基站22.4万个") == "zh"
    assert script_language("山東省は5G基地局を") == "ja"
    assert script_language("5G base stations") is None
    assert script_language(None) is None
