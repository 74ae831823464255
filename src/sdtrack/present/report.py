"""The computed report: every target's assessment on one day.

`build_status` computes once; the terminal, `--json` and the exporters all read the same
`StatusReport`, so every output says the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
from sdtrack.core.language import _
from sdtrack.core.model import Indicator, Reading, Target, TargetsFile
from sdtrack.core.regions import Geography
from sdtrack.present import numbers
from sdtrack.present.phrases import outlook_words, revision_phrase, status_words
from sdtrack.store.workspace import Workspace


@dataclass(frozen=True)
class StatusReport:
    """Where every target (and every indicator without one) stands on `as_of`."""

    as_of: dt.date
    workspace: str
    assessments: tuple[Assessment, ...]
    trends: tuple[TrendAssessment, ...]
    current: frozenset[str] = frozenset()

    def is_current(self, assessment: Assessment) -> bool:
        return assessment.target.id in self.current

    @property
    def methods(self) -> list[str]:
        return sorted({a.method for a in self.assessments})

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for assessment in self.assessments:
            counts[assessment.status] += 1
        return {status: n for status, n in counts.items() if n}

    def waiting_counts(self) -> dict[str, dict[str, int]]:
        """The targets awaiting data and overdue (the codes, in that order, when any), each
        counted by outlook: `likely_met`, `likely_missed`, and UNKNOWN for no outlook."""
        counts: dict[str, dict[str, int]] = {}
        for status in (Status.AWAITING_DATA, Status.OVERDUE):
            chosen = [a for a in self.assessments if a.status is status]
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


def build_status(
    workspace: Workspace,
    as_of: dt.date,
    ids: Sequence[str] = (),
    method: Method | None = None,
) -> StatusReport:
    """Assess every target on `as_of` (or only the indicators and targets named in `ids`).

    Each target is judged by `method` when given, else its own method, else the
    workspace's.
    """
    wanted: set[tuple[str, str | None]] = set()
    for item_id in ids:
        indicator, target = workspace.find(item_id)
        wanted.add((indicator.id, target.id if target else None))
    assessments: list[Assessment] = []
    trends: list[TrendAssessment] = []
    current: set[str] = set()
    geography = workspace.geography
    for indicator in workspace.indicators:
        readings = workspace.all_readings_for(indicator.id)
        whole = not wanted or (indicator.id, None) in wanted
        if not indicator.targets and whole:
            trends.append(assess_trend(indicator, workspace.readings_for(indicator.id), as_of))
        current |= current_targets(indicator)
        for target in indicator.targets:
            if whole or (indicator.id, target.id) in wanted:
                chosen = choose_method(target, workspace.targets.method, method)
                assessments.append(
                    assess_target(indicator, target, readings, as_of, chosen, geography)
                )
    return StatusReport(
        as_of,
        workspace_label(workspace),
        tuple(assessments),
        tuple(trends),
        frozenset(current),
    )


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
