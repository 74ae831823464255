"""The status rows: a computed report worded once into the table's view, and the words of
a target's cells that every table shares."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from sdtrack.core.assessment import Assessment, Outlook, PaceNote, Status
from sdtrack.present.phrases import status_words, time_left_phrase
from sdtrack.present.regional import breakdown, breakdowns
from sdtrack.present.report import StatusReport, build_status
from sdtrack.present.status_rows import (
    bounded,
    breakdown_view,
    compute_status,
    gap_words,
    indicative_mark,
    latest_sources,
    progress_note,
    progress_words,
    region_matrix,
    status_marks,
    status_phrase,
    status_view,
    time_words,
)
from sdtrack.present.status_view import OVERDUE, StatusView
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import Workspace

from ..conftest import TODAY
from .conftest import assessment_of
from .test_regional import AS_OF, load_regional, write_regional


@pytest.fixture
def regional(tmp_path: Path) -> Workspace:
    """The workspace of Shandong's cities (`test_regional.write_regional`)."""
    return load_regional(write_regional(tmp_path / "regions"))


def five_g(report: StatusReport) -> Assessment:
    return assessment_of(report, "5g-base-stations-2025")


def test_status_view_words_every_row(report: StatusReport) -> None:
    """Every target has a row with its declared target, gap and time already phrased."""
    view = status_view(report)
    assert len(view.rows) == len(report.assessments)
    assert view.summary == [(s.value, n) for s, n in report.counts().items()]
    row = next(r for r in view.rows if r.target_id == "5g-base-stations-2025")
    assert row.declared == "> 270,000 base stations by end-2025"
    gap = five_g(report).gap
    assert gap is not None
    assert row.gap == f"{int(gap):,} base stations"
    assert row.time_left == "2025 figure overdue since 2026-03-31"
    assert (row.outlook, row.outlook_word) == ("likely_met", "likely met")
    assert view.trends[0].indicator_id == "digital-economy-output"


def test_the_view_counts_waiting_targets_by_outlook(report: StatusReport) -> None:
    """The view carries a line per waiting status, its targets counted by outlook."""
    counts = report.waiting_counts()[OVERDUE]
    total, met, unknown = sum(counts.values()), counts["likely_met"], counts["unknown"]
    assert status_view(report).waiting == [
        (OVERDUE, f"{total} overdue: {met} likely met, {unknown} unknown")
    ]


def test_compute_status_gives_the_document_and_the_same_view(workspace: Path) -> None:
    """compute_status loads, assesses and returns a document matching its view."""
    document, view = compute_status(locate_workspace(workspace, None, workspace), TODAY, [], None)
    assert document["command"] == "status"
    assert [t["target_id"] for t in document["targets"]] == [r.target_id for r in view.rows]
    assert view.workspace == str(workspace)


def test_english_view_shows_the_status_words(report: StatusReport) -> None:
    """In English the displayed status word is the code's words ('overdue')."""
    view = status_view(report)
    assert all(row.status_word == status_words(row.status) for row in view.rows)
    assert view.status_words[OVERDUE] == "overdue"
    assert view.status_words == {s.value: status_words(s.value) for s in report.counts()}


@pytest.mark.usefixtures("chinese")
def test_chinese_view_words_cells_in_chinese_and_keeps_the_codes(report: StatusReport) -> None:
    """In Chinese the cells carry Chinese numbers, dates and names; the status stays a code."""
    view = status_view(report)
    row = next(r for r in view.rows if r.target_id == "5g-base-stations-2025")
    assert row.status == OVERDUE  # the code: it picks the colour and the order
    assert row.outlook == "likely_met"
    assert row.status_word == status_words(OVERDUE)
    assert row.indicator_name == "5G基站"
    assert row.latest is not None
    assert row.latest.endswith("万个")
    assert row.latest_period is not None
    assert row.latest_period.endswith("年")
    assert row.gap is not None
    assert row.gap.endswith("万个")
    assert "27万个" in row.declared
    assert "2025年底" in row.declared
    assert "2026年3月31日" in row.time_left
    overdue = report.counts()[Status.OVERDUE]
    assert (OVERDUE, overdue) in view.summary
    assert view.awaiting == overdue
    assert bounded("1.2万亿元", "at_most", symbols=True) == "≤1.2万亿元"
    ((status, line),) = view.waiting
    assert status == OVERDUE
    assert "，" in line  # the Chinese list separator between the outlooks


def test_view_round_trips_and_reads_entries_cached_before_its_newer_fields(
    report: StatusReport,
) -> None:
    """to_data/from_data keep the words; an older entry without them still loads."""
    view = status_view(report)
    assert StatusView.from_data(view.to_data()) == view
    data = view.to_data()
    for name in ("status_words", "waiting"):
        del data[name]
    for row in data["rows"]:
        for name in ("status_word", "outlook", "outlook_word", "disputed", "progress_text"):
            del row[name]
    for trend in data["trends"]:
        del trend["status_word"]
    old = StatusView.from_data(data)
    assert old.rows[0].status_shown == old.rows[0].status
    assert old.rows[0].outlook == ""
    assert old.waiting == []
    assert old.status_shown(OVERDUE) == OVERDUE


def test_a_bound_is_shown_as_a_bound(report: StatusReport) -> None:
    """A progress or gap computed from a bound says which side it bounds."""
    a = dataclasses.replace(
        five_g(report),
        progress=0.57,
        gap=Decimal(46000),
        progress_bound="at_least",
        gap_bound="at_most",
    )
    assert progress_words(a) == "at least 57 %"
    assert progress_words(a, symbols=True) == "≥ 57 %"
    assert gap_words(a) == "at most 46,000 base stations"
    assert gap_words(a, symbols=True) == "≤ 46,000 base stations"
    assert bounded("1 city", "about", symbols=True) == "≈ 1 city"
    assert bounded("1 city", None) == "1 city"
    row = status_view(dataclasses.replace(report, assessments=(a,))).rows[0]
    assert (row.progress_text, row.gap) == ("≥ 57 %", "≤ 46,000 base stations")


def test_no_progress_is_shown_when_only_the_base_was_read(report: StatusReport) -> None:
    """A latest reading that is the base itself gives no progress, and says why; so does the
    reading that gives a target's stated baseline (the same day, another point)."""
    for target in ("smart-agriculture-bases-2025", "smart-communities-2025"):
        a = assessment_of(report, target)
        assert a.latest is not None
        assert a.base is not None
        assert a.latest.date == a.base.date
        assert progress_words(a) == "—"
        assert progress_note(a) == "no data since the base"
        row = next(r for r in status_view(report).rows if r.target_id == target)
        assert row.progress is None
        assert row.progress_note == "no data since the base"
    assert progress_note(five_g(report)) == ""
    # A progress a bound cannot give is not "no data": IT revenue was read after its base.
    assert progress_note(assessment_of(report, "it-industry-revenue-2025")) == ""


def test_sources_beyond_one_are_counted(report: StatusReport) -> None:
    """ "2 sources" when a second source gives the latest value; nothing for one."""
    a = five_g(report)
    assert a.latest is not None
    two = dataclasses.replace(a, latest=dataclasses.replace(a.latest, sources=2))
    assert latest_sources(two) == "2 sources"
    one = dataclasses.replace(a, latest=dataclasses.replace(a.latest, sources=1))
    assert latest_sources(one) == ""
    assert latest_sources(assessment_of(report, "it-industry-revenue-2025")) == ""


def test_status_phrase_adds_the_outlook_of_a_waiting_target(report: StatusReport) -> None:
    """ "overdue · likely met"; a target that is not waiting shows no outlook."""
    a = five_g(report)
    assert status_phrase(a) == "overdue · likely met"
    missed = dataclasses.replace(a, status=Status.AWAITING_DATA, outlook=Outlook.LIKELY_MISSED)
    assert status_phrase(missed) == "awaiting data · likely missed"
    assert status_phrase(dataclasses.replace(a, status=Status.ON_TRACK)) == "on track"


def test_marks_indicative_and_disputed(report: StatusReport) -> None:
    """A fragile pace marks an open verdict indicative; unsettled readings mark it disputed."""
    a = dataclasses.replace(five_g(report), status=Status.ON_TRACK, outlook=None)
    assert status_marks(a) == []
    fragile = dataclasses.replace(a, pace_notes=(PaceNote.SHORT_SPAN,))
    assert indicative_mark(fragile) == "indicative"
    achieved = dataclasses.replace(fragile, status=Status.ACHIEVED)
    assert indicative_mark(achieved) == ""  # a final verdict rests on no pace
    disputed = dataclasses.replace(fragile, disputed=("r-1", "r-2"))
    assert status_marks(disputed) == ["indicative", "disputed"]
    row = status_view(dataclasses.replace(report, assessments=(disputed,))).rows[0]
    assert (row.indicative, row.disputed) == ("indicative", "disputed")
    assert row.needs_attention


def test_time_words_of_waiting_and_ongoing_targets(report: StatusReport) -> None:
    """A waiting target says when its figure is expected or since when it is overdue; one
    without a deadline says 'ongoing', never that a deadline passed."""
    a = five_g(report)
    assert time_words(a) == "2025 figure overdue since 2026-03-31"
    awaiting = dataclasses.replace(a, status=Status.AWAITING_DATA)
    assert time_words(awaiting) == "2025 figure expected by 2026-03-31"
    assert time_words(dataclasses.replace(a, awaited=None)) == "overdue since 2026-03-31"
    open_ = dataclasses.replace(a, status=Status.ON_TRACK, as_of=dt.date(2024, 12, 1))
    assert time_words(open_) == time_left_phrase(open_.as_of, open_.deadline)
    yearly = assessment_of(report, "leading-projects-yearly")
    assert yearly.deadline is None
    assert time_words(yearly) == "ongoing · 2024 figure overdue since 2025-03-31"
    assert time_words(yearly, "\n") == "ongoing\n2024 figure overdue since 2025-03-31"
    not_due = dataclasses.replace(yearly, status=Status.NOT_YET_DUE, awaited=None)
    assert time_words(not_due) == "ongoing"


# ---------------------------------------------------------------------------------------
# Regions and plans


def test_rows_name_their_plan_region_and_what_superseded_them(regional: Workspace) -> None:
    view = status_view(build_status(regional, AS_OF))
    rows = {r.target_id: r for r in view.rows}
    first = rows["stations-2025-first"]
    assert (first.plan, first.superseded) == ("plan-a", True)
    assert first.superseded_by == "superseded by stations-2025 (plan-b)"
    assert (rows["stations-2025"].superseded_by, rows["stations-2025"].region) == ("", "")
    assert rows["jinan-stations-2025"].region == "Jinan"
    assert rows["gigabit-2024"].declared == (
        "all 16 cities meet the gigabit-city standard by end-2024"
    )
    assert (rows["gigabit-2024"].latest, rows["gigabit-2024"].gap) == ("15 cities", "≤ 1 city")
    assert [plan for plan, _line in view.plans] == ["plan-a", "plan-b"]
    assert view.plans[0][1] == "The first plan — Provincial office, 29 November 2021"
    assert view.scope == []
    assert view.matrix is None


def test_the_scope_says_what_the_rows_were_chosen_by(regional: Workspace) -> None:
    jinan = status_view(build_status(regional, AS_OF, region="jinan"))
    assert jinan.scope == ["Region: Jinan"]
    assert jinan.rows[0].region == ""  # the scope says it once
    chosen = status_view(build_status(regional, AS_OF, plan="plan-b"))
    assert chosen.scope == [
        "Plan: The second plan — Information Office, 10 April 2024, 鲁通信〔2024〕1号"
    ]
    assert chosen.plans == []


def test_a_breakdown_is_worded_with_its_targets(regional: Workspace) -> None:
    """Each city's latest and its standing towards the count target; the roll-ups (the
    latest complete one, then the latest); who is still missing."""
    report = build_status(regional, AS_OF)
    found = breakdown(regional, regional.indicator("gigabit"), AS_OF)
    assert found is not None
    mine = [a for a in report.assessments if a.indicator.id == "gigabit"]
    view = breakdown_view(found, mine, report)
    assert (view.level, view.reported) == ("City", "15 of 16 cities reported")
    weifang = next(r for r in view.rows if r.region_id == "weifang")
    assert (weifang.latest, weifang.standings) == (None, [("unreported", "no reading")])
    assert view.rows[0].standings == [("meets", "meets")]
    (target,) = view.targets
    assert target.counts == "15 of 16 cities meet the gigabit-city standard; 1 without a reading"
    assert target.missing == (
        "Still missing: Weifang (no reading: a reading for Weifang would settle it)"
    )
    stations = breakdown(regional, regional.indicator("stations"), AS_OF)
    assert stations is not None
    worded = breakdown_view(stations, [], report)
    complete, latest = worded.rollups
    assert complete.period == "2023"
    assert complete.total == "sum of the 16 cities: 200,000 base stations"
    assert complete.own == "Shandong's own figure: 210,000 base stations"
    assert complete.difference == "differs from the total by 10,000 base stations"
    assert latest.total == "11 of 16 cities reported: no total"
    assert latest.own == "no figure for Shandong itself"
    ratio = breakdown(regional, regional.indicator("stations-per-10k"), AS_OF)
    assert ratio is not None
    derived = breakdown_view(ratio, [], report)
    assert derived.note == "a ratio is not rolled up over regions; its inputs are"
    assert derived.rollups[0].total == "16 of 16 cities reported"
    assert derived.rows[0].latest == "56 base stations per 10,000 people (derived)"


def test_the_matrix_and_its_summarising_line(regional: Workspace, tmp_path: Path) -> None:
    report = build_status(regional, AS_OF)
    matrix = region_matrix(report, breakdowns(regional, AS_OF))
    assert matrix.region == "By region: the 16 cities of Shandong"
    assert [b.indicator_id for b in matrix.breakdowns][:2] == ["stations", "population"]
    assert matrix.without == ""
    few = region_matrix(report, breakdowns(regional, AS_OF)[3:])
    assert few.without.startswith("4 targets have no regional readings: stations-2025-first, ")
    location = locate_workspace(write_regional(tmp_path / "by"), None, tmp_path / "by")
    document, view = compute_status(location, AS_OF, [], None, by="region")
    assert document["by"] == "region"
    assert view.matrix is not None
    assert view.matrix.breakdowns
    assert StatusView.from_data(view.to_data()) == view
    _document, chosen = compute_status(location, AS_OF, [], None, plan="plan-a", by="region")
    assert chosen.matrix is not None
    assert [b.indicator_id for b in chosen.matrix.breakdowns] == ["stations"]
