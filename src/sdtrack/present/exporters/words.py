"""The words the report formats share: status words, indicator names, small joins.

A status keeps its English code (`on track`) in every machine-readable field; these are
the words a reader sees for it, in the language in use. An indicator's Chinese name may
be missing; then its English name stands in.
"""

from __future__ import annotations

from sdtrack.core.assessment import Status
from sdtrack.core.language import N_, _
from sdtrack.core.model import Indicator
from sdtrack.core.periods import Period
from sdtrack.present import numbers
from sdtrack.present.numbers import chinese

STATUS_WORDS: dict[str, str] = {
    Status.ACHIEVED.value: N_("achieved"),
    Status.ON_TRACK.value: N_("on track"),
    Status.BEHIND.value: N_("behind"),
    Status.OFF_TRACK.value: N_("off track"),
    Status.MISSED.value: N_("missed"),
    Status.AWAITING_DATA.value: N_("deadline passed — awaiting data"),
    Status.NO_DATA.value: N_("no data"),
    Status.NOT_ASSESSABLE.value: N_("not assessable"),
}


def status_word(status: str) -> str:
    """The status as a reader sees it: 'on track' / '进展顺利'."""
    return _(STATUS_WORDS[status]) if status in STATUS_WORDS else status


def name_zh(indicator: Indicator) -> str:
    """The indicator's Chinese name, else its English name."""
    return indicator.name_zh or indicator.name


def display_name(indicator: Indicator) -> str:
    """The indicator's name in the language in use (Chinese falls back to English)."""
    return indicator.display_name


def both_names(indicator: Indicator) -> str:
    """'5G base stations (5G基站)' / '5G基站（5G base stations）': the reader's name first."""
    zh = indicator.name_zh
    if not zh or zh == indicator.name:
        return indicator.name
    return f"{zh}（{indicator.name}）" if chinese() else f"{indicator.name} ({zh})"


def with_period(text: str, period: Period) -> str:
    """A value with its period: '46,000 base stations (2022)' / '4.6万个（2022年）'."""
    return _("{value} ({period})").format(value=text, period=numbers.period(period))


def separator() -> str:
    """Between the items of a list in a sentence: ', ' / '，'."""
    return "，" if chinese() else ", "


def script_language(text: str | None) -> str | None:
    """'zh' for text with Chinese characters, 'ja' when it also has kana, else None."""
    text = text or ""
    if any("\u3040" <= ch <= "\u30ff" for ch in text):
        return "ja"
    if any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text):
        return "zh"
    return None
