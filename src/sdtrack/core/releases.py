"""The release calendar: when the figure for a period can be expected to be published.

A figure is expected by the last day of the month that is an indicator's publication lag
after its period ends. Without `release_lag_months` on the indicator the lag depends on
the period: annual figures for year Y are expected by 31 March of Y+1 (Shandong's
statistical communiqué and the provincial departments' year-end press conferences come
out in February and early March), monthly and daily figures a month after they end.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

from sdtrack.core.model import Indicator
from sdtrack.core.periods import Period

DEFAULT_RELEASE_LAG_MONTHS: dict[str, int] = {"year": 3, "month": 1, "day": 1}


def release_lag(indicator: Indicator, period: Period) -> int:
    if indicator.release_lag_months is not None:
        return indicator.release_lag_months
    return DEFAULT_RELEASE_LAG_MONTHS[period.precision]


def expected_by(indicator: Indicator, period: Period) -> dt.date:
    """The last day of the month `release_lag` months after the period's end."""
    months = period.end.year * 12 + period.end.month - 1 + release_lag(indicator, period)
    year, month = divmod(months, 12)
    return dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def is_overdue(indicator: Indicator, period: Period, as_of: dt.date) -> bool:
    """The figure for `period` should have been published by `as_of`."""
    return as_of > expected_by(indicator, period)


FigureState = Literal["overdue", "expected", "upcoming"]
"""Where a figure not yet recorded stands on a day: its period has not ended
(`upcoming`), it has ended but the figure need not be out yet (`expected`), or the
figure should have been published by now (`overdue`)."""


def figure_state(indicator: Indicator, period: Period, as_of: dt.date) -> FigureState:
    """The state on `as_of` of the figure for `period`, while it is not recorded."""
    if period.end > as_of:
        return "upcoming"
    return "overdue" if is_overdue(indicator, period, as_of) else "expected"
