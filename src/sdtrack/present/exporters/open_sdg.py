"""Open SDG data: one data CSV and one metadata YAML per indicator, ready for an Open SDG
site's data repository (the open-sdg-data-starter layout: data/indicator_X-Y-Z.csv,
meta/X-Y-Z.yml).

Open SDG numbers indicators goal-target-indicator. sdtrack's indicators are not SDG
indicators, so they are published as national indicators under SDG 9 (industry,
innovation and infrastructure, whose target 9.c is access to ICT) with the target code
`sd`, numbered in workspace order: 9-sd-1, 9-sd-2, … The `sdtrack_id` metadata field keeps
the workspace id. The metadata's text fields (names, title, units) are in the language in
use; file names, field names, codes and the data CSV stay as they are. PyYAML is
imported only here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import yaml

from sdtrack.core.assessment import Assessment
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.quantities import plain_number
from sdtrack.present import numbers, precision
from sdtrack.present.documents import verdict_fields
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.words import both_names
from sdtrack.present.phrases import display_name

GOAL = "9"
TARGET_CODE = "sd"
DATA_COLUMNS = ("Year", "Units", "Value")


def indicator_code(position: int) -> str:
    return f"{GOAL}-{TARGET_CODE}-{position}"


def yearly_values(indicator: Indicator, readings: Sequence[Reading]) -> list[tuple[int, Decimal]]:
    """One value per year, as Open SDG charts data: for a flow only annual figures count;
    for a stock or share the latest reading in each year."""
    by_year: dict[int, Reading] = {}
    for reading in sorted(readings, key=lambda r: r.date):
        if indicator.kind == "flow" and reading.date.precision != "year":
            continue
        by_year[reading.date.end.year] = reading
    return [(year, by_year[year].value) for year in sorted(by_year)]


def data_csv(indicator: Indicator, readings: Sequence[Reading]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DATA_COLUMNS)
    for year, value in yearly_values(indicator, readings):
        writer.writerow([year, indicator.unit, plain_number(value)])
    return buffer.getvalue().encode("utf-8")


def _number(value: Decimal) -> precision.Number:
    """A declared value, exactly (`present.precision`)."""
    number = precision.value(value)
    assert number is not None
    return number


def _progress_options(assessment: Assessment, years: list[int]) -> dict[str, Any] | None:
    target = assessment.target
    if target.kind != "level" or target.deadline is None or target.comparison == "about":
        return None
    base_year = target.baseline.date.end.year if target.baseline else (years[0] if years else None)
    options: dict[str, Any] = {
        "direction": "negative" if target.lower_is_better else "positive",
        "target": _number(target.value),
        "target_year": target.deadline.end.year,
    }
    if base_year is not None:
        options["base_year"] = base_year
    return options


def _units(indicator: Indicator) -> str:
    """The unit of measure: the indicator's own; in Chinese its Chinese unit (个, 元, %)."""
    if numbers.chinese():
        return numbers.measure_word(indicator.unit_info, indicator.unit_zh)
    return indicator.unit


def metadata(
    context: ExportContext, indicator: Indicator, position: int, years: list[int]
) -> dict[str, Any]:
    code = indicator_code(position)
    assessments = context.assessments_for(indicator)
    meta: dict[str, Any] = {
        "indicator_number": code.replace("-", "."),
        "indicator_name": display_name(indicator),
        "indicator_sort_order": f"{int(GOAL):02d}-{TARGET_CODE}-{position:02d}",
        "sdg_goal": GOAL,
        "target_id": f"{GOAL}.{TARGET_CODE}",
        "target_name": context.title,
        "reporting_status": "complete" if years else "notstarted",
        "published": True,
        "data_non_statistical": False,
        "graph_type": "line",
        "graph_title": both_names(indicator),
        "computation_units": _units(indicator),
        "national_indicator_available": both_names(indicator),
        "national_indicator_description": indicator.description or display_name(indicator),
        "sdtrack_id": indicator.id,
        "sdtrack_as_of": context.as_of.isoformat(),
        "sdtrack_generated_at": context.generated_at.isoformat(),
        "sdtrack_method": context.method,
        "sdtrack_version": context.version,
    }
    for number, assessment in enumerate(assessments, start=1):
        source = assessment.target.source
        meta[f"source_active_{number}"] = True
        meta[f"source_organisation_{number}"] = source.publisher or source.speaker
        meta[f"source_url_text_{number}"] = source.document
        if source.url:
            meta[f"source_url_{number}"] = source.url
        meta[f"source_release_date_{number}"] = source.date.isoformat()
        meta[f"source_other_info_{number}"] = f"“{source.quote}”"
    lines = [
        {"value": _number(a.target.value), "label_content": a.target.id}
        for a in assessments
        if a.target.kind == "level"
    ]
    if lines:
        meta["graph_target_lines"] = lines
    options = [o for o in (_progress_options(a, years) for a in assessments) if o]
    if options:
        meta["auto_progress_calculation"] = True
        meta["progress_calculation_options"] = options[-1:]
    meta["sdtrack_targets"] = [
        {
            "id": a.target.id,
            "comparison": a.target.comparison,
            "value": _number(a.target.value),
            "deadline": str(a.target.deadline) if a.target.deadline else None,
            **verdict_fields(a),
            "expected_by": a.expected_by.isoformat() if a.expected_by else None,
            "method": a.method,
            "as_of": context.as_of.isoformat(),
        }
        for a in assessments
    ]
    return meta


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    files = []
    for position, indicator in enumerate(context.indicators, start=1):
        readings = context.readings.get(indicator.id, ())
        years = [year for year, _ in yearly_values(indicator, readings)]
        code = indicator_code(position)
        files.append(ExportFile(f"data/indicator_{code}.csv", data_csv(indicator, readings)))
        meta = metadata(context, indicator, position, years)
        text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
        files.append(ExportFile(f"meta/{code}.yml", text.encode("utf-8")))
        context.report_progress(position, len(context.indicators))
    return files
