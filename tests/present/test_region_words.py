"""The words of regions: what a count target counts, who is missing, and the roll-ups."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from sdtrack.core.assessment import Assessment
from sdtrack.core.assessment.results import RegionStanding
from sdtrack.core.periods import Period
from sdtrack.core.regions import RegionValue, RollUp
from sdtrack.present.region_words import (
    Counting,
    condition_words,
    count_summary,
    counting_of,
    level_words,
    missing_sentence_en,
    missing_sentence_zh,
    missing_words,
    region_name,
    reported_words,
    rollup_words,
    rule_note,
    shown_rollups,
    standing_code,
    standing_words,
    target_counting,
)
from sdtrack.present.report import build_status
from sdtrack.store.workspace import Workspace

from ..conftest import make_reading
from .conftest import assessment_of
from .test_regional import AS_OF, load_regional, write_regional


@pytest.fixture
def regional(tmp_path: Path) -> Workspace:
    return load_regional(write_regional(tmp_path / "regions"))


@pytest.fixture
def gigabit(regional: Workspace) -> Assessment:
    return assessment_of(build_status(regional, AS_OF), "gigabit-2024")


def test_what_a_count_target_counts(regional: Workspace, gigabit: Assessment) -> None:
    assert counting_of(gigabit) == Counting(16, "city")
    target = gigabit.target
    assert target_counting(target, regional.geography) == Counting(16, "city")
    plain = regional.indicator("stations").targets[0]
    assert target_counting(plain, regional.geography) is None
    assert counting_of(assessment_of(build_status(regional, AS_OF), "stations-2025")) is None
    assert condition_words(target, gigabit.indicator) == "≥ 1 city"
    assert (level_words("city", 1), level_words("city", 2), level_words(None, 2)) == (
        "city",
        "cities",
        "regions",
    )
    assert (region_name("taian"), region_name("atlantis")) == ("Tai'an", "atlantis")


def test_who_meets_who_falls_short_and_who_is_missing(gigabit: Assessment) -> None:
    count = gigabit.region_count
    assert count is not None
    assert [standing_code(s) for s in count.standings].count("meets") == 15
    assert (standing_words("meets"), standing_words("unreported")) == ("meets", "no reading")
    assert count_summary(count, Counting(16, "city"), gigabit.target) == (
        "15 of 16 cities meet the gigabit-city standard; 1 without a reading"
    )
    assert missing_words(gigabit, gigabit.indicator) == (
        "Still missing: Weifang (no reading: a reading for Weifang would settle it)"
    )
    before = dataclasses.replace(gigabit, as_of=dt.date(2024, 6, 30))
    assert missing_words(before, gigabit.indicator) == "Still missing: Weifang (no reading yet)"


def test_a_city_short_of_the_condition_is_named_with_its_figure(gigabit: Assessment) -> None:
    """Short on a reading before the deadline's period: a later reading would settle it;
    short on the deadline's own period: settled."""
    count = gigabit.region_count
    assert count is not None
    early = make_reading(indicator="gigabit", value=Decimal(0), date=Period.year(2023))
    late = make_reading(indicator="gigabit", value=Decimal(0), date=Period.year(2024))
    for reading, settled, words in (
        (early, False, "Weifang (short at 0 cities, 2023: a reading for end-2024 would settle it)"),
        (late, True, "Weifang (short at 0 cities, 2024)"),
    ):
        standings = tuple(
            RegionStanding(s.region, reading, False, settled) if s.region == "weifang" else s
            for s in count.standings
        )
        shorter = dataclasses.replace(
            gigabit, region_count=dataclasses.replace(count, standings=standings)
        )
        assert missing_words(shorter, gigabit.indicator) == f"Still missing: {words}"
        assert missing_sentence_en(shorter) == (
            "15 of 16 cities meet the gigabit-city standard; still missing: Weifang (short)."
        )


def test_the_gap_paragraph_s_sentences_in_both_languages(gigabit: Assessment) -> None:
    assert missing_sentence_en(gigabit) == (
        "15 of 16 cities meet the gigabit-city standard; still missing: Weifang (no reading)."
    )
    assert (
        missing_sentence_zh(gigabit) == "16个城市中15个达到千兆城市标准；尚缺：潍坊市（无读数）。"
    )
    met = dataclasses.replace(gigabit, region_count=None)
    assert (
        missing_sentence_en(met),
        missing_sentence_zh(met),
        missing_words(met, met.indicator),
    ) == (
        None,
        None,
        None,
    )


def test_roll_ups_are_worded_with_the_parent_s_own_figure(regional: Workspace) -> None:
    stations = regional.indicator("stations")
    period = Period.year(2023)
    values = (RegionValue("jinan", Decimal(1)), RegionValue("qingdao", Decimal(2)))
    complete = RollUp(period, values, (), Decimal(3), Decimal(4))
    words = rollup_words(complete, stations, "Shandong", "city", "sum")
    assert (words.period, words.total) == ("2023", "sum of the 2 cities: 3 base stations")
    assert words.own == "Shandong's own figure: 4 base stations"
    assert words.difference == "differs from the total by 1 base station"
    partial = RollUp(period, values[:1], ("qingdao",), None, None)
    words = rollup_words(partial, stations, "Shandong", "city", "sum")
    assert (words.total, words.own, words.difference) == (
        "1 of 2 cities reported: no total",
        "no figure for Shandong itself",
        "",
    )
    weighted = RollUp(period, values, (), Decimal("1.5"), None, weighted=True)
    share = regional.indicator("coverage")
    assert rollup_words(weighted, share, "Shandong", "city", "weighted", "gdp").total == (
        "mean of the 2 cities weighted by gdp: 1.5 %"
    )
    assert rollup_words(complete, share, "Shandong", "city", "none").total == (
        "2 of 2 cities reported"
    )
    assert rule_note("none", share) == "shares are not added up over regions (no weights are given)"
    assert rule_note("sum", stations) is None
    assert reported_words(15, 16, "city") == "15 of 16 cities reported"
    assert shown_rollups([complete, partial]) == [complete, partial]
    assert shown_rollups([partial, complete]) == [complete]
    assert shown_rollups([partial]) == [partial]
    assert shown_rollups([]) == []
