"""Count-of-regions targets: judged from each region's readings, naming the missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sdtrack.core.assessment import Status, assess_target
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.regions import Geography

SOURCE = {"document": "d", "publisher": "p", "date": "2024-04-10", "quote": "q"}
GEOGRAPHY = Geography.of((), "shandong")
CITIES = [r.id for r in GEOGRAPHY.children(None)]


def gigabit(**target: Any) -> Indicator:
    declared = {
        "id": "gigabit-cities-2024", "comparison": "at_least", "value": 16, "deadline": 2024,
        "each": {"comparison": "at_least", "value": 1, "label": "meet the standard"},
        "source": SOURCE, **target,
    }  # fmt: skip
    return Indicator.model_validate(
        {"id": "gigabit-cities", "name": "Gigabit cities", "unit": "cities", "kind": "stock",
         "limit": 16, "target": [declared]}
    )  # fmt: skip


def city(region: str, date: str, value: int = 1) -> Reading:
    return Reading.model_validate(
        {"indicator": "gigabit-cities", "region": region, "value": value, "date": date,
         "source": f"list {date}"}
    )  # fmt: skip


def judge(readings: list[Reading], as_of: dt.date = dt.date(2026, 12, 1), **target: Any) -> Any:
    indicator = gigabit(**target)
    readings = sorted(readings, key=lambda r: r.date)
    return assess_target(indicator, indicator.targets[0], readings, as_of, "cagr-ratio", GEOGRAPHY)


def fifteen() -> list[Reading]:
    early = [city(c, "2021") for c in CITIES[:3]]
    return early + [city(c, "2024-06-24") for c in CITIES[3:] if c != "weifang"]


def test_a_region_without_a_reading_keeps_the_target_overdue_and_is_named() -> None:
    assessment = judge(fifteen())
    assert assessment.status is Status.OVERDUE
    count = assessment.region_count
    assert count is not None
    assert count.among == "shandong"
    assert len(count.meeting) == 15
    assert count.unreported == ("weifang",)
    assert count.missing == ("weifang",)
    assert count.judged_on == dt.date(2024, 12, 31)
    assert assessment.latest.value == 15
    assert assessment.gap == 1
    assert assessment.gap_bound == "at_most"
    assert assessment.indicator.id == "gigabit-cities"


def test_every_region_meeting_by_the_deadline_achieves_it() -> None:
    assessment = judge([*fifteen(), city("weifang", "2024-11")])
    assert assessment.status is Status.ACHIEVED
    assert assessment.region_count.missing == ()
    assert assessment.outlook is None


def test_a_region_meeting_only_after_the_deadline_does_not_count() -> None:
    assessment = judge([*fifteen(), city("weifang", "2025-03")])
    assert assessment.status is Status.OVERDUE
    assert assessment.region_count.unreported == ("weifang",)


def test_a_region_short_at_the_deadline_misses_it() -> None:
    assessment = judge([*fifteen(), city("weifang", "2024", value=0)])
    assert assessment.status is Status.MISSED
    assert assessment.region_count.short == ("weifang",)


@pytest.mark.parametrize("date", ["2023", "2024-06-24", "2024-11"])
def test_a_short_reading_before_the_deadline_settles_nothing(date: str) -> None:
    assessment = judge([*fifteen(), city("weifang", date, value=0)])
    assert assessment.status is Status.OVERDUE
    standing = {s.region: s for s in assessment.region_count.standings}["weifang"]
    assert standing.meets is False
    assert not standing.settled


def test_a_lower_count_is_met_by_fewer_regions() -> None:
    assessment = judge(fifteen(), value=12)
    assert assessment.status is Status.ACHIEVED


def test_before_the_deadline_the_count_series_is_judged_as_a_level_target() -> None:
    assessment = judge(fifteen(), as_of=dt.date(2024, 7, 1))
    assert not assessment.status.is_final
    assert [p.value for p in [assessment.base, assessment.latest] if p] == [3, 15]


def test_readings_of_the_province_itself_are_not_counted() -> None:
    province = Reading.model_validate(
        {"indicator": "gigabit-cities", "value": 16, "date": "2024", "source": "s"}
    )
    assessment = judge([*fifteen(), province])
    assert assessment.status is Status.OVERDUE
    assert assessment.region_count.unreported == ("weifang",)


def test_a_regional_target_is_judged_on_its_regions_readings() -> None:
    indicator = Indicator.model_validate(
        {"id": "stations", "name": "s", "unit": "stations", "kind": "stock",
         "target": [{"id": "jinan-2025", "region": "jinan", "comparison": "at_least",
                     "value": 60000, "deadline": 2025, "source": SOURCE}]}
    )  # fmt: skip
    readings = [
        Reading.model_validate(
            {"indicator": "stations", "value": v, "date": "2025", "source": "s", **r}
        )
        for v, r in ((61000, {"region": "jinan"}), (10, {}))
    ]
    assessment = assess_target(
        indicator, indicator.targets[0], readings, dt.date(2026, 12, 1), "cagr-ratio", GEOGRAPHY
    )
    assert assessment.status is Status.ACHIEVED
    assert assessment.latest.value == 61000
