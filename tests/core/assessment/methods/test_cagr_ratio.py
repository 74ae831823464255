"""cagr-ratio: the Open SDG/Eurostat growth-rate ratio bands an open target."""

from __future__ import annotations

import pytest

from sdtrack.core.assessment.methods import CannotJudge, Verdict
from sdtrack.core.assessment.methods.cagr_ratio import CAGR_RATIO
from sdtrack.core.assessment.results import Status
from sdtrack.core.assessment.rules import Rates

from .conftest import open_target_facts

facts = open_target_facts


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
