"""The progress-method interface: what a method is given and what it may answer."""

from __future__ import annotations

import dataclasses

import pytest

from sdtrack.core.assessment import Status
from sdtrack.core.assessment.methods.interface import CannotJudge, Verdict


def test_a_verdict_carries_only_a_status_and_band_unless_its_method_adds_numbers() -> None:
    """A verdict's own numbers default to none: only linear-trend sets them."""
    verdict = Verdict(Status.ON_TRACK, "on track")
    assert (verdict.trend_change, verdict.miss_share) == (None, None)


def test_a_method_that_cannot_judge_does_not_fall_back_unless_it_says_so() -> None:
    """CannotJudge keeps its reason, and falling back to the default is opt-in."""
    refusal = CannotJudge("needs a base value")
    assert refusal.reason == "needs a base value"
    assert refusal.fall_back is False
    with pytest.raises(dataclasses.FrozenInstanceError):
        refusal.reason = "changed"  # type: ignore[misc]
