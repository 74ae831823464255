"""Core messages in Chinese: every error sentence goes through the catalog whole, its
placeholders filled after translation, and a missing Chinese name or unit is allowed.

The Chinese catalog is assembled later, so these tests speak a marking catalog (each
message comes back as ⟪message⟫): a marked message proves it was looked up as one
sentence, and the English text around it proves the structure is unchanged.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from sdtrack.core import language
from sdtrack.core.errors import UsageError, name_list
from sdtrack.core.ledger import reading_to_record
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import PeriodError, parse_day, parse_period
from sdtrack.core.quantities import QuantityError, Unit, parse_quantity

from .test_model import shipped_targets

INDICATOR = {"id": "bases", "name": "Bases", "unit": "bases", "kind": "stock"}


def test_name_list_words_go_through_the_catalog(marked: None) -> None:
    """'none' and '… (N in all)' are translated; the names themselves are not."""
    assert name_list([]) == "⟪none⟫"
    assert name_list([str(n) for n in range(20)], limit=2) == "⟪0, 1, … (20 in all)⟫"


def test_name_list_in_english_is_unchanged() -> None:
    assert name_list([]) == "none"
    assert name_list(["a", "b", "c"], limit=2) == "a, b, … (3 in all)"
    assert name_list([str(n) for n in range(1500)], limit=1) == "0, … (1,500 in all)"


def test_period_errors_are_whole_translated_sentences(marked: None) -> None:
    with pytest.raises(PeriodError) as error:
        parse_period("2023-02-30")
    assert str(error.value) == "⟪2023-02-30 does not exist: ⟪February⟫ 2023 has 28 days⟫"
    with pytest.raises(PeriodError, match=r"^⟪'soon' is not a date; give ⟪a day"):
        parse_period("soon")
    with pytest.raises(PeriodError, match=r"^⟪'2024' is a year; give a day"):
        parse_day("2024")


def test_period_errors_in_english_are_unchanged() -> None:
    with pytest.raises(PeriodError) as error:
        parse_period("2023-02-30")
    assert str(error.value) == "2023-02-30 does not exist: February 2023 has 28 days"


def test_quantity_errors_are_whole_translated_sentences(marked: None) -> None:
    with pytest.raises(QuantityError) as error:
        parse_quantity("2.4万万", None)
    message = str(error.value)
    assert message.startswith("⟪'2.4万万' has an ambiguous magnitude '万万'; accepted forms: ⟪5000")
    with pytest.raises(QuantityError, match=r"^⟪'47%' is a percentage, but .* in yuan"):
        parse_quantity("47%", Unit.parse("yuan"))


def test_quantity_errors_in_english_are_unchanged() -> None:
    with pytest.raises(QuantityError) as error:
        parse_quantity("-0", None)
    assert str(error.value).startswith("'-0' is negative zero; write 0; accepted forms: 5000, ")


def test_model_validator_messages_are_translated_at_raise_time(marked: None) -> None:
    with pytest.raises(ValidationError) as error:
        Reading.model_validate(
            {"indicator": "nope", "value": 1, "date": 2024, "source": "s"},
            context={"units": {"bases": Unit.parse("bases")}},
        )
    assert "⟪unknown indicator 'nope'; known indicators: bases⟫" in str(error.value)


def test_a_usage_error_in_chinese_still_names_its_argument(marked: None) -> None:
    """The field a problem is about stays the option's name, in any language."""
    units = {"bases": Unit.parse("bases")}
    fields = {"indicator": "bases", "value": "lots", "date": "2024", "source": "s"}
    with pytest.raises(UsageError) as error:
        reading_to_record(fields, units, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    (problem,) = error.value.problems
    assert problem.field == "VALUE"
    assert problem.message.startswith("⟪'lots' is not a number; accepted forms:")
    with pytest.raises(UsageError) as error:
        reading_to_record({**fields, "date": "2030"}, units, dt.datetime(2026, 1, 1))
    assert error.value.problems[0].field == "--date"
    assert error.value.problems[0].message == "⟪2030 has not ended yet (today is 2026-01-01)⟫"
    assert error.value.hint is not None
    assert error.value.hint.startswith("⟪a reading is for")


def test_an_indicator_needs_no_chinese_name_or_unit() -> None:
    indicator = Indicator.model_validate(INDICATOR)
    assert indicator.name_zh is None
    assert indicator.unit_zh is None
    assert indicator.display_name == "Bases"
    dumped = indicator.model_dump(by_alias=True)
    assert dumped["name_zh"] is None
    assert dumped["unit_zh"] is None


def test_an_empty_chinese_unit_is_refused() -> None:
    with pytest.raises(ValidationError, match="must not be empty"):
        Indicator.model_validate({**INDICATOR, "unit_zh": " "})


def test_display_name_follows_the_language(chinese: None) -> None:
    named = Indicator.model_validate({**INDICATOR, "name_zh": "基地", "unit_zh": "个"})
    assert named.display_name == "基地"
    assert Indicator.model_validate(INDICATOR).display_name == "Bases"
    language.use("en")
    assert named.display_name == "Bases"


def test_the_shipped_counts_have_chinese_measure_words() -> None:
    """Every counted indicator has its measure word (a measured one its unit's symbol, as
    Chinese pages write 14EFlops); yuan and % have none."""
    for indicator in shipped_targets().indicators:
        if indicator.unit_info.family == "count" and indicator.integer is False:
            assert indicator.unit_zh == indicator.unit, indicator.id
        elif indicator.unit_info.family == "count":
            assert indicator.unit_zh in {"个", "户", "家", "人"}, indicator.id
        else:
            assert indicator.unit_zh is None, indicator.id
    units = {i.id: i.unit_zh for i in shipped_targets().indicators}
    assert (units["iot-terminals"], units["national-smart-factories"]) == ("户", "家")
