"""The result types: field order, what a point keeps of a reading, and the date helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace
from decimal import Decimal

from sdtrack.core.assessment.results import (
    METHOD,
    Assessment,
    Outlook,
    PeriodResult,
    Point,
    Status,
    TrendAssessment,
)
from sdtrack.core.periods import Period

from ...conftest import make_reading
from ...test_assessment import indicator


def test_a_point_made_of_a_reading_is_the_point_its_constructor_makes() -> None:
    """`Point.of` sets the fields in one step: the same fields, in the same order, as the
    dataclass's own constructor, equal, hashed alike and copied alike by `replace`."""
    for reading in (
        make_reading(id="r1", value=Decimal(5), derived=True, qualifier="about"),
        make_reading(value=Decimal("0.5"), date="2024-06", id=None),
    ):
        made = Point.of(reading)
        built = Point(
            reading.date.end,
            reading.value,
            reading.date,
            reading.key,
            reading.derived,
            reading.qualifier,
        )
        assert list(vars(made).items()) == list(vars(built).items())
        assert made == built
        assert hash(made) == hash(built)
        assert repr(made) == repr(built)
        assert replace(made, sources=2) == replace(built, sources=2)


def test_point_of_a_reading_keeps_its_period_end_value_id_and_flags() -> None:
    """A point sits at its reading's period end and keeps its value, id, flag and qualifier."""
    reading = make_reading(id="r1", value=Decimal(5), derived=True, qualifier="about")
    point = Point.of(reading)
    assert point == Point(dt.date(2024, 12, 31), Decimal(5), Period.year(2024), "r1", True, "about")


def test_only_achieved_and_missed_are_final() -> None:
    """Achieved and missed are the two final statuses; no other status is."""
    assert {s for s in Status if s.is_final} == {Status.ACHIEVED, Status.MISSED}


def test_status_values_are_the_stable_codes() -> None:
    """A status's value is its `status_code`: the ten codes scripts read, never words."""
    assert [s.value for s in Status] == [
        "achieved",
        "on_track",
        "behind",
        "off_track",
        "missed",
        "awaiting_data",
        "overdue",
        "not_yet_due",
        "no_data",
        "not_assessable",
    ]
    assert [o.value for o in Outlook] == ["likely_met", "likely_missed"]
    assert {s for s in Status if s.is_waiting} == {Status.AWAITING_DATA, Status.OVERDUE}


def test_assessment_fields_keep_their_order() -> None:
    """Assessment's fields are in the order exporters and golden files rely on."""
    assert [f.name for f in fields(Assessment)] == [
        "indicator",
        "target",
        "as_of",
        "status",
        "band",
        "base",
        "latest",
        "judged",
        "progress",
        "gap",
        "cagr_observed",
        "cagr_required",
        "ratio",
        "score",
        "projected",
        "projected_linear",
        "pace_observed",
        "pace_required",
        "projection_share",
        "trend_change",
        "miss_share",
        "reach",
        "stale",
        "periods",
        "warnings",
        "method",
        "outlook",
        "awaited",
        "expected_by",
        "pace_start",
        "pace_notes",
        "gap_bound",
        "progress_bound",
        "disputed",
        "trend_intervals",
        "region_count",
    ]


def test_trend_and_period_fields_keep_their_order() -> None:
    """TrendAssessment and PeriodResult fields are in their published order."""
    assert [f.name for f in fields(TrendAssessment)] == [
        "indicator",
        "as_of",
        "status",
        "band",
        "base",
        "latest",
        "cagr_observed",
        "score",
        "stale",
        "method",
    ]
    assert [f.name for f in fields(PeriodResult)] == ["year", "value", "met"]


def test_default_method_is_cagr_ratio() -> None:
    """Without a method named, results say cagr-ratio."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    assert METHOD == "cagr-ratio"
    assert Assessment(ind, ind.targets[0], dt.date(2024, 1, 1), Status.NO_DATA, "").method == METHOD
    assert TrendAssessment(ind, dt.date(2024, 1, 1), None, "").method == METHOD


def test_deadline_helpers() -> None:
    """The deadline is the period's end; it has passed only after that day."""
    ind = indicator({"comparison": "at_least", "value": 100, "deadline": 2030})
    before = Assessment(ind, ind.targets[0], dt.date(2028, 12, 31), Status.BEHIND, "")
    on = Assessment(ind, ind.targets[0], dt.date(2030, 12, 31), Status.BEHIND, "")
    after = Assessment(ind, ind.targets[0], dt.date(2031, 1, 1), Status.BEHIND, "")
    assert before.deadline == dt.date(2030, 12, 31)
    assert before.years_left == 2.0
    assert not on.deadline_passed
    assert after.deadline_passed
