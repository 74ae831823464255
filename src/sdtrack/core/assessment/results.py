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
    """A target's standing. The values are the stable `status_code`s of every JSON output;
    `present.phrases.status_words` words them."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    AWAITING_DATA = "awaiting_data"
    OVERDUE = "overdue"
    NOT_YET_DUE = "not_yet_due"
    NO_DATA = "no_data"
    NOT_ASSESSABLE = "not_assessable"

    @property
    def is_final(self) -> bool:
        return self in (Status.ACHIEVED, Status.MISSED)

    @property
    def is_waiting(self) -> bool:
        """The figure that decides the target is not in yet: awaited or overdue."""
        return self in (Status.AWAITING_DATA, Status.OVERDUE)


class Outlook(StrEnum):
    """What the trend says about a target whose deciding figure is not in yet."""

    LIKELY_MET = "likely_met"
    LIKELY_MISSED = "likely_missed"


@dataclass(frozen=True)
class Point:
    """One reading placed on the time axis (its period's end)."""

    date: dt.date
    value: Decimal
    period: Period
    reading_id: str | None
    derived: bool = False
    qualifier: str | None = None
    # How many sources give this same value for this period (corroborations count once).
    sources: int = 1
    # The readings of the same period that disagree with this one (a conflict not settled).
    disputed_by: tuple[str, ...] = ()

    @classmethod
    def of(cls, reading: Reading) -> Point:
        """The reading's point, its fields set as the frozen dataclass's `__init__` sets
        them, in one step rather than one `object.__setattr__` a field: a status makes
        one for every reading (`tests/core/assessment/test_results.py` compares the two)."""
        point = object.__new__(cls)
        date = reading.date
        object.__setattr__(
            point,
            "__dict__",
            {
                "date": date.end,
                "value": reading.value,
                "period": date,
                "reading_id": reading.key,
                "derived": reading.derived,
                "qualifier": reading.qualifier,
                "sources": 1,
                "disputed_by": (),
            },
        )
        return point

    @property
    def exact(self) -> bool:
        return self.qualifier is None


class PaceNote(StrEnum):
    """Why an observed pace is fragile; shown next to the verdict it supports."""

    SHORT_SPAN = "short_span"
    FROM_BOUND = "from_bound"
    FROM_DERIVED = "from_derived"


@dataclass(frozen=True)
class PeriodResult:
    """A growth or recurring target in one year: the value compared, and whether it met."""

    year: int
    value: Decimal | None
    met: bool | None


@dataclass(frozen=True)
class RegionStanding:
    """One counted region on the day judged: its latest reading, and whether it meets
    the condition (None: no reading)."""

    region: str
    reading: Reading | None
    meets: bool | None
    settled: bool
    """Whether this standing is final for the deadline (met, or short at its period)."""


@dataclass(frozen=True)
class RegionCount:
    """Who counts towards a count-of-regions target, as of the day it is judged."""

    among: str
    standings: tuple[RegionStanding, ...]
    judged_on: dt.date

    @property
    def meeting(self) -> tuple[str, ...]:
        return tuple(s.region for s in self.standings if s.meets)

    @property
    def short(self) -> tuple[str, ...]:
        return tuple(s.region for s in self.standings if s.meets is False)

    @property
    def unreported(self) -> tuple[str, ...]:
        return tuple(s.region for s in self.standings if s.meets is None)

    @property
    def missing(self) -> tuple[str, ...]:
        """The regions not (yet) known to meet the condition: short or unreported."""
        return tuple(s.region for s in self.standings if not s.meets)

    @property
    def unsettled(self) -> tuple[str, ...]:
        return tuple(s.region for s in self.standings if not s.settled)


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
    outlook: Outlook | None = None
    # The figure a waiting target needs, and the day it is expected (release calendar).
    awaited: Period | None = None
    expected_by: dt.date | None = None
    # The point the observed pace is measured from (the base of the rates).
    pace_start: Point | None = None
    pace_notes: tuple[PaceNote, ...] = ()
    # When the latest value is a bound, the gap and progress are bounds too:
    # "at_most" / "at_least" the figure shown.
    gap_bound: str | None = None
    progress_bound: str | None = None
    # The period whose readings disagree, while the user has not settled them.
    disputed: tuple[str, ...] = ()
    # How many intervals between readings the linear trend is measured over, when it decides.
    trend_intervals: int | None = None
    # A count-of-regions target: each counted region's standing on the day judged.
    region_count: RegionCount | None = None

    @property
    def status_code(self) -> str:
        return self.status.value

    @property
    def indicative(self) -> bool:
        """The pace or projection rests on bounds, derived values or under a year of data."""
        return bool(self.pace_notes)

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
