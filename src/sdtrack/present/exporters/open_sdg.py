"""Open SDG data: one data CSV and one metadata YAML per indicator, ready for an Open SDG
site's data repository (the open-sdg-data-starter layout: data/indicator_X-Y-Z.csv,
meta/X-Y-Z.yml).

Open SDG numbers indicators goal-target-indicator. sdtrack's indicators are not SDG
indicators, so they are published as national indicators under SDG 9 (industry,
innovation and infrastructure, whose target 9.c is access to ICT) with the target code
`sd`, numbered in workspace order: 9-sd-1, 9-sd-2, … The `sdtrack_id` metadata field keeps
the workspace id, and `sdtrack_values` where each value of the data file comes from (the
reading's date, source, link, quote, qualifier, note and id), so that `sdtrack import`
gives the same readings back (`store.open_sdg_sheets`). The metadata's text fields (names,
title, units) are in the language in use; file names, field names, codes and the data CSV
stay as they are. PyYAML is imported only here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import yaml

from sdtrack.core.assessment import Assessment
from sdtrack.core.language import _
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.quantities import plain_number
from sdtrack.present import numbers, precision
from sdtrack.present.documents import verdict_fields
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.cells import csv_text, neutralise
from sdtrack.present.exporters.words import both_names
from sdtrack.present.phrases import display_name, target_phrase

GOAL = "9"
TARGET_CODE = "sd"
DATA_COLUMNS = ("Year", "Units", "Value")


# PyYAML's single-quoted and plain styles lose a NEXT LINE (U+0085): it reads back as a
# space. A string holding one of YAML's line breaks beyond \n and \r is written in double
# quotes, where the emitter escapes it (\N, \L, \P), so every text reads back as it was.
_YAML_BREAKS = frozenset("\x85\u2028\u2029")


class _Dumper(yaml.SafeDumper):
    """`yaml.safe_dump`'s dumper, writing every string so that it reads back the same."""


def _string(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if _YAML_BREAKS.intersection(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _string)


def indicator_code(position: int) -> str:
    return f"{GOAL}-{TARGET_CODE}-{position}"


def represents_year(indicator: Indicator, reading: Reading) -> bool:
    """Whether a reading is its year's value as Open SDG's `Year` column means it.

    Open SDG data is annual (sdg-build reads `Year` as an integer; open-sdg's data format
    allows no other period). A flow's year is its whole year's figure: only a reading of
    the year. A stock's or share's year is its level at the year's end: a reading of the
    year, or a month or day that ends on 31 December. A mid-year figure is neither."""
    if reading.date.precision == "year":
        return True
    if indicator.kind == "flow":
        return False
    end = reading.date.end
    return (end.month, end.day) == (12, 31)


def yearly_readings(indicator: Indicator, readings: Sequence[Reading]) -> list[tuple[int, Reading]]:
    """The reading that is each year's value, as Open SDG charts data: only readings that
    represent their year (`represents_year`), the latest of them in each year."""
    by_year: dict[int, Reading] = {}
    for reading in sorted(readings, key=lambda r: r.date):
        if represents_year(indicator, reading):
            by_year[reading.date.end.year] = reading
    return [(year, by_year[year]) for year in sorted(by_year)]


def yearly_values(indicator: Indicator, readings: Sequence[Reading]) -> list[tuple[int, Decimal]]:
    """One value per year (`yearly_readings`)."""
    return [(year, reading.value) for year, reading in yearly_readings(indicator, readings)]


def provenance(indicator: Indicator, readings: Sequence[Reading]) -> list[dict[str, Any]]:
    """Where each value of the data file comes from (`sdtrack_values`): its year, the
    reading's own date, the value as the data file writes it, and the reading's source,
    link, quote, qualifier, note, whether sdtrack derived it, and its id, each only when
    the reading has it. The text is the reading's own (the data file's cells may be
    neutralised; these never are), so reading the folder back gives the same readings."""
    entries = []
    for year, reading in yearly_readings(indicator, readings):
        entry: dict[str, Any] = {
            "year": year,
            "date": str(reading.date),
            "value": plain_number(reading.value),
            "source": reading.source,
            "url": reading.url,
            "quote": reading.quote,
            "qualifier": reading.qualifier,
            "note": reading.note,
            "derived": True if reading.derived else None,
            "id": reading.id,
        }
        entries.append({key: value for key, value in entry.items() if value is not None})
    return entries


def left_out(indicator: Indicator, readings: Sequence[Reading]) -> list[Reading]:
    """The latest reading of each year that has readings but no yearly value: it is not
    in the data file, and the metadata's footnote says so with its date."""
    annual = {year for year, _value in yearly_values(indicator, readings)}
    latest: dict[int, Reading] = {}
    for reading in sorted(readings, key=lambda r: r.date):
        if reading.date.end.year not in annual:
            latest[reading.date.end.year] = reading
    return [latest[year] for year in sorted(latest)]


def footnote(context: ExportContext, indicator: Indicator, readings: Sequence[Reading]) -> str:
    """What the data file does not show: readings that are not a year's value, and targets
    a later one superseded (only current targets are drawn as target lines)."""
    unit = indicator.unit_info
    notes = []
    missing = [
        _("{value} on {day}").format(
            value=numbers.quantity(reading.value, unit, indicator.unit_zh),
            day=numbers.period(reading.date),
        )
        for reading in left_out(indicator, readings)
    ]
    if missing:
        notes.append(
            _(
                "Open SDG data is annual; these readings are neither a whole year's figure "
                "nor a year-end one, so they are not in the data: {readings}."
            ).format(readings=_("; ").join(missing))
        )
    for a in context.assessments_for(indicator):
        if context.report.is_current(a):
            continue
        notes.append(
            _("Superseded target, not drawn: {target} ({value}, declared {declared}).").format(
                target=a.target.id,
                value=numbers.quantity(a.target.value, unit, indicator.unit_zh),
                declared=numbers.day(a.target.source.date),
            )
        )
    return " ".join(notes)


def data_csv(indicator: Indicator, readings: Sequence[Reading]) -> bytes:
    # The unit is text a spreadsheet could run; the year and value are numbers.
    unit = neutralise(indicator.unit)
    # The values are those of `sdtrack_values`, so the two files always agree.
    rows = [(e["year"], unit, e["value"]) for e in provenance(indicator, readings)]
    return csv_text([DATA_COLUMNS, *rows]).encode("utf-8", errors="replace")


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


def reporting_status(years: Sequence[int], readings: Sequence[Reading]) -> str:
    """Open SDG's reporting status: complete with yearly data, in progress with readings
    but no yearly value yet, not started without readings."""
    if years:
        return "complete"
    return "inprogress" if readings else "notstarted"


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
    # Only the targets in force are drawn and judged; superseded ones are in the footnote.
    current = [a for a in assessments if context.report.is_current(a)]
    readings = context.readings.get(indicator.id, ())
    meta: dict[str, Any] = {
        "indicator_number": code.replace("-", "."),
        "indicator_name": display_name(indicator),
        "indicator_sort_order": f"{int(GOAL):02d}-{TARGET_CODE}-{position:02d}",
        "sdg_goal": GOAL,
        "target_id": f"{GOAL}.{TARGET_CODE}",
        "target_name": context.title,
        "reporting_status": reporting_status(years, readings),
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
        # The words a chart shows on the line: the target as a reader says it.
        {
            "value": _number(a.target.value),
            "label_content": target_phrase(a.target, indicator, symbols=True),
        }
        for a in current
        if a.target.kind == "level"
    ]
    if lines:
        meta["graph_target_lines"] = lines
    note = footnote(context, indicator, readings)
    if note:
        meta["data_footnote"] = note
    options = [o for o in (_progress_options(a, years) for a in current) if o]
    if options:
        meta["auto_progress_calculation"] = True
        meta["progress_calculation_options"] = options[-1:]
    meta["sdtrack_targets"] = [
        {
            "id": a.target.id,
            "current": context.report.is_current(a),
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
    values = provenance(indicator, readings)
    if values:
        meta["sdtrack_values"] = values
    return meta


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    files = []
    for position, indicator in enumerate(context.indicators, start=1):
        readings = context.readings.get(indicator.id, ())
        years = [year for year, _ in yearly_values(indicator, readings)]
        code = indicator_code(position)
        if years:
            # sdg-build's check_csv fails a file without rows (its Value column is not
            # numeric); an indicator without yearly values has metadata only, which
            # sdg-build reads as an indicator without data.
            files.append(ExportFile(f"data/indicator_{code}.csv", data_csv(indicator, readings)))
        meta = metadata(context, indicator, position, years)
        text = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        files.append(ExportFile(f"meta/{code}.yml", text.encode("utf-8")))
        context.report_progress(position, len(context.indicators))
    return files
