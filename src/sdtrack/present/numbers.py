"""Numbers, units, dates and durations the way the reader's language writes them.

English keeps `core.quantities`' forms: 224,000 base stations, 2.4 trillion yuan, 47.0 %,
10 April 2024, end-2025. Chinese follows the style of Chinese statistical bulletins:
22.4万个, 2.4万亿元, 4,699个, 47.0%, 2024年6月18日, 2025年底, 11个月. Babel gives the
万/亿 magnitudes (`format_compact_decimal`) and the grouping and dates of zh_Hans_CN;
sdtrack's own rules, where bulletins differ from Babel:

- below 10,000 a count is written in full with a thousands separator (4,699个), where
  Babel's compact form gives 4699;
- up to four decimals are kept at the 万 scale (1.2345万 is 12,345 exactly), three at
  亿 and 万亿, so that no count is rounded away where English shows it in full;
- a percentage keeps one decimal and no space (47.0%);
- the measure word follows the number with no space (22.4万个); an indicator may name
  its own (`unit_zh`), else 个 for counts, 元 for money, % for shares;
- a year stands for its end as 2025年底 where English writes end-2025.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, localcontext

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal

from sdtrack.core.language import BABEL_LOCALES, _, current, ngettext
from sdtrack.core.periods import Period
from sdtrack.core.quantities import Unit, format_change, format_number, format_quantity

ZH_LOCALE = BABEL_LOCALES["zh"]
TEN_THOUSAND = Decimal(10) ** 4
HUNDRED_MILLION = Decimal(10) ** 8
DEFAULT_MEASURE_WORD = {"count": "个", "currency": "元", "percent": "%"}


def chinese(language: str | None = None) -> bool:
    return (language or current()) == "zh"


def measure_word(unit: Unit, unit_zh: str | None) -> str:
    """The Chinese unit after a number: the indicator's own, else 个, 元 or %."""
    if unit.family == "percent":
        return "%"
    return unit_zh or DEFAULT_MEASURE_WORD[unit.family]


def chinese_number(value: Decimal, unit: Unit) -> str:
    """The number alone in Chinese style: 22.4万, 2.4万亿, 4,699, 47.0."""
    if unit.family == "percent":
        return format_decimal(value, "#,##0.0", locale=ZH_LOCALE)
    if abs(value) < TEN_THOUSAND:
        exact = value.quantize(Decimal("0.01")).normalize() if unit.family == "currency" else value
        return format_decimal(exact, "#,##0.###", locale=ZH_LOCALE)
    digits = 4 if abs(value) < HUNDRED_MILLION else 3
    with localcontext() as context:
        context.prec = 80
        return format_compact_decimal(value, locale=ZH_LOCALE, fraction_digits=digits)


def number(value: Decimal, unit: Unit) -> str:
    """The number alone, in the language in use."""
    return chinese_number(value, unit) if chinese() else format_number(value, unit)


def quantity(
    value: Decimal, unit: Unit, unit_zh: str | None = None, unit_one: str | None = None
) -> str:
    """Value and unit in the language in use: 224,000 base stations, 1 base station /
    22.4万个, 1个 (`unit_one` is the English unit for one, when the indicator names it)."""
    return quantity_of(unit, unit_zh, unit_one)(value)


def quantity_of(
    unit: Unit, unit_zh: str | None = None, unit_one: str | None = None
) -> Callable[[Decimal], str]:
    """`quantity` of many values of one unit: the language and the unit's word are found
    once."""
    if not chinese():
        return lambda value: format_quantity(value, unit, unit_one)
    word = measure_word(unit, unit_zh)
    return lambda value: chinese_number(value, unit) + word


def change(
    value: Decimal, unit: Unit, unit_zh: str | None = None, unit_one: str | None = None
) -> str:
    """A difference: in a share's unit it is percentage points (个百分点)."""
    if not chinese():
        return format_change(value, unit, unit_one)
    if unit.family == "percent":
        return _("{points} percentage points").format(points=chinese_number(value, unit))
    return quantity(value, unit, unit_zh)


def percent(share: float | None) -> str:
    """A share of the way as a whole percentage: '34 %' / '34%'; '—' when unknown."""
    if share is None:
        return "—"
    return f"{share * 100:.0f}%" if chinese() else f"{share * 100:.0f} %"


def day(value: dt.date) -> str:
    """A day for a sentence: 2024-06-18 in English (as the tables show it), 2024年6月18日."""
    return format_date(value, "long", locale=ZH_LOCALE) if chinese() else value.isoformat()


def day_in_words(value: dt.date) -> str:
    """A day in a sentence: 31 March 2026 / 2026年3月31日."""
    return day(value) if chinese() else Period.day(value).describe()


def period(value: Period) -> str:
    """A period as a table shows it: 2024, 2024-06, 2024-06-18 / 2024年, 2024年6月, …"""
    if not chinese():
        return str(value)
    if value.precision == "year":
        return f"{value.end.year}年"
    if value.precision == "month":
        return f"{value.end.year}年{value.end.month}月"
    return day(value.end)


def period_in_words(value: Period) -> str:
    """A period in a sentence: end-2025, June 2024, 10 April 2024 / 2025年底, 2024年6月, …"""
    if not chinese():
        return value.describe()
    if value.precision == "year":
        return f"{value.end.year}年底"
    return period(value)


def duration(months: int) -> str:
    """1 year 11 months / 1年11个月; 'less than a month' / '不到1个月' for none."""
    if months == 0:
        return _("less than a month")
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("{n} year", "{n} years", years).format(n=years))
    if rest:
        parts.append(ngettext("{n} month", "{n} months", rest).format(n=rest))
    return ("" if chinese() else " ").join(parts)
