"""What the method tests share: the facts of one open level target."""

from __future__ import annotations

import datetime as dt

from sdtrack.core.assessment.evidence import observed_points
from sdtrack.core.assessment.methods import LevelFacts
from sdtrack.core.assessment.rules import Rates

from ....test_assessment import indicator, readings


def open_target_facts(rates: Rates | str, share: float | None = None) -> LevelFacts:
    """At least 200 by 2030, judged on 2023-01-01 from 100 (2020) and 110 (2022)."""
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    points = tuple(observed_points(readings((2020, 100), (2022, 110)), dt.date(2023, 1, 1), ind))
    return LevelFacts(
        ind,
        ind.targets[0],
        dt.date(2030, 12, 31),
        points,
        points[0],
        points[-1],
        rates,
        share,
        dt.date(2023, 1, 1),
    )
