"""The numbers of a gap paragraph, computed once for both languages."""

from __future__ import annotations

import datetime as dt

from sdtrack.present.gap_figures import gap_figures, is_awaited_year, verdict_input, year_state
from sdtrack.present.report import StatusReport

from .conftest import assessment_of
from .test_briefing import BOUNDS, REVENUE, assess, indicator, readings


def test_the_5g_pace_starts_at_a_sourced_figure_and_names_the_derived_base(
    report: StatusReport,
) -> None:
    """The declared 200,000 of 2024-04-10 is derived: the pace starts at end-2022."""
    a = assessment_of(report, "5g-base-stations-2025")
    figures = gap_figures(a)
    assert figures.declared_base is not None
    assert figures.declared_base.date == dt.date(2024, 4, 10)
    assert a.base is not None
    assert a.base.date == dt.date(2022, 12, 31)
    # The pace runs from that sourced base to the latest reading (end-2024: 24 months).
    assert a.latest is not None
    months = (a.latest.date.year - a.base.date.year) * 12 + a.latest.date.month - a.base.date.month
    assert figures.pace_months == months
    assert figures.bound_kind is None
    assert verdict_input(a) == a.ratio


def test_a_pace_between_lower_bounds_rests_on_a_lower_bound() -> None:
    """'over 1.2 trillion' to 'over 2 trillion': a lower bound; no derived base."""
    figures = gap_figures(assess(indicator(REVENUE), readings(*BOUNDS), "2024-06-01"))
    assert figures.bound_kind == "lower"
    assert figures.declared_base is None
    assert figures.pace_months == 24
    mixed = readings(("2021", "1.2 trillion", "under"), ("2023", "2 trillion", "over"))
    assert gap_figures(assess(indicator(REVENUE), mixed, "2024-06-01")).bound_kind == "mixed"


def test_a_years_missing_figure_is_expected_then_overdue() -> None:
    """The 2024 figure is expected by 31 March 2025 and overdue after it."""
    a = assess(indicator(REVENUE), readings(*BOUNDS), "2025-02-01")
    assert year_state(a, 2024) == ("expected", dt.date(2025, 3, 31))
    later = assess(indicator(REVENUE), readings(*BOUNDS), "2025-04-01")
    assert year_state(later, 2024) == ("overdue", dt.date(2025, 3, 31))


def test_only_the_awaited_year_is_named_by_the_waiting_sentence() -> None:
    """Past its end-2025 deadline the target awaits its 2025 figure: that year's date is
    in the waiting sentence, so a year-by-year sentence names only the other years'."""
    a = assess(indicator(REVENUE), readings(*BOUNDS), "2026-02-01")
    assert a.awaited is not None
    assert is_awaited_year(a, 2025)
    assert not is_awaited_year(a, 2024)
    before = assess(indicator(REVENUE), readings(*BOUNDS), "2025-02-01")
    assert not is_awaited_year(before, 2025)
