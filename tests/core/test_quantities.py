"""Reading values the way sources print them, and printing them back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core import quantities
from sdtrack.core.quantities import (
    QuantityError,
    Unit,
    format_change,
    format_quantity,
    parse_quantity,
    unit_for_one,
)

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
        ("nan", STATIONS, "is not a finite number"),
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("NaN", "'NaN' is not a finite number"),
        ("inf", "'inf' is not a finite number"),
        ("-Infinity", "'-Infinity' is not a finite number"),
        ("∞", "'∞' is not a finite number"),
        ("1e400", "'1e400' is larger than 1,000,000,000,000,000,000"),
        ("1e999999999999", "is larger than"),
        ("-1e999999999999", "is larger than"),
        ("1e99999999999999999999999", "is larger than"),
        ("1e-400", "'1e-400' has more than 18 decimal places, finer than any statistic"),
        ("-1e-400", "has more than 18 decimal places"),
        ("1e-999999999999", "has more than 18 decimal places"),
        ("1e-99999999999999999999999", "has more than 18 decimal places"),
        ("0.0000000000000000001", "has more than 18 decimal places"),
        (1.2345678901234567e-05, "has more than 18 decimal places"),
    ],
)
def test_each_edge_of_the_number_line_gets_one_clear_message(text: object, message: str) -> None:
    """NaN and infinities, magnitudes beyond any statistic and values finer than any: each
    refused with its own message, never rounded to 0 or raised as a Decimal error."""
    with pytest.raises(QuantityError) as refused:
        parse_quantity(text, STATIONS)
    assert message in str(refused.value)
    assert "accepted forms" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.000000000000000001", "1E-18"),
        ("0e-400", "0"),
        ("1.50000000000000000000000000000000", "1.5"),
        ("5.000e3", "5000"),
        ("1e-20万", "1E-16"),
        ("123456789012345678.123456789012345678", "123456789012345678.123456789012345678"),
    ],
)
def test_values_within_the_limits_are_read_exactly(text: str, expected: str) -> None:
    """18 decimal places are read; trailing zeros and exponents are exact, never rounded to
    Decimal's default 28 digits."""
    value = parse_quantity(text, None)
    assert value == Decimal(expected)
    assert str(value) == expected


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


@pytest.mark.parametrize(
    ("unit", "one"),
    [
        ("cities", "city"),
        ("communities", "community"),
        ("base stations", "base station"),
        ("5G base stations", "5G base station"),
        ("households", "household"),
        ("enterprises", "enterprise"),
        ("boxes", "box"),
        ("branches", "branch"),
        ("people", "person"),
        ("series", "series"),
        ("kWh", "kWh"),
        ("mu", "mu"),
        ("yuan", "yuan"),
    ],
)
def test_one_of_a_unit_is_singular_by_rule(unit: str, one: str) -> None:
    """'1 city', '1 base station': the last word of the unit made singular; a currency, a
    share or a word that is no plural stays as it is."""
    assert format_quantity(Decimal(1), Unit.parse(unit)) == f"1 {one}"
    assert format_change(Decimal(-1), Unit.parse(unit)) == f"-1 {one}"
    assert format_quantity(Decimal(2), Unit.parse(unit)) == f"2 {Unit.parse(unit).name}"


def test_the_indicators_own_unit_for_one_comes_first() -> None:
    """`unit_one` (the indicator's word) overrides the rule; only for exactly one."""
    cities = Unit.parse("cities")
    assert format_quantity(Decimal(1), cities, "gigabit city") == "1 gigabit city"
    assert format_quantity(Decimal("1.5"), cities, "gigabit city") == "1.5 cities"
    assert format_quantity(Decimal(1), PERCENT) == "1.0 %"
    assert format_change(Decimal(1), PERCENT) == "1.0 percentage points"
    assert unit_for_one(Unit.parse("stations")) == "station"
    assert unit_for_one(Unit.parse("stations"), "radio station") == "radio station"


# Qualified values: a reading's qualifier and a target's comparison, typed with the number.


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers()))
def test_a_toml_number_reads_as_its_checked_decimal(number: float | int) -> None:
    """The shortcut for plain floats and integers gives what the full checks give, digit for
    digit (the same exponent, so the same text everywhere it is shown)."""
    from sdtrack.core.quantities import QuantityError, _check_range

    text = repr(number) if isinstance(number, float) else str(number)
    try:
        expected = _check_range(Decimal(text), text)
    except QuantityError:
        with pytest.raises(QuantityError):
            parse_quantity(number, None)
        return
    found = parse_quantity(number, None)
    assert (found, found.as_tuple()) == (expected, expected.as_tuple())


def _grouped_by_parts(value: Decimal) -> str:
    """How `_grouped` wrote a number before: `plain_number`, then its whole part grouped."""
    whole, _, fraction = quantities.plain_number(value).partition(".")
    grouped = "-0" if whole.startswith("-") and int(whole) == 0 else f"{int(whole):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


@given(
    st.decimals(allow_nan=False, allow_infinity=False)
    | st.sampled_from([Decimal("-0"), Decimal("-0.5"), Decimal("0E-5"), Decimal("1E+30")])
)
def test_a_grouped_number_is_its_plain_number_with_separators(value: Decimal) -> None:
    assert quantities._grouped(value) == _grouped_by_parts(value)


def _exact_by_definition(value: Decimal) -> int | float | str:
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else quantities.plain_number(value)


@settings(max_examples=2000)
@given(
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.decimals(allow_nan=False, allow_infinity=False, places=3),
        st.builds(
            lambda digits, places, negative: Decimal((negative, digits, -places)),
            st.lists(st.integers(0, 9), min_size=1, max_size=20).map(tuple),
            st.integers(0, 22),
            st.booleans(),
        ),
        st.floats(allow_nan=False, allow_infinity=False).map(lambda f: Decimal(repr(f))),
    )
)
def test_exact_number_is_its_definition_on_every_decimal(value: Decimal) -> None:
    """The quick way for decimals of a few digits gives what the definition gives: an int
    when whole, a float whose repr is the value, else the plain text."""
    found, wanted = quantities.exact_number(value), _exact_by_definition(value)
    assert (type(found), found) == (type(wanted), wanted)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("99.27", 99.27),
        ("-0.5", -0.5),
        ("100.50", 100.5),
        ("1.000", 1),
        ("0.1234567890123456789", "0.1234567890123456789"),
        ("123456789012.3456", 123456789012.3456),
        ("9007199254740993.1", "9007199254740993.1"),
        ("12345678901.2345", 12345678901.2345),
        ("1E-7", 1e-7),
        ("2.4E+12", 2400000000000),
    ],
)
def test_exact_number_of_usual_and_edge_values(text: str, wanted: object) -> None:
    found = quantities.exact_number(Decimal(text))
    assert (type(found), found) == (type(wanted), wanted)


@settings(max_examples=1000)
@given(
    st.from_regex(r"-?[0-9]{1,25}(\.[0-9]{1,25})?", fullmatch=True)
    | st.sampled_from(
        ["-0", "-0.000", "0", "007", "1e3", "99.27", "1" * 19, "0." + "0" * 18 + "1"]
    ),
    st.sampled_from([None, YUAN, PERCENT, STATIONS]),
)
def test_a_plain_decimal_reads_as_the_general_reading_reads_it(
    text: str, unit: Unit | None
) -> None:
    """Digits read the quick way give the value, or the refusal, that the general reading
    gives the same text with a space after it (which it strips)."""

    def read(raw: str) -> Decimal | str:
        try:
            return quantities.parse_quantity(raw, unit)
        except QuantityError as error:
            return str(error).replace(repr(raw), "TEXT")

    quick, general = read(text), read(text + " ")
    assert (str(quick), quick) == (str(general), general)
