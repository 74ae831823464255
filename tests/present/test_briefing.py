"""The briefing paragraph: one target's declaration, standing, pace and verdict in prose."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from sdtrack.core.assessment import Assessment, assess_target
from sdtrack.core.choices import Method
from sdtrack.core.model import Indicator, Reading
from sdtrack.present.briefing import gap_paragraph, gap_paragraph_en, time_to_target
from sdtrack.present.report import StatusReport, build_status
from sdtrack.store.workspace import Workspace

from ..test_assessment import SOURCE
from .conftest import assessment_of
from .test_regional import AS_OF as REGIONAL_DAY
from .test_regional import load_regional, write_regional

AS_OF = dt.date(2026, 12, 1)


def indicator(target: dict[str, Any], unit: str = "yuan", kind: str = "flow") -> Indicator:
    return Indicator.model_validate(
        {
            "id": "x",
            "name": "X",
            "unit": unit,
            "kind": kind,
            "integer": False,
            "target": [{"id": "t", "source": SOURCE, **target}],
        }
    )


def readings(*rows: tuple[str, object, str | None]) -> list[Reading]:
    return [
        Reading.model_validate(
            {"indicator": "x", "value": value, "date": date, "source": "s"}
            | ({"qualifier": qualifier} if qualifier else {})
        )
        for date, value, qualifier in rows
    ]


def assess(ind: Indicator, rows: list[Reading], as_of: str, method: Method = "cagr-ratio") -> Any:
    return assess_target(ind, ind.targets[0], rows, dt.date.fromisoformat(as_of), method)


@pytest.fixture
def on_the_day(shipped: Workspace) -> StatusReport:
    """Every shipped target assessed on 2026-12-01."""
    return build_status(shipped, AS_OF)


REVENUE = {"comparison": "more_than", "value": "2.4 trillion", "deadline": 2025}
BOUNDS = [("2021", "1.2 trillion", "over"), ("2023", "2 trillion", "over")]


def test_the_5g_paragraph_names_the_span_of_its_pace_and_the_release_calendar(
    shipped: Workspace,
) -> None:
    """The pace starts at the sourced end-2022 figure, not the derived declared base; after
    the release date the end-2025 figure is overdue, and the verdict carries the outlook."""
    text = gap_paragraph(five_g_as_before(shipped))
    assert text.startswith(
        "5G base stations in service (5G基站): the target is more than 270,000 base stations "
        "by end-2025"
    )
    assert "46,000 base stations remain" in text
    assert (
        "The declared base of 200,000 base stations (10 April 2024) is derived, so the pace "
        "starts at the latest sourced figure before it."
    ) in text
    assert "Measured from 162,000 base stations (end-2022) to 224,000 (18 June 2024), " in text
    assert (
        "The end-2025 figure was expected by 31 March 2026 and has not been recorded: "
        "look it up (sdtrack due)."
    ) in text
    assert "The trend points to the target being met (likely met)." in text
    assert "Verdict: overdue, likely met, by the cagr-ratio method; growth ratio R = " in text
    assert "deadline passed" not in text
    assert "has passed with no reading" not in text


def test_a_count_of_one_is_singular(on_the_day: StatusReport) -> None:
    """Gigabit cities: '1 city remains', never '1 cities'."""
    text = gap_paragraph(assessment_of(on_the_day, "gigabit-cities-2024"))
    assert "1 city remains" in text
    assert "1 cities" not in text


def test_no_paragraph_stutters_or_says_deadline_passed(on_the_day: StatusReport) -> None:
    """No status word is said twice in a row, and no target says 'deadline passed'."""
    for a in on_the_day.assessments:
        text = gap_paragraph(a)
        assert "deadline passed" not in text
        assert not re.search(r"\b(on track|behind|missed) \(\1", text), text
        assert "1 cities" not in text


def test_a_lower_bound_keeps_the_gap_a_bound_and_the_pace_indicative() -> None:
    """'over 2 trillion' against 'more than 2.4 trillion': at most 400 billion remain; the
    pace between two lower bounds is indicative, said next to the verdict."""
    a = assess(indicator(REVENUE), readings(*BOUNDS), "2024-06-01")
    text = gap_paragraph(a)
    assert "The latest reading is over 2 trillion yuan for 2023." in text
    assert "At most 400 billion yuan remain" in text
    assert "Measured from over 1.2 trillion yuan (2021) to over 2 trillion (2023)" in text
    assert "required at most +300 billion yuan a year" in text
    assert re.search(
        r"Verdict: [a-z ]+(\([a-z ]+\))?, indicative: the pace is measured from a lower bound, "
        r"by the cagr-ratio method",
        text,
    ), text


def test_an_exact_latest_figure_gives_an_exact_gap_and_share() -> None:
    """From an exact latest figure the gap and share are not bounds."""
    rows = readings(("2021", "1.2 trillion", None), ("2023", "2 trillion", None))
    text = gap_paragraph(assess(indicator(REVENUE), rows, "2024-06-01"))
    assert "400 billion yuan remain, 67 % of the way from the base value of 1.2 trillion" in text
    assert "indicative" not in text


def test_awaiting_the_figure_before_its_release_date_then_overdue() -> None:
    """After the deadline the figure is awaited until 31 March, then overdue."""
    ind = indicator(REVENUE)
    waiting = gap_paragraph(assess(ind, readings(*BOUNDS), "2026-02-01"))
    assert "The deadline (end-2025) has passed; the 2025 figure is expected by 31 March 2026." in (
        waiting
    )
    assert "Verdict: awaiting data, likely met, indicative: " in waiting
    overdue = gap_paragraph(assess(ind, readings(*BOUNDS), "2026-04-02"))
    assert "The 2025 figure was expected by 31 March 2026 and has not been recorded" in overdue
    alone = gap_paragraph(assess(ind, readings(BOUNDS[0]), "2026-04-02"))
    assert "The trend does not say whether it will be met." in alone
    assert "Verdict: overdue, by the cagr-ratio method." in alone


def test_a_short_span_is_indicative_next_to_the_verdict() -> None:
    """Two months of data: 'indicative: the pace is measured over only 2 months'."""
    ind = indicator(
        {"comparison": "at_least", "value": 16, "deadline": 2030}, unit="cities", kind="stock"
    )
    rows = readings(("2024-04-10", 14, None), ("2024-06-18", 15, None))
    text = gap_paragraph(assess(ind, rows, "2024-07-01"))
    assert "1 city remains" in text
    assert "indicative: the pace is measured over only 2 months, by the cagr-ratio method" in text


def test_the_linear_trend_paragraph_shows_its_own_projection() -> None:
    """When linear-trend decides, its projection and miss are the paragraph's, and the band
    that holds the status word stands alone."""
    ind = indicator(
        {"comparison": "at_least", "value": 300, "deadline": 2030}, unit="cities", kind="stock"
    )
    rows = readings(
        *(
            (str(year), value, None)
            for year, value in zip(range(2020, 2025), (100, 120, 150, 160, 175), strict=True)
        )
    )
    a: Assessment = assess(ind, rows, "2025-06-01", "linear-trend")
    text = gap_paragraph(a)
    assert a.projected_linear is not None
    assert (
        "The linear trend of the last 4 intervals between sourced readings projects 287.5 "
        "cities at the deadline (miss 10 % of the remaining gap)"
    ) in text
    assert "Verdict: slightly behind, by the linear-trend method" in text
    assert "behind (slightly behind)" not in text


def test_a_growth_target_awaits_its_year_and_never_says_the_deadline_passed() -> None:
    """Before 31 March the 2024 growth figure is awaited; the year-by-year sentence says
    which years are awaited and which overdue."""
    ind = Indicator.model_validate(
        {
            "id": "x",
            "name": "X",
            "unit": "yuan",
            "kind": "flow",
            "target": [
                {
                    "id": "g",
                    "kind": "growth",
                    "comparison": "at_least",
                    "value": 10,
                    "start": 2024,
                    "deadline": 2025,
                    "source": SOURCE,
                }
            ],
        }
    )
    rows = readings(("2023", 100, None))
    awaited = gap_paragraph(assess(ind, rows, "2025-02-01"))
    assert "Year by year: 2024: awaited." in awaited
    assert "Awaiting the 2024 figure, expected by 31 March 2025." in awaited
    assert "deadline" not in awaited
    later = gap_paragraph(assess(ind, rows, "2026-02-01"))
    assert "2024: no figure, overdue; 2025: awaited, expected by 31 March 2026." in later
    assert "The 2024 figure was expected by 31 March 2025 and has not been recorded" in later


def test_time_to_target_at_the_observed_pace(report: StatusReport) -> None:
    """At the observed pace from end-2022 the 5G target would be reached in 2025."""
    when = time_to_target(assessment_of(report, "5g-base-stations-2025"))
    assert when is not None
    assert when.startswith("reached around 2025-")


def test_gap_paragraph_in_english_is_the_english_builder(report: StatusReport) -> None:
    """In English, gap_paragraph is the English builder's paragraph, for every target."""
    for a in report.assessments:
        assert gap_paragraph(a) == gap_paragraph_en(a)


def five_g_as_before(shipped: Workspace, day: dt.date = AS_OF) -> Assessment:
    """The shipped 5G target of 10 April 2024 judged on two fixed readings: 162,000 at
    end-2022 and 224,000 on 18 June 2024 (the dataset's own readings change as it grows)."""
    ind = shipped.indicator("5g-base-stations")
    target = next(t for t in ind.targets if t.id == "5g-base-stations-2025")
    rows = [
        Reading.model_validate({"indicator": ind.id, "value": value, "date": date, "source": "s"})
        for date, value in (("2022", 162000), ("2024-06-18", 224000))
    ]
    return assess_target(ind, target, rows, day, "cagr-ratio")


def test_a_count_target_s_paragraph_names_the_regions_still_missing(tmp_path: Path) -> None:
    """ "all 16 cities meet …", its figures in cities, and who is still missing."""
    workspace = load_regional(write_regional(tmp_path / "regions"))
    text = gap_paragraph(assessment_of(build_status(workspace, REGIONAL_DAY), "gigabit-2024"))
    assert "the target is all 16 cities meet the gigabit-city standard by end-2024" in text
    assert "The latest reading is 15 cities for 2022." in text
    assert (
        "15 of 16 cities meet the gigabit-city standard; still missing: Weifang (no reading)."
    ) in text
    plain = gap_paragraph(assessment_of(build_status(workspace, REGIONAL_DAY), "stations-2025"))
    assert "still missing" not in plain
