"""The closed vocabularies shared by the model and the command line."""

from __future__ import annotations

from typing import get_args

from sdtrack.core.choices import DEFAULT_METHOD, Method, Qualifier


def test_default_method_is_one_of_the_methods() -> None:
    """DEFAULT_METHOD is one of Method's values, and is the CAGR ratio."""
    assert DEFAULT_METHOD in get_args(Method)
    assert DEFAULT_METHOD == "cagr-ratio"


def test_qualifiers_are_the_four_hedges() -> None:
    """The qualifiers a reading may carry are exactly over, about, nearly and under."""
    assert set(get_args(Qualifier)) == {"over", "about", "nearly", "under"}
