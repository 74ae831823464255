"""Assessment: where each target stands on a given day, and why.

Pure functions of (indicator, target, readings, as_of): nothing here reads the clock or a
file. Each result carries its verdict *and* the inputs it was computed from, so that a
renderer or exporter can show the reasoning without recomputing anything.

The verdict for an open level target comes from the method chosen in `methods.REGISTRY`;
the default is the growth-rate ratio that Open SDG (sdg-build) uses, derived from
Eurostat's SDG progress assessment; see docs/methodology.md for every formula and
threshold.
"""

from __future__ import annotations

from sdtrack.core.assessment.api import assess_target, choose_method
from sdtrack.core.assessment.bounds import Interval, interval_of, settles
from sdtrack.core.assessment.evidence import observed_points, pace_start
from sdtrack.core.assessment.level import assess_level
from sdtrack.core.assessment.methods import REGISTRY, method_for
from sdtrack.core.assessment.methods.linear_trend import (
    LINEAR_TREND_MAX_INTERVALS,
    LINEAR_TREND_MIN_READINGS,
    LINEAR_TREND_ON_TRACK_MISS,
    LINEAR_TREND_SLIGHTLY_BEHIND_MISS,
    linear_trend,
)
from sdtrack.core.assessment.methods.projection import PROJECTION_BANDS, projection_band
from sdtrack.core.assessment.periodic import PERIODIC_METHOD, assess_periodic
from sdtrack.core.assessment.results import (
    METHOD,
    Assessment,
    Outlook,
    PaceNote,
    PeriodResult,
    Point,
    Status,
    TrendAssessment,
)
from sdtrack.core.assessment.rules import (
    LIMIT_EXPONENT,
    MODERATE_GROWTH,
    MODERATE_RATIO,
    ON_TRACK_RATIO,
    SUBSTANTIAL_GROWTH,
    ZERO_REPLACEMENT,
    annual_change,
    cagr,
    is_met,
    is_stale,
    limit_adjustment,
    months_between,
    natural_range,
    project,
    project_linear,
    ratio_status,
    reach_date,
    target_score,
    trend_band,
    trend_score,
)
from sdtrack.core.assessment.trend import assess_trend

__all__ = [
    "LIMIT_EXPONENT",
    "LINEAR_TREND_MAX_INTERVALS",
    "LINEAR_TREND_MIN_READINGS",
    "LINEAR_TREND_ON_TRACK_MISS",
    "LINEAR_TREND_SLIGHTLY_BEHIND_MISS",
    "METHOD",
    "MODERATE_GROWTH",
    "MODERATE_RATIO",
    "ON_TRACK_RATIO",
    "PERIODIC_METHOD",
    "PROJECTION_BANDS",
    "REGISTRY",
    "SUBSTANTIAL_GROWTH",
    "ZERO_REPLACEMENT",
    "Assessment",
    "Interval",
    "Outlook",
    "PaceNote",
    "PeriodResult",
    "Point",
    "Status",
    "TrendAssessment",
    "annual_change",
    "assess_level",
    "assess_periodic",
    "assess_target",
    "assess_trend",
    "cagr",
    "choose_method",
    "interval_of",
    "is_met",
    "is_stale",
    "limit_adjustment",
    "linear_trend",
    "method_for",
    "months_between",
    "natural_range",
    "observed_points",
    "pace_start",
    "project",
    "project_linear",
    "projection_band",
    "ratio_status",
    "reach_date",
    "settles",
    "target_score",
    "trend_band",
    "trend_score",
]
