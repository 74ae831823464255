"""The result types of an assessment: statuses, points on the time axis and verdicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from sdtrack.core.choices import DEFAULT_METHOD, Method
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.periods import Period, years_between

METHOD: Method = DEFAULT_METHOD


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on track"
    BEHIND = "behind"
    OFF_TRACK = "off track"
    MISSED = "missed"
    AWAITING_DATA = "deadline passed — awaiting data"
    NO_DATA = "no data"
    NOT_ASSESSABLE = "not assessable"

    @property
    def is_final(self) -> bool:
        return self in (Status.ACHIEVED, Status.MISSED)


@dataclass(frozen=True)
class Point:
    """One reading placed on the time axis (its period's end)."""

    date: dt.date
    value: Decimal
    period: Period
    reading_id: str | None
    derived: bool = False
    qualifier: str | None = None

    @classmethod
    def of(cls, reading: Reading) -> Point:
        return cls(
            reading.date.end,
            reading.value,
            reading.date,
            reading.key,
            reading.derived,
            reading.qualifier,
        )


@dataclass(frozen=True)
class PeriodResult:
    """A growth or recurring target in one year: the value compared, and whether it met."""

    year: int
    value: Decimal | None
    met: bool | None


@dataclass(frozen=True)
class Assessment:
    """A target's standing on `as_of`, with every input the verdict was computed from."""

    indicator: Indicator
    target: Target
    as_of: dt.date
    status: Status
    band: str
    base: Point | None = None
    latest: Point | None = None
    judged: Point | None = None
    progress: float | None = None
    gap: Decimal | None = None
    cagr_observed: float | None = None
    cagr_required: float | None = None
    ratio: float | None = None
    score: float | None = None
    projected: Decimal | None = None
    projected_linear: Decimal | None = None
    pace_observed: Decimal | None = None
    pace_required: Decimal | None = None
    projection_share: float | None = None
    trend_change: Decimal | None = None
    miss_share: float | None = None
    reach: dt.date | None = None
    stale: bool = False
    periods: tuple[PeriodResult, ...] = ()
    warnings: tuple[str, ...] = ()
    method: str = METHOD

    @property
    def deadline(self) -> dt.date | None:
        return self.target.deadline.end if self.target.deadline else None

    @property
    def deadline_passed(self) -> bool:
        return self.deadline is not None and self.as_of > self.deadline

    @property
    def years_left(self) -> float | None:
        if self.deadline is None:
            return None
        return years_between(self.as_of, self.deadline)


@dataclass(frozen=True)
class TrendAssessment:
    """An indicator without a target: its latest value and the direction it moves."""

    indicator: Indicator
    as_of: dt.date
    status: Status | None
    band: str
    base: Point | None = None
    latest: Point | None = None
    cagr_observed: float | None = None
    score: float | None = None
    stale: bool = False
    method: Method = METHOD
