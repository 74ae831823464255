"""Numbers, units, dates and durations as the reader's language writes them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sdtrack.core import language
from sdtrack.core.periods import Period
from sdtrack.core.quantities import Unit
from sdtrack.present import numbers

COUNT = Unit("base stations", "count")
YUAN = Unit("yuan", "currency")
PERCENT = Unit("%", "percent")


@pytest.mark.parametrize(
    ("value", "unit", "unit_zh", "expected"),
    [
        ("224000", COUNT, None, "22.4万个"),
        ("270000", COUNT, "座", "27万座"),
        ("4699", COUNT, None, "4,699个"),
        ("12345", COUNT, None, "1.2345万个"),
        ("2.4e12", YUAN, None, "2.4万亿元"),
        ("1.2e12", YUAN, None, "1.2万亿元"),
        ("230000000", COUNT, "户", "2.3亿户"),
        ("47", PERCENT, None, "47.0%"),
    ],
)
def test_chinese_quantities_follow_the_bulletins(
    chinese: None, value: str, unit: Unit, unit_zh: str | None, expected: str
) -> None:
    """万 and 亿 magnitudes, grouping below 万, the measure word with no space."""
    assert numbers.quantity(Decimal(value), unit, unit_zh) == expected


def test_english_quantities_are_core_quantities_own() -> None:
    """In English nothing changes: 224,000 base stations, 2.4 trillion yuan, 47.0 %."""
    assert numbers.quantity(Decimal(224000), COUNT) == "224,000 base stations"
    assert numbers.quantity(Decimal("2.4e12"), YUAN) == "2.4 trillion yuan"
    assert numbers.quantity(Decimal(47), PERCENT) == "47.0 %"


def test_chinese_dates_periods_and_durations(chinese: None) -> None:
    """2024年6月18日, 2024年6月, 2025年底, 1年11个月."""
    assert numbers.day(dt.date(2024, 6, 18)) == "2024年6月18日"
    assert numbers.period(Period.month(2024, 6)) == "2024年6月"
    assert numbers.period(Period.year(2024)) == "2024年"
    assert numbers.period_in_words(Period.year(2025)) == "2025年底"
    assert numbers.percent(0.34) == "34%"


def test_english_periods_and_durations_are_unchanged() -> None:
    """end-2025, 1 year 11 months, 34 %."""
    assert numbers.period_in_words(Period.year(2025)) == "end-2025"
    assert numbers.duration(23) == "1 year 11 months"
    assert numbers.duration(0) == "less than a month"
    assert numbers.percent(0.34) == "34 %"


def test_a_day_in_a_sentence_in_either_language() -> None:
    """31 March 2026 / 2026年3月31日."""
    assert numbers.day_in_words(dt.date(2026, 3, 31)) == "31 March 2026"
    language.use("zh")
    try:
        assert numbers.day_in_words(dt.date(2026, 3, 31)) == "2026年3月31日"
    finally:
        language.use("en")


def test_one_of_a_count_takes_the_unit_for_one() -> None:
    """1 base station, 1 city (the indicator's own word first); Chinese keeps 1个."""
    assert numbers.quantity(Decimal(1), COUNT) == "1 base station"
    assert numbers.quantity(Decimal(1), Unit("cities", "count"), None, "gigabit city") == (
        "1 gigabit city"
    )
    assert numbers.change(Decimal(1), Unit("cities", "count")) == "1 city"
    assert numbers.quantity(Decimal(1), YUAN) == "1 yuan"
    language.use("zh")
    try:
        assert numbers.quantity(Decimal(1), Unit("cities", "count")) == "1个"
        assert numbers.quantity(Decimal(1), COUNT, "座", "base station") == "1座"
    finally:
        language.use("en")
