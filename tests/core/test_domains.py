"""Indicator domains: the values that can exist, and the reason given for one that cannot."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.domains import Domain, growth_refusal, number_shown, shown
from sdtrack.core.quantities import Unit

STATIONS = Unit("base stations", "count")
CITIES = Unit("cities", "count")
YUAN = Unit("yuan", "currency")
PERCENT = Unit("%", "percent")

SHARE = Domain.of("share", PERCENT, indicator="gdp-share")
COUNT = Domain.of("stock", STATIONS, indicator="5g")
FLOW = Domain.of("flow", YUAN, indicator="revenue")
GIGABIT = Domain.of("stock", CITIES, indicator="gigabit").limited_to(Decimal(16))


def test_each_kind_declares_its_domain() -> None:
    """Shares 0–100 %; counts whole and not negative; money not negative, not whole."""
    assert (SHARE.minimum, SHARE.maximum, SHARE.integer) == (0, 100, False)
    assert (COUNT.minimum, COUNT.maximum, COUNT.integer) == (0, None, True)
    assert (FLOW.minimum, FLOW.maximum, FLOW.integer) == (0, None, False)
    assert Domain.of("flow", STATIONS).integer  # a flow of counts: projects a year
    assert Domain.of("stock", PERCENT).maximum is None  # a rate in %, not a share


def test_declarations_override_the_defaults() -> None:
    """`negative = true` lifts the minimum; `integer` overrides the unit's rule."""
    assert Domain.of("flow", YUAN, negative=True).minimum is None
    assert not Domain.of("stock", Unit("km", "count"), integer=False).integer
    assert Domain.of("stock", YUAN, integer=True).integer
    assert Domain.of("share", PERCENT, negative=True).minimum is None
    assert GIGABIT.maximum == 16
    assert GIGABIT.limited


@pytest.mark.parametrize(
    ("domain", "value", "reason"),
    [
        (
            SHARE,
            "147",
            "147 % is not a possible value of gdp-share: a share lies between 0 and 100 %",
        ),
        (SHARE, "-0.1", "-0.1 % is not a possible value of gdp-share: a share lies between"),
        (COUNT, "-5", "-5 is not a possible number of base stations: a count cannot be negative"),
        (COUNT, "0.5", "0.5 is not a possible number of base stations: counts are whole numbers"),
        (COUNT, "224000.5", "224,000.5 is not a possible number of base stations"),
        (COUNT, "1E-10", "0.0000000001 is not a possible number of base stations"),
        (GIGABIT, "17", "17 cities is not a possible value of gigabit: it cannot exceed its limit"),
        (FLOW, "-5", "-5 yuan is not a possible value of revenue: it cannot be negative"),
        (FLOW, "-2100000000000", "-2.1 trillion yuan is not a possible value of revenue"),
        (
            Domain.of("share", PERCENT, negative=True, indicator="net"),
            "101",
            "a share cannot exceed 100 %",
        ),
        (Domain(Decimal(5), None, False, "x", YUAN), "4", "it cannot be less than 5 yuan"),
    ],
)
def test_an_impossible_value_is_refused_with_why(domain: Domain, value: str, reason: str) -> None:
    """The reason names the value, the indicator or thing counted, and the rule."""
    refusal = domain.refusal(Decimal(value))
    assert refusal is not None
    assert reason in refusal


@pytest.mark.parametrize(
    ("domain", "value"),
    [(SHARE, "0"), (SHARE, "100"), (SHARE, "47.5"), (COUNT, "0"), (COUNT, "224000"),
     (COUNT, "2.24E+5"), (GIGABIT, "16"), (FLOW, "0.01"),
     (Domain.of("flow", YUAN, negative=True), "-5")],
)  # fmt: skip
def test_a_possible_value_passes(domain: Domain, value: str) -> None:
    """The bounds themselves are possible, and so is a whole number written with an exponent."""
    assert domain.refusal(Decimal(value)) is None


def test_the_limit_is_above_zero_and_itself_possible() -> None:
    """limit = -1 or 0 is refused, so is 16.5 cities and a share's limit over 100 %."""
    cities = Domain.of("stock", CITIES, indicator="gigabit")
    assert "limit = -1 is not possible" in (cities.limit_refusal(Decimal(-1)) or "")
    assert "so it is more than 0" in (cities.limit_refusal(Decimal(0)) or "")
    assert "counts are whole numbers" in (cities.limit_refusal(Decimal("16.5")) or "")
    assert "a share lies between 0 and 100 %" in (SHARE.limit_refusal(Decimal(150)) or "")
    assert cities.limit_refusal(Decimal(16)) is None
    assert SHARE.limit_refusal(Decimal(100)) is None


def test_a_growth_target_stays_above_minus_100_percent() -> None:
    """A fall of 100 % or more is impossible; -99.9 % is possible."""
    assert growth_refusal(Decimal("-99.9")) is None
    assert growth_refusal(Decimal(10)) is None
    assert "a growth of -100 % a year is not possible" in (growth_refusal(Decimal(-100)) or "")
    assert growth_refusal(Decimal(-150)) is not None


def test_values_are_shown_exactly() -> None:
    """A value is never rounded into a possible-looking one: 100.04 %, not 100.0 %."""
    assert shown(Decimal("100.04"), PERCENT) == "100.04 %"
    assert number_shown(Decimal("0.5"), STATIONS) == "0.5"
    assert number_shown(Decimal("-0.001"), YUAN) == "-0.001"
    assert shown(Decimal(-5), YUAN) == "-5 yuan"


@given(st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, allow_infinity=False))
def test_refusal_agrees_with_the_bounds(value: Decimal) -> None:
    """A value is refused exactly when it lies outside the bounds or is not whole."""
    for domain in (SHARE, COUNT, GIGABIT, FLOW):
        outside = (domain.minimum is not None and value < domain.minimum) or (
            domain.maximum is not None and value > domain.maximum
        )
        fraction = domain.integer and value != value.to_integral_value()
        assert (domain.refusal(value) is not None) == (outside or fraction)


def test_reasons_are_looked_up_whole(marked: None) -> None:
    """Every reason is one catalog message, looked up before its placeholders are filled."""
    for reason in (
        COUNT.refusal(Decimal("0.5")),
        COUNT.refusal(Decimal(-5)),
        SHARE.refusal(Decimal(147)),
        GIGABIT.refusal(Decimal(17)),
        FLOW.refusal(Decimal(-5)),
        GIGABIT.limit_refusal(Decimal(-1)),
        growth_refusal(Decimal(-100)),
    ):
        assert reason is not None
        assert reason.startswith("⟪"), reason
        assert reason.endswith("⟫"), reason
