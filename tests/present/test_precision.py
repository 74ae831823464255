"""The precision of every number in the JSON, CSV and Excel outputs: one stated rule."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.present import precision


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (Decimal("224000"), 224000),
        (Decimal("2.4E+12"), 2400000000000),
        (Decimal("47.50"), 47.5),
        (Decimal("-0.25"), -0.25),
        (Decimal("0.1234567890123456789"), "0.1234567890123456789"),
        (None, None),
    ],
)
def test_values_are_exact(number: Decimal | None, expected: object) -> None:
    """A value keeps its own digits: an integer when whole, else its decimal, else text."""
    result = precision.value(number)
    assert result == expected
    assert type(result) is type(expected)


@given(
    st.one_of(
        st.decimals(min_value=-(10**15), max_value=10**15, places=4, allow_nan=False),
        st.decimals(min_value=-1000, max_value=1000, places=18, allow_nan=False),
    )
)
def test_a_value_survives_json_exactly(number: Decimal) -> None:
    """Whatever a value is, its JSON read back as a Decimal is the value itself."""
    text = json.dumps(precision.value(number))
    assert Decimal(json.loads(text, parse_float=Decimal, parse_int=Decimal)) == number


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (Decimal("1055.4676923076925"), 1055.47),
        (Decimal("562874.9764271774"), 562875),
        (Decimal("2401234567890.5"), 2401230000000),
        (Decimal("0.000123456789"), 0.000123457),
        (Decimal(0), 0),
        (None, None),
    ],
)
def test_estimates_are_rounded(number: Decimal | None, expected: object) -> None:
    """Projections, paces and trend changes: 6 significant digits."""
    assert precision.estimate(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0.8266666666666667, 0.826667),
        (1.4791564711415437, 1.47916),
        (4.3243265104686, 4.32433),
        (5.0, 5.0),
        (0.0, 0.0),
        (-0.012345678, -0.0123457),
        (None, None),
    ],
)
def test_rates_are_rounded(number: float | None, expected: float | None) -> None:
    """Rates, ratios, shares and scores: 6 significant digits, printed without noise."""
    result = precision.rate(number)
    assert result == expected
    if result is not None:
        assert len(repr(result).lstrip("-").replace(".", "").lstrip("0")) <= 7


def test_the_rule_is_six_significant_digits() -> None:
    assert precision.SIGNIFICANT_DIGITS == 6
