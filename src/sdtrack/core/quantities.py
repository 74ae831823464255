"""Values and units: reading numbers the way sources print them, and printing them back.

Chinese statistical sources write magnitudes with 万 (10^4) and 亿 (10^8), English ones
with thousand/million/billion/trillion. Every value is stored as an exact `Decimal` in the
indicator's own unit (yuan, percent, or a counted thing), so "4.3万亿元" and
"4.3 trillion yuan" are the same number: 4300000000000.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from typing import Literal

UnitFamily = Literal["currency", "percent", "count"]

ACCEPTED_FORMS = (
    "5000, 5,000, 270k, 2.4 trillion, 2.4tn, 22.4万, 4.3万亿, 2.3亿, 47%, "
    "optionally followed by the unit (元, yuan, %)"
)

# The largest magnitude a value may have: far above any real statistic (world GDP is
# about 10^14 USD), far below where float conversion for charts and rates breaks down.
MAX_MAGNITUDE = Decimal("1e18")

_CURRENCY_WORDS = {"yuan", "元", "cny", "rmb"}
_PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
# Chinese measure words that may follow a count ("5000个", "16座").
_MEASURE_WORDS = {"个", "座", "家", "台", "处", "项", "户", "部", "条", "所", "件", "张", "万户"}

_MULTIPLIERS: dict[str, Decimal] = {
    "": Decimal(1),
    "k": Decimal(10) ** 3,
    "thousand": Decimal(10) ** 3,
    "千": Decimal(10) ** 3,
    "万": Decimal(10) ** 4,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mio": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "百万": Decimal(10) ** 6,
    "千万": Decimal(10) ** 7,
    "亿": Decimal(10) ** 8,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "十亿": Decimal(10) ** 9,
    "tn": Decimal(10) ** 12,
    "trillion": Decimal(10) ** 12,
    "万亿": Decimal(10) ** 12,
}

_NUMBER = re.compile(
    r"""^(?P<sign>[+-]?)
        (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
        (?P<exponent>e[+-]?\d+)?
        \s*(?P<rest>.*)$""",
    re.VERBOSE | re.IGNORECASE,
)


class QuantityError(ValueError):
    """A value that cannot be read, or that does not fit the indicator's unit."""


@dataclass(frozen=True)
class Unit:
    """An indicator's unit as written in targets.toml, and what family it belongs to."""

    name: str
    family: UnitFamily

    @classmethod
    def parse(cls, name: str) -> Unit:
        key = name.strip().lower()
        if key in _CURRENCY_WORDS:
            return cls(name.strip(), "currency")
        if key in _PERCENT_WORDS:
            return cls("%", "percent")
        return cls(name.strip(), "count")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("−", "-").replace("，", ",").replace("\u00a0", " ").replace("\u202f", " ")
    return text.strip()


def _refuse(text: str, why: str) -> QuantityError:
    return QuantityError(f"{text!r} {why}; accepted forms: {ACCEPTED_FORMS}")


def _split_unit(rest: str, unit: Unit | None) -> tuple[str, UnitFamily | None]:
    """Split the text after the number into a multiplier word and the unit it names."""
    rest = rest.strip()
    lowered = rest.lower()
    candidates: list[tuple[str, UnitFamily | None]] = [
        *((w, "currency") for w in _CURRENCY_WORDS),
        *((w, "percent") for w in _PERCENT_WORDS),
        *((w, "count") for w in _MEASURE_WORDS),
    ]
    if unit is not None and unit.family == "count":
        candidates.append((unit.name.lower(), "count"))
    for word, family in sorted(candidates, key=lambda c: -len(c[0])):
        if lowered.endswith(word):
            return rest[: len(rest) - len(word)].strip(), family
    return rest, None


def parse_quantity(raw: object, unit: Unit | None) -> Decimal:
    """Read a value for an indicator measured in `unit` (None: any unit), exactly.

    Accepts TOML numbers and text such as '270,000', '270k', '2.4 trillion', '22.4万',
    '4.3万亿元', '47%'. Refuses NaN, infinities, negative zero, ambiguous magnitudes
    ('2.4万万') and a unit that contradicts the indicator's ('47%' for yuan).
    """
    if isinstance(raw, bool):
        raise _refuse(str(raw).lower(), "is not a number")
    if isinstance(raw, int):
        value = Decimal(raw)
        return _check_range(value, str(raw))
    if isinstance(raw, float):
        text = repr(raw)
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise _refuse(text, "is not a finite number")
        return _check_range(Decimal(text), text)
    if not isinstance(raw, str):
        raise _refuse(repr(raw), "is not a number")
    text = _normalise(raw)
    if not text:
        raise _refuse(raw, "is empty")
    match = _NUMBER.match(text)
    if match is None:
        raise _refuse(raw, "is not a number")
    rest, family = _split_unit(match["rest"], unit)
    multiplier_word = rest.lower()
    if multiplier_word not in _MULTIPLIERS:
        if rest.startswith(",") or "," in match["number"].split(".")[-1]:
            raise _refuse(raw, "has a misplaced thousands separator")
        if re.fullmatch(r"[万亿千百十]+", multiplier_word):
            raise _refuse(raw, f"has an ambiguous magnitude {rest!r}")
        raise _refuse(raw, f"has an unknown magnitude or unit {rest!r}")
    if unit is not None and family is not None and family != unit.family:
        raise QuantityError(
            f"{raw!r} is {_FAMILY_NAMES[family]}, but the indicator is measured in "
            f"{_describe_unit(unit)}; give the value in {_describe_unit(unit)}"
        )
    if (family == "percent" or (unit is not None and unit.family == "percent")) and multiplier_word:
        raise _refuse(raw, "mixes a percentage with a magnitude")
    try:
        number = Decimal(match["number"].replace(",", "") + (match["exponent"] or ""))
    except InvalidOperation:  # pragma: no cover - the pattern only admits valid decimals
        raise _refuse(raw, "is not a number") from None
    if match["sign"] == "-":
        if number == 0:
            raise _refuse(raw, "is negative zero; write 0")
        number = -number
    return _check_range(number * _MULTIPLIERS[multiplier_word], raw)


_FAMILY_NAMES: dict[UnitFamily, str] = {
    "currency": "an amount of money",
    "percent": "a percentage",
    "count": "a count",
}


def _describe_unit(unit: Unit) -> str:
    return "percent" if unit.family == "percent" else unit.name


def _check_range(value: Decimal, text: str) -> Decimal:
    if not value.is_finite():
        raise _refuse(text, "is not a finite number")
    if abs(value) > MAX_MAGNITUDE:
        raise _refuse(text, f"is larger than {MAX_MAGNITUDE:,.0f}, beyond any statistic")
    if value.is_zero() and value.is_signed():
        raise _refuse(text, "is negative zero; write 0")
    return value.normalize() if value != value.to_integral_value() else value.quantize(1)


def exact_number(value: Decimal) -> int | float | str:
    """The value as TOML or JSON can hold it exactly: an integer, a float that round-trips,
    else its exact decimal text."""
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else plain_number(value)


def plain_number(value: Decimal) -> str:
    """The value with no exponent and no trailing zeros: '2400000000000', '47.5'."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _grouped(value: Decimal, decimals: int | None = None) -> str:
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    text = plain_number(value)
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}" if whole not in ("", "-") else whole
    if whole.startswith("-") and int(whole) == 0:
        grouped = "-0"
    return f"{grouped}.{fraction}" if fraction else grouped


def _scaled(value: Decimal, scales: list[tuple[Decimal, str]]) -> str | None:
    for size, word in scales:
        if abs(value) >= size:
            shown = (value / size).quantize(Decimal("0.001")).normalize()
            return f"{plain_number(shown)} {word}"
    return None


_LARGE = [
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
]


def format_number(value: Decimal, unit: Unit) -> str:
    """The number alone, as a reader of that unit expects: '2.4 trillion', '224,000', '47.0'."""
    with localcontext() as context:
        context.prec = 80  # room for any value sdtrack can compute, so rounding never fails
        return _format_number(value, unit)


def _format_number(value: Decimal, unit: Unit) -> str:
    if unit.family == "percent":
        return _grouped(value, 1)
    if unit.family == "currency":
        return _scaled(value, _LARGE) or _grouped(value.quantize(Decimal("0.01")).normalize())
    if abs(value) >= Decimal(10) ** 8:
        return _scaled(value, _LARGE[1:]) or _grouped(value)
    return _grouped(value)


def round_significant(value: Decimal, digits: int = 4) -> Decimal:
    """A computed value (a projection, a pace) to `digits` significant digits."""
    if value.is_zero():
        return Decimal(0)
    exponent = value.adjusted() - digits + 1
    with localcontext() as context:
        context.prec = 80
        return value.quantize(Decimal(1).scaleb(exponent))


def format_quantity(value: Decimal, unit: Unit) -> str:
    """Value and unit: '2.4 trillion yuan', '224,000 base stations', '47.0 %'."""
    number = format_number(value, unit)
    if unit.family == "percent":
        return f"{number} %"
    return f"{number} {unit.name}"


def format_change(value: Decimal, unit: Unit) -> str:
    """A difference in the indicator's unit; percentages become percentage points."""
    if unit.family == "percent":
        return f"{_grouped(value, 1)} percentage points"
    return format_quantity(value, unit)
