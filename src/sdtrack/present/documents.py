"""The JSON documents: every `--json` output and the JSON export, in one versioned envelope.

Field names and codes are stable (a contract test pins them; docs/report.schema.json
describes the export); display text comes from the phrases and stays in its own fields
(`status_text`, `outlook_text`, `band_text`, `target`, `text`, …) beside the codes
(`status_code`, `outlook`, `pace_notes`, …). Every number follows `present.precision`:
values exact, estimates, rates and ratios to 6 significant digits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sdtrack import __version__
from sdtrack.core.assessment import Assessment, Point, TrendAssessment
from sdtrack.core.assessment.evidence import baseline_point
from sdtrack.core.derived import DerivedReading
from sdtrack.core.due import STATE_ORDER, DueFigure
from sdtrack.core.errors import Problem
from sdtrack.core.ledger import Entry
from sdtrack.core.model import Indicator, Reading, Retraction, Target
from sdtrack.core.regions import Region
from sdtrack.core.sources import Plan
from sdtrack.present.briefing import gap_paragraph, time_to_target
from sdtrack.present.phrases import (
    assessed_indicator,
    assessment_target_phrase,
    band_words,
    outlook_words,
    point_phrase,
    quantity,
    status_words,
    time_left_phrase,
)
from sdtrack.present.precision import estimate, rate
from sdtrack.present.precision import value as exact
from sdtrack.present.report import OUTLOOK_ORDER, StatusReport

if TYPE_CHECKING:
    from sdtrack.core.import_plan import ImportSummary
    from sdtrack.core.importing import Candidate
    from sdtrack.store.conflict_check import Conflict

# 2: `status` and `summary` hold codes; `status_code`, `outlook`, the display texts and the
# facts of a waiting, bounded or disputed verdict are fields; numbers follow `precision`.
JSON_SCHEMA_VERSION = 2


def _number(value: Decimal | None) -> int | float | str | None:
    """A recorded value, exactly (`present.precision.value`)."""
    return exact(value)


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


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
        "sources": point.sources,
        "disputed_by": list(point.disputed_by),
    }


def verdict_fields(assessment: Assessment) -> dict[str, Any]:
    """The verdict as codes and as words: the one place every target object in every JSON
    (or YAML) output takes `status_code` and `outlook` from."""
    code = assessment.status_code
    outlook = assessment.outlook.value if assessment.outlook else None
    return {
        "status": code,
        "status_code": code,
        "status_text": status_words(code),
        "outlook": outlook,
        "outlook_text": outlook_words(outlook) or None,
    }


def summary_dict(report: StatusReport) -> dict[str, int]:
    """How many targets have each status, keyed by status code (statuses with none left out)."""
    return {status.value: n for status, n in report.counts().items()}


def outlook_summary(report: StatusReport) -> dict[str, dict[str, int]]:
    """The targets awaiting data and overdue (each status with any), counted by outlook:
    `likely_met`, `likely_missed` and `unknown` (no outlook), zeros included."""
    return {
        status: {code: counts.get(code, 0) for code in OUTLOOK_ORDER}
        for status, counts in report.waiting_counts().items()
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


def assessment_dict(
    assessment: Assessment, *, current: bool = True, paragraph: str | None = None
) -> dict[str, Any]:
    """An assessment as JSON; `paragraph` is its gap paragraph when already worded."""
    target = assessment.target
    # The figures of a count-of-regions target are counts of regions ("15 cities").
    indicator = assessed_indicator(assessment)
    return {
        "target_id": target.id,
        "indicator_id": indicator.id,
        "indicator": indicator.name,
        "indicator_zh": indicator.name_zh or indicator.name,
        "unit": assessment.indicator.unit,
        "kind": target.kind,
        "comparison": target.comparison,
        "value": _number(target.value),
        "target": assessment_target_phrase(assessment),
        "region": target.region,
        "plan": target.plan,
        "region_count": region_count_dict(assessment),
        "deadline": _date(assessment.deadline),
        "deadline_passed": assessment.deadline_passed,
        "time_left": time_left_phrase(assessment.as_of, assessment.deadline),
        # The target's declared baseline; `pace_start` is where the observed pace starts
        # (docs/methodology.md, "Pace from evidence").
        "baseline": _point(baseline_point(target, assessment.as_of), indicator),
        "latest": _point(assessment.latest, indicator),
        "judged": _point(assessment.judged, indicator),
        "pace_start": _point(assessment.pace_start, indicator),
        "progress": rate(assessment.progress),
        "progress_bound": assessment.progress_bound,
        "gap": _number(assessment.gap),
        "gap_bound": assessment.gap_bound,
        **verdict_fields(assessment),
        "band": assessment.band,
        "band_text": band_words(assessment.band),
        "awaited": None if assessment.awaited is None else str(assessment.awaited),
        "expected_by": _date(assessment.expected_by),
        "disputed": list(assessment.disputed),
        "indicative": assessment.indicative,
        "pace_notes": [note.value for note in assessment.pace_notes],
        "method": assessment.method,
        "cagr_observed": rate(assessment.cagr_observed),
        "cagr_required": rate(assessment.cagr_required),
        "ratio": rate(assessment.ratio),
        "score": rate(assessment.score),
        "projected": estimate(assessment.projected),
        "projected_linear": estimate(assessment.projected_linear),
        "pace_observed": estimate(assessment.pace_observed),
        "pace_required": estimate(assessment.pace_required),
        "projection_share": rate(assessment.projection_share),
        "trend_change": estimate(assessment.trend_change),
        "miss_share": rate(assessment.miss_share),
        "reach_date": _date(assessment.reach),
        "time_to_target": time_to_target(assessment),
        "current": current,
        "stale": assessment.stale,
        "periods": [
            {"year": p.year, "value": _number(p.value), "met": p.met} for p in assessment.periods
        ],
        "warnings": list(assessment.warnings),
        "source": source_dict(target),
        "gap_paragraph": gap_paragraph(assessment) if paragraph is None else paragraph,
    }


def trend_dict(trend: TrendAssessment) -> dict[str, Any]:
    indicator = trend.indicator
    return {
        "indicator_id": indicator.id,
        "indicator": indicator.name,
        "indicator_zh": indicator.name_zh or indicator.name,
        "unit": indicator.unit,
        "first": _point(trend.base, indicator),
        "latest": _point(trend.latest, indicator),
        "status": trend.status.value if trend.status else None,
        "status_code": trend.status.value if trend.status else None,
        "status_text": status_words(trend.status.value) if trend.status else None,
        "band": trend.band,
        "band_text": band_words(trend.band),
        "method": trend.method,
        "cagr_observed": rate(trend.cagr_observed),
        "score": rate(trend.score),
        "stale": trend.stale,
    }


def region_count_dict(assessment: Assessment) -> dict[str, Any] | None:
    """A count-of-regions target's regions: each one's standing on the day judged."""
    count = assessment.region_count
    if count is None:
        return None
    return {
        "among": count.among,
        "judged_on": count.judged_on.isoformat(),
        "meeting": list(count.meeting),
        "short": list(count.short),
        "unreported": list(count.unreported),
        "regions": [
            {
                "region": s.region,
                "meets": s.meets,
                "settled": s.settled,
                "reading_id": s.reading.key if s.reading is not None else None,
                "value": _number(s.reading.value) if s.reading is not None else None,
                "date": str(s.reading.date) if s.reading is not None else None,
            }
            for s in count.standings
        ],
    }


def reading_dict(reading: Reading, indicator: Indicator) -> dict[str, Any]:
    """A reading as JSON."""
    document: dict[str, Any] = {
        "id": reading.key,
        "indicator_id": reading.indicator,
        "region": reading.region,
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
    if isinstance(reading, DerivedReading):
        document["inputs"] = [
            {
                "id": r.key,
                "indicator_id": r.indicator,
                "value": _number(r.value),
                "date": str(r.date),
                "source": r.source,
                "url": r.url,
                "quote": r.quote,
            }
            for r in reading.inputs
        ]
    return document


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
            "region": region_dict(report.region),
            "plan": plan_dict(report.plan),
            "summary": summary_dict(report),
            "outlook_summary": outlook_summary(report),
            "methods": report.methods,
            "targets": [report_target(a, report) for a in report.assessments],
            "indicators_without_target": [trend_dict(t) for t in report.trends],
            "plans": [plan_dict(report.plans[p]) for p in report.named_plans()],
        },
    )


def report_target(assessment: Assessment, report: StatusReport) -> dict[str, Any]:
    """A target object of a report: whether it is current, and what superseded it."""
    later = report.superseded_by(assessment)
    return {
        **assessment_dict(assessment, current=report.is_current(assessment)),
        "superseded_by": later.id if later is not None else None,
    }


def plan_ids(assessments: Sequence[Assessment], report: StatusReport) -> list[str]:
    named = {a.target.plan for a in assessments if a.target.plan in report.plans}
    return sorted((p for p in named if p), key=lambda p: report.plans[p].date)


def plan_dict(plan: Plan | None) -> dict[str, Any] | None:
    return None if plan is None else plan.model_dump(mode="json")


def region_dict(region: Region | None) -> dict[str, Any] | None:
    return None if region is None else region.model_dump(mode="json")


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


def show_document(
    indicator: Indicator,
    report: StatusReport,
    revised: Sequence[tuple[Assessment, str | None]],
    readings: Sequence[Reading],
    replaced: Sequence[Entry],
    breakdown: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`show --json`: the indicator, its targets' standing and revisions (and the plans
    that declared them), its readings (a derived value's with its inputs), and its
    breakdown by region (`region_documents.breakdown_dict`)."""
    assessments = [a for a, _change in revised]
    return envelope(
        "show",
        report.as_of,
        {
            "indicator": indicator.model_dump(mode="json", by_alias=True),
            "targets": [{**report_target(a, report), "revision": change} for a, change in revised],
            "trend": trend_dict(report.trends[0]) if report.trends else None,
            "readings": [reading_dict(r, indicator) for r in readings],
            "replaced": [entry_dict(e, indicator) for e in replaced],
            "plans": [plan_dict(report.plans[p]) for p in plan_ids(assessments, report)],
            "breakdown": breakdown,
        },
    )


def record_document(
    reading: Reading,
    indicator: Indicator,
    as_of: dt.date,
    assessments: Sequence[Assessment],
    *,
    conflicts: Sequence[Reading] = (),
    agreeing: Sequence[Reading] = (),
) -> dict[str, Any]:
    """`record --json`: the reading recorded, the current readings it conflicts with (in
    `warnings`) or agrees with, and its indicator's targets' standing."""
    from sdtrack.present import conflict_words  # a status needs none of a conflict's words

    sources = conflict_words.source_count(reading, agreeing)
    return envelope(
        "record",
        as_of,
        {
            "reading": reading_dict(reading, indicator),
            "warnings": [conflict_words.warning_dict(r, indicator) for r in conflicts],
            "agrees_with": [r.key for r in agreeing],
            "sources": sources,
            "targets": [assessment_dict(a) for a in assessments],
        },
    )


def check_document(problems: Sequence[Problem], conflicts: Sequence[Conflict]) -> dict[str, Any]:
    """`check --json`: every problem (errors) and every conflict (warnings), each located."""
    from sdtrack.present import conflict_words

    warnings = [conflict_words.check_warning(c) for c in conflicts]
    errors = [
        {
            "file": None if p.file is None else str(p.file),
            "line": p.line,
            "field": p.field,
            "message": p.message,
        }
        for p in problems
    ]
    return envelope("check", None, {"valid": not errors, "errors": errors, "warnings": warnings})


def already_recorded_document(reading: Reading, indicator: Indicator) -> dict[str, Any]:
    """`record --json` when the `--key` was already recorded: nothing was written."""
    data = {"reading": reading_dict(reading, indicator), "already_recorded": True}
    return envelope("record", None, data)


def targets_document(indicators: Sequence[Indicator], plans: Sequence[Plan] = ()) -> dict[str, Any]:
    """`targets --json`: every indicator with its targets, as targets.toml declares them,
    and the plans they name."""
    data = [indicator.model_dump(mode="json", by_alias=True) for indicator in indicators]
    return envelope("targets", None, {"indicators": data, "plans": [plan_dict(p) for p in plans]})


def readings_document(
    entries: Sequence[Entry], indicators: Mapping[str, Indicator]
) -> dict[str, Any]:
    """`readings --json`: ledger entries with their state."""
    data = [entry_dict(e, indicators[e.reading.indicator]) for e in entries]
    return envelope("readings", None, {"readings": data})


def correction_document(old: Reading, correction: Reading, indicator: Indicator) -> dict[str, Any]:
    """`correct --json`: the correcting reading and the reading it supersedes."""
    data = {
        "reading": reading_dict(correction, indicator),
        "corrects": reading_dict(old, indicator),
    }
    return envelope("correct", None, data)


def retraction_document(
    old: Reading, retraction: Retraction, indicator: Indicator
) -> dict[str, Any]:
    """`retract --json`: the retracted reading and the reason."""
    data = {"retracted": reading_dict(old, indicator), "reason": retraction.reason}
    return envelope("retract", None, data)


def due_document(figures: Sequence[DueFigure], as_of: dt.date) -> dict[str, Any]:
    """`due --json`: the figures not yet recorded, each with its state on the release
    calendar ("overdue", "expected", "upcoming") and the targets that need it."""
    data = [
        {
            "indicator": f.indicator.id,
            "name": f.indicator.name,
            "name_zh": f.indicator.name_zh or f.indicator.name,
            "region": f.region.id if f.region is not None else None,
            "period": str(f.period),
            "expected_by": f.expected_by.isoformat(),
            "state": f.state,
            "need": f.need,
            "targets": list(f.targets),
            "days_overdue": f.days_overdue,
            "days_until_expected": f.days_until_expected,
        }
        for f in figures
    ]
    summary = {state: sum(f.state == state for f in figures) for state in STATE_ORDER}
    return envelope("due", as_of, {"summary": summary, "figures": data})


def import_document(summary: ImportSummary, indicators: Mapping[str, Indicator]) -> dict[str, Any]:
    """`import --json`: how many rows were read, recorded, skipped; each reading recorded
    (or, with --dry-run, that would be), each row skipped and each conflict."""
    plan = summary.plan

    def row(candidate: Candidate) -> dict[str, Any]:
        return {"file": candidate.file, "row": candidate.row, "column": candidate.column}

    return envelope(
        "import",
        None,
        {
            "dry_run": summary.dry_run,
            "files": list(summary.files),
            "rows_read": summary.rows_read,
            "recorded": len(plan.recorded),
            "skipped_already_recorded": len(plan.already),
            "skipped_repeated": len(plan.repeated),
            "conflicts": len(plan.conflicts),
            "ignored_columns": list(summary.ignored),
            "notes": list(summary.notes),
            "readings": [
                {**row(c), "reading": reading_dict(c.reading, indicators[c.reading.indicator])}
                for c in plan.recorded
            ],
            "already_recorded": [{**row(c), "as": entry.id} for c, entry in plan.already],
            "repeated": [{**row(c), "repeats_row": earlier.row} for c, earlier in plan.repeated],
            "conflicting": [
                {
                    **row(c),
                    "id": c.reading.key,
                    "conflicts_with": [other.key for other in others],
                }
                for c, others in plan.conflicts
            ],
        },
    )
