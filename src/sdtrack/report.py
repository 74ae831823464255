"""The computed report: every target's assessment on one day, and its plain-data forms.

`build_status` computes once; the terminal renderer, `--json` and (later) the exporters all
read the same `StatusReport`, so every output says the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sdtrack import __version__
from sdtrack.assessment import (
    Assessment,
    Point,
    Status,
    TrendAssessment,
    assess_target,
    assess_trend,
    choose_method,
    months_between,
)
from sdtrack.briefing import gap_paragraph, time_to_target
from sdtrack.choices import Method
from sdtrack.ledger import Entry
from sdtrack.model import (
    COMPARISON_SYMBOLS,
    COMPARISON_WORDS,
    Indicator,
    Reading,
    Target,
)
from sdtrack.periods import years_between
from sdtrack.quantities import Unit, format_change, format_quantity
from sdtrack.workspace import Workspace

JSON_SCHEMA_VERSION = 1


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


def workspace_label(workspace: Workspace) -> str:
    location = workspace.location
    if location.embedded:
        return "embedded Shandong dataset (read-only)"
    return str(location.root)


def current_targets(indicator: Indicator) -> set[str]:
    """The most recently declared target of each kind: the one in force after revisions."""
    newest: dict[str, Target] = {}
    for target in sorted(indicator.targets, key=lambda t: t.source.date):
        newest[target.kind] = target
    return {t.id for t in newest.values()}


def revisions(indicator: Indicator) -> list[tuple[Target, str | None]]:
    """The indicator's targets oldest first, each with what changed from the one before it."""
    ordered = sorted(indicator.targets, key=lambda t: t.source.date)
    previous: dict[str, Target] = {}
    result: list[tuple[Target, str | None]] = []
    for target in ordered:
        before = previous.get(target.kind)
        result.append((target, _changes(before, target, indicator) if before else None))
        previous[target.kind] = target
    return result


def _changes(before: Target, after: Target, indicator: Indicator) -> str:
    changes = []
    if after.value != before.value:
        verb = "raised" if after.value > before.value else "lowered"
        unit = Unit("%", "percent") if after.kind == "growth" else indicator.unit_info
        changes.append(
            f"{verb} from {format_quantity(before.value, unit)} "
            f"to {format_quantity(after.value, unit)}"
        )
    if after.deadline != before.deadline and after.deadline and before.deadline:
        verb = "later" if after.deadline > before.deadline else "earlier"
        changes.append(
            f"deadline moved {verb}, from {before.deadline.describe()} "
            f"to {after.deadline.describe()}"
        )
    if after.comparison != before.comparison:
        changes.append(
            f"comparison changed from {COMPARISON_WORDS[before.comparison]} "
            f"to {COMPARISON_WORDS[after.comparison]}"
        )
    return "; ".join(changes) or "restated unchanged"


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
    for indicator in workspace.indicators:
        readings = workspace.readings_for(indicator.id)
        whole = not wanted or (indicator.id, None) in wanted
        if not indicator.targets and whole:
            trends.append(assess_trend(indicator, readings, as_of))
        current |= current_targets(indicator)
        for target in indicator.targets:
            if whole or (indicator.id, target.id) in wanted:
                chosen = choose_method(target, workspace.targets.method, method)
                assessments.append(assess_target(indicator, target, readings, as_of, chosen))
    return StatusReport(
        as_of,
        workspace_label(workspace),
        tuple(assessments),
        tuple(trends),
        frozenset(current),
    )


# ---------------------------------------------------------------------------------------
# Phrases shared by every output


def quantity(value: Decimal, indicator: Indicator) -> str:
    return format_quantity(value, indicator.unit_info)


def target_phrase(target: Target, indicator: Indicator, *, symbols: bool = False) -> str:
    """'more than 270,000 base stations by end-2025', or with symbols '> 270,000 …'."""
    comparison = (COMPARISON_SYMBOLS if symbols else COMPARISON_WORDS)[target.comparison]
    if target.kind == "growth":
        what = f"{comparison} {format_quantity(target.value, Unit('%', 'percent'))} growth a year"
    elif target.kind == "recurring":
        what = f"{comparison} {quantity(target.value, indicator)} a year"
    else:
        what = f"{comparison} {quantity(target.value, indicator)}"
    if target.kind != "level" and target.start is not None:
        end = target.deadline.end.year if target.deadline else "onwards"
        return (
            f"{what}, {target.start.end.year}–{end}"
            if end != "onwards"
            else (f"{what} from {target.start.end.year}")
        )
    assert target.deadline is not None
    return f"{what} by {target.deadline.describe()}"


def point_phrase(point: Point, indicator: Indicator) -> str:
    """'over 200,000 base stations (derived)': the value with its source's wording."""
    text = quantity(point.value, indicator)
    if point.qualifier:
        text = f"{point.qualifier} {text}"
    if point.derived:
        text += " (derived)"
    return text


def time_left_phrase(as_of: dt.date, deadline: dt.date | None) -> str:
    if deadline is None:
        return "ongoing"
    if as_of > deadline:
        months = months_between(deadline, as_of)
        ago = "less than a month" if months == 0 else _duration(months)
        return f"passed {ago} ago"
    months = months_between(as_of, deadline)
    if months == 0:
        return f"{(deadline - as_of).days} days left"
    return f"{_duration(months)} left"


def _duration(months: int) -> str:
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def gap_phrase(assessment: Assessment) -> str | None:
    if assessment.gap is None:
        return None
    if assessment.gap == 0:
        return "none"
    return format_change(assessment.gap, assessment.indicator.unit_info)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


def years_text(start: dt.date, end: dt.date) -> str:
    return f"{years_between(start, end):.2f}"


# ---------------------------------------------------------------------------------------
# JSON


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _point(point: Point | None, indicator: Indicator) -> dict[str, Any] | None:
    if point is None:
        return None
    return {
        "value": _number(point.value),
        "text": point_phrase(point, indicator),
        "date": point.date.isoformat(),
        "period": str(point.period),
        "reading_id": point.reading_id,
        "qualifier": point.qualifier,
        "derived": point.derived,
    }


def source_dict(target: Target) -> dict[str, Any]:
    source = target.source
    return {
        "document": source.document,
        "publisher": source.publisher,
        "speaker": source.speaker,
        "date": source.date.isoformat(),
        "url": source.url,
        "quote": source.quote,
    }


def assessment_dict(assessment: Assessment, *, current: bool = True) -> dict[str, Any]:
    target, indicator = assessment.target, assessment.indicator
    return {
        "target_id": target.id,
        "indicator_id": indicator.id,
        "indicator": indicator.name,
        "indicator_zh": indicator.name_zh,
        "unit": indicator.unit,
        "kind": target.kind,
        "comparison": target.comparison,
        "value": _number(target.value),
        "target": target_phrase(target, indicator),
        "deadline": assessment.deadline.isoformat() if assessment.deadline else None,
        "deadline_passed": assessment.deadline_passed,
        "time_left": time_left_phrase(assessment.as_of, assessment.deadline),
        "baseline": _point(assessment.base, indicator),
        "latest": _point(assessment.latest, indicator),
        "judged": _point(assessment.judged, indicator),
        "progress": assessment.progress,
        "gap": _number(assessment.gap),
        "status": assessment.status.value,
        "band": assessment.band,
        "method": assessment.method,
        "cagr_observed": assessment.cagr_observed,
        "cagr_required": assessment.cagr_required,
        "ratio": assessment.ratio,
        "score": assessment.score,
        "projected": _number(assessment.projected),
        "projected_linear": _number(assessment.projected_linear),
        "pace_observed": _number(assessment.pace_observed),
        "pace_required": _number(assessment.pace_required),
        "projection_share": assessment.projection_share,
        "trend_change": _number(assessment.trend_change),
        "miss_share": assessment.miss_share,
        "reach_date": assessment.reach.isoformat() if assessment.reach else None,
        "time_to_target": time_to_target(assessment),
        "current": current,
        "stale": assessment.stale,
        "periods": [
            {"year": p.year, "value": _number(p.value), "met": p.met} for p in assessment.periods
        ],
        "warnings": list(assessment.warnings),
        "source": source_dict(target),
        "gap_paragraph": gap_paragraph(assessment),
    }


def trend_dict(trend: TrendAssessment) -> dict[str, Any]:
    indicator = trend.indicator
    return {
        "indicator_id": indicator.id,
        "indicator": indicator.name,
        "indicator_zh": indicator.name_zh,
        "unit": indicator.unit,
        "first": _point(trend.base, indicator),
        "latest": _point(trend.latest, indicator),
        "status": trend.status.value if trend.status else None,
        "band": trend.band,
        "method": trend.method,
        "cagr_observed": trend.cagr_observed,
        "score": trend.score,
        "stale": trend.stale,
    }


def reading_dict(reading: Reading, indicator: Indicator) -> dict[str, Any]:
    return {
        "id": reading.key,
        "indicator_id": reading.indicator,
        "value": _number(reading.value),
        "text": quantity(reading.value, indicator),
        "date": str(reading.date),
        "period_end": reading.date.end.isoformat(),
        "qualifier": reading.qualifier,
        "derived": reading.derived,
        "source": reading.source,
        "url": reading.url,
        "quote": reading.quote,
        "note": reading.note,
        "recorded": reading.recorded.isoformat() if reading.recorded else None,
    }


def envelope(command: str, as_of: dt.date | None, data: dict[str, Any]) -> dict[str, Any]:
    """The versioned wrapper around every `--json` output."""
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "sdtrack_version": __version__,
        "command": command,
        "as_of": as_of.isoformat() if as_of else None,
        **data,
    }


def status_json(report: StatusReport, command: str = "status") -> dict[str, Any]:
    return envelope(
        command,
        report.as_of,
        {
            "workspace": report.workspace,
            "summary": {status.value: n for status, n in report.counts().items()},
            "methods": report.methods,
            "targets": [
                assessment_dict(a, current=report.is_current(a)) for a in report.assessments
            ],
            "indicators_without_target": [trend_dict(t) for t in report.trends],
        },
    )


def entry_dict(entry: Entry, indicator: Indicator) -> dict[str, Any]:
    """A ledger entry: the reading, and whether a correction or retraction replaced it."""
    retraction = entry.retraction
    return {
        **reading_dict(entry.reading, indicator),
        "key": entry.reading.request_key,
        "corrects": entry.reading.corrects,
        "current": entry.is_current,
        "superseded_by": entry.superseded_by,
        "retraction": None
        if retraction is None
        else {
            "reason": retraction.reason,
            "recorded": retraction.recorded.isoformat() if retraction.recorded else None,
        },
    }
