"""Qualified values: a reading's qualifier word and a target's comparison word beside
the number a source prints."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sdtrack.core import language, qualifiers
from sdtrack.core.qualifiers import parse_compared, parse_qualified
from sdtrack.core.quantities import QuantityError, Unit, parse_quantity

YUAN = Unit.parse("yuan")
PERCENT = Unit.parse("%")
STATIONS = Unit.parse("base stations")


READING_WORDS = [
    ("超过22万", "over"),
    ("22万以上", "over"),
    ("逾22万", "over"),
    ("22万多", "over"),
    ("22万多个", "over"),
    ("22万个以上", "over"),
    ("over 220,000", "over"),
    ("Over 220,000", "over"),
    ("more than 220,000", "over"),
    ("约22万", "about"),
    ("22万左右", "about"),
    ("大约22万", "about"),
    ("about 220k", "about"),
    ("近22万", "nearly"),
    ("将近22万", "nearly"),
    ("接近22万", "nearly"),
    ("nearly 220,000", "nearly"),
    ("不足22万", "under"),
    ("不到22万", "under"),
    ("22万以下", "under"),
    ("under 220,000", "under"),
    ("less than 220,000", "under"),
    ("超过 22万", "over"),
    ("约２２万", "about"),
]


@pytest.mark.parametrize(("text", "qualifier"), READING_WORDS)
def test_a_reading_value_may_carry_its_qualifier(text: str, qualifier: str) -> None:
    """Each Chinese and English qualifier word, before or after the number, gives the
    number and the qualifier it means."""
    assert parse_qualified(text, STATIONS) == (Decimal(220000), qualifier)


def test_qualified_amounts_and_percentages_keep_their_units() -> None:
    """A qualifier leaves the magnitude and the unit to parse_quantity."""
    assert parse_qualified("more than 2 trillion", YUAN) == (Decimal(2 * 10**12), "over")
    assert parse_qualified("超过2万亿元", YUAN) == (Decimal(2 * 10**12), "over")
    assert parse_qualified("约47%", PERCENT) == (Decimal(47), "about")
    assert parse_qualified("20多万", STATIONS) == (Decimal(200000), "over")
    with pytest.raises(QuantityError, match="is a percentage, but the indicator is measured"):
        parse_qualified("超过47%", YUAN)


# A target's value with its comparison word, in both languages (test_model reads them too).
COMPARISON_WORD_CASES = [
    ("不少于5000", "at_least"),
    ("至少5000", "at_least"),
    ("5000以上", "at_least"),
    ("at least 5000", "at_least"),
    ("超过5000", "more_than"),
    ("逾5000", "more_than"),
    ("more than 5000", "more_than"),
    ("over 5000", "more_than"),
    ("约5000", "about"),
    ("大约5000", "about"),
    ("5000左右", "about"),
    ("about 5000", "about"),
    ("不超过5000", "at_most"),
    ("至多5000", "at_most"),
    ("5000以下", "at_most"),
    ("at most 5000", "at_most"),
    ("不足5000", "less_than"),
    ("不到5000", "less_than"),
    ("低于5000", "less_than"),
    ("less than 5000", "less_than"),
    ("5000个以上", "at_least"),
]


@pytest.mark.parametrize(("text", "comparison"), COMPARISON_WORD_CASES)
def test_a_target_value_may_carry_its_comparison(text: str, comparison: str) -> None:
    """For a target, 以上 and 不少于 include the number (at_least), 超过 and over do not."""
    assert parse_compared(text, STATIONS) == (Decimal(5000), comparison)


@pytest.mark.parametrize(
    "text", ["22.4万", "5000", "2.4 trillion", 224000, 47.5, "5,000 base stations"]
)
def test_a_plain_value_has_no_qualifier_and_reads_as_before(text: object) -> None:
    """A value with no qualifier word is exactly what parse_quantity reads."""
    assert parse_qualified(text, STATIONS) == (parse_quantity(text, STATIONS), None)
    assert parse_compared(text, STATIONS) == (parse_quantity(text, STATIONS), None)


@pytest.mark.parametrize("text", ["N/A", "2.4万万", "5,00", "12 apples", "", "overall 5"])
def test_a_plain_refusal_is_unchanged(text: str) -> None:
    """A bad value with no qualifier word is refused with parse_quantity's own message."""
    with pytest.raises(QuantityError) as plain:
        parse_quantity(text, STATIONS)
    with pytest.raises(QuantityError) as qualified:
        parse_qualified(text, STATIONS)
    assert str(qualified.value) == str(plain.value)


def test_a_unit_that_holds_a_qualifiers_characters_is_still_a_unit() -> None:
    """多 in a unit's name (多功能杆, multi-function poles) is not a qualifier."""
    poles = Unit.parse("多功能杆")
    assert parse_qualified("5000多功能杆", poles) == (Decimal(5000), None)
    assert parse_qualified("5000多多功能杆", poles) == (Decimal(5000), "over")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("超过约22万", r"'超过约22万' has more than one qualifier \(超过, 约\)"),
        ("近22万以上", r"more than one qualifier \(近, 以上\)"),
        ("22万左右以上", r"more than one qualifier \(左右, 以上\)"),
        ("超过超过22万", r"more than one qualifier \(超过, 超过\)"),
        ("over about 220,000", r"more than one qualifier \(over, about\)"),
        ("超过", r"'超过' has a qualifier but no number"),
        ("以上", r"'以上' has a qualifier but no number"),
        ("over ", r"has a qualifier but no number"),
        ("至少22万", r"'至少' is not a qualifier for a reading"),
        ("at least 220,000", r"'at least' is not a qualifier for a reading"),
        ("不超过22万", r"'不超过' is not a qualifier for a reading"),
    ],
)
def test_ambiguous_or_contradictory_qualifiers_are_refused(text: str, message: str) -> None:
    """Two qualifiers, a qualifier alone, or a target's word are refused, listing the
    accepted forms."""
    with pytest.raises(QuantityError, match=message) as refused:
        parse_qualified(text, STATIONS)
    assert "accepted forms: over: 超过22万, 逾22万, 22万以上, 22万多" in str(refused.value)
    assert "under: 不足22万, 不到22万, 22万以下, under 220,000, less than 220,000" in str(
        refused.value
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("超过约5000", r"more than one comparison \(超过, 约\)"),
        ("至少5000以上", r"more than one comparison \(至少, 以上\)"),
        ("不少于", r"has a comparison but no number"),
        ("近5000", r"'近' is not a comparison for a target"),
        ("5000多", r"'多' is not a comparison for a target"),
        ("nearly 5000", r"'nearly' is not a comparison for a target"),
    ],
)
def test_ambiguous_or_foreign_comparisons_are_refused(text: str, message: str) -> None:
    """A target's value with two comparisons, none with a number, or a reading's word."""
    with pytest.raises(QuantityError, match=message) as refused:
        parse_compared(text, STATIONS)
    assert "accepted forms: at_least: 不少于5000, 至少5000, 5000以上, at least 5000" in str(
        refused.value
    )


class _Marked(gettext.NullTranslations):
    """A catalog that marks every message it is asked for, to see what goes through `_`."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"


@pytest.fixture
def marked_chinese() -> Iterator[None]:
    language.use("zh")
    saved = language._State.catalog
    language._State.catalog = _Marked()
    try:
        yield
    finally:
        language._State.catalog = saved
        language.use("en")


def test_refusals_are_spoken_in_the_language_in_use(marked_chinese: None) -> None:
    """In Chinese the refusal and its list of forms are each looked up in the catalog as a
    whole sentence, and the words are still read whatever the language."""
    assert language.current() == "zh"
    with pytest.raises(QuantityError) as refused:
        parse_qualified("超过约22万", STATIONS)
    text = str(refused.value)
    assert text.startswith("«'超过约22万' has more than one qualifier (超过, 约); write one;")
    assert "accepted forms: «over: 超过22万" in text
    assert parse_qualified("超过22万", STATIONS) == (Decimal(220000), "over")
    assert parse_compared("不少于5000", STATIONS) == (Decimal(5000), "at_least")


def test_refusals_in_english_are_not_marked() -> None:
    """In English the messages are the source text itself."""
    with pytest.raises(QuantityError, match=r"^'超过' has a qualifier but no number; accepted"):
        parse_qualified("超过", STATIONS)


# Valid plain value texts: a number, a magnitude, a unit, in the forms sources print.
_PLAIN_VALUES = st.builds(
    lambda number, magnitude, unit: f"{number}{magnitude}{unit}",
    st.one_of(
        st.integers(0, 10**6).map(str),
        st.integers(1, 999_999).map(lambda n: f"{n:,}"),
        st.decimals(0, 10**5, places=2, allow_nan=False, allow_infinity=False).map(str),
    ),
    st.sampled_from(["", "万", "亿", "万亿", "k", " thousand", " million", " billion", "tn"]),
    st.sampled_from(["", "个", " base stations", "座"]),
)
_ENGLISH = {"over", "more than", "about", "nearly", "under", "less than"}


@given(
    value=_PLAIN_VALUES,
    word=st.sampled_from(
        ["超过", "逾", "约", "大约", "近", "将近", "接近", "不足", "不到", *sorted(_ENGLISH)]
    ),
    space=st.booleans(),
)
def test_a_qualifier_before_any_plain_value_gives_its_number(
    value: str, word: str, space: bool
) -> None:
    """For any valid plain value v and qualifier word w, w + v reads as v, qualified by w."""
    try:
        expected = parse_quantity(value, STATIONS)
    except QuantityError:
        assume(False)  # beyond the largest magnitude: not a valid value
    qualifier = {
        "超过": "over", "逾": "over", "over": "over", "more than": "over",
        "约": "about", "大约": "about", "about": "about",
        "近": "nearly", "将近": "nearly", "接近": "nearly", "nearly": "nearly",
        "不足": "under", "不到": "under", "under": "under", "less than": "under",
    }[word]  # fmt: skip
    joined = f"{word} {value}" if space or word in _ENGLISH else word + value
    assert parse_qualified(joined, STATIONS) == (expected, qualifier)


@given(
    value=_PLAIN_VALUES,
    word=st.sampled_from(["以上", "多", "左右", "以下"]),
)
def test_a_qualifier_after_any_plain_value_gives_its_number(value: str, word: str) -> None:
    """For any valid plain value v and qualifier word w that follows a number, v + w reads
    as v, qualified by w."""
    try:
        expected = parse_quantity(value, STATIONS)
    except QuantityError:
        assume(False)
    qualifier = {"以上": "over", "多": "over", "左右": "about", "以下": "under"}[word]
    assert parse_qualified(value + word, STATIONS) == (expected, qualifier)


@given(
    value=_PLAIN_VALUES,
    word=st.sampled_from(["不少于", "至少", "at least ", "超过", "over ", "约", "不超过", "低于"]),
)
def test_a_comparison_before_any_plain_value_gives_its_number(value: str, word: str) -> None:
    """The same for a target's comparison words."""
    try:
        expected = parse_quantity(value, STATIONS)
    except QuantityError:
        assume(False)
    comparison = {
        "不少于": "at_least", "至少": "at_least", "at least ": "at_least",
        "超过": "more_than", "over ": "more_than", "约": "about",
        "不超过": "at_most", "低于": "less_than",
    }[word]  # fmt: skip
    assert parse_compared(word + value, STATIONS) == (expected, comparison)


def test_no_qualifier_or_comparison_word_starts_with_a_digit() -> None:
    """`_word_before` answers at once for a value starting with a digit: no word can."""
    assert not any(word[:1].isdigit() for word in qualifiers._WORDS_BEFORE)
