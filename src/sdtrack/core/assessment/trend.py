"""Indicators without a target: the direction they move, by Open SDG's no-target rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sdtrack.core.assessment.results import Status, TrendAssessment
from sdtrack.core.assessment.rules import (
    cagr,
    is_stale,
    limit_adjustment,
    observed_points,
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
    points = observed_points(readings, as_of)
    if not points:
        return TrendAssessment(indicator, as_of, Status.NO_DATA, "no reading yet")
    base, latest = points[0], points[-1]
    stale = is_stale(latest, indicator, as_of)
    span = years_between(base.date, latest.date)
    b, c = replace_zero(float(base.value)), replace_zero(float(latest.value))
    if span <= 0 or b * c < 0:
        band = "one date only: no trend yet" if span <= 0 else "values change sign: no growth rate"
        return TrendAssessment(
            indicator, as_of, Status.NOT_ASSESSABLE, band, base, latest, stale=stale
        )
    sign = -1.0 if b < 0 else 1.0
    direction = -1.0 if indicator.direction == "lower" else 1.0
    progress_value = sign * direction * cagr(c, b, span)
    limit = indicator.natural_limit
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
