"""cagr-ratio: the Open SDG/Eurostat growth-rate ratio bands an open target."""

from __future__ import annotations

import datetime as dt

import pytest

from sdtrack.core.assessment.methods import CannotJudge, LevelFacts, Verdict
from sdtrack.core.assessment.methods.cagr_ratio import CAGR_RATIO
from sdtrack.core.assessment.results import Status
from sdtrack.core.assessment.rules import Rates, observed_points

from ....test_assessment import indicator, readings


def facts(rates: Rates | str) -> LevelFacts:
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    points = tuple(observed_points(readings((2020, 100), (2022, 110)), dt.date(2023, 1, 1)))
    return LevelFacts(
        ind,
        ind.targets[0],
        dt.date(2030, 12, 31),
        points,
        points[0],
        points[-1],
        rates,
        None,
        dt.date(2023, 1, 1),
    )


@pytest.mark.parametrize(
    ("ratio", "verdict"),
    [
        (1.2, Verdict(Status.ON_TRACK, "on track")),
        (0.7, Verdict(Status.BEHIND, "moderate progress")),
        (0.1, Verdict(Status.BEHIND, "limited progress")),
        (-0.5, Verdict(Status.OFF_TRACK, "moving away")),
    ],
)
def test_the_ratio_is_banded(ratio: float, verdict: Verdict) -> None:
    """R is banded at 0.95, 0.6 and 0, with no numbers of its own."""
    assert CAGR_RATIO.judge(facts(Rates(0.05, 0.05, ratio))) == verdict


def test_without_rates_it_cannot_judge_and_does_not_fall_back() -> None:
    """No growth rates: the reason is the band, and no other method is asked."""
    judgement = CAGR_RATIO.judge(facts("needs readings at two different dates"))
    assert judgement == CannotJudge("needs readings at two different dates", fall_back=False)
