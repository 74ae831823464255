"""linear-trend: the German Sustainable Development Strategy's weather rule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sdtrack.core.assessment.evidence import observed_points
from sdtrack.core.assessment.methods import CannotJudge, LevelFacts, Verdict
from sdtrack.core.assessment.methods.linear_trend import LINEAR_TREND, linear_trend
from sdtrack.core.assessment.results import Status

from ....test_assessment import indicator, readings

DEADLINE = dt.date(2030, 12, 31)


def facts(goal: int, *pairs: tuple[object, object]) -> LevelFacts:
    ind = indicator({"comparison": "at_least", "value": goal, "deadline": 2030})
    points = tuple(observed_points(readings(*pairs), dt.date(2023, 1, 1), ind))
    return LevelFacts(
        ind,
        ind.targets[0],
        DEADLINE,
        points,
        points[0],
        points[-1],
        "unused",
        None,
        dt.date(2023, 1, 1),
    )


def test_the_miss_is_banded_on_the_gap_left() -> None:
    """+10 a year from 140 (2022) reaches 220 by 2030: 230 misses by 10 of 90, slightly behind."""
    series = ((2018, 100), (2019, 110), (2020, 120), (2021, 130), (2022, 140))
    judgement = LINEAR_TREND.judge(facts(230, *series))
    assert isinstance(judgement, Verdict)
    assert (judgement.status, judgement.band) == (Status.BEHIND, "slightly behind")
    assert judgement.trend_change == Decimal(10)
    assert judgement.miss_share == pytest.approx(10 / 90)


def test_only_the_last_five_intervals_count() -> None:
    """A jump before the last five intervals does not change the annual change."""
    series = ((2015, 0), (2016, 100), (2017, 110), (2018, 120), (2019, 130), (2020, 140))
    case = facts(500, *series, (2021, 150))
    trend = linear_trend(case.points, case.target, DEADLINE)
    assert not isinstance(trend, str)
    assert trend.change == Decimal(10)


def test_a_falling_series_is_moving_away() -> None:
    """Against an at-least target a falling series is off track, with no miss share."""
    judgement = LINEAR_TREND.judge(facts(200, (2019, 140), (2020, 130), (2021, 120), (2022, 110)))
    assert judgement == Verdict(
        Status.OFF_TRACK, "moving away", Decimal(-10), None, Decimal(30), intervals=3
    )


def test_too_few_readings_fall_back() -> None:
    """Under four readings it cannot judge, and asks for the default method instead."""
    judgement = LINEAR_TREND.judge(facts(200, (2020, 100), (2021, 110), (2022, 120)))
    assert judgement == CannotJudge(
        "linear-trend needs at least 4 readings (there are 3)", fall_back=True
    )
