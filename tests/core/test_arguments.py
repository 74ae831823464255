"""A reading from what was typed: each problem names its argument, impossible values refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sdtrack.core.arguments import (
    reading_from_arguments,
    reading_to_record,
    region_argument,
    require_period_over,
    require_recorded,
)
from sdtrack.core.domains import Domain
from sdtrack.core.errors import UsageError
from sdtrack.core.model import Indicator
from sdtrack.core.periods import Period
from sdtrack.core.quantities import Unit
from sdtrack.core.regions import Geography

UNITS = {"stations": Unit.parse("base stations"), "share": Unit.parse("%")}
DOMAINS = {
    "stations": Domain.of("stock", UNITS["stations"], indicator="stations"),
    "share": Domain.of("share", UNITS["share"], indicator="share"),
}
RECORDED = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)


def fields(indicator: str, value: str) -> dict[str, object]:
    return {"indicator": indicator, "value": value, "date": "2024", "source": "Paper"}


@pytest.mark.parametrize(
    ("indicator", "value", "message"),
    [
        ("share", "147%", "147 % is not a possible value of share"),
        ("stations", "-5", "a count cannot be negative"),
        ("stations", ".5", "0.5 is not a possible number of base stations"),
        ("stations", "1e-400", "more than 18 decimal places"),
    ],
)
def test_record_refuses_a_value_outside_its_domain(
    indicator: str, value: str, message: str
) -> None:
    """Given the domains, an impossible VALUE is refused, naming VALUE."""
    with pytest.raises(UsageError) as caught:
        reading_to_record(fields(indicator, value), UNITS, RECORDED, domains=DOMAINS)
    (problem,) = caught.value.problems
    assert problem.field == "VALUE"
    assert message in problem.message


def test_without_domains_only_the_unit_is_checked() -> None:
    """A caller that gives no domains gets the unit's reading alone (as before domains)."""
    reading = reading_to_record(fields("share", "147%"), UNITS, RECORDED)
    assert reading.value == Decimal(147)


def test_a_possible_value_is_recorded() -> None:
    """224,000 base stations and 47.5 % are possible."""
    for indicator, value in (("stations", "22.4万"), ("share", "47.5%")):
        reading = reading_to_record(fields(indicator, value), UNITS, RECORDED, domains=DOMAINS)
        assert reading.recorded == RECORDED


def test_each_problem_names_its_argument() -> None:
    """An unknown field is named by `unnamed`, a known one by `names`."""
    with pytest.raises(UsageError) as caught:
        reading_from_arguments(
            {**fields("stations", "-5"), "source": " "},
            UNITS,
            {"value": "VALUE"},
            lambda name: f"--{name}",
            DOMAINS,
        )
    assert {p.field for p in caught.value.problems} == {"VALUE", "--source"}


def test_a_period_not_over_is_refused() -> None:
    """A reading for a year that has not ended is refused, naming the argument."""
    require_period_over(Period.year(2025), dt.date(2026, 1, 1), "--date")
    with pytest.raises(UsageError, match="has not ended yet") as caught:
        require_period_over(Period.year(2026), dt.date(2026, 11, 22), "--date")
    assert caught.value.problems[0].field == "--date"


def test_a_region_argument_is_found_by_id_or_name_and_the_own_region_is_none() -> None:
    geography = Geography.of(own="shandong")
    for typed in ("jinan", "济南", "济南市", "Jinan"):
        assert region_argument(geography, typed, "--region") == "jinan"
    assert region_argument(geography, "山东", "--region") is None
    assert region_argument(geography, None, "--region") is None
    with pytest.raises(UsageError) as error:
        region_argument(geography, "Atlantis", "--region")
    (problem,) = error.value.problems
    assert problem.field == "--region"
    assert problem.message.startswith("unknown region 'Atlantis'; known regions: china (China)")


def test_a_derived_indicator_is_refused_naming_its_inputs() -> None:
    ratio = Indicator.model_validate(
        {"id": "per-10k", "name": "Per 10k", "unit": "stations per 10k people", "kind": "stock",
         "formula": {"kind": "ratio", "numerator": "stations", "denominator": "people"}}
    )  # fmt: skip
    with pytest.raises(UsageError) as error:
        require_recorded(ratio, "INDICATOR")
    (problem,) = error.value.problems
    assert problem.field == "INDICATOR"
    assert problem.message == (
        "'per-10k' is computed by sdtrack (stations ÷ people) and cannot be recorded; "
        "record its inputs"
    )
    assert error.value.hint == (
        "record stations and people; `sdtrack show per-10k` shows the values computed from them"
    )
    require_recorded(ratio.model_copy(update={"formula": None}), "INDICATOR")


def test_record_names_the_region_argument() -> None:
    with pytest.raises(UsageError) as error:
        reading_to_record({**fields("stations", "5"), "region": "Bad Region"}, UNITS, RECORDED)
    assert [p.field for p in error.value.problems] == ["--region"]
