"""`cagr-ratio`: the growth-rate ratio Open SDG (sdg-build) uses, from Eurostat's SDG
progress assessment.

R = observed CAGR / required CAGR, banded by `rules.ratio_status`; below 0 the indicator
is moving away from its target.
"""

from __future__ import annotations

from sdtrack.core.assessment.methods.interface import (
    CannotJudge,
    Judgement,
    LevelFacts,
    ProgressMethod,
    Verdict,
)
from sdtrack.core.assessment.rules import ratio_status


def judge(facts: LevelFacts) -> Judgement:
    if isinstance(facts.rates, str):
        return CannotJudge(facts.rates)
    status, band = ratio_status(facts.rates.ratio)
    return Verdict(status, band)


CAGR_RATIO = ProgressMethod("cagr-ratio", judge)
