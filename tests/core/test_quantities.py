"""Reading values the way sources print them, and printing them back."""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sdtrack.core import language, quantities
from sdtrack.core.quantities import (
    QuantityError,
    Unit,
    format_change,
    format_quantity,
    parse_compared,
    parse_qualified,
    parse_quantity,
    unit_for_one,
)

YUAN = Unit.parse("yuan")
PERCENT = Unit.parse("%")
STATIONS = Unit.parse("base stations")


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("5000", STATIONS, "5000"),
        ("5,000", STATIONS, "5000"),
        ("270k", STATIONS, "270000"),
        ("270K", STATIONS, "270000"),
        ("22.4万", STATIONS, "224000"),
        ("２２.４万", STATIONS, "224000"),
        ("2.3亿", STATIONS, "230000000"),
        ("220 million", STATIONS, "220000000"),
        ("270,000 base stations", STATIONS, "270000"),
        ("5000个", STATIONS, "5000"),
        ("2.4 trillion", YUAN, "2400000000000"),
        ("2.4tn", YUAN, "2400000000000"),
        ("4.3万亿", YUAN, "4300000000000"),
        ("4.3万亿元", YUAN, "4300000000000"),
        ("2.4 trillion yuan", YUAN, "2400000000000"),
        ("100亿元", YUAN, "10000000000"),
        ("47%", PERCENT, "47"),
        ("47.5 %", PERCENT, "47.5"),
        ("-3.5%", PERCENT, "-3.5"),
        ("−3.5%", PERCENT, "-3.5"),
        (47, PERCENT, "47"),
        (0.1, PERCENT, "0.1"),
    ],
)
def test_accepted_forms_are_exact(text: object, unit: Unit, expected: str) -> None:
    """Every accepted form gives the exact value in the indicator's unit."""
    assert parse_quantity(text, unit) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("2.4万万", YUAN, "ambiguous magnitude"),
        ("N/A", STATIONS, "is not a number"),
        ("", STATIONS, "is empty"),
        ("nan", STATIONS, "is not a finite number"),
        (float("nan"), STATIONS, "not a finite number"),
        (float("inf"), STATIONS, "not a finite number"),
        ("-0", STATIONS, "negative zero"),
        ("1e400", STATIONS, "larger than"),
        ("5,00", STATIONS, "misplaced thousands separator"),
        ("47%", YUAN, "is a percentage, but the indicator is measured in yuan"),
        ("4.3万亿元", STATIONS, "is an amount of money"),
        ("12 apples", STATIONS, "unknown magnitude or unit"),
        ("4.3万%", PERCENT, "mixes a percentage with a magnitude"),
        (True, STATIONS, "is not a number"),
    ],
)
def test_malformed_or_mismatched_values_are_refused(text: object, unit: Unit, message: str) -> None:
    """A malformed, ambiguous or wrong-unit value is refused, showing what is accepted."""
    with pytest.raises(QuantityError, match=message):
        parse_quantity(text, unit)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("NaN", "'NaN' is not a finite number"),
        ("inf", "'inf' is not a finite number"),
        ("-Infinity", "'-Infinity' is not a finite number"),
        ("∞", "'∞' is not a finite number"),
        ("1e400", "'1e400' is larger than 1,000,000,000,000,000,000"),
        ("1e999999999999", "is larger than"),
        ("-1e999999999999", "is larger than"),
        ("1e99999999999999999999999", "is larger than"),
        ("1e-400", "'1e-400' has more than 18 decimal places, finer than any statistic"),
        ("-1e-400", "has more than 18 decimal places"),
        ("1e-999999999999", "has more than 18 decimal places"),
        ("1e-99999999999999999999999", "has more than 18 decimal places"),
        ("0.0000000000000000001", "has more than 18 decimal places"),
        (1.2345678901234567e-05, "has more than 18 decimal places"),
    ],
)
def test_each_edge_of_the_number_line_gets_one_clear_message(text: object, message: str) -> None:
    """NaN and infinities, magnitudes beyond any statistic and values finer than any: each
    refused with its own message, never rounded to 0 or raised as a Decimal error."""
    with pytest.raises(QuantityError) as refused:
        parse_quantity(text, STATIONS)
    assert message in str(refused.value)
    assert "accepted forms" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.000000000000000001", "1E-18"),
        ("0e-400", "0"),
        ("1.50000000000000000000000000000000", "1.5"),
        ("5.000e3", "5000"),
        ("1e-20万", "1E-16"),
        ("123456789012345678.123456789012345678", "123456789012345678.123456789012345678"),
    ],
)
def test_values_within_the_limits_are_read_exactly(text: str, expected: str) -> None:
    """18 decimal places are read; trailing zeros and exponents are exact, never rounded to
    Decimal's default 28 digits."""
    value = parse_quantity(text, None)
    assert value == Decimal(expected)
    assert str(value) == expected


def test_refusal_lists_the_accepted_forms() -> None:
    """The refusal message shows the accepted forms, so the user can fix it."""
    with pytest.raises(QuantityError, match=r"accepted forms: 5000, 5,000, 270k"):
        parse_quantity("lots", STATIONS)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("2400000000000", YUAN, "2.4 trillion yuan"),
        ("4300000000000", YUAN, "4.3 trillion yuan"),
        ("10000000000", YUAN, "10 billion yuan"),
        ("224000", STATIONS, "224,000 base stations"),
        ("220000000", Unit.parse("terminals"), "220 million terminals"),
        ("47", PERCENT, "47.0 %"),
        ("47.25", PERCENT, "47.2 %"),
    ],
)
def test_values_print_as_a_reader_expects(value: str, unit: Unit, shown: str) -> None:
    """Values print the way a reader of that unit expects."""
    assert format_quantity(Decimal(value), unit) == shown


@pytest.mark.parametrize(
    ("unit", "one"),
    [
        ("cities", "city"),
        ("communities", "community"),
        ("base stations", "base station"),
        ("5G base stations", "5G base station"),
        ("households", "household"),
        ("enterprises", "enterprise"),
        ("boxes", "box"),
        ("branches", "branch"),
        ("people", "person"),
        ("series", "series"),
        ("kWh", "kWh"),
        ("mu", "mu"),
        ("yuan", "yuan"),
    ],
)
def test_one_of_a_unit_is_singular_by_rule(unit: str, one: str) -> None:
    """'1 city', '1 base station': the last word of the unit made singular; a currency, a
    share or a word that is no plural stays as it is."""
    assert format_quantity(Decimal(1), Unit.parse(unit)) == f"1 {one}"
    assert format_change(Decimal(-1), Unit.parse(unit)) == f"-1 {one}"
    assert format_quantity(Decimal(2), Unit.parse(unit)) == f"2 {Unit.parse(unit).name}"


def test_the_indicators_own_unit_for_one_comes_first() -> None:
    """`unit_one` (the indicator's word) overrides the rule; only for exactly one."""
    cities = Unit.parse("cities")
    assert format_quantity(Decimal(1), cities, "gigabit city") == "1 gigabit city"
    assert format_quantity(Decimal("1.5"), cities, "gigabit city") == "1.5 cities"
    assert format_quantity(Decimal(1), PERCENT) == "1.0 %"
    assert format_change(Decimal(1), PERCENT) == "1.0 percentage points"
    assert unit_for_one(Unit.parse("stations")) == "station"
    assert unit_for_one(Unit.parse("stations"), "radio station") == "radio station"


# Qualified values: a reading's qualifier and a target's comparison, typed with the number.

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


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.integers()))
def test_a_toml_number_reads_as_its_checked_decimal(number: float | int) -> None:
    """The shortcut for plain floats and integers gives what the full checks give, digit for
    digit (the same exponent, so the same text everywhere it is shown)."""
    from sdtrack.core.quantities import QuantityError, _check_range

    text = repr(number) if isinstance(number, float) else str(number)
    try:
        expected = _check_range(Decimal(text), text)
    except QuantityError:
        with pytest.raises(QuantityError):
            parse_quantity(number, None)
        return
    found = parse_quantity(number, None)
    assert (found, found.as_tuple()) == (expected, expected.as_tuple())


def test_no_qualifier_or_comparison_word_starts_with_a_digit() -> None:
    """`_word_before` answers at once for a value starting with a digit: no word can."""
    assert not any(word[:1].isdigit() for word in quantities._WORDS_BEFORE)


def _grouped_by_parts(value: Decimal) -> str:
    """How `_grouped` wrote a number before: `plain_number`, then its whole part grouped."""
    whole, _, fraction = quantities.plain_number(value).partition(".")
    grouped = "-0" if whole.startswith("-") and int(whole) == 0 else f"{int(whole):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


@given(
    st.decimals(allow_nan=False, allow_infinity=False)
    | st.sampled_from([Decimal("-0"), Decimal("-0.5"), Decimal("0E-5"), Decimal("1E+30")])
)
def test_a_grouped_number_is_its_plain_number_with_separators(value: Decimal) -> None:
    assert quantities._grouped(value) == _grouped_by_parts(value)


def _exact_by_definition(value: Decimal) -> int | float | str:
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else quantities.plain_number(value)


@settings(max_examples=2000)
@given(
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.decimals(allow_nan=False, allow_infinity=False, places=3),
        st.builds(
            lambda digits, places, negative: Decimal((negative, digits, -places)),
            st.lists(st.integers(0, 9), min_size=1, max_size=20).map(tuple),
            st.integers(0, 22),
            st.booleans(),
        ),
        st.floats(allow_nan=False, allow_infinity=False).map(lambda f: Decimal(repr(f))),
    )
)
def test_exact_number_is_its_definition_on_every_decimal(value: Decimal) -> None:
    """The quick way for decimals of a few digits gives what the definition gives: an int
    when whole, a float whose repr is the value, else the plain text."""
    found, wanted = quantities.exact_number(value), _exact_by_definition(value)
    assert (type(found), found) == (type(wanted), wanted)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("99.27", 99.27),
        ("-0.5", -0.5),
        ("100.50", 100.5),
        ("1.000", 1),
        ("0.1234567890123456789", "0.1234567890123456789"),
        ("123456789012.3456", 123456789012.3456),
        ("9007199254740993.1", "9007199254740993.1"),
        ("12345678901.2345", 12345678901.2345),
        ("1E-7", 1e-7),
        ("2.4E+12", 2400000000000),
    ],
)
def test_exact_number_of_usual_and_edge_values(text: str, wanted: object) -> None:
    found = quantities.exact_number(Decimal(text))
    assert (type(found), found) == (type(wanted), wanted)


@settings(max_examples=1000)
@given(
    st.from_regex(r"-?[0-9]{1,25}(\.[0-9]{1,25})?", fullmatch=True)
    | st.sampled_from(
        ["-0", "-0.000", "0", "007", "1e3", "99.27", "1" * 19, "0." + "0" * 18 + "1"]
    ),
    st.sampled_from([None, YUAN, PERCENT, STATIONS]),
)
def test_a_plain_decimal_reads_as_the_general_reading_reads_it(
    text: str, unit: Unit | None
) -> None:
    """Digits read the quick way give the value, or the refusal, that the general reading
    gives the same text with a space after it (which it strips)."""

    def read(raw: str) -> Decimal | str:
        try:
            return quantities.parse_quantity(raw, unit)
        except QuantityError as error:
            return str(error).replace(repr(raw), "TEXT")

    quick, general = read(text), read(text + " ")
    assert (str(quick), quick) == (str(general), general)
