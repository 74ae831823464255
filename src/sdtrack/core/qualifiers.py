"""Qualified values: the word a source puts beside a number ("超过22万", "22万左右",
"over 220,000") read as a reading's qualifier or a target's comparison, and the number
read by `quantities.parse_quantity`."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal, TypeVar

from sdtrack.core.choices import Qualifier
from sdtrack.core.language import N_, _
from sdtrack.core.quantities import (
    _NUMBER,
    QuantityError,
    Unit,
    _normalise,
    parse_quantity,
)

# Qualified values: "超过22万", "22万左右", "over 220,000" in a reading (its qualifier), and
# "不少于5000", "5000以上", "at least 5000" in a target (its comparison). For a target,
# 以上 and 以下 include the number, as they do in Chinese statutes and plans.

Comparison = Literal["at_least", "more_than", "about", "at_most", "less_than"]
_Meaning = TypeVar("_Meaning", bound=str)

_READING_BEFORE: dict[str, Qualifier] = {
    "超过": "over", "逾": "over", "over": "over", "more than": "over",
    "约": "about", "大约": "about", "about": "about",
    "近": "nearly", "将近": "nearly", "接近": "nearly", "nearly": "nearly",
    "不足": "under", "不到": "under", "under": "under", "less than": "under",
}  # fmt: skip
_READING_AFTER: dict[str, Qualifier] = {
    "以上": "over", "多": "over", "左右": "about", "以下": "under",
}  # fmt: skip
_TARGET_BEFORE: dict[str, Comparison] = {
    "不少于": "at_least", "至少": "at_least", "at least": "at_least",
    "超过": "more_than", "逾": "more_than", "more than": "more_than", "over": "more_than",
    "约": "about", "大约": "about", "about": "about",
    "不超过": "at_most", "至多": "at_most", "at most": "at_most",
    "不足": "less_than", "不到": "less_than", "低于": "less_than", "less than": "less_than",
}  # fmt: skip
_TARGET_AFTER: dict[str, Comparison] = {
    "以上": "at_least", "左右": "about", "以下": "at_most",
}  # fmt: skip
# Every word of either kind is recognised, so that a target's word in a reading (or the
# reverse) is refused by name rather than read as no number at all.
_WORDS_BEFORE = sorted({*_READING_BEFORE, *_TARGET_BEFORE}, key=len, reverse=True)
_WORDS_AFTER = sorted({*_READING_AFTER, *_TARGET_AFTER}, key=len, reverse=True)

QUALIFIED_FORMS = N_(
    "over: 超过22万, 逾22万, 22万以上, 22万多, over 220,000, more than 220,000; "
    "about: 约22万, 大约22万, 22万左右, about 220,000; "
    "nearly: 近22万, 将近22万, 接近22万, nearly 220,000; "
    "under: 不足22万, 不到22万, 22万以下, under 220,000, less than 220,000"
)
COMPARED_FORMS = N_(
    "at_least: 不少于5000, 至少5000, 5000以上, at least 5000; "
    "more_than: 超过5000, 逾5000, more than 5000, over 5000; "
    "about: 约5000, 大约5000, 5000左右, about 5000; "
    "at_most: 不超过5000, 至多5000, 5000以下, at most 5000; "
    "less_than: 不足5000, 不到5000, 低于5000, less than 5000"
)
_READING_MESSAGES = (
    N_("{value} has more than one qualifier ({words}); write one; accepted forms: {forms}"),
    N_("{value} has a qualifier but no number; accepted forms: {forms}"),
    N_("{value}: {word} is not a qualifier for a reading; accepted forms: {forms}"),
    QUALIFIED_FORMS,
)
_TARGET_MESSAGES = (
    N_("{value} has more than one comparison ({words}); write one; accepted forms: {forms}"),
    N_("{value} has a comparison but no number; accepted forms: {forms}"),
    N_("{value}: {word} is not a comparison for a target; accepted forms: {forms}"),
    COMPARED_FORMS,
)


def split_qualifier(raw: object, unit: Unit | None) -> tuple[object, Qualifier | None]:
    """A reading's value text without its qualifier word ('超过22万' → '22万', 'over'), or
    `raw` itself and None when it has none. Refuses two words, a word with no number, and
    a word that is not a reading's."""
    return _split(raw, unit, _READING_BEFORE, _READING_AFTER, _READING_MESSAGES)


def split_comparison(raw: object, unit: Unit | None) -> tuple[object, Comparison | None]:
    """A target's value text without its comparison word ('不少于5000' → '5000',
    'at_least'), or `raw` itself and None when it has none."""
    return _split(raw, unit, _TARGET_BEFORE, _TARGET_AFTER, _TARGET_MESSAGES)


def parse_qualified(raw: object, unit: Unit | None) -> tuple[Decimal, Qualifier | None]:
    """A reading's value and its qualifier: '超过22万' → (220000, 'over'), '22.4万' →
    (224000, None), exactly as `parse_quantity` reads a plain value."""
    text, qualifier = split_qualifier(raw, unit)
    return parse_quantity(text, unit), qualifier


def parse_compared(raw: object, unit: Unit | None) -> tuple[Decimal, Comparison | None]:
    """A target's value and its comparison: '5000以上' → (5000, 'at_least')."""
    text, comparison = split_comparison(raw, unit)
    return parse_quantity(text, unit), comparison


def _split(
    raw: object,
    unit: Unit | None,
    before: Mapping[str, _Meaning],
    after: Mapping[str, _Meaning],
    messages: tuple[str, str, str, str],
) -> tuple[object, _Meaning | None]:
    if not isinstance(raw, str):
        return raw, None
    words, text = _scan(_normalise(raw), unit)
    if not words:
        return raw, None
    try:
        parse_quantity(raw, unit)
    except QuantityError:
        pass
    else:  # a unit or measure word that happens to hold a word's characters ("多功能杆")
        return raw, None
    many, empty, foreign, forms = messages
    if len(words) > 1:
        shown = ", ".join(word for word, _first in words)
        raise QuantityError(_(many).format(value=repr(raw), words=shown, forms=_(forms)))
    if not text:
        raise QuantityError(_(empty).format(value=repr(raw), forms=_(forms)))
    word, first = words[0]
    meaning = (before if first else after).get(word)
    if meaning is None:
        raise QuantityError(_(foreign).format(value=repr(raw), word=repr(word), forms=_(forms)))
    return text, meaning


def _scan(text: str, unit: Unit | None) -> tuple[list[tuple[str, bool]], str]:
    """The qualifier words in `text`, each with whether it stands before the number, and
    the text without them. A word after the number may stand before the unit ('22万多个')
    or even the magnitude ('20多万'), but is never part of the unit's own name."""
    words: list[tuple[str, bool]] = []
    while (word := _word_before(text)) is not None:
        words.append((word, True))
        text = text[len(word) :].lstrip()
    match = _NUMBER.match(text)
    head, rest = (text[: match.start("rest")], match["rest"]) if match else ("", text)
    name = unit.name.lower() if unit is not None and unit.family == "count" else ""
    cut = len(rest) - len(name) if name and rest.lower().endswith(name) else len(rest)
    rest, tail = rest[:cut], rest[cut:]
    while (found := _word_after(rest)) is not None:
        position, word = found
        words.append((word, False))
        rest = rest[:position] + rest[position + len(word) :]
    return words, (head + rest + tail).strip()


def _word_before(text: str) -> str | None:
    if text[:1].isdigit() and text[:1].isascii():
        return None  # no word starts with a digit (tests/core/test_quantities.py)
    for word in _WORDS_BEFORE:
        if text[: len(word)].lower() == word:
            following = text[len(word) : len(word) + 1]
            if word.isascii() and following.isascii() and following.isalpha():
                continue  # "overall", "abouts": not the word
            return word
    return None


def _word_after(text: str) -> tuple[int, str] | None:
    found = [(text.find(word), word) for word in _WORDS_AFTER if word in text]
    return min(found, key=lambda f: (f[0], -len(f[1]))) if found else None
