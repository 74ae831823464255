"""The unit after the number one, made singular by rule."""

from __future__ import annotations

import pytest

from sdtrack.core.unit_words import singular_unit, singular_word


@pytest.mark.parametrize(
    ("plural", "one"),
    [
        ("cities", "city"),
        ("communities", "community"),
        ("stations", "station"),
        ("bases", "base"),
        ("clusters", "cluster"),
        ("boxes", "box"),
        ("branches", "branch"),
        ("addresses", "address"),
        ("people", "person"),
        ("series", "series"),
        ("Cities", "City"),
        ("yuan", "yuan"),
        ("kWh", "kWh"),
        ("mu", "mu"),
        ("bus", "bus"),
        ("analysis", "analysis"),
    ],
)
def test_a_plural_word_is_made_singular(plural: str, one: str) -> None:
    """cities → city, boxes → box, people → person; a word that is no plural stays."""
    assert singular_word(plural) == one


def test_a_unit_of_several_words_makes_its_last_word_singular() -> None:
    """'5G base stations' → '5G base station'; 'smart agricultural bases' → '… base'."""
    assert singular_unit("5G base stations") == "5G base station"
    assert singular_unit("smart agricultural bases") == "smart agricultural base"
    assert singular_unit("yuan") == "yuan"
