"""The progress methods for an open level target, chosen by name from `REGISTRY`.

A method is a `ProgressMethod`: a name from `sdtrack.core.choices.Method` and a `judge`
that turns the target's `LevelFacts` into a `Verdict`, or into `CannotJudge` with the
reason (and whether the default method should judge instead). Adding a method takes one
module here, one entry below and one name in `Method`.
"""

from __future__ import annotations

from sdtrack.core.assessment.methods.cagr_ratio import CAGR_RATIO
from sdtrack.core.assessment.methods.interface import (
    CannotJudge,
    Judgement,
    LevelFacts,
    ProgressMethod,
    Verdict,
)
from sdtrack.core.assessment.methods.linear_trend import LINEAR_TREND
from sdtrack.core.assessment.methods.projection import PROJECTION
from sdtrack.core.choices import Method

__all__ = [
    "REGISTRY",
    "CannotJudge",
    "Judgement",
    "LevelFacts",
    "ProgressMethod",
    "Verdict",
    "method_for",
]

REGISTRY: dict[str, ProgressMethod] = {
    method.name: method for method in (CAGR_RATIO, PROJECTION, LINEAR_TREND)
}


def method_for(name: Method) -> ProgressMethod:
    return REGISTRY[name]
