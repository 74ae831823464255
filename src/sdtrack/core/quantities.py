"""Values and units: reading numbers the way sources print them, and printing them back.

Chinese statistical sources write magnitudes with 万 (10^4) and 亿 (10^8), English ones
with thousand/million/billion/trillion. Every value is stored as an exact `Decimal` in the
indicator's own unit (yuan, percent, or a counted thing), so "4.3万亿元" and
"4.3 trillion yuan" are the same number: 4300000000000.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, InvalidOperation, localcontext
from typing import Literal

from sdtrack.core.language import N_, _
from sdtrack.core.unit_words import singular_unit

UnitFamily = Literal["currency", "percent", "count"]

ACCEPTED_FORMS = N_(
    "5000, 5,000, 270k, 2.4 trillion, 2.4tn, 22.4万, 4.3万亿, 2.3亿, 47%, "
    "optionally followed by the unit (元, yuan, %)"
)

# The largest magnitude a value may have: far above any real statistic (world GDP is
# about 10^14 USD), far below where float conversion for charts and rates breaks down.
MAX_MAGNITUDE = Decimal("1e18")
# The finest value may be read to this many decimal places: finer than any statistic
# ('1e-400' is a typing slip, not a figure), and exact within Decimal's precision.
MAX_DECIMAL_PLACES = 18
# What sources and spreadsheets print for a value that is not a finite number.
_NOT_FINITE_WORDS = {"nan", "snan", "inf", "infinity", "∞"}
# Exact arithmetic on what was typed: '1e-999999999999' is not rounded to 0, nor
# '1e999999999999' an overflow, before the limits refuse them; nothing is ever rounded.
_MAX_INTEGER = 10**18
_UNBOUNDED = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)

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
    @functools.lru_cache(maxsize=1024)  # an indicator's unit is asked for at every value
    def parse(cls, name: str) -> Unit:
        key = name.strip().lower()
        if key in _CURRENCY_WORDS:
            return cls(name.strip(), "currency")
        if key in _PERCENT_WORDS:
            return cls("%", "percent")
        return cls(name.strip(), "count")


# A number as a sheet or an argument usually gives it: ASCII digits, a point, a minus.
_PLAIN_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("−", "-").replace("，", ",").replace("\u00a0", " ").replace("\u202f", " ")
    return text.strip()


def _refuse(text: str, message: str, **values: object) -> QuantityError:
    """The error for `text`: `message` (a msgid naming {text!r} and {forms}) translated."""
    limits = {"limit": f"{MAX_MAGNITUDE:,.0f}", "places": MAX_DECIMAL_PLACES}
    return QuantityError(_(message).format(text=text, forms=_(ACCEPTED_FORMS), **limits, **values))


NOT_A_NUMBER = N_("{text!r} is not a number; accepted forms: {forms}")
NOT_FINITE = N_("{text!r} is not a finite number; accepted forms: {forms}")
NEGATIVE_ZERO = N_("{text!r} is negative zero; write 0; accepted forms: {forms}")
TOO_LARGE = N_("{text!r} is larger than {limit}, beyond any statistic; accepted forms: {forms}")
TOO_FINE = N_(
    "{text!r} has more than {places} decimal places, finer than any statistic; "
    "accepted forms: {forms}"
)


def _split_unit(rest: str, unit: Unit | None) -> tuple[str, UnitFamily | None]:
    """Split the text after the number into a multiplier word and the unit it names."""
    rest = rest.strip()
    if not rest:  # a bare number, the usual case: no word ends an empty text
        return rest, None
    lowered = rest.lower()
    own = unit.name.lower() if unit is not None and unit.family == "count" else None
    for word, family in _unit_words(own):
        if lowered.endswith(word):
            return rest[: len(rest) - len(word)].strip(), family
    return rest, None


@functools.lru_cache(maxsize=256)
def _unit_words(own: str | None) -> tuple[tuple[str, UnitFamily | None], ...]:
    """The words a value may end in, longest first; `own` is a count's own unit."""
    counts = [*_MEASURE_WORDS, *([own] if own is not None else [])]
    words: list[tuple[str, UnitFamily | None]] = [(w, "currency") for w in _CURRENCY_WORDS]
    words += [(w, "percent") for w in _PERCENT_WORDS] + [(w, "count") for w in counts]
    return tuple(sorted(words, key=lambda c: -len(c[0])))


def parse_quantity(raw: object, unit: Unit | None) -> Decimal:
    """Read a value for an indicator measured in `unit` (None: any unit), exactly.

    Accepts TOML numbers and text such as '270,000', '270k', '2.4 trillion', '22.4万',
    '4.3万亿元', '47%'. Refuses NaN, infinities, negative zero, ambiguous magnitudes
    ('2.4万万') and a unit that contradicts the indicator's ('47%' for yuan).
    """
    if isinstance(raw, bool):
        raise _refuse(str(raw).lower(), NOT_A_NUMBER)
    if isinstance(raw, int):
        if -_MAX_INTEGER <= raw <= _MAX_INTEGER:
            return Decimal(raw)  # what _check_range returns for it, without the checks
        return _check_range(Decimal(raw), str(raw))
    if isinstance(raw, float):
        text = repr(raw)
        if "e" not in text and "n" not in text and text != "-0.0":
            # Without an exponent (nor nan, inf), a float is under 1e16 with at most 17 decimal
            # places and no trailing zero: what _check_range returns, spared its checks.
            whole, _point, fraction = text.partition(".")
            return Decimal(whole) if fraction == "0" else Decimal(text)
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise _refuse(text, NOT_FINITE)
        return _check_range(Decimal(text), text)
    if not isinstance(raw, str):
        raise _refuse(repr(raw), NOT_A_NUMBER)
    if _PLAIN_DECIMAL.fullmatch(raw):
        # What the reading below makes of it: no unit, no magnitude, so no refusal but the
        # range's ("-0" is negative zero there too).
        return _check_range(Decimal(raw), raw)
    text = _normalise(raw)
    if not text:
        raise _refuse(raw, N_("{text!r} is empty; accepted forms: {forms}"))
    match = _NUMBER.match(text)
    if match is None:
        finite = text.lower().lstrip("+-").strip() not in _NOT_FINITE_WORDS
        raise _refuse(raw, NOT_A_NUMBER if finite else NOT_FINITE)
    rest, family = _split_unit(match["rest"], unit)
    multiplier_word = rest.lower()
    if multiplier_word not in _MULTIPLIERS:
        if rest.startswith(",") or "," in match["number"].split(".")[-1]:
            raise _refuse(
                raw, N_("{text!r} has a misplaced thousands separator; accepted forms: {forms}")
            )
        if re.fullmatch(r"[万亿千百十]+", multiplier_word):
            raise _refuse(
                raw,
                N_("{text!r} has an ambiguous magnitude {rest!r}; accepted forms: {forms}"),
                rest=rest,
            )
        raise _refuse(
            raw,
            N_("{text!r} has an unknown magnitude or unit {rest!r}; accepted forms: {forms}"),
            rest=rest,
        )
    if unit is not None and family is not None and family != unit.family:
        raise QuantityError(
            _(_FAMILY_MISMATCH[family]).format(value=raw, unit=_describe_unit(unit))
        )
    if (family == "percent" or (unit is not None and unit.family == "percent")) and multiplier_word:
        raise _refuse(
            raw, N_("{text!r} mixes a percentage with a magnitude; accepted forms: {forms}")
        )
    try:
        number = Decimal(match["number"].replace(",", "") + (match["exponent"] or ""))
    except InvalidOperation:  # an exponent beyond what Decimal can hold: '1e-99999999999999999999'
        raise _refuse(raw, TOO_FINE if "-" in match["exponent"] else TOO_LARGE) from None
    if match["sign"] == "-":
        if number == 0:
            raise _refuse(raw, NEGATIVE_ZERO)
        number = number.copy_negate()
    return _check_range(_UNBOUNDED.multiply(number, _MULTIPLIERS[multiplier_word]), raw)


# A value whose unit contradicts the indicator's, by the family the value's unit is in.
_FAMILY_MISMATCH: dict[UnitFamily, str] = {
    "currency": N_(
        "{value!r} is an amount of money, but the indicator is measured in {unit}; "
        "give the value in {unit}"
    ),
    "percent": N_(
        "{value!r} is a percentage, but the indicator is measured in {unit}; "
        "give the value in {unit}"
    ),
    "count": N_(
        "{value!r} is a count, but the indicator is measured in {unit}; give the value in {unit}"
    ),
}


def _describe_unit(unit: Unit) -> str:
    return _("percent") if unit.family == "percent" else unit.name


def _check_range(value: Decimal, text: str) -> Decimal:
    if not value.is_finite():
        raise _refuse(text, NOT_FINITE)
    if value.copy_abs() > MAX_MAGNITUDE:  # copy_abs: no context, so no overflow
        raise _refuse(text, TOO_LARGE)
    if value.is_zero() and value.is_signed():
        raise _refuse(text, NEGATIVE_ZERO)
    if value == value.to_integral_value():
        return value.quantize(1)
    value = value.normalize(_UNBOUNDED)  # exact: its last digit is its last decimal place
    if int(value.as_tuple().exponent) < -MAX_DECIMAL_PLACES:
        raise _refuse(text, TOO_FINE)
    return value


def exact_number(value: Decimal) -> int | float | str:
    """The value as TOML or JSON can hold it exactly: an integer, a float that round-trips,
    else its exact decimal text."""
    text = str(value)
    # Digits with a point, the last one not 0, at most 15 of them, and no exponent (so at
    # least 1e-6): not whole, and a double holds every such decimal apart (DBL_DIG is 15),
    # so the shortest repr of its float is this value again. The usual reading, at a
    # third of the arithmetic below.
    short = len(text) <= (17 if text[0] == "-" else 16)
    if short and "." in text and text[-1] != "0" and "E" not in text:
        return float(text)
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
    # `plain_number` with thousands separators: "-0.5" keeps its sign, "-0" is "0".
    text = format(value, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _scaled(value: Decimal, scales: list[tuple[Decimal, str]]) -> str | None:
    for size, word in scales:
        if abs(value) >= size:
            shown = (value / size).quantize(Decimal("0.001")).normalize()
            return f"{plain_number(shown)} {word}"
    return None


_HUNDRED_MILLION = Decimal(10) ** 8
_LARGE = [
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
]


def format_number(value: Decimal, unit: Unit) -> str:
    """The number alone, as a reader of that unit expects: '2.4 trillion', '224,000', '47.0'."""
    if unit.family == "count" and value.copy_abs() < _HUNDRED_MILLION:
        return _grouped(value)  # exact whatever the context: no rounding, no arithmetic
    with localcontext() as context:
        context.prec = 80  # room for any value sdtrack can compute, so rounding never fails
        return _format_number(value, unit)


def _format_number(value: Decimal, unit: Unit) -> str:
    if unit.family == "percent":
        return _grouped(value, 1)
    if unit.family == "currency":
        return _scaled(value, _LARGE) or _grouped(value.quantize(Decimal("0.01")).normalize())
    if abs(value) >= _HUNDRED_MILLION:
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


def unit_for_one(unit: Unit, one: str | None = None) -> str:
    """The unit after the number 1: `one` when the indicator names it, else by rule
    (`core.unit_words`); a currency (yuan) or a share (%) is the same for one."""
    if unit.family != "count":
        return unit.name
    return one or singular_unit(unit.name)


def _is_one(value: Decimal) -> bool:
    return abs(value) == 1


def format_quantity(value: Decimal, unit: Unit, one: str | None = None) -> str:
    """Value and unit: '2.4 trillion yuan', '224,000 base stations', '1 city', '47.0 %'.
    `one` is the unit for one when the indicator names it (`Indicator.unit_one`)."""
    number = format_number(value, unit)
    if unit.family == "percent":
        return f"{number} %"
    name = unit_for_one(unit, one) if _is_one(value) else unit.name
    return f"{number} {name}"


def format_change(value: Decimal, unit: Unit, one: str | None = None) -> str:
    """A difference in the indicator's unit; percentages become percentage points."""
    if unit.family == "percent":
        return f"{_grouped(value, 1)} percentage points"
    return format_quantity(value, unit, one)
