"""The JSON documents: every `--json` output and the JSON export, in one versioned envelope.

Field names and codes are stable (a contract test pins them; docs/report.schema.json
describes the export); display text comes from the phrases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sdtrack import __version__
from sdtrack.core.assessment import Assessment, Point, TrendAssessment
from sdtrack.core.ledger import Entry
from sdtrack.core.model import Indicator, Reading, Retraction, Target
from sdtrack.present.briefing import gap_paragraph, time_to_target
from sdtrack.present.phrases import point_phrase, quantity, target_phrase, time_left_phrase
from sdtrack.present.report import StatusReport

JSON_SCHEMA_VERSION = 1


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
        "indicator_zh": indicator.name_zh or indicator.name,
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
        "indicator_zh": indicator.name_zh or indicator.name,
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


def show_document(
    indicator: Indicator,
    report: StatusReport,
    revised: Sequence[tuple[Assessment, str | None]],
    readings: Sequence[Reading],
    replaced: Sequence[Entry],
) -> dict[str, Any]:
    """`show --json`: the indicator, its targets' standing and revisions, its readings."""
    return envelope(
        "show",
        report.as_of,
        {
            "indicator": indicator.model_dump(mode="json", by_alias=True),
            "targets": [
                {**assessment_dict(a, current=report.is_current(a)), "revision": change}
                for a, change in revised
            ],
            "trend": trend_dict(report.trends[0]) if report.trends else None,
            "readings": [reading_dict(r, indicator) for r in readings],
            "replaced": [entry_dict(e, indicator) for e in replaced],
        },
    )


def record_document(
    reading: Reading, indicator: Indicator, as_of: dt.date, assessments: Sequence[Assessment]
) -> dict[str, Any]:
    """`record --json`: the reading recorded, and its indicator's targets' standing."""
    return envelope(
        "record",
        as_of,
        {
            "reading": reading_dict(reading, indicator),
            "targets": [assessment_dict(a) for a in assessments],
        },
    )


def already_recorded_document(reading: Reading, indicator: Indicator) -> dict[str, Any]:
    """`record --json` when the `--key` was already recorded: nothing was written."""
    data = {"reading": reading_dict(reading, indicator), "already_recorded": True}
    return envelope("record", None, data)


def targets_document(indicators: Sequence[Indicator]) -> dict[str, Any]:
    """`targets --json`: every indicator with its targets, as targets.toml declares them."""
    data = [indicator.model_dump(mode="json", by_alias=True) for indicator in indicators]
    return envelope("targets", None, {"indicators": data})


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
