"""The words the report formats share beyond `present.phrases`: both names of an
indicator, a value with its period, the list separator and the script of a text.

An indicator's Chinese name may be missing; then its English name stands in.
"""

from __future__ import annotations

from sdtrack.core.language import _
from sdtrack.core.model import Indicator
from sdtrack.core.periods import Period
from sdtrack.present import numbers
from sdtrack.present.numbers import chinese


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
