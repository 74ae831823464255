"""The schema's field types: ids, text, periods, and values with their words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from sdtrack.core.fields import (
    PeriodField,
    Slug,
    Text,
    Unparsed,
    ValueField,
    deadline_refusal,
    declared_domain,
    read_target_values,
    word_from_value,
)
from sdtrack.core.qualifiers import split_qualifier
from sdtrack.core.quantities import Unit

COUNT = Unit("base stations", "count")
CITIES = Unit("cities", "count")


def test_an_id_is_lower_case_letters_digits_and_hyphens() -> None:
    """5g-base-stations is an id; '5G Stations' is refused with the rule."""
    assert TypeAdapter(Slug).validate_python("5g-base-stations") == "5g-base-stations"
    with pytest.raises(ValidationError, match="lower-case letters, digits and hyphens"):
        TypeAdapter(Slug).validate_python("5G Stations")


def test_text_may_not_be_blank_and_a_value_is_exact() -> None:
    """Blank text is refused; '22.4万' reads as exactly 224000."""
    with pytest.raises(ValidationError, match="must not be empty"):
        TypeAdapter(Text).validate_python("   ")
    assert TypeAdapter(ValueField).validate_python("22.4万") == Decimal(224000)


def test_a_value_says_its_qualifier() -> None:
    """'超过22万' gives the reading the qualifier over and leaves the number to read."""
    data = word_from_value({"value": "超过22万"}, split_qualifier, COUNT, "qualifier")
    assert data["qualifier"] == "over"
    assert not isinstance(data["value"], Unparsed)


def test_a_value_that_contradicts_its_qualifier_is_kept_to_report() -> None:
    """'超过22万' with qualifier = 'about' is a problem reported on the value."""
    data = word_from_value(
        {"value": "超过22万", "qualifier": "about"}, split_qualifier, COUNT, "qualifier"
    )
    assert isinstance(data["value"], Unparsed)
    assert "'about'" in data["value"].message


def test_a_marker_is_refused_where_a_period_is_read() -> None:
    """A deadline marked impossible is reported on the deadline, with the marker's words."""
    with pytest.raises(ValidationError, match="the reason"):
        TypeAdapter(PeriodField).validate_python(Unparsed("the reason"))


def test_the_declared_domain_is_read_from_the_raw_indicator() -> None:
    """The raw fields give the domain; an impossible limit becomes a marker."""
    data: dict[str, object] = {"id": "c", "kind": "stock", "limit": "16"}
    domain = declared_domain(data, CITIES)
    assert domain is not None
    assert (domain.maximum, domain.integer, domain.limited) == (Decimal(16), True, True)
    assert data["limit"] == Decimal(16)
    broken: dict[str, object] = {"id": "c", "kind": "stock", "limit": -1}
    assert declared_domain(broken, CITIES) is None
    assert isinstance(broken["limit"], Unparsed)
    assert "limit = -1 is not possible" in broken["limit"].message


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "level"},
        {"kind": "share"},  # a share measured in cities: reported by the model
        {"kind": "stock", "negative": "yes"},
        {"kind": "stock", "integer": 1},
        {"kind": "stock", "limit": "N/A"},
    ],
)
def test_no_domain_when_its_fields_are_wrong(data: dict[str, object]) -> None:
    """Fields that are themselves wrong give no domain: their own errors are reported."""
    assert declared_domain(dict(data), CITIES) is None


def test_target_values_outside_the_domain_become_markers() -> None:
    """A target value, a baseline value and a deadline that cannot be: each one a marker."""
    domain = declared_domain({"id": "c", "kind": "stock", "limit": 16}, CITIES)
    raw = {"value": 17, "deadline": 2020, "baseline": {"value": "2.5", "date": "2021-07-19"}}
    read = read_target_values(raw, CITIES, domain)
    assert "cannot exceed its limit, 16 cities" in read["value"].message
    assert "2.5 is not a possible number of cities" in read["baseline"]["value"].message
    assert read["deadline"].message.startswith("deadline 2020 is before the baseline date")
    fine = read_target_values({"value": 16, "deadline": 2025}, CITIES, domain)
    assert fine == {"value": Decimal(16), "deadline": 2025}
    growth = read_target_values({"kind": "growth", "value": "-120%"}, CITIES, domain)
    assert "a growth of -120 % a year is not possible" in growth["value"].message


def test_a_deadline_is_compared_with_its_baseline_only_when_both_read() -> None:
    """Before the baseline: refused; the same day or later: fine; unreadable: not judged."""
    assert deadline_refusal(2020, "2021-07-19") is not None
    assert deadline_refusal(2021, "2021-07-19") is None
    assert deadline_refusal("2021-07-19", "2021-07-19") is None
    assert deadline_refusal("2025-02-30", 2021) is None
    assert deadline_refusal(None, 2021) is None


def test_text_that_is_not_utf8_is_refused() -> None:
    """A shell argument in another encoding arrives with lone surrogates: refused with a
    message, never a traceback when the ledger is written."""
    from pydantic import TypeAdapter, ValidationError

    from sdtrack.core.fields import Text

    with pytest.raises(ValidationError, match="UTF-8"):
        TypeAdapter(Text).validate_python("bad\udc9b")
