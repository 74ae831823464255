"""Choosing the language, and the catalogs that speak it: complete, compiled, consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sdtrack.core import language
from sdtrack.core.language import LOCALE_DIRECTORY, LanguageError, language_from, language_named

from ..conftest import REPO

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*[^}]*\}")


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        ("zh", {"SDTRACK_LANG": "en", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"SDTRACK_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"LC_ALL": "zh_CN.UTF-8"}, "zh"),
        (None, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_GB.UTF-8"}, "zh"),
        (None, {"LANG": "zh_CN.GB18030"}, "zh"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_lang_then_sdtrack_lang_then_the_locale(
    explicit: str | None, environ: dict[str, str], expected: str
) -> None:
    """--lang wins, then $SDTRACK_LANG, then the first locale variable set; else English."""
    assert language_from(explicit, environ) == expected


def test_a_language_sdtrack_does_not_speak_is_refused_by_name() -> None:
    """--lang fr and SDTRACK_LANG=fr are errors that say which languages there are."""
    with pytest.raises(LanguageError, match="choose en or zh"):
        language_named("fr")
    with pytest.raises(LanguageError, match="'fr'"):
        language_from(None, {"SDTRACK_LANG": "fr"})


def source_messages() -> dict[str, Path]:
    """Every message id marked in sdtrack's source, with the file it is marked in."""
    found: dict[str, Path] = {}
    package = REPO / "src" / "sdtrack"
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(package), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        for msgid in message if isinstance(message, tuple) else (message,):
            found.setdefault(msgid, package / filename)
    return found


def strings_of(entry: Message) -> tuple[str, ...]:
    return entry.string if isinstance(entry.string, tuple) else (entry.string,)


def catalog(language_code: str) -> dict[str, Message]:
    po = LOCALE_DIRECTORY / language_code / "LC_MESSAGES" / "sdtrack.po"
    with po.open("rb") as source:
        messages = read_po(source)
    entries: dict[str, Message] = {}
    for message in messages:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for msgid in ids:
            entries[msgid] = message
    return entries


def test_every_message_in_the_source_has_a_chinese_translation() -> None:
    """No English-only string: each marked message is in the Chinese catalog, translated,
    not fuzzy (run `pybabel extract` and `update` as the README says, then translate)."""
    entries = catalog("zh")
    missing = [m for m in source_messages() if m not in entries]
    assert not missing, f"not in the Chinese catalog: {missing[:5]} ({len(missing)} in all)"
    untranslated = [
        m for m in source_messages() if entries[m].fuzzy or not all(strings_of(entries[m]))
    ]
    assert not untranslated, f"untranslated or fuzzy: {untranslated[:5]}"


def test_translations_keep_every_placeholder() -> None:
    """A translation names the same {placeholders} as its message, so .format() fills it."""
    for msgid, entry in catalog("zh").items():
        for translated in strings_of(entry):
            assert sorted(PLACEHOLDER.findall(translated)) == sorted(PLACEHOLDER.findall(msgid)), (
                msgid
            )


def test_the_compiled_catalog_is_the_po_file(chinese: None) -> None:
    """The .mo the build hook compiled says what the .po says (reinstall after editing it)."""
    for msgid, entry in catalog("zh").items():
        if isinstance(entry.id, str) and isinstance(entry.string, str) and entry.string:
            assert language._(msgid) == entry.string
