"""The language a user reads: English or Chinese, chosen once per process.

`--lang`, then `$SDTRACK_LANG`, then the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: the
first one set decides, and any `zh…` value means Chinese), else English. Every string a
user reads goes through `_` (or `ngettext`) here, which looks it up in the gettext
catalog of the chosen language (`sdtrack/locale/<language>/LC_MESSAGES/sdtrack.mo`,
compiled from the `.po` file beside it by the build hook). English is the source
language: its catalog is the messages themselves. Standard library only.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, get_args

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "en"
LANGUAGE_ENV = "SDTRACK_LANG"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
DOMAIN = "sdtrack"
LOCALE_DIRECTORY = Path(__file__).resolve().parent.parent / "locale"

# What HTML's `lang` attribute and Babel call each language.
LOCALE_TAGS: dict[Language, str] = {"en": "en", "zh": "zh-CN"}
BABEL_LOCALES: dict[Language, str] = {"en": "en_US", "zh": "zh_Hans_CN"}


class LanguageError(ValueError):
    """A language sdtrack does not speak."""


def language_named(name: str) -> Language:
    """`en` or `zh` (also `zh_CN`, `zh-Hans`, `en_GB.UTF-8` and the like)."""
    key = name.strip().lower().replace("-", "_")
    for language in LANGUAGES:
        if key == language or key.startswith(language + "_") or key.startswith(language + "."):
            return language
    raise LanguageError(f"{name!r} is not a language sdtrack speaks; choose en or zh")


def language_from(explicit: str | None, environ: Mapping[str, str]) -> Language:
    """The language to speak: `explicit` (--lang), else $SDTRACK_LANG, else the locale."""
    if explicit:
        return language_named(explicit)
    chosen = environ.get(LANGUAGE_ENV)
    if chosen:
        return language_named(chosen)
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            return "zh" if value.strip().lower().startswith("zh") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


class _State:
    language: Language = DEFAULT_LANGUAGE
    catalog: gettext.NullTranslations = gettext.NullTranslations()


def use(language: Language) -> None:
    """Speak `language` from now on in this process."""
    catalog: gettext.NullTranslations = gettext.NullTranslations()
    if language != DEFAULT_LANGUAGE:
        catalog = gettext.translation(DOMAIN, LOCALE_DIRECTORY, [language], fallback=True)
    _State.language, _State.catalog = language, catalog


def current() -> Language:
    """The language in use."""
    return _State.language


def _(message: str) -> str:
    """`message` in the language in use."""
    return _State.catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the language in use."""
    return _State.catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it yet (it is translated where
    it is shown, with `_`)."""
    return message
