"""Growth and recurring targets, judged year by year."""

from __future__ import annotations

import datetime as dt

from sdtrack.core.assessment.periodic import PERIODIC_METHOD, assess_periodic
from sdtrack.core.assessment.results import Assessment, Status
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period

from ...test_assessment import indicator, readings


def periodic(ind: Indicator, rs: list[Reading], as_of: str) -> Assessment:
    return assess_periodic(ind, ind.targets[0], rs, dt.date.fromisoformat(as_of))


def revenue_growth(deadline: int = 2025) -> Indicator:
    """Revenue in yuan with a target of at least 10 % growth a year from 2024."""
    target = {"kind": "growth", "comparison": "at_least", "value": "10%", "start": 2024}
    return indicator({**target, "deadline": deadline}, unit="yuan")


def test_growth_target_is_met_or_missed_per_year() -> None:
    """A growth target compares each year's growth with the required rate."""
    ind = revenue_growth()
    rs = readings((2023, "2.0 trillion"), (2024, "2.25 trillion"), (2025, "2.4 trillion"))
    result = periodic(ind, rs, "2026-11-22")
    assert [(p.year, p.met) for p in result.periods] == [(2024, True), (2025, False)]
    assert result.status is Status.MISSED


def test_recurring_target_per_year() -> None:
    """A recurring target is met in a year when that year's value reaches it."""
    ind = indicator({"kind": "recurring", "comparison": "at_least", "value": 100, "start": 2024})
    result = periodic(ind, readings((2024, 104), (2025, 101)), "2026-11-22")
    assert result.status is Status.ON_TRACK
    assert [p.met for p in result.periods] == [True, True]
    missing = periodic(ind, readings((2024, 104)), "2026-11-22")
    assert missing.status is Status.OVERDUE
    assert missing.band == "the 2025 figure was expected by 2026-03-31"
    assert (missing.awaited, missing.expected_by) == (Period.year(2025), dt.date(2026, 3, 31))


def test_a_year_just_ended_awaits_its_figure_until_it_can_be_published() -> None:
    """On the day a year ends its figure cannot be out: awaiting it, never overdue, until
    31 March of the next year; the day after, it is overdue."""
    ind = revenue_growth()
    rs = readings((2023, "2.0 trillion"))
    for day, status in (
        ("2024-12-31", Status.AWAITING_DATA),
        ("2025-03-31", Status.AWAITING_DATA),
        ("2025-04-01", Status.OVERDUE),
    ):
        result = periodic(ind, rs, day)
        assert result.status is status, day
    on_the_day = periodic(ind, rs, "2024-12-31")
    assert on_the_day.band == "awaiting the 2024 figure, expected by 2025-03-31"


def test_a_growth_year_needs_the_year_before() -> None:
    """Growth in 2024 needs the 2023 figure too: without it, that figure is what is
    missing (overdue since 31 March 2024), even before the 2024 figure is due."""
    ind = revenue_growth()
    result = periodic(ind, readings((2024, "2.2 trillion")), "2025-02-01")
    assert result.status is Status.OVERDUE
    assert result.awaited == Period.year(2023)


def test_growth_between_bounds_is_judged_only_when_the_bounds_settle_it() -> None:
    """'Over 2.2 trillion' after exactly 2.0 trillion is growth over 10 %: met. After
    'over 2.0 trillion' the growth could be anything: not assessable, never met."""
    ind = revenue_growth(deadline=2024)
    settled = periodic(
        ind, readings((2023, "2.0 trillion"), (2024, "over 2.2 trillion")), "2026-01-01"
    )
    assert settled.periods[0].met is True
    open_ = periodic(
        ind, readings((2023, "over 2.0 trillion"), (2024, "over 2.2 trillion")), "2026-01-01"
    )
    assert open_.periods[0].met is None
    assert open_.status is Status.NOT_ASSESSABLE


def test_every_year_met_by_the_deadline_is_achieved_per_year() -> None:
    """Met in each year to the deadline: achieved, with the years named, method per-year."""
    ind = indicator(
        {
            "kind": "recurring",
            "comparison": "at_least",
            "value": 100,
            "start": 2023,
            "deadline": 2024,
        }
    )
    result = periodic(ind, readings((2023, 100), (2024, 130)), "2026-01-01")
    assert (result.status, result.band) == (Status.ACHIEVED, "met in every year 2023–2024")
    assert result.method == PERIODIC_METHOD == "per-year"


def test_no_year_ended_is_not_yet_due() -> None:
    """Before the first year has ended there is nothing to judge: not yet due."""
    ind = indicator({"kind": "recurring", "comparison": "at_least", "value": 100, "start": 2026})
    result = periodic(ind, [], "2026-11-22")
    assert (result.status, result.band) == (
        Status.NOT_YET_DUE,
        "the first year, 2026, has not ended",
    )
