"""The computed report: every target's assessment on one day, and revision order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sdtrack.core.assessment import Outlook, Status
from sdtrack.core.errors import UsageError
from sdtrack.core.ledger import Ledger
from sdtrack.core.model import Reading
from sdtrack.core.recorded import Recorded
from sdtrack.present.report import (
    StatusReport,
    build_status,
    current_targets,
    declared_in,
    find_plan,
    lineage_words,
    lineages,
    named_plans,
    outlook_breakdown,
    plan_indicators,
    plan_line,
    revision_order,
    superseded_words,
    waiting_line,
    waiting_lines,
)
from sdtrack.store.workspace import Workspace

from ..conftest import TODAY
from .conftest import assessment_of
from .test_regional import AS_OF, load_regional, write_regional


@pytest.fixture
def regional(tmp_path: Path) -> Workspace:
    """The workspace of Shandong's cities (`test_regional.write_regional`)."""
    return load_regional(write_regional(tmp_path / "regions"))


def test_build_status_on_the_shipped_dataset(shipped: Workspace, report: StatusReport) -> None:
    """Every shipped target is assessed, and every indicator without one has its trend."""
    assert report.workspace == "embedded Shandong dataset (read-only)"
    targets = [t for i in shipped.indicators for t in i.targets]
    assert len(report.assessments) == len(targets)
    assert len(report.trends) == sum(1 for i in shipped.indicators if not i.targets)
    assert sum(report.counts().values()) == len(targets)
    assert "cagr-ratio" in report.methods


def test_build_status_for_one_target(shipped: Workspace) -> None:
    """Naming a target assesses that target only, with no trends."""
    report = build_status(shipped, TODAY, ["gigabit-cities-2024"])
    assert [a.target.id for a in report.assessments] == ["gigabit-cities-2024"]
    assert report.trends == ()


def test_revision_order_names_what_a_revision_changed(
    shipped: Workspace, report: StatusReport
) -> None:
    """The 5G target raised to 270,000 comes after the first one, saying what it raised."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    order = [(a.target.id, change) for a, change in revision_order(indicator, report.assessments)]
    assert order[:2] == [
        ("5g-base-stations-2025-first", None),
        ("5g-base-stations-2025", "raised from 250,000 base stations to 270,000 base stations"),
    ]
    assert "5g-base-stations-2025" in current_targets(indicator)
    assert "5g-base-stations-2025-first" not in current_targets(indicator)
    assert not report.is_current(assessment_of(report, "5g-base-stations-2025-first"))
    assert report.is_current(assessment_of(report, "5g-base-stations-2025"))


def test_waiting_targets_are_counted_by_outlook(report: StatusReport) -> None:
    """Awaiting and overdue targets each counted by outlook, none for a status with none."""
    first = dataclasses.replace(report.assessments[0], status=Status.OVERDUE, outlook=None)
    met = dataclasses.replace(first, outlook=Outlook.LIKELY_MET)
    mixed = dataclasses.replace(
        report,
        assessments=(
            dataclasses.replace(first, status=Status.AWAITING_DATA, outlook=Outlook.LIKELY_MISSED),
            dataclasses.replace(first, status=Status.ON_TRACK),
            met,
            met,
            first,
        ),
    )
    assert mixed.waiting_counts() == {
        "awaiting_data": {"likely_missed": 1},
        "overdue": {"likely_met": 2, "unknown": 1},
    }
    assert waiting_lines(mixed) == [
        ("awaiting_data", "1 awaiting data: 1 likely missed"),
        ("overdue", "3 overdue: 2 likely met, 1 unknown"),
    ]


def test_waiting_line_words_the_counts() -> None:
    """ "9 awaiting data: 5 likely met, 1 likely missed, 3 unknown", outlooks in that order."""
    counts = {"unknown": 3, "likely_missed": 1, "likely_met": 5}
    assert outlook_breakdown(counts) == "5 likely met, 1 likely missed, 3 unknown"
    assert waiting_line("awaiting_data", counts) == (
        "9 awaiting data: 5 likely met, 1 likely missed, 3 unknown"
    )
    assert outlook_breakdown({"unknown": 1_200}) == "1,200 unknown"


@pytest.mark.usefixtures("chinese")
def test_outlooks_are_listed_the_chinese_way() -> None:
    """In Chinese the outlooks are separated by a full-width comma."""
    assert outlook_breakdown({"likely_met": 5, "unknown": 3}).count("，") == 1


# ---------------------------------------------------------------------------------------
# Regions and plans


def test_a_region_s_targets_and_the_latest_there_of_the_rest(regional: Workspace) -> None:
    """`--region jinan` (or 济南): Jinan's target, and for each indicator without a target
    there that has readings there, its trend from Jinan's readings."""
    report = build_status(regional, AS_OF, region="济南")
    assert report.region is not None
    assert report.region.id == "jinan"
    assert [a.target.id for a in report.assessments] == ["jinan-stations-2025"]
    trends = {t.indicator.id: t for t in report.trends}
    assert list(trends) == ["population", "stations-per-10k", "gigabit", "coverage"]
    latest = trends["gigabit"].latest
    assert latest is not None
    assert latest.value == 1


def test_the_own_region_s_targets_are_those_without_a_region(regional: Workspace) -> None:
    report = build_status(regional, AS_OF, region="Shandong")
    ids = [a.target.id for a in report.assessments]
    assert "jinan-stations-2025" not in ids
    assert "gigabit-2024" in ids
    assert "stations-2025" in ids


def test_an_unknown_region_lists_the_regions(regional: Workspace) -> None:
    with pytest.raises(UsageError) as raised:
        build_status(regional, AS_OF, region="Atlantis")
    assert "jinan (Jinan)" in str(raised.value)
    assert raised.value.hint is not None
    assert "--by region" in raised.value.hint


def test_a_plan_s_targets_only(regional: Workspace) -> None:
    """`--plan plan-b`: the targets that plan declared, and no trends."""
    report = build_status(regional, AS_OF, plan="plan-b")
    assert report.plan is not None
    assert report.plan.id == "plan-b"
    assert [a.target.id for a in report.assessments] == [
        "stations-2025",
        "stations-per-10k-2027",
        "gigabit-2024",
    ]
    assert report.trends == ()


def test_an_unknown_plan_lists_the_plans_and_suggests_one(regional: Workspace) -> None:
    with pytest.raises(UsageError) as raised:
        find_plan(regional.targets, "plan-c")
    assert "plans: plan-a, plan-b" in str(raised.value)
    assert raised.value.hint is not None
    assert "did you mean" in raised.value.hint


def test_a_revision_across_plans_is_named(regional: Workspace) -> None:
    """The later plan's target supersedes the earlier plan's; the lineage names both."""
    report = build_status(regional, AS_OF)
    first = assessment_of(report, "stations-2025-first")
    later = report.superseded_by(first)
    assert later is not None
    assert later.id == "stations-2025"
    assert report.superseded_by(assessment_of(report, "stations-2025")) is None
    assert superseded_words(later, report.plans) == "superseded by stations-2025 (plan-b)"
    (chain,) = lineages(regional.indicator("stations"))
    assert [t.id for t in chain] == ["stations-2025-first", "stations-2025"]
    assert lineage_words(chain, report.plans) == (
        "stations-2025-first (plan-a) → stations-2025 (plan-b)"
    )
    jinan = regional.indicator("stations").targets[2]
    assert declared_in(jinan, report.plans) == "2024"  # no plan: its source's year


def test_a_plan_s_line_and_its_indicators(regional: Workspace) -> None:
    plan = find_plan(regional.targets, "plan-b")
    assert plan_line(plan) == (
        "The second plan — Information Office, 10 April 2024, 鲁通信〔2024〕1号"
    )
    chosen = plan_indicators(regional.targets, plan)
    assert [i.id for i in chosen] == ["stations", "stations-per-10k", "gigabit"]
    assert [t.id for t in chosen[0].targets] == ["stations-2025"]
    assert len(plan_indicators(regional.targets, None)) == len(regional.indicators)
    assert [p.id for p in named_plans(regional.targets, chosen)] == ["plan-b"]
    assert [p.id for p in named_plans(regional.targets, regional.indicators)] == [
        "plan-a",
        "plan-b",
    ]


@pytest.mark.usefixtures("marked")
def test_plan_words_are_looked_up(regional: Workspace) -> None:
    plan = find_plan(regional.targets, "plan-a")
    assert plan_line(plan) == "⟪{title} — {issuer}, {day}⟫".format(
        title="第一份规划", issuer="省办公室", day="2021年11月29日"
    )


def test_a_status_of_some_indicators_makes_only_their_readings(shipped: Workspace) -> None:
    """`build_status` with ids asks the ledger for the readings of the indicators it
    assesses (a derived one's inputs included) and of no other: on a large ledger each
    indicator's readings are made from its rows when asked for."""
    asked: list[str] = []

    class Asked:
        def __init__(self, recorded: Recorded) -> None:
            self.recorded = recorded

        def ledger(self) -> Ledger:
            return self.recorded.ledger()

        def current(self) -> tuple[Reading, ...]:
            return self.recorded.current()

        def current_for(self, indicator_id: str) -> list[Reading]:
            asked.append(indicator_id)
            return self.recorded.current_for(indicator_id)

        def readings_to_keep(self) -> int | None:
            return self.recorded.readings_to_keep()

    watched = dataclasses.replace(shipped, recorded=Asked(shipped.recorded))
    ratio = "5g-base-stations-per-10k"
    report = build_status(watched, TODAY, ["5g-base-stations", ratio])
    assert {a.indicator.id for a in report.assessments} == {"5g-base-stations", ratio}
    assert set(asked) == {"5g-base-stations", "resident-population"}
    whole = build_status(shipped, TODAY)
    assert [a for a in whole.assessments if a.indicator.id in (ratio, "5g-base-stations")] == list(
        report.assessments
    )
