"""The data model: targets files, readings and their content-derived ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from sdtrack.core.errors import UsageError
from sdtrack.core.ledger import reading_to_record
from sdtrack.core.model import (
    Reading,
    ReadingsFile,
    Target,
    TargetsFile,
    reading_context,
    reading_id,
)
from sdtrack.core.quantities import Unit
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_targets

from ..conftest import make_reading
from .test_qualifiers import COMPARISON_WORD_CASES


def shipped_targets() -> TargetsFile:
    return load_targets(locate_workspace(None, None, Path("/")))


def test_reading_id_is_stable_and_ignores_trailing_zeros() -> None:
    """The same content gives the same id, whatever the value's written precision."""
    assert reading_id("a", "2024", Decimal("1.0"), "s") == reading_id("a", "2024", Decimal(1), "s")
    assert reading_id("a", "2024", Decimal(1), "s") != reading_id("a", "2024", Decimal(2), "s")
    assert reading_id("a", "2024", Decimal(1), "s").startswith("r-")


def test_a_reading_without_id_is_keyed_by_its_content() -> None:
    """A reading's key is its own id when given, else its content id."""
    reading = make_reading()
    assert reading.key == reading_id("5g-base-stations", "2024", Decimal(224000), "Test bulletin")
    assert make_reading(id="r-mine").key == "r-mine"


def test_a_bad_indicator_id_is_refused() -> None:
    """An indicator id must be a slug."""
    with pytest.raises(ValidationError, match="is not a valid id"):
        Reading.model_validate({"indicator": "Bad Id!", "value": 1, "date": "2024", "source": "s"})


def test_targets_file_finds_an_indicator_by_id() -> None:
    """TargetsFile.indicator finds the shipped 5G indicator, and None for an unknown id."""
    targets = shipped_targets()
    indicator = targets.indicator("5g-base-stations")
    assert indicator is not None
    assert indicator.unit_info.name == "base stations"
    assert indicator.direction == "higher"
    assert targets.indicator("nope") is None


# Values that say their qualifier (a reading) or their comparison (a target).

UNITS = {"stations": Unit.parse("base stations"), "revenue": Unit.parse("yuan")}
RECORDED = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)


def qualified_reading(value: object, **fields: object) -> Reading:
    return Reading.model_validate(
        {"indicator": "stations", "value": value, "date": "2024", "source": "s", **fields},
        context={"units": UNITS},
    )


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("超过22万", "over"),
        ("22万以上", "over"),
        ("逾22万", "over"),
        ("22万多", "over"),
        ("约22万", "about"),
        ("22万左右", "about"),
        ("大约22万", "about"),
        ("近22万", "nearly"),
        ("将近22万", "nearly"),
        ("接近22万", "nearly"),
        ("不足22万", "under"),
        ("不到22万", "under"),
        ("22万以下", "under"),
        ("over 220,000", "over"),
        ("more than 220k", "over"),
        ("about 220k", "about"),
        ("nearly 220,000", "nearly"),
        ("under 220,000", "under"),
        ("less than 220,000", "under"),
    ],
)
def test_a_readings_value_supplies_its_qualifier(text: str, qualifier: str) -> None:
    """The value gets the number and the reading's qualifier is the word's."""
    reading = qualified_reading(text)
    assert (reading.value, reading.qualifier) == (Decimal(220000), qualifier)
    assert reading.key == qualified_reading("22万", qualifier=qualifier).key


def test_a_qualifier_given_twice_must_agree() -> None:
    """The same qualifier in the value and the field is accepted; two are an error naming
    both, on the value."""
    assert qualified_reading("超过22万", qualifier="over").qualifier == "over"
    with pytest.raises(ValidationError) as refused:
        qualified_reading("超过22万", qualifier="about")
    (error,) = refused.value.errors()
    assert error["loc"] == ("value",)
    assert "the value '超过22万' says over, but the qualifier is 'about'" in error["msg"]


def test_an_unknown_qualifier_field_is_refused_as_before() -> None:
    """A qualifier field outside the vocabulary is its own error, whatever the value says."""
    with pytest.raises(ValidationError, match="'over', 'about', 'nearly' or 'under'"):
        qualified_reading("超过22万", qualifier="roughly")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("超过约22万", "more than one qualifier"),
        ("近22万以上", "more than one qualifier"),
        ("22万左右以上", "more than one qualifier"),
        ("超过", "has a qualifier but no number"),
        ("至少22万", "is not a qualifier for a reading"),
    ],
)
def test_a_bad_qualified_reading_value_is_refused_on_its_value(text: str, message: str) -> None:
    """Ambiguous or contradictory forms are refused on `value`, listing the accepted forms."""
    with pytest.raises(ValidationError) as refused:
        qualified_reading(text)
    (error,) = refused.value.errors()
    assert error["loc"] == ("value",)
    assert message in error["msg"]
    assert "accepted forms: over: 超过22万" in error["msg"]


def test_a_qualified_value_in_a_readings_file_is_read_in_its_unit() -> None:
    """readings.toml may say value = "超过2万亿元" for a yuan indicator."""
    ledger = ReadingsFile.model_validate(
        {
            "schema": 1,
            "reading": [
                {"indicator": "revenue", "value": "超过2万亿元", "date": "2024", "source": "s"},
                {"indicator": "stations", "value": 220000, "date": "2024", "source": "s"},
            ],
        },
        context={"units": UNITS},
    )
    first, second = ledger.readings
    assert (first.value, first.qualifier) == (Decimal(2 * 10**12), "over")
    assert (second.value, second.qualifier) == (Decimal(220000), None)


def test_record_reads_a_qualified_value_as_the_qualifier_flag_does() -> None:
    """`record stations 超过22万` records what `record stations 22万 --qualifier over` does;
    a --qualifier that disagrees is an error on VALUE naming both."""
    fields = {"indicator": "stations", "date": "2024", "source": "s"}
    typed = reading_to_record({**fields, "value": "超过22万"}, UNITS, RECORDED)
    flagged = reading_to_record({**fields, "value": "22万", "qualifier": "over"}, UNITS, RECORDED)
    both = reading_to_record({**fields, "value": "超过22万", "qualifier": "over"}, UNITS, RECORDED)
    assert typed == flagged == both
    assert (typed.value, typed.qualifier, typed.key) == (Decimal(220000), "over", flagged.key)
    with pytest.raises(UsageError) as refused:
        reading_to_record({**fields, "value": "超过22万", "qualifier": "under"}, UNITS, RECORDED)
    (problem,) = refused.value.problems
    assert problem.field == "VALUE"
    assert "says over, but the qualifier is 'under'" in problem.message


def targets_with(target: dict[str, object], unit: str = "base stations") -> TargetsFile:
    return TargetsFile.model_validate(
        {
            "schema": 1,
            "title": "t",
            "indicator": [
                {
                    "id": "stations",
                    "name": "Stations",
                    "unit": unit,
                    "kind": "stock",
                    "target": [
                        {
                            "id": "stations-2025",
                            "deadline": 2025,
                            "source": {"document": "d", "speaker": "s", "date": "2024-01-01",
                                       "quote": "q"},
                            **target,
                        }
                    ],
                }
            ],
        }
    )  # fmt: skip


@pytest.mark.parametrize(("text", "comparison"), COMPARISON_WORD_CASES)
def test_a_targets_value_supplies_its_comparison(text: str, comparison: str) -> None:
    """A target without `comparison` takes it from its value's word; with it, they agree."""
    (target,) = targets_with({"value": text}).indicators[0].targets
    assert (target.value, target.comparison) == (Decimal(5000), comparison)
    (agreed,) = targets_with({"value": text, "comparison": comparison}).indicators[0].targets
    assert agreed == target


def test_a_comparison_given_twice_must_agree() -> None:
    """'5000以上' is at_least (以上 includes the number): comparison = 'more_than' is an
    error on the value naming both."""
    with pytest.raises(ValidationError) as refused:
        targets_with({"value": "5000以上", "comparison": "more_than"})
    (error,) = refused.value.errors()
    assert error["loc"] == ("indicator", 0, "target", 0, "value")
    assert "the value '5000以上' says at_least, but comparison = 'more_than'" in error["msg"]


def test_a_target_without_any_comparison_is_refused_as_before() -> None:
    """A plain value and no comparison: `comparison` is required, the same error as ever."""
    with pytest.raises(ValidationError) as refused:
        targets_with({"value": 5000})
    (error,) = refused.value.errors()
    assert error["loc"] == ("indicator", 0, "target", 0, "comparison")
    assert error["type"] == "missing"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("超过约5000", "more than one comparison"),
        ("近5000", "'近' is not a comparison for a target"),
        ("不少于", "has a comparison but no number"),
    ],
)
def test_a_bad_target_value_word_is_refused_on_its_value(text: str, message: str) -> None:
    """An ambiguous or a reading's word is refused on the value, listing the forms."""
    with pytest.raises(ValidationError) as refused:
        targets_with({"value": text, "comparison": "at_least"})
    (error,) = refused.value.errors()
    assert error["loc"] == ("indicator", 0, "target", 0, "value")
    assert message in error["msg"]
    assert "accepted forms: at_least: 不少于5000" in error["msg"]


def test_a_growth_targets_value_may_say_its_comparison_in_percent() -> None:
    """A growth target's value is a percentage, and may carry its word too."""
    (target,) = (
        targets_with({"kind": "growth", "value": "至少6%", "start": 2024}).indicators[0].targets
    )
    assert (target.value, target.comparison) == (Decimal(6), "at_least")


def test_english_messages_are_unchanged_for_plain_values() -> None:
    """A bad plain value is refused with the same message as before."""
    with pytest.raises(ValidationError, match=r"'N/A' is not a number; accepted forms: 5000,"):
        qualified_reading("N/A")


# Domains: what values can exist for an indicator, and where an impossible one is refused.


def indicator_with(**fields: object) -> dict[str, object]:
    return {"id": "ind", "name": "Ind", "unit": "base stations", "kind": "stock", **fields}


def targets_of(*indicators: dict[str, object]) -> TargetsFile:
    return TargetsFile.model_validate({"schema": 1, "title": "t", "indicator": list(indicators)})


def refusal_of(**fields: object) -> tuple[tuple[object, ...], str]:
    """The one error's location and message for an indicator with these fields."""
    with pytest.raises(ValidationError) as refused:
        targets_of(indicator_with(**fields))
    (error,) = refused.value.errors()
    return tuple(error["loc"]), str(error["msg"]).removeprefix("Value error, ")


def test_an_indicator_declares_its_domain() -> None:
    """Shipped: a share 0–100 %, counts whole and not negative, gigabit cities up to 16."""
    targets = shipped_targets()
    domains = {i.id: i.domain for i in targets.indicators}
    share = domains["digital-economy-gdp-share"]
    assert (share.minimum, share.maximum, share.integer) == (0, 100, False)
    assert (domains["5g-base-stations"].minimum, domains["5g-base-stations"].integer) == (0, True)
    assert domains["it-industry-revenue"].integer is False
    assert domains["gigabit-cities"].maximum == 16
    gigabit = targets.indicator("gigabit-cities")
    assert gigabit is not None
    assert gigabit.natural_limit == 16
    share_indicator = targets.indicator("digital-economy-gdp-share")
    assert share_indicator is not None
    assert share_indicator.natural_limit == 100
    revenue = targets.indicator("it-industry-revenue")
    assert revenue is not None
    assert revenue.natural_limit is None


def test_negative_and_integer_override_the_defaults() -> None:
    """`negative = true` admits values below 0; `integer = false` admits fractions."""
    (flow,) = targets_of(indicator_with(unit="yuan", kind="flow", negative=True)).indicators
    assert flow.domain.minimum is None
    (measured,) = targets_of(indicator_with(unit="km", integer=False)).indicators
    assert measured.domain.integer is False
    (plain,) = targets_of(indicator_with()).indicators
    assert (plain.negative, plain.integer, plain.domain.integer) == (False, None, True)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"limit": -1}, "limit = -1 is not possible"),
        ({"limit": 0}, "so it is more than 0"),
        ({"limit": "16.5"}, "16.5 is not a possible number of base stations"),
        ({"limit": "16 yuan"}, "is an amount of money"),
        ({"unit": "%", "kind": "share", "limit": 150}, "150 % is not a possible value of ind"),
    ],
)
def test_an_impossible_limit_is_refused_on_the_limit(
    fields: dict[str, object], message: str
) -> None:
    """A limit at or below 0, outside the domain, or in another unit is refused in place."""
    loc, text = refusal_of(**fields)
    assert loc == ("indicator", 0, "limit")
    assert message in text


def target(**fields: object) -> dict[str, object]:
    return {
        "id": "ind-2025", "comparison": "at_least", "value": 5000, "deadline": 2025,
        "source": {"document": "d", "speaker": "s", "date": "2024-01-01", "quote": "q"},
        **fields,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "fields", "where", "message"),
    [
        (
            {"unit": "%", "kind": "share"},
            {"value": "150%"},
            "value",
            "150 % is not a possible value of ind: a share lies between 0 and 100 %",
        ),
        ({}, {"value": -5}, "value", "-5 is not a possible number of base stations"),
        ({"limit": 16}, {"value": 17}, "value", "it cannot exceed its limit, 16 base stations"),
        (
            {},
            {"baseline": {"value": "0.5", "date": 2024}},
            "baseline",
            "0.5 is not a possible number of base stations: counts are whole numbers",
        ),
        (
            {"unit": "yuan", "kind": "flow"},
            {"kind": "growth", "value": "-100%", "start": 2024},
            "value",
            "a growth of -100 % a year is not possible",
        ),
        (
            {},
            {"deadline": 2020, "baseline": {"value": 301, "date": "2021-07-19"}},
            "deadline",
            "deadline 2020 is before the baseline date 2021-07-19",
        ),
    ],
)
def test_an_impossible_target_is_refused_in_place(
    indicator: dict[str, object], fields: dict[str, object], where: str, message: str
) -> None:
    """A target or baseline value outside the domain, a growth of -100 % or less, and a
    deadline before the baseline: each refused at its own field."""
    loc, text = refusal_of(**indicator, target=[target(**fields)])
    assert loc[:5] == ("indicator", 0, "target", 0, where)
    assert message in text


def test_possible_targets_pass() -> None:
    """Targets at the domain's edges, a growth of -50 %, a deadline on the baseline's day."""
    targets_of(
        indicator_with(unit="%", kind="share", target=[target(value="100%")]),
        indicator_with(id="two", limit=16, target=[target(id="two-t", value=16)]),
        indicator_with(id="three", unit="yuan", kind="flow",
                       target=[target(id="g", kind="growth", value="-50%", start=2024)]),
        indicator_with(id="four", target=[target(id="four-t", deadline="2021-07-19",
                                                 baseline={"value": 1, "date": "2021-07-19"})]),
    )  # fmt: skip


def test_a_target_alone_refuses_a_deadline_before_its_baseline() -> None:
    """Validated on its own, a Target still refuses a deadline before its baseline."""
    with pytest.raises(ValidationError, match="deadline 2020 is before the baseline date 2021"):
        Target.model_validate(target(deadline=2020, baseline={"value": 1, "date": 2021}))


def test_a_reading_outside_its_domain_is_refused_given_the_context() -> None:
    """With `reading_context`, a reading's value outside its indicator's domain is refused
    on its value; without domains in the context it is read in its unit alone."""
    targets = shipped_targets()
    context = reading_context(targets.indicators)
    assert set(context) == {"units", "domains", "derived"}
    fields = {"indicator": "digital-economy-gdp-share", "value": "147%", "date": "2024",
              "source": "s"}  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        Reading.model_validate(fields, context=context)
    (error,) = refused.value.errors()
    assert error["loc"] == ("value",)
    assert "147 % is not a possible value of digital-economy-gdp-share" in error["msg"]
    alone = Reading.model_validate(fields, context={"units": context["units"]})
    assert alone.value == Decimal(147)
    assert Reading.model_validate({**fields, "value": "47.5%"}, context=context).value == Decimal(
        "47.5"
    )
