"""Indicators without a target: the direction they move, by Open SDG's no-target rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sdtrack.core.assessment.evidence import observed_points
from sdtrack.core.assessment.results import Status, TrendAssessment
from sdtrack.core.assessment.rules import (
    cagr,
    is_stale,
    limit_adjustment,
    replace_zero,
    trend_band,
    trend_score,
)
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import years_between


def assess_trend(
    indicator: Indicator, readings: Sequence[Reading], as_of: dt.date
) -> TrendAssessment:
    """An indicator without a target: Open SDG's no-target growth rule.

    `status` is None when a trend was assessed: the band says how it moves.
    """
    points = observed_points(readings, as_of, indicator)
    if not points:
        return TrendAssessment(indicator, as_of, Status.NO_DATA, "no reading yet")
    base, latest = points[0], points[-1]
    stale = is_stale(latest, indicator, as_of)
    span = years_between(base.date, latest.date)
    # sdg-build replaces a base of 0 by 0.001, never the latest value.
    b, c = replace_zero(float(base.value)), float(latest.value)
    # sdg-build needs a current year at least one year after the base year.
    if span < 1 or b * c < 0:
        band = (
            "one date only: no trend yet"
            if span <= 0
            else "under a year of readings: no trend yet"
            if span < 1
            else "values change sign: no growth rate"
        )
        return TrendAssessment(
            indicator, as_of, Status.NOT_ASSESSABLE, band, base, latest, stale=stale
        )
    sign = -1.0 if b < 0 else 1.0
    if not indicator.judged:
        growth = sign * cagr(c, b, span)
        return TrendAssessment(
            indicator, as_of, None, _movement(growth), base, latest, cagr_observed=growth,
            stale=stale,
        )  # fmt: skip
    direction = -1.0 if indicator.direction == "lower" else 1.0
    progress_value = sign * direction * cagr(c, b, span)
    # sdg-build adjusts its thresholds near a limit the indicator rises towards; for a
    # falling indicator the limit would be a floor, and sdtrack's limits are ceilings.
    limit = indicator.natural_limit if direction > 0 else None
    adjustment = limit_adjustment(b, float(limit) if limit is not None else None)
    return TrendAssessment(
        indicator,
        as_of,
        None,
        trend_band(progress_value, adjustment),
        base,
        latest,
        cagr_observed=progress_value,
        score=trend_score(progress_value, adjustment),
        stale=stale,
    )


# A context series' movement (`better = "neither"`): rising or falling by more than this
# share a year, else steady. 0.1 % a year is the rounding of a figure given to four digits.
STEADY_GROWTH = 0.001


def _movement(growth: float) -> str:
    if growth > STEADY_GROWTH:
        return "rising (not judged)"
    if growth < -STEADY_GROWTH:
        return "falling (not judged)"
    return "steady (not judged)"
