"""The computed report: every target's assessment on one day.

`build_status` computes once; the terminal, `--json` and the exporters all read the same
`StatusReport`, so every output says the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sdtrack.core.assessment import (
    Assessment,
    Outlook,
    Status,
    TrendAssessment,
    assess_target,
    assess_trend,
    choose_method,
)
from sdtrack.core.choices import Method
from sdtrack.core.errors import UsageError, name_list
from sdtrack.core.language import _
from sdtrack.core.model import Indicator, Reading, Target, TargetsFile
from sdtrack.core.regions import Geography, Region, find_region
from sdtrack.core.sources import Plan
from sdtrack.core.suggestions import with_suggestion
from sdtrack.present import numbers
from sdtrack.present.phrases import outlook_words, revision_phrase, status_words
from sdtrack.store.workspace import Workspace


@dataclass(frozen=True)
class Standing:
    """What the report's totals count of one target's assessment: its status and
    outlook, the method that judged it and the plan that declared it."""

    status: Status
    outlook: Outlook | None
    method: str
    plan: str | None

    @classmethod
    def of(cls, assessment: Assessment) -> Standing:
        return cls(assessment.status, assessment.outlook, assessment.method, assessment.target.plan)

    def to_data(self) -> list[str | None]:
        return [self.status.value, self.outlook.value if self.outlook else None, self.method,
                self.plan]  # fmt: skip

    @classmethod
    def from_data(cls, data: Sequence[str | None]) -> Standing:
        status, outlook, method, plan = data
        return cls(Status(str(status)), Outlook(outlook) if outlook else None, str(method), plan)


@dataclass(frozen=True)
class StatusReport:
    """Where every target (and every indicator without one) stands on `as_of`."""

    as_of: dt.date
    workspace: str
    assessments: tuple[Assessment, ...]
    trends: tuple[TrendAssessment, ...]
    current: frozenset[str] = frozenset()
    geography: Geography | None = None
    region: Region | None = None
    """The region asked for (`status --region`), None for every target."""
    plan: Plan | None = None
    """The plan asked for (`status --plan`), None for every target."""
    plans: Mapping[str, Plan] = field(default_factory=dict)
    """Every plan of the workspace, by id."""
    revisions: Mapping[str, Target] = field(default_factory=dict)
    """Each target a later declaration revised, with the target that revised it."""
    counted: tuple[Standing, ...] | None = None
    """The standings the totals count, when the report is the frame of one put together
    from saved parts (`present.status_parts`) and holds no assessments; else None: the
    assessments' own."""

    @property
    def standings(self) -> tuple[Standing, ...]:
        if self.counted is not None:
            return self.counted
        return tuple(Standing.of(a) for a in self.assessments)

    def is_current(self, assessment: Assessment) -> bool:
        return assessment.target.id in self.current

    def superseded_by(self, assessment: Assessment) -> Target | None:
        return self.revisions.get(assessment.target.id)

    @property
    def methods(self) -> list[str]:
        return sorted({s.method for s in self.standings})

    def named_plans(self) -> list[str]:
        """The ids of the known plans that declared the targets, oldest plan first."""
        named = {s.plan for s in self.standings if s.plan in self.plans}
        return sorted((p for p in named if p), key=lambda p: self.plans[p].date)

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for standing in self.standings:
            counts[standing.status] += 1
        return {status: n for status, n in counts.items() if n}

    def waiting_counts(self) -> dict[str, dict[str, int]]:
        """The targets awaiting data and overdue (the codes, in that order, when any), each
        counted by outlook: `likely_met`, `likely_missed`, and UNKNOWN for no outlook."""
        counts: dict[str, dict[str, int]] = {}
        standings = self.standings
        for status in (Status.AWAITING_DATA, Status.OVERDUE):
            chosen = [a for a in standings if a.status is status]
            if chosen:
                by_outlook = dict.fromkeys(OUTLOOK_ORDER, 0)
                for a in chosen:
                    by_outlook[a.outlook.value if a.outlook else UNKNOWN] += 1
                counts[status.value] = {code: n for code, n in by_outlook.items() if n}
        return counts


# A waiting target without an outlook, in the counts by outlook.
UNKNOWN = "unknown"
OUTLOOK_ORDER = (Outlook.LIKELY_MET.value, Outlook.LIKELY_MISSED.value, UNKNOWN)


def outlook_breakdown(counts: Mapping[str, int]) -> str:
    """Waiting targets counted by outlook: "5 likely met, 1 likely missed, 3 unknown"."""
    parts = []
    for code in OUTLOOK_ORDER:
        n = counts.get(code, 0)
        if not n:
            continue
        if code == UNKNOWN:
            parts.append(_("{count} unknown").format(count=f"{n:,}"))
        else:
            parts.append(_("{count} {outlook}").format(count=f"{n:,}", outlook=outlook_words(code)))
    return ("，" if numbers.chinese() else ", ").join(parts)


def waiting_line(status: str, counts: Mapping[str, int]) -> str:
    """ "9 awaiting data: 5 likely met, 1 likely missed, 3 unknown"."""
    return _("{count} {status}: {outlooks}").format(
        count=f"{sum(counts.values()):,}",
        status=status_words(status),
        outlooks=outlook_breakdown(counts),
    )


def waiting_lines(report: StatusReport) -> list[tuple[str, str]]:
    """Each waiting status with its line counting the targets by outlook."""
    return [(status, waiting_line(status, n)) for status, n in report.waiting_counts().items()]


def workspace_label(workspace: Workspace) -> str:
    location = workspace.location
    if location.embedded:
        return _("embedded Shandong dataset (read-only)")
    return str(location.root)


def lineage(target: Target) -> tuple[str, str | None, bool]:
    """What a later declaration revises: a target of the same kind, for the same region,
    counting regions or not."""
    return target.kind, target.region, target.each is not None


def current_targets(indicator: Indicator) -> set[str]:
    """The most recently declared target of each lineage: the one in force after revisions."""
    newest: dict[tuple[str, str | None, bool], Target] = {}
    for target in sorted(indicator.targets, key=lambda t: t.source.date):
        newest[lineage(target)] = target
    return {t.id for t in newest.values()}


def revisions(indicator: Indicator) -> list[tuple[Target, str | None]]:
    """The indicator's targets oldest first, each with what changed from the one before it."""
    ordered = sorted(indicator.targets, key=lambda t: t.source.date)
    previous: dict[tuple[str, str | None, bool], Target] = {}
    result: list[tuple[Target, str | None]] = []
    for target in ordered:
        before = previous.get(lineage(target))
        result.append((target, revision_phrase(before, target, indicator) if before else None))
        previous[lineage(target)] = target
    return result


def revised_by(indicator: Indicator) -> dict[str, Target]:
    """Each target a later declaration revised, with the one that revised it."""
    ordered = sorted(indicator.targets, key=lambda t: t.source.date)
    previous: dict[tuple[str, str | None, bool], Target] = {}
    later: dict[str, Target] = {}
    for target in ordered:
        if (before := previous.get(lineage(target))) is not None:
            later[before.id] = target
        previous[lineage(target)] = target
    return later


def find_plan(targets: TargetsFile, typed: str) -> Plan:
    """The plan with the id `typed`; a UsageError listing the plans otherwise."""
    plans = {plan.id: plan for plan in targets.plans}
    if typed in plans:
        return plans[typed]
    known = name_list(list(plans))
    hint = with_suggestion(_("`sdtrack targets` shows each target's plan"), typed, plans)
    raise UsageError(
        _("no plan has the id {id!r}; plans: {known}").format(id=typed, known=known), hint=hint
    )


def plan_indicators(targets: TargetsFile, plan: Plan | None) -> list[Indicator]:
    """The indicators with only the targets `plan` declared, those with none left out;
    every indicator as it is without a plan."""
    if plan is None:
        return list(targets.indicators)
    chosen = []
    for indicator in targets.indicators:
        mine = [t for t in indicator.targets if t.plan == plan.id]
        if mine:
            chosen.append(indicator.model_copy(update={"targets": mine}))
    return chosen


def named_plans(targets: TargetsFile, indicators: Sequence[Indicator]) -> list[Plan]:
    """The plans the indicators' targets name, oldest first."""
    named = {t.plan for i in indicators for t in i.targets if t.plan}
    return sorted((p for p in targets.plans if p.id in named), key=lambda p: p.date)


def _wanted(workspace: Workspace, ids: Sequence[str]) -> set[tuple[str, str | None]]:
    wanted: set[tuple[str, str | None]] = set()
    for item_id in ids:
        indicator, target = workspace.find(item_id)
        wanted.add((indicator.id, target.id if target else None))
    return wanted


def _chosen(target: Target, geography: Geography, region: Region | None, plan: Plan | None) -> bool:
    """Whether the target is in the region and the plan asked for (either when not asked)."""
    if region is not None and geography.key(target.region) != geography.key(region.id):
        return False
    return plan is None or target.plan == plan.id


def build_status(
    workspace: Workspace,
    as_of: dt.date,
    ids: Sequence[str] = (),
    method: Method | None = None,
    *,
    region: str | None = None,
    plan: str | None = None,
) -> StatusReport:
    """Assess every target on `as_of` (or only the indicators and targets named in `ids`).

    Each target is judged by `method` when given, else its own method, else the
    workspace's. With `region` (an id or a name), only that region's targets, and the
    latest of each indicator without a target there that has readings in it; with
    `plan`, only the targets that plan declared.
    """
    wanted = _wanted(workspace, ids)
    geography = workspace.geography
    chosen_region = find_region(geography.table, region) if region is not None else None
    chosen_plan = find_plan(workspace.targets, plan) if plan is not None else None
    assessments: list[Assessment] = []
    trends: list[TrendAssessment] = []
    current: set[str] = set()
    revised: dict[str, Target] = {}
    for indicator in workspace.indicators:
        whole = not wanted or (indicator.id, None) in wanted
        targets = [
            t for t in indicator.targets if _chosen(t, geography, chosen_region, chosen_plan)
        ]
        if whole and chosen_plan is None and not targets:
            trend = _trend(workspace, indicator, as_of, chosen_region)
            if trend is not None:
                trends.append(trend)
        current |= current_targets(indicator)
        revised |= revised_by(indicator)
        assessed = [t for t in targets if whole or (indicator.id, t.id) in wanted]
        # Only an indicator with a target assessed has its readings made.
        readings = workspace.all_readings_for(indicator.id) if assessed else []
        for target in assessed:
            chosen = choose_method(target, workspace.targets.method, method)
            assessments.append(assess_target(indicator, target, readings, as_of, chosen, geography))
    return StatusReport(
        as_of,
        workspace_label(workspace),
        tuple(assessments),
        tuple(trends),
        frozenset(current),
        geography,
        chosen_region,
        chosen_plan,
        {p.id: p for p in workspace.targets.plans},
        revised,
    )


def _trend(
    workspace: Workspace, indicator: Indicator, as_of: dt.date, region: Region | None
) -> TrendAssessment | None:
    """The trend of an indicator without a target: of every one in the workspace's own
    region; of one with readings, in another region asked for."""
    if region is None:
        if indicator.targets:
            return None
        return assess_trend(indicator, workspace.readings_for(indicator.id), as_of)
    readings = workspace.readings_for(indicator.id, region.id)
    return assess_trend(indicator, readings, as_of) if readings else None


def standing(
    targets: TargetsFile, indicator: Indicator, readings: Sequence[Reading], as_of: dt.date
) -> list[Assessment]:
    """Each of the indicator's targets assessed on `as_of` from `readings` (of every
    region), by its method."""
    geography = Geography.of(targets.regions, targets.region)
    return [
        assess_target(indicator, t, readings, as_of, choose_method(t, targets.method), geography)
        for t in indicator.targets
    ]


def revision_order(
    indicator: Indicator, assessments: Sequence[Assessment]
) -> list[tuple[Assessment, str | None]]:
    """The indicator's assessments, oldest declaration first, each with what it revised."""
    by_target = {a.target.id: a for a in assessments}
    return [(by_target[t.id], change) for t, change in revisions(indicator) if t.id in by_target]


# ---------------------------------------------------------------------------------------
# Plans: how a plan is named, and the lineage of a target revised across plans


def plan_line(plan: Plan) -> str:
    """A plan in full: "Title — issuer, 10 April 2024, 鲁通信〔2025〕1号"."""
    fields = {"title": plan.display_title, "issuer": plan.display_issuer}
    fields |= {"day": numbers.day_in_words(plan.date), "document": plan.document or ""}
    if plan.document:
        return _("{title} — {issuer}, {day}, {document}").format(**fields)
    return _("{title} — {issuer}, {day}").format(**fields)


def declared_in(target: Target, plans: Mapping[str, Plan]) -> str:
    """Where a target was declared, in a word: its plan's id (the plans list says the
    rest), else the year of its source."""
    if target.plan is not None and target.plan in plans:
        return target.plan
    return str(target.source.date.year)


def superseded_words(later: Target, plans: Mapping[str, Plan]) -> str:
    """ "superseded by 5g-base-stations-2025 (scio-2024-04-10)"."""
    return _("superseded by {target} ({declared})").format(
        target=later.id, declared=declared_in(later, plans)
    )


def lineages(indicator: Indicator) -> list[list[Target]]:
    """The indicator's chains of revisions, oldest declaration first, each of two or more."""
    later = revised_by(indicator)
    revised = {t.id for t in later.values()}
    chains = []
    for target in sorted(indicator.targets, key=lambda t: t.source.date):
        if target.id in revised or target.id not in later:
            continue
        chain = [target]
        while chain[-1].id in later:
            chain.append(later[chain[-1].id])
        chains.append(chain)
    return chains


def lineage_words(chain: Sequence[Target], plans: Mapping[str, Plan]) -> str:
    """ "5g-base-stations-2025-first (wire-2021-11-29) → 5g-base-stations-2025
    (scio-2024-04-10)": each target with the plan that declared it."""
    return " → ".join(
        _("{target} ({declared})").format(target=t.id, declared=declared_in(t, plans))
        for t in chain
    )
