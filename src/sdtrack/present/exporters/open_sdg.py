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

Readings of other regions than the workspace's own (its cities) are disaggregated rows, as
Open SDG lays them out: a `Region` column (the region's name in the language in use) and a
`GeoCode` column (its GB/T 2260 code, which Open SDG's maps join on) before `Value`; the
headline rows, the workspace's own region, leave both empty. Their `sdtrack_values`
entries name the region (`region`), `sdtrack_regions` maps each name and code to its id,
and `expected_disaggregations` says the series is disaggregated by region. A derived
indicator's values are sdtrack's computation: `sdtrack_formula` gives the formula, each
entry the two readings it was computed from (`inputs`), and the footnote says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import yaml

from sdtrack.core.assessment import Assessment
from sdtrack.core.derived import DerivedReading
from sdtrack.core.language import _
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.quantities import plain_number
from sdtrack.core.regions import Region
from sdtrack.present import numbers, precision
from sdtrack.present.documents import verdict_fields
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.cells import csv_text, neutralise
from sdtrack.present.exporters.words import both_names
from sdtrack.present.phrases import assessment_target_phrase, display_name

GOAL = "9"
TARGET_CODE = "sd"
DATA_COLUMNS = ("Year", "Units", "Value")
REGION_COLUMN = "Region"
GEOCODE_COLUMN = "GeoCode"


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
    for reading in sorted(readings, key=lambda r: r.date.sort_key()):
        if represents_year(indicator, reading):
            by_year[reading.date.end.year] = reading
    return [(year, by_year[year]) for year in sorted(by_year)]


def yearly_values(indicator: Indicator, readings: Sequence[Reading]) -> list[tuple[int, Decimal]]:
    """One value per year (`yearly_readings`)."""
    return [(year, reading.value) for year, reading in yearly_readings(indicator, readings)]


def provenance(
    indicator: Indicator, readings: Sequence[Reading], region: str | None = None
) -> list[dict[str, Any]]:
    """Where each value of the data file comes from (`sdtrack_values`): its year, the
    reading's own date, the value as the data file writes it, and the reading's source,
    link, quote, qualifier, note, whether sdtrack derived it, and its id, each only when
    the reading has it; a derived value's two input readings (`inputs`), and the region
    of a disaggregated row (`region`). The text is the reading's own (the data file's
    cells may be neutralised; these never are), so reading the folder back gives the same
    readings."""
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
            "inputs": (
                [r.key for r in reading.inputs] if isinstance(reading, DerivedReading) else None
            ),
            "region": region,
        }
        entries.append({key: value for key, value in entry.items() if value is not None})
    return entries


def left_out(indicator: Indicator, readings: Sequence[Reading]) -> list[Reading]:
    """The latest reading of each year that has readings but no yearly value: it is not
    in the data file, and the metadata's footnote says so with its date."""
    annual = {year for year, _value in yearly_values(indicator, readings)}
    latest: dict[int, Reading] = {}
    for reading in sorted(readings, key=lambda r: r.date.sort_key()):
        if reading.date.end.year not in annual:
            latest[reading.date.end.year] = reading
    return [latest[year] for year in sorted(latest)]


def footnote(context: ExportContext, indicator: Indicator, readings: Sequence[Reading]) -> str:
    """What the data file does not show: readings that are not a year's value, how a
    derived indicator's values are computed, another region's targets and targets a later
    one superseded (only the current targets of the headline's region are drawn)."""
    unit = indicator.unit_info
    notes = []
    missing = [
        _("{value} on {day}").format(
            value=numbers.quantity(reading.value, unit, indicator.unit_zh),
            day=numbers.period(reading.date),
        )
        for reading in left_out(indicator, readings)
    ]
    for region_id, regional in context.regional.get(indicator.id, {}).items():
        missing += [
            _("{region}: {value} on {day}").format(
                region=context.region_name(region_id),
                value=numbers.quantity(reading.value, unit, indicator.unit_zh),
                day=numbers.period(reading.date),
            )
            for reading in left_out(indicator, regional)
        ]
    if missing:
        notes.append(
            _(
                "Open SDG data is annual; these readings are neither a whole year's figure "
                "nor a year-end one, so they are not in the data: {readings}."
            ).format(readings=_("; ").join(missing))
        )
    if indicator.formula is not None:
        notes.append(derived_note(context, indicator))
    for a in context.assessments_for(indicator):
        if not context.of_own_region(a.target):
            notes.append(
                _(
                    "{region}'s target, not drawn on the headline series: {target} ({value})."
                ).format(
                    region=context.region_name(a.target.region),
                    target=a.target.id,
                    value=numbers.quantity(a.target.value, unit, indicator.unit_zh),
                )
            )
            continue
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


def derived_note(context: ExportContext, indicator: Indicator) -> str:
    """The footnote of a derived indicator: how sdtrack computes its values."""
    formula = indicator.formula
    assert formula is not None
    names = {i.id: display_name(i) for i in context.indicators}
    numerator, denominator = (names.get(i, i) for i in formula.inputs)
    return _(
        "Computed by sdtrack, not recorded: {numerator} ÷ {denominator} × {multiplier}, "
        "for each period both have a reading."
    ).format(
        numerator=numerator,
        denominator=denominator,
        multiplier=numbers.number(formula.multiplier, indicator.unit_info),
    )


def regional_series(
    context: ExportContext, indicator: Indicator
) -> list[tuple[Region, list[dict[str, Any]]]]:
    """Each other region with yearly values, in the region table's order, with its
    `sdtrack_values` entries."""
    found = []
    for region_id, readings in context.regional.get(indicator.id, {}).items():
        region = context.region(region_id)
        if region is None:
            region = Region(id=region_id, name=region_id)
        entries = provenance(indicator, readings, region_id)
        if entries:
            found.append((region, entries))
    return found


def data_columns(regional: Sequence[tuple[Region, list[dict[str, Any]]]]) -> tuple[str, ...]:
    """Year, Units, then Region and GeoCode when there are regional rows (GeoCode only when
    a region has a code: Open SDG wants it second from last), then Value."""
    if not regional:
        return DATA_COLUMNS
    columns = ["Year", "Units", REGION_COLUMN]
    if any((region.code or "").strip() for region, _entries in regional):
        columns.append(GEOCODE_COLUMN)
    return (*columns, "Value")


def region_cells(region: Region, geocode: bool) -> tuple[object, ...]:
    """A region's Region (and GeoCode) cells: text a spreadsheet could run made inert, and
    no space at either end (Open SDG refuses trailing white space in a category)."""
    name = neutralise(region_label(region))
    return (name, neutralise((region.code or "").strip())) if geocode else (name,)


def region_label(region: Region) -> str:
    """What the Region column says of a region: its name in the language in use."""
    return region.display_name.strip()


def data_csv(
    indicator: Indicator,
    readings: Sequence[Reading],
    regional: Sequence[tuple[Region, list[dict[str, Any]]]] = (),
) -> bytes:
    """The data file: the headline rows (`readings`, the workspace's own region), then
    each region's rows (`regional_series`)."""
    # The unit is text a spreadsheet could run; the year and value are numbers.
    unit = neutralise(indicator.unit)
    columns = data_columns(regional)
    geocode = GEOCODE_COLUMN in columns
    blank = ("",) * (len(columns) - len(DATA_COLUMNS))
    # The values are those of `sdtrack_values`, so the two files always agree.
    rows: list[tuple[object, ...]] = [
        (e["year"], unit, *blank, e["value"]) for e in provenance(indicator, readings)
    ]
    for region, entries in regional:
        cells = region_cells(region, geocode)
        rows += [(e["year"], unit, *cells, e["value"]) for e in entries]
    return csv_text([columns, *rows]).encode("utf-8", errors="replace")


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
    # Only the targets in force for the headline's region are drawn and judged; the others
    # are in the footnote.
    current = [
        a for a in assessments if context.report.is_current(a) and context.of_own_region(a.target)
    ]
    readings = context.readings.get(indicator.id, ())
    regional = regional_series(context, indicator)
    regional_years = sorted({e["year"] for _region, entries in regional for e in entries})
    meta: dict[str, Any] = {
        "indicator_number": code.replace("-", "."),
        "indicator_name": display_name(indicator),
        "indicator_sort_order": f"{int(GOAL):02d}-{TARGET_CODE}-{position:02d}",
        "sdg_goal": GOAL,
        "target_id": f"{GOAL}.{TARGET_CODE}",
        "target_name": context.title,
        "reporting_status": reporting_status(years or regional_years, readings),
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
            "label_content": assessment_target_phrase(
                a, symbols=True, table=context.geography.table
            ),
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
    if (formula := indicator.formula) is not None:
        meta["sdtrack_formula"] = {
            "kind": formula.kind,
            "numerator": formula.numerator,
            "denominator": formula.denominator,
            **({"per": _number(formula.per)} if formula.per is not None else {}),
        }
    values = provenance(indicator, readings)
    for _region, entries in regional:
        values += entries
    if values:
        meta["sdtrack_values"] = values
    if regional:
        meta["expected_disaggregations"] = [REGION_COLUMN]
        meta["sdtrack_regions"] = [
            {"id": r.id, "code": r.code.strip(), "name": region_label(r)}
            if r.code and r.code.strip()
            else {"id": r.id, "name": region_label(r)}
            for r, _entries in regional
        ]
    return meta


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    files = []
    for position, indicator in enumerate(context.indicators, start=1):
        readings = context.readings.get(indicator.id, ())
        years = [year for year, _ in yearly_values(indicator, readings)]
        code = indicator_code(position)
        if years or regional_series(context, indicator):
            # sdg-build's check_csv fails a file without rows (its Value column is not
            # numeric); an indicator without yearly values has metadata only, which
            # sdg-build reads as an indicator without data.
            content = data_csv(indicator, readings, regional_series(context, indicator))
            files.append(ExportFile(f"data/indicator_{code}.csv", content))
        meta = metadata(context, indicator, position, years)
        text = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        files.append(ExportFile(f"meta/{code}.yml", text.encode("utf-8")))
        context.report_progress(position, len(context.indicators))
    return files
