"""What a progress method is given about an open level target, and what it answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.assessment.results import Point, Status
from sdtrack.core.assessment.rules import Rates
from sdtrack.core.choices import Method
from sdtrack.core.model import Indicator, Target


@dataclass(frozen=True)
class LevelFacts:
    """Everything computed once about a level target with at least one reading."""

    indicator: Indicator
    target: Target
    deadline: dt.date
    points: tuple[Point, ...]
    base: Point | None
    latest: Point
    rates: Rates | str
    projection_share: float | None
    as_of: dt.date


@dataclass(frozen=True)
class Verdict:
    """A method's judgement, with the numbers only that method computes."""

    status: Status
    band: str
    trend_change: Decimal | None = None
    miss_share: float | None = None
    # The method's own projection to the deadline, when it makes one (linear-trend), and
    # the number of intervals between readings its trend is measured over.
    projected: Decimal | None = None
    intervals: int | None = None


@dataclass(frozen=True)
class CannotJudge:
    """Why a method cannot judge, and whether the default method should judge instead."""

    reason: str
    fall_back: bool = False


Judgement = Verdict | CannotJudge


@dataclass(frozen=True)
class ProgressMethod:
    name: Method
    judge: Callable[[LevelFacts], Judgement]
