"""Derived indicators: values computed from two recorded series, never recorded.

A derived indicator's `formula` divides a numerator by a denominator and multiplies by
`per` (a ratio: base stations per 10,000 people) or by 100 (a share of a total, in %).

The date-matching rule: each numerator reading is matched with the denominator reading
of the same period; failing that, with the denominator's reading for the calendar year
the numerator's period ends in (a count on 18 June 2024 with the end-2024 population).
Nothing else is matched: no value is carried from another year, and a numerator reading
without a matching denominator gives no derived value. When a period has several current
readings of an input, the one recorded last is used. Each derived value cites both
readings it was computed from (`DerivedReading.inputs`) and is marked `derived`.
"""

from __future__ import annotations

import decimal
import hashlib
from collections.abc import Sequence
from decimal import Decimal

from sdtrack.core.choices import Qualifier
from sdtrack.core.formulas import Formula
from sdtrack.core.model import Reading
from sdtrack.core.periods import Period

# A quotient is computed to this many significant digits, then kept to two decimal places
# (three significant digits below 1): as precise as the inputs' own four to six digits
# allow (22.22 base stations per 10,000 people, 46.70 %), and no more.
SIGNIFICANT_DIGITS = 12
DECIMAL_PLACES = 2
SMALL_SIGNIFICANT_DIGITS = 3

# What a numerator's qualifier becomes in the quotient when the denominator is exact, and
# what a denominator's becomes (a larger denominator makes a smaller quotient).
_FROM_DENOMINATOR: dict[str, Qualifier] = {
    "over": "under",
    "under": "over",
    "about": "about",
    "nearly": "over",
}


class DerivedReading(Reading):
    """A value computed by sdtrack: `inputs` holds the numerator's and the denominator's
    readings it was computed from, whose sources it cites."""

    inputs: tuple[Reading, Reading]


def derive(
    indicator_id: str,
    formula: Formula,
    numerators: Sequence[Reading],
    denominators: Sequence[Reading],
    region: str | None = None,
) -> list[DerivedReading]:
    """The derived readings of one region, in the numerators' order (see the module
    docstring for which readings are matched)."""
    by_period: dict[Period, Reading] = {}
    for reading in denominators:
        by_period[reading.date] = reading
    result: list[DerivedReading] = []
    for numerator in numerators:
        denominator = by_period.get(numerator.date) or by_period.get(
            Period.year(numerator.date.end.year)
        )
        if denominator is None or denominator.value == 0:
            continue
        result.append(_derived(indicator_id, formula, numerator, denominator, region))
    return result


def _derived(
    indicator_id: str,
    formula: Formula,
    numerator: Reading,
    denominator: Reading,
    region: str | None,
) -> DerivedReading:
    with decimal.localcontext() as context:
        context.prec = SIGNIFICANT_DIGITS
        value = _kept(numerator.value / denominator.value * formula.multiplier)
    digest = hashlib.sha256(f"{indicator_id}\x1f{numerator.key}\x1f{denominator.key}".encode())
    return DerivedReading.model_construct(
        id=f"d-{digest.hexdigest()[:10]}",
        indicator=indicator_id,
        value=value,
        date=numerator.date,
        qualifier=_qualifier(numerator.qualifier, denominator.qualifier),
        derived=True,
        region=region,
        source=f"{numerator.source} ÷ {denominator.source}",
        url=numerator.url,
        quote=None,
        note=None,
        recorded=None,
        corrects=None,
        request_key=None,
        batch=None,
        batch_size=None,
        inputs=(numerator, denominator),
    )


def _kept(value: Decimal) -> Decimal:
    if abs(value) >= 1 or value == 0:
        return value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES))
    places = SMALL_SIGNIFICANT_DIGITS - value.adjusted() - 1
    return value.quantize(Decimal(1).scaleb(-places))


def _qualifier(numerator: Qualifier | None, denominator: Qualifier | None) -> Qualifier | None:
    if denominator is None:
        return numerator
    if numerator is None:
        return _FROM_DENOMINATOR[denominator]
    return "about"
