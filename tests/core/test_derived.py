"""Derived indicators: the date-matching rule, the value and what it cites."""

from __future__ import annotations

from decimal import Decimal

from sdtrack.core.derived import DerivedReading, derive
from sdtrack.core.formulas import Formula
from sdtrack.core.model import Reading

PER_10K = Formula(kind="ratio", numerator="stations", denominator="people", per=Decimal(10000))
SHARE = Formula(kind="share", numerator="part", denominator="whole")


def reading(indicator: str, value: str, date: str, qualifier: str | None = None) -> Reading:
    fields = {"indicator": indicator, "value": value, "date": date, "source": f"{indicator} {date}"}
    return Reading.model_validate({**fields, **({"qualifier": qualifier} if qualifier else {})})


def test_a_day_reading_is_matched_with_the_year_it_falls_in() -> None:
    stations = [reading("stations", "224000", "2024-06-18"), reading("stations", "162000", "2022")]
    people = [reading("people", "100801700", "2024"), reading("people", "101627900", "2022")]
    mid_2024, end_2022 = derive("per-10k", PER_10K, stations, people)
    assert isinstance(mid_2024, DerivedReading)
    assert mid_2024.derived
    assert str(mid_2024.date) == "2024-06-18"
    assert mid_2024.value == Decimal("22.22")
    assert [r.key for r in mid_2024.inputs] == [stations[0].key, people[0].key]
    assert mid_2024.source == "stations 2024-06-18 ÷ people 2024"
    assert round(end_2022.value, 2) == Decimal("15.94")


def test_the_same_period_wins_over_the_year_and_nothing_else_is_matched() -> None:
    stations = [reading("stations", "10", "2024-06"), reading("stations", "10", "2023")]
    people = [reading("people", "100", "2024"), reading("people", "50", "2024-06")]
    (june,) = derive("x", PER_10K, stations, people)
    assert june.value == Decimal("2000.00")
    assert derive("x", PER_10K, [reading("stations", "1", "2025")], people) == []


def test_a_share_is_per_hundred_and_the_last_recorded_denominator_counts() -> None:
    part = [reading("part", "4.3万亿", "2023")]
    whole = [reading("whole", "9万亿", "2023"), reading("whole", "10万亿", "2023")]
    (share,) = derive("s", SHARE, part, whole)
    assert share.value == Decimal(43)


def test_a_zero_denominator_gives_nothing() -> None:
    assert derive("s", SHARE, [reading("part", "1", "2023")], [reading("whole", "0", "2023")]) == []


def test_a_bound_carries_into_the_quotient() -> None:
    over = derive(
        "s", SHARE, [reading("part", "5", "2023", "over")], [reading("whole", "10", "2023")]
    )
    assert over[0].qualifier == "over"
    larger = derive(
        "s", SHARE, [reading("part", "5", "2023")], [reading("whole", "10", "2023", "over")]
    )
    assert larger[0].qualifier == "under"
    both = derive(
        "s",
        SHARE,
        [reading("part", "5", "2023", "about")],
        [reading("whole", "9", "2023", "about")],
    )
    assert both[0].qualifier == "about"


def test_the_id_is_stable_and_follows_the_inputs() -> None:
    stations, people = [reading("stations", "5", "2023")], [reading("people", "10", "2023")]
    first = derive("x", PER_10K, stations, people)[0]
    again = derive("x", PER_10K, stations, people)[0]
    other = derive("x", PER_10K, stations, [reading("people", "20", "2023")])[0]
    assert first.key == again.key != other.key
    assert first.key.startswith("d-")


def test_a_regional_value_keeps_its_region() -> None:
    (jinan,) = derive(
        "x", PER_10K, [reading("stations", "5", "2023")], [reading("people", "10", "2023")], "jinan"
    )
    assert jinan.region == "jinan"


def test_a_quotient_is_kept_to_two_places_or_three_digits_below_one() -> None:
    people = [reading("people", "30000", "2023")]
    (small,) = derive("x", PER_10K, [reading("stations", "1", "2023")], people)
    assert small.value == Decimal("0.333")
    (large,) = derive("x", PER_10K, [reading("stations", "200000", "2023")], people)
    assert str(large.value) == "66666.67"
