"""projection: the UN SDG progress chart bands on the share of the distance covered."""

from __future__ import annotations

import pytest

from sdtrack.core.assessment.methods import CannotJudge, Verdict
from sdtrack.core.assessment.methods.projection import PROJECTION, projection_band
from sdtrack.core.assessment.results import Status
from sdtrack.core.assessment.rules import Rates

from .conftest import open_target_facts

facts = open_target_facts


@pytest.mark.parametrize(
    ("share", "status", "band"),
    [
        (0.95, Status.ON_TRACK, "on track"),
        (0.5, Status.BEHIND, "moderate progress"),
        (0.1, Status.BEHIND, "marginal progress"),
        (-0.1, Status.BEHIND, "stagnation"),
        (-0.11, Status.OFF_TRACK, "regression"),
    ],
)
def test_bands_at_their_thresholds(share: float, status: Status, band: str) -> None:
    """P ≥ 0.95 on track, ≥ 0.5 moderate, ≥ 0.1 marginal, ≥ −0.1 stagnation, else regression."""
    assert projection_band(share) == (status, band)
    assert PROJECTION.judge(facts(Rates(0.1, 0.1, 1.0), share)) == Verdict(status, band)


def test_without_rates_or_share_it_cannot_judge_and_does_not_fall_back() -> None:
    """The rates' reason comes first; without a share the target equals the base value."""
    no_rates = PROJECTION.judge(facts("needs a base value", 0.5))
    assert no_rates == CannotJudge("needs a base value", fall_back=False)
    no_share = PROJECTION.judge(facts(Rates(0.1, 0.1, 1.0), None))
    assert no_share == CannotJudge("the target equals the base value", fall_back=False)
