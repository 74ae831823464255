"""The numbers of a gap paragraph, computed once for both languages' builders.

`briefing` (English) and `briefing_zh` (Chinese) word the same `GapFigures`: the gap, the
share of the way, the paces (rounded as stated), the projections, when the target is
reached, and what the pace rests on (how long it was observed, which kind of bound, the
target's declared base when it is derived and not used); and the state of a year's
missing figure on the release calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sdtrack.core.assessment import Assessment, Point, Status, months_between
from sdtrack.core.model import Indicator
from sdtrack.core.periods import Period
from sdtrack.core.quantities import round_significant
from sdtrack.core.releases import FigureState, expected_by, figure_state


@dataclass(frozen=True)
class GapFigures:
    """The numbers of one gap paragraph, rounded as they are stated: both languages' builders
    word these, so that they say the same.

    A pace is a change a year in the indicator's unit (to four significant digits, or in
    percentage points for a share); `progress` is given only when the base value precedes
    the latest reading; `reach` says when the target is reached at the observed pace.
    """

    gap: Decimal | None
    progress: float | None
    pace_required: Decimal | None
    pace_observed: Decimal | None
    cagr_required: float | None
    cagr_observed: float | None
    projected: Decimal | None
    projected_linear: Decimal | None
    reach: Literal["met", "never", "date"] | None
    reach_date: dt.date | None
    # The pace's evidence: how long it was observed, what kind of bound it rests on, and
    # the target's declared base when it is derived and the pace starts elsewhere.
    pace_months: int | None = None
    bound_kind: BoundKind | None = None
    declared_base: Point | None = None
    # The linear-trend method decided: its projection is `projected_linear`.
    linear_decides: bool = False


BoundKind = Literal["lower", "upper", "approximate", "mixed"]
# What kind of bound a source's wording makes of a figure.
QUALIFIER_BOUNDS: dict[str, BoundKind] = {
    "over": "lower",
    "under": "upper",
    "nearly": "upper",
    "about": "approximate",
}


def _bound_kind(a: Assessment) -> BoundKind | None:
    """The kind of bound the pace rests on (its start or its end), if it rests on one."""
    ends = (a.base, a.latest)
    kinds = {QUALIFIER_BOUNDS.get(p.qualifier, "mixed") for p in ends if p and p.qualifier}
    if not kinds:
        return None
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _declared_base(a: Assessment) -> Point | None:
    """The target's declared base when it is derived and the pace starts at another point."""
    baseline = a.target.baseline
    if baseline is None or not baseline.derived or a.base is None or a.base.derived:
        return None
    if baseline.date.end > a.as_of:
        return None
    return Point(baseline.date.end, baseline.value, baseline.date, None, True)


def _pace_months(a: Assessment) -> int | None:
    if a.base is None or a.latest is None or a.latest.date <= a.base.date:
        return None
    return months_between(a.base.date, a.latest.date)


def year_state(a: Assessment, year: int) -> tuple[FigureState, dt.date]:
    """Where a year's missing figure stands on the assessment's day, and when it is due."""
    period = Period.year(year)
    return figure_state(a.indicator, period, a.as_of), expected_by(a.indicator, period)


def is_awaited_year(a: Assessment, year: int) -> bool:
    """Whether `year` is the one the waiting sentence names with its date, so the
    year-by-year sentence need not repeat it."""
    return a.awaited is not None and a.awaited.end.year == year


def _rounded_pace(value: Decimal | None, indicator: Indicator) -> Decimal | None:
    if value is None or indicator.unit_info.family == "percent":
        return value
    magnitude = round_significant(abs(value))
    return magnitude if value >= 0 else -magnitude


# The number each method decides by, which the verdict sentence names.
VERDICT_INPUT: dict[str, Callable[[Assessment], float | None]] = {
    "cagr-ratio": lambda a: a.ratio,
    "projection": lambda a: a.projection_share,
    "linear-trend": lambda a: a.miss_share,
}


def verdict_input(a: Assessment) -> float | None:
    """The number the assessment's method decided by (R, P or the projected miss)."""
    number = VERDICT_INPUT.get(a.method)
    return None if number is None else number(a)


def gap_figures(a: Assessment) -> GapFigures:
    """The numbers `a`'s paragraph states, in either language."""
    latest = a.latest
    progress = None
    if latest is not None and a.progress is not None and a.base is not None:
        progress = a.progress if a.base.date < latest.date else None
    reach: Literal["met", "never", "date"] | None = None
    if a.status is Status.ACHIEVED:
        reach = "met"
    elif a.cagr_observed is not None and a.latest is not None:
        reach = "date" if a.reach else "never"
    return GapFigures(
        gap=a.gap if a.gap is not None and a.gap > 0 else None,
        progress=progress,
        pace_required=_rounded_pace(a.pace_required, a.indicator),
        pace_observed=_rounded_pace(a.pace_observed, a.indicator),
        cagr_required=a.cagr_required,
        cagr_observed=a.cagr_observed,
        projected=round_significant(a.projected) if a.projected is not None else None,
        projected_linear=(
            round_significant(a.projected_linear) if a.projected_linear is not None else None
        ),
        reach=reach,
        reach_date=a.reach,
        pace_months=_pace_months(a),
        bound_kind=_bound_kind(a),
        declared_base=_declared_base(a),
        linear_decides=a.method == "linear-trend" and a.trend_change is not None,
    )
