"""Reading values the way sources print them, and printing them back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sdtrack.core.quantities import QuantityError, Unit, format_quantity, parse_quantity

YUAN = Unit.parse("yuan")
PERCENT = Unit.parse("%")
STATIONS = Unit.parse("base stations")


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("5000", STATIONS, "5000"),
        ("5,000", STATIONS, "5000"),
        ("270k", STATIONS, "270000"),
        ("270K", STATIONS, "270000"),
        ("22.4万", STATIONS, "224000"),
        ("２２.４万", STATIONS, "224000"),
        ("2.3亿", STATIONS, "230000000"),
        ("220 million", STATIONS, "220000000"),
        ("270,000 base stations", STATIONS, "270000"),
        ("5000个", STATIONS, "5000"),
        ("2.4 trillion", YUAN, "2400000000000"),
        ("2.4tn", YUAN, "2400000000000"),
        ("4.3万亿", YUAN, "4300000000000"),
        ("4.3万亿元", YUAN, "4300000000000"),
        ("2.4 trillion yuan", YUAN, "2400000000000"),
        ("100亿元", YUAN, "10000000000"),
        ("47%", PERCENT, "47"),
        ("47.5 %", PERCENT, "47.5"),
        ("-3.5%", PERCENT, "-3.5"),
        ("−3.5%", PERCENT, "-3.5"),
        (47, PERCENT, "47"),
        (0.1, PERCENT, "0.1"),
    ],
)
def test_accepted_forms_are_exact(text: object, unit: Unit, expected: str) -> None:
    """Every accepted form gives the exact value in the indicator's unit."""
    assert parse_quantity(text, unit) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("2.4万万", YUAN, "ambiguous magnitude"),
        ("N/A", STATIONS, "is not a number"),
        ("", STATIONS, "is empty"),
        ("nan", STATIONS, "is not a number"),
        (float("nan"), STATIONS, "not a finite number"),
        (float("inf"), STATIONS, "not a finite number"),
        ("-0", STATIONS, "negative zero"),
        ("1e400", STATIONS, "larger than"),
        ("5,00", STATIONS, "misplaced thousands separator"),
        ("47%", YUAN, "is a percentage, but the indicator is measured in yuan"),
        ("4.3万亿元", STATIONS, "is an amount of money"),
        ("12 apples", STATIONS, "unknown magnitude or unit"),
        ("4.3万%", PERCENT, "mixes a percentage with a magnitude"),
        (True, STATIONS, "is not a number"),
    ],
)
def test_malformed_or_mismatched_values_are_refused(text: object, unit: Unit, message: str) -> None:
    """A malformed, ambiguous or wrong-unit value is refused, showing what is accepted."""
    with pytest.raises(QuantityError, match=message):
        parse_quantity(text, unit)


def test_refusal_lists_the_accepted_forms() -> None:
    """The refusal message shows the accepted forms, so the user can fix it."""
    with pytest.raises(QuantityError, match=r"accepted forms: 5000, 5,000, 270k"):
        parse_quantity("lots", STATIONS)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("2400000000000", YUAN, "2.4 trillion yuan"),
        ("4300000000000", YUAN, "4.3 trillion yuan"),
        ("10000000000", YUAN, "10 billion yuan"),
        ("224000", STATIONS, "224,000 base stations"),
        ("220000000", Unit.parse("terminals"), "220 million terminals"),
        ("47", PERCENT, "47.0 %"),
        ("47.25", PERCENT, "47.2 %"),
    ],
)
def test_values_print_as_a_reader_expects(value: str, unit: Unit, shown: str) -> None:
    """Values print the way a reader of that unit expects."""
    assert format_quantity(Decimal(value), unit) == shown
