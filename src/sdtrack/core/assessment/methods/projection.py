"""`projection`: the bands of the UN Statistics Division's SDG progress chart methodology.

The share P of the baseline-to-target distance covered by the value projected to the
deadline at the observed compound rate.
"""

from __future__ import annotations

from sdtrack.core.assessment.methods.interface import (
    CannotJudge,
    Judgement,
    LevelFacts,
    ProgressMethod,
    Verdict,
)
from sdtrack.core.assessment.results import Status

# `projection`: share P of the baseline-to-target distance covered by the projected value
# at the deadline; bands of the UN Statistics Division's SDG progress chart methodology.
PROJECTION_BANDS: tuple[tuple[float, str], ...] = (
    (0.95, "on track"),
    (0.5, "moderate progress"),
    (0.1, "marginal progress"),
    (-0.1, "stagnation"),
)


def projection_band(share: float) -> tuple[Status, str]:
    for threshold, band in PROJECTION_BANDS:
        if share >= threshold:
            status = Status.ON_TRACK if band == "on track" else Status.BEHIND
            return status, band
    return Status.OFF_TRACK, "regression"


def judge(facts: LevelFacts) -> Judgement:
    if isinstance(facts.rates, str):
        return CannotJudge(facts.rates)
    if facts.projection_share is None:
        return CannotJudge("the target equals the base value")
    return Verdict(*projection_band(facts.projection_share))


PROJECTION = ProgressMethod("projection", judge)
