"""The entry points: which method a target uses, and its assessment on a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sdtrack.core.assessment.level import assess_level
from sdtrack.core.assessment.periodic import assess_periodic
from sdtrack.core.assessment.results import METHOD, Assessment
from sdtrack.core.choices import Method
from sdtrack.core.model import Indicator, Reading, Target


def choose_method(
    target: Target, workspace_method: Method = METHOD, override: Method | None = None
) -> Method:
    """The method for a target: --method, else the target's own, else the workspace's."""
    return override or target.method or workspace_method


def assess_target(
    indicator: Indicator,
    target: Target,
    readings: Sequence[Reading],
    as_of: dt.date,
    method: Method = METHOD,
) -> Assessment:
    """Assess one target of `indicator` on `as_of`, from the indicator's readings."""
    if target.kind == "level":
        return assess_level(indicator, target, readings, as_of, method)
    return assess_periodic(indicator, target, readings, as_of)
