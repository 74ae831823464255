"""'Did you mean': the known ids close to a mistyped one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core import language
from sdtrack.core.suggestions import close_ids, did_you_mean, with_suggestion

KNOWN = ["5g-base-stations", "5g-base-stations-2025", "smart-communities", "gigabit-cities"]


def test_a_near_miss_is_suggested() -> None:
    assert close_ids("5g-base-station", KNOWN)[0] == "5g-base-stations"
    assert close_ids("SMART-COMMUNITY", KNOWN) == ["smart-communities"]
    assert did_you_mean("gigabit-citys", KNOWN) == "did you mean 'gigabit-cities'?"


def test_nothing_close_suggests_nothing() -> None:
    assert did_you_mean("zzz", KNOWN) is None
    assert with_suggestion("hint", "zzz", KNOWN) == "hint"
    assert with_suggestion(None, "gigabit-citys", KNOWN) == "did you mean 'gigabit-cities'?"


def test_the_suggestion_comes_before_the_hint() -> None:
    assert with_suggestion("see `sdtrack targets`", "gigabit-citys", KNOWN) == (
        "did you mean 'gigabit-cities'? see `sdtrack targets`"
    )


def test_the_suggestion_is_in_the_language_in_use() -> None:
    """In Chinese the words come from the catalog; the ids stay as they are."""
    language.use("zh")
    try:
        suggestion = did_you_mean("gigabit-citys", KNOWN)
        assert suggestion is not None
        assert "'gigabit-cities'" in suggestion
    finally:
        language.use("en")


@given(st.text(max_size=30), st.lists(st.text(max_size=30), max_size=20))
def test_any_typed_text_and_any_ids(typed: str, known: list[str]) -> None:
    """Whatever was typed, the suggestions are known ids, at most three, and never raise."""
    found = close_ids(typed, known)
    assert len(found) <= 3
    assert set(found) <= set(known)
