"""Growth and recurring targets, judged year by year."""

from __future__ import annotations

import datetime as dt

from sdtrack.core.assessment.periodic import PERIODIC_METHOD, assess_periodic
from sdtrack.core.assessment.results import Assessment, Status
from sdtrack.core.model import Indicator, Reading

from ...test_assessment import indicator, readings


def periodic(ind: Indicator, rs: list[Reading], as_of: str) -> Assessment:
    return assess_periodic(ind, ind.targets[0], rs, dt.date.fromisoformat(as_of))


def test_growth_target_is_met_or_missed_per_year() -> None:
    """A growth target compares each year's growth with the required rate."""
    ind = indicator(
        {
            "kind": "growth",
            "comparison": "at_least",
            "value": "10%",
            "start": 2024,
            "deadline": 2025,
        },
        unit="yuan",
    )
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
    assert missing.status is Status.AWAITING_DATA


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


def test_no_year_ended_is_no_data() -> None:
    """Before the first year has ended there is nothing to judge."""
    ind = indicator({"kind": "recurring", "comparison": "at_least", "value": 100, "start": 2026})
    result = periodic(ind, [], "2026-11-22")
    assert (result.status, result.band) == (Status.NO_DATA, "no year has ended yet")
