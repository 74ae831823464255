"""The schema's field types: ids, text, periods, and values with their words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from sdtrack.core.fields import Slug, Text, Unparsed, ValueField, word_from_value
from sdtrack.core.quantities import Unit, split_qualifier

COUNT = Unit("base stations", "count")


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
