"""The indicator views: sparklines, the chart, the gap report and `show`."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len

from sdtrack.core.assessment import PaceNote, Status
from sdtrack.present import numbers
from sdtrack.present.chart_grid import chart_grid
from sdtrack.present.regional import breakdown
from sdtrack.present.render.indicator import (
    print_chart,
    print_gap_report,
    print_indicator,
    print_targets,
    sparkline,
)
from sdtrack.present.report import StatusReport, build_status, named_plans, revision_order
from sdtrack.present.status_rows import breakdown_view
from sdtrack.store.workspace import Workspace

from ..conftest import assessment_of, recording_console
from ..test_regional import AS_OF, load_regional, write_regional


def test_sparkline_spans_lowest_to_highest() -> None:
    """The lowest value is the lowest bar, the highest the highest; equal values sit midway."""
    assert sparkline([Decimal(1), Decimal(5), Decimal(9)]) == "▁▄█"
    assert sparkline([Decimal(3), Decimal(3)]) == "▅▅"
    assert sparkline([]) == ""


def test_print_indicator_shows_target_source_and_readings(
    shipped: Workspace, report: StatusReport
) -> None:
    """show's view names the indicator, its target with source, and counts the readings."""
    a = assessment_of(report, "5g-base-stations-2025")
    console = recording_console()
    readings = shipped.readings_for("5g-base-stations")
    print_indicator(console, a.indicator, readings, [a], None)
    text = console.export_text()
    assert "5G基站" in text
    assert "Target 5g-base-stations-2025: more than 270,000 base stations by end-2025" in text
    assert f"Readings ({len(readings)})" in text


def test_print_chart_and_gap_report(shipped: Workspace, report: StatusReport) -> None:
    """The chart has its axis dates and legend; the gap report one paragraph per target."""
    a = assessment_of(report, "5g-base-stations-2025")
    console = recording_console()
    print_chart(console, chart_grid(a.indicator, shipped.readings_for(a.indicator.id), [a]))
    chart = console.export_text()
    assert "2019-12-31" in chart  # the first reading's day
    assert "2025-12-31" in chart  # the deadline
    assert "target at its deadline" in chart
    console = recording_console()
    print_chart(console, None)
    assert "nothing to chart yet" in console.export_text()
    console = recording_console()
    print_gap_report(console, report)
    text = console.export_text()
    assert text.startswith("Gap report as of 2026-11-22")
    assert "5g-base-stations-2025-first  overdue · likely met  (superseded)" in text


def test_show_gives_outlook_marks_bounds_and_sources(
    shipped: Workspace, report: StatusReport
) -> None:
    """show's standing has the outlook; a fragile pace and a dispute are said under it; the
    progress and gap keep their bounds, the latest value its sources, the time its due day."""
    a = assessment_of(report, "5g-base-stations-2025")
    assert a.latest is not None
    marked = dataclasses.replace(
        a,
        status=Status.ON_TRACK,
        outlook=None,
        pace_notes=(PaceNote.SHORT_SPAN,),
        disputed=(a.latest.reading_id or "",),
        progress=0.57,
        gap=Decimal(46000),
        progress_bound="at_least",
        gap_bound="at_most",
        latest=dataclasses.replace(a.latest, sources=2),
    )
    readings = shipped.readings_for("5g-base-stations")
    console = recording_console(width=160)
    print_indicator(console, a.indicator, readings, [a, marked], None)
    text = console.export_text()
    assert "Standing: overdue · likely met (" in text
    assert "Time: 2025 figure overdue since 2026-03-31" in text
    assert "Standing: on track (" in text
    assert "indicative: " in text
    assert f"disputed: readings {a.latest.reading_id} disagree" in text
    latest = f"{int(a.latest.value):,} base stations"
    assert f"Latest: {latest}, 2 sources ({a.latest.period})" in text
    assert "Progress: at least 57 % of the way from the base value" in text
    assert "Still to go: at most 46,000 base stations" in text
    assert f"{latest} (disputed)" in text  # the reading, in the readings table
    # The stated baseline is the only figure read: no progress, and show says why.
    communities = assessment_of(report, "smart-communities-2025")
    console = recording_console(width=160)
    print_indicator(console, communities.indicator, [], [communities], None)
    assert "Progress: no data since the base" in console.export_text()


@pytest.mark.usefixtures("chinese")
def test_show_and_gap_report_in_chinese(shipped: Workspace, report: StatusReport) -> None:
    """In Chinese, show gives Chinese values and dates; the gap report Chinese paragraphs."""
    a = assessment_of(report, "5g-base-stations-2025")
    console = recording_console(width=160)
    readings = shipped.readings_for("5g-base-stations")
    print_indicator(console, a.indicator, readings, [a], None)
    text = console.export_text()
    assert "27万个" in text
    assert "2025年底" in text
    assert a.latest is not None
    assert numbers.quantity(a.latest.value, a.indicator.unit_info, "个") in text
    assert numbers.period(a.latest.period) in text
    console = recording_console(width=160)
    print_gap_report(console, report)
    text = console.export_text()
    assert "2026年11月22日" in text
    assert "目标：到2025年底，5G基站超过27万个" in text


@pytest.mark.parametrize("width", [40, 60, 80])
def test_narrow_targets_and_readings_never_split_a_word(shipped: Workspace, width: int) -> None:
    """`targets` and `show`'s readings at any width: lines within it, ids whole."""
    console = recording_console(width=width)
    print_targets(console, shipped.indicators)
    text = console.export_text()
    assert all(cell_len(line) <= width for line in text.splitlines())
    for target_id in ("5g-base-stations-2025-first", "smart-agriculture-bases-2025"):
        assert target_id in text


# ---------------------------------------------------------------------------------------
# Plans, regions and derived indicators


@pytest.fixture
def regional(tmp_path: Path) -> Workspace:
    return load_regional(write_regional(tmp_path / "regions"))


def _shown(workspace: Workspace, item: str, width: int = 160) -> str:
    indicator, _target = workspace.find(item)
    report = build_status(workspace, AS_OF, [item])
    revised = revision_order(indicator, report.assessments)
    found = breakdown(workspace, indicator, AS_OF)
    assessments = [a for a, _change in revised]
    view = breakdown_view(found, assessments, report) if found is not None else None
    inputs = (
        {i: workspace.indicator(i) for i in indicator.formula.inputs} if indicator.formula else {}
    )
    console = recording_console(width=width)
    print_indicator(
        console,
        indicator,
        workspace.readings_for(indicator.id),
        assessments,
        report.trends[0] if report.trends else None,
        {a.target.id: change for a, change in revised},
        report.current,
        report=report,
        inputs=inputs,
        breakdown=view,
    )
    return console.export_text()


def test_show_names_the_plans_and_the_lineage_across_them(regional: Workspace) -> None:
    text = _shown(regional, "stations")
    assert "Lineage: stations-2025-first (plan-a) → stations-2025 (plan-b)" in text
    assert "Plan: The first plan — Provincial office, 29 November 2021" in text
    assert "Superseded by stations-2025 (plan-b)" in text
    assert "Revises stations-2025-first (plan-a)" in text
    assert "Region: Jinan" in text
    assert "\nBy region\n  16 of 16 cities reported" in text
    assert "≠ differs from the total by 10,000 base stations" in text


def test_show_names_the_regions_a_count_target_still_needs(regional: Workspace) -> None:
    text = _shown(regional, "gigabit-2024")
    assert "Target gigabit-2024: all 16 cities meet the gigabit-city standard by end-2024" in text
    assert "Latest: 15 cities (2022)" in text
    assert "Meeting (15): Jinan, Qingdao, " in text
    assert "No reading (1): Weifang" in text
    assert "Still missing: Weifang (no reading: a reading for Weifang would settle it)" in text
    assert " gigabit-2024 " in text  # the standing column of the region table


def test_show_gives_a_derived_value_s_formula_and_inputs(regional: Workspace) -> None:
    text = _shown(regional, "stations-per-10k")
    assert (
        "Derived by sdtrack, never recorded: 5G base stations (stations) ÷ Resident "
        "population (population) × 10,000"
    ) in text
    assert "56 base stations per 10,000 people (derived)" in text
    assert "numerator: 210,000 base stations (2023), Bulletin 2023 shandong" in text
    assert "denominator: 101.23 million people (2023), Bulletin 2023 shandong" in text
    assert "a ratio is not rolled up over regions; its inputs are" in text


def test_targets_list_their_plans_and_regions(regional: Workspace) -> None:
    plans = named_plans(regional.targets, regional.indicators)
    console = recording_console(width=160)
    print_targets(console, regional.indicators, plans=plans, geography=regional.geography)
    text = console.export_text()
    assert text.startswith("Plans:\n  plan-a  The first plan — Provincial office, 29 November 2021")
    assert "plan: plan-b" in text
    assert "region: Jinan" in text
    assert "all 16 cities meet the gigabit-city standard by" in text
    assert "stock · derived" in text
