"""The tidy tables behind CSV and Excel: one row per target, or one row per reading.

Both formats read these rows, so a column means the same thing in each. The column names
are stable field names in every language; `heading` gives what a reader sees above one.
The cells are the JSON export's fields, so their numbers follow `present.precision`
(values exact, estimates, rates and ratios to 6 significant digits); codes (`status_code`,
`outlook`, `pace_notes`) stay English, display texts (`status_text`, `band_text`) follow
the language in use, and a list (`pace_notes`, `disputed`) is one cell joined by ";".
A breakdown is two tables: a row per region (its latest reading), a row per period (its
roll-up).
Each target and reading names the region it is for (`region`, an id: the workspace's own
when it names none) and a target its plan; a count-of-regions target lists the regions
meeting its condition, short of it and without a reading; a derived value the readings it
was computed from (`inputs`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sdtrack.core.derived import DerivedReading
from sdtrack.core.language import N_
from sdtrack.present.exporters import regions
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.phrases import worded
from sdtrack.present.precision import value as exact
from sdtrack.present.reading_documents import PeriodTexts
from sdtrack.present.regional import Breakdown

TARGET_COLUMNS: tuple[str, ...] = (
    "target_id",
    "indicator_id",
    "indicator",
    "indicator_zh",
    "unit",
    "kind",
    "region",
    "plan",
    "comparison",
    "target_value",
    "target",
    "deadline",
    "baseline_value",
    "baseline_date",
    "baseline_derived",
    "latest_value",
    "latest_date",
    "latest_derived",
    "pace_start_value",
    "pace_start_date",
    "progress",
    "progress_bound",
    "gap",
    "gap_bound",
    "cagr_required",
    "cagr_observed",
    "ratio",
    "score",
    "projected",
    "projected_linear",
    "pace_required",
    "pace_observed",
    "projection_share",
    "trend_change",
    "miss_share",
    "reach_date",
    "time_to_target",
    "current",
    "status",
    "status_code",
    "status_text",
    "outlook",
    "band",
    "band_text",
    "awaited",
    "expected_by",
    "indicative",
    "pace_notes",
    "disputed",
    "regions_meeting",
    "regions_short",
    "regions_unreported",
    "method",
    "stale",
    "time_left",
    "source_document",
    "source_speaker",
    "source_publisher",
    "source_date",
    "source_url",
    "source_quote",
    "gap_paragraph",
    "as_of",
    "generated_at",
    "sdtrack_version",
)

READING_COLUMNS: tuple[str, ...] = (
    "reading_id",
    "indicator_id",
    "indicator",
    "unit",
    "region",
    "region_name",
    "date",
    "period_end",
    "value",
    "qualifier",
    "derived",
    "inputs",
    "source",
    "url",
    "quote",
    "note",
    "recorded",
    "as_of",
    "generated_at",
    "sdtrack_version",
)

BREAKDOWN_COLUMNS = (
    "region",
    "region_name",
    "code",
    "value",
    "qualifier",
    "derived",
    "date",
    "period_end",
    "source",
    "url",
    "reading_id",
)
ROLLUP_COLUMNS = (
    "period",
    "period_end",
    "reported",
    "regions",
    "missing",
    "total",
    "weighted",
    "own",
    "differs",
    "text",
)


# What a reader sees above each column (Excel's header in Chinese); the column names
# above are the stable field names CSV and scripts use, in every language.
COLUMN_HEADINGS: dict[str, str] = {
    "target_id": N_("Target ID"),
    "indicator_id": N_("Indicator ID"),
    "indicator": N_("Indicator"),
    "indicator_zh": N_("Indicator (Chinese)"),
    "unit": N_("Unit"),
    "kind": N_("Target type"),
    "region": N_("Region ID"),
    "region_name": N_("Region"),
    "plan": N_("Plan ID"),
    "regions_meeting": N_("Regions meeting the condition"),
    "regions_short": N_("Regions short of the condition"),
    "regions_unreported": N_("Regions without a reading"),
    "inputs": N_("Computed from"),
    "comparison": N_("Comparison"),
    "target_value": N_("Target value"),
    "target": N_("Target"),
    "deadline": N_("Deadline"),
    "baseline_value": N_("Baseline value"),
    "baseline_date": N_("Baseline date"),
    "baseline_derived": N_("Baseline derived"),
    "latest_value": N_("Latest value"),
    "latest_date": N_("Latest date"),
    "latest_derived": N_("Latest derived"),
    "pace_start_value": N_("Pace start value"),
    "pace_start_date": N_("Pace start date"),
    "progress": N_("Progress"),
    "progress_bound": N_("Progress bound"),
    "gap": N_("Gap"),
    "gap_bound": N_("Gap bound"),
    "cagr_required": N_("Required annual growth"),
    "cagr_observed": N_("Observed annual growth"),
    "ratio": N_("Growth ratio"),
    "score": N_("Score"),
    "projected": N_("Projected value"),
    "projected_linear": N_("Projected value (linear)"),
    "pace_required": N_("Required pace"),
    "pace_observed": N_("Observed pace"),
    "projection_share": N_("Projection share of target"),
    "trend_change": N_("Trend change"),
    "miss_share": N_("Shortfall share"),
    "reach_date": N_("Date target reached"),
    "time_to_target": N_("Time to target"),
    "current": N_("Current target"),
    "status": N_("Status"),
    "status_code": N_("Status code"),
    "status_text": N_("Status (text)"),
    "outlook": N_("Outlook"),
    "band": N_("Assessment"),
    "band_text": N_("Assessment (text)"),
    "awaited": N_("Figure awaited"),
    "expected_by": N_("Figure expected by"),
    "indicative": N_("Indicative"),
    "pace_notes": N_("Pace notes"),
    "disputed": N_("Disputed readings"),
    "method": N_("Method"),
    "stale": N_("Stale data"),
    "time_left": N_("Time left"),
    "source_document": N_("Source document"),
    "source_speaker": N_("Source speaker"),
    "source_publisher": N_("Source publisher"),
    "source_date": N_("Source date"),
    "source_url": N_("Source URL"),
    "source_quote": N_("Source quote"),
    "gap_paragraph": N_("Gap report"),
    "as_of": N_("As of"),
    "generated_at": N_("Generated at"),
    "sdtrack_version": N_("sdtrack version"),
    "reading_id": N_("Reading ID"),
    "date": N_("Date"),
    "period_end": N_("Period end"),
    "value": N_("Value"),
    "qualifier": N_("Qualifier"),
    "derived": N_("Derived"),
    "source": N_("Source"),
    "url": N_("URL"),
    "quote": N_("Quote"),
    "note": N_("Note"),
    "recorded": N_("Recorded at"),
    "code": N_("Division code"),
    "period": N_("Period"),
    "reported": N_("Regions reported"),
    "regions": N_("Number of regions"),
    "missing": N_("Regions not reported"),
    "total": N_("Total"),
    "weighted": N_("Weighted mean"),
    "own": N_("Own figure"),
    "differs": N_("Differs from the total"),
    "text": N_("In words"),
}


def heading(column: str) -> str:
    """The header a reader sees for `column`, in the language in use."""
    return worded(COLUMN_HEADINGS, column)


def _stamp(context: ExportContext) -> dict[str, Any]:
    """The columns that say which report a row belongs to."""
    return {
        "as_of": context.as_of.isoformat(),
        "generated_at": context.generated_at.isoformat(),
        "sdtrack_version": context.version,
    }


def _number(value: Any) -> Any:
    """A JSON number as a cell: an exact decimal text (a value a double cannot hold) becomes
    a Decimal, so CSV writes its digits and Excel stores a number."""
    return Decimal(value) if isinstance(value, str) else value


def _joined(items: list[str]) -> str | None:
    return ";".join(items) if items else None


def target_rows(context: ExportContext) -> list[dict[str, Any]]:
    rows = []
    for record in context.target_records():
        baseline, latest, source = record["baseline"], record["latest"], record["source"]
        pace_start = record["pace_start"]
        count = record["region_count"] or {}
        rows.append(
            {
                "target_id": record["target_id"],
                "indicator_id": record["indicator_id"],
                "indicator": record["indicator"],
                "indicator_zh": record["indicator_zh"],
                "unit": record["unit"],
                "kind": record["kind"],
                "region": record["region"] or context.geography.own,
                "plan": record["plan"],
                "comparison": record["comparison"],
                "target_value": _number(record["value"]),
                "target": record["target"],
                "deadline": record["deadline"],
                "baseline_value": _number(baseline["value"]) if baseline else None,
                "baseline_date": baseline["date"] if baseline else None,
                "baseline_derived": baseline["derived"] if baseline else None,
                "latest_value": _number(latest["value"]) if latest else None,
                "latest_date": latest["date"] if latest else None,
                "latest_derived": latest["derived"] if latest else None,
                "pace_start_value": _number(pace_start["value"]) if pace_start else None,
                "pace_start_date": pace_start["date"] if pace_start else None,
                "progress": record["progress"],
                "progress_bound": record["progress_bound"],
                "gap": _number(record["gap"]),
                "gap_bound": record["gap_bound"],
                "cagr_required": record["cagr_required"],
                "cagr_observed": record["cagr_observed"],
                "ratio": record["ratio"],
                "score": record["score"],
                "projected": _number(record["projected"]),
                "projected_linear": _number(record["projected_linear"]),
                "pace_required": _number(record["pace_required"]),
                "pace_observed": _number(record["pace_observed"]),
                "projection_share": record["projection_share"],
                "trend_change": _number(record["trend_change"]),
                "miss_share": record["miss_share"],
                "reach_date": record["reach_date"],
                "time_to_target": record["time_to_target"],
                "current": record["current"],
                "status": record["status"],
                "status_code": record["status_code"],
                "status_text": record["status_text"],
                "outlook": record["outlook"],
                "band": record["band"],
                "band_text": record["band_text"],
                "awaited": record["awaited"],
                "expected_by": record["expected_by"],
                "indicative": record["indicative"],
                "pace_notes": _joined(record["pace_notes"]),
                "disputed": _joined(record["disputed"]),
                "regions_meeting": _joined(count.get("meeting", [])),
                "regions_short": _joined(count.get("short", [])),
                "regions_unreported": _joined(count.get("unreported", [])),
                "method": record["method"],
                "stale": record["stale"],
                "time_left": record["time_left"],
                "source_document": source["document"],
                "source_speaker": source["speaker"],
                "source_publisher": source["publisher"],
                "source_date": source["date"],
                "source_url": source["url"],
                "source_quote": source["quote"],
                "gap_paragraph": record["gap_paragraph"],
                **_stamp(context),
            }
        )
    return rows


def reading_rows(context: ExportContext) -> list[dict[str, Any]]:
    """A row per reading, in `ExportContext.reading_records`' order and with its fields,
    made from the reading itself (a hundred thousand rows: no JSON record in between).
    What readings share is found once: a region's name, a period's two texts."""
    names = {i.id: i for i in context.indicators}
    rows = []
    stamp = _stamp(context)
    region_names: dict[str | None, str | None] = {}
    periods = PeriodTexts()
    for listed in context.indicators:
        for reading in context.all_readings_for(listed):
            indicator, region = names[reading.indicator], context.region_of(reading)
            if region not in region_names:
                region_names[region] = context.region_name(region) or None
            texts = periods.of(reading.date)
            inputs = reading.inputs if isinstance(reading, DerivedReading) else ()
            recorded = reading.recorded
            rows.append(
                {
                    "reading_id": reading.key,
                    "indicator_id": reading.indicator,
                    "indicator": indicator.name,
                    "unit": indicator.unit,
                    "region": region,
                    "region_name": region_names[region],
                    "date": texts[0],
                    "period_end": texts[1],
                    "value": _cell_number(reading.value),
                    "qualifier": reading.qualifier,
                    "derived": reading.derived,
                    "inputs": _joined([r.key for r in inputs]) if inputs else None,
                    "source": reading.source,
                    "url": reading.url,
                    "quote": reading.quote,
                    "note": reading.note,
                    "recorded": recorded.isoformat() if recorded else None,
                    **stamp,
                }
            )
    return rows


def _cell_number(value: Decimal | None) -> Any:
    """A value as a cell: exact (`present.precision`), a decimal text as a Decimal."""
    number = exact(value)
    return Decimal(number) if isinstance(number, str) else number


def breakdown_rows(breakdown: Breakdown) -> list[dict[str, Any]]:
    """A row per region: its latest reading, or empty cells when it has none."""
    rows = []
    for latest in breakdown.latest:
        region, reading = latest.region, latest.reading
        row: dict[str, Any] = dict.fromkeys(BREAKDOWN_COLUMNS)
        row.update(region=region.id, region_name=region.display_name, code=region.code)
        if reading is not None:
            row.update(
                value=_cell_number(reading.value),
                qualifier=reading.qualifier,
                derived=reading.derived,
                date=str(reading.date),
                period_end=reading.date.end.isoformat(),
                source=reading.source,
                url=reading.url,
                reading_id=reading.key,
            )
        rows.append(row)
    return rows


def rollup_rows(breakdown: Breakdown, context: ExportContext) -> list[dict[str, Any]]:
    """A row per period any region reported: who reported, the total, the own figure."""
    return [
        {
            "period": str(r.period),
            "period_end": r.period.end.isoformat(),
            "reported": len(r.reported),
            "regions": len(breakdown.regions),
            "missing": ";".join(r.missing) or None,
            "total": _cell_number(r.total),
            "weighted": r.weighted,
            "own": _cell_number(r.own),
            "differs": r.differs,
            "text": regions.rollup_line(r, breakdown, context),
        }
        for r in breakdown.rollups
    ]
