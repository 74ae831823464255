"""The Open SDG exporter: a data CSV and a metadata file per indicator."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdtrack.core.assessment import Status
from sdtrack.core.derived import DerivedReading
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.quantities import plain_number
from sdtrack.core.regions import Region
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.open_sdg import (
    data_columns,
    data_csv,
    indicator_code,
    provenance,
    regional_series,
    render,
    represents_year,
    yearly_readings,
    yearly_values,
)
from sdtrack.present.phrases import status_words
from sdtrack.present.report import build_status
from sdtrack.store.open_sdg_sheets import OpenSdgSheet, read_open_sdg
from sdtrack.store.workspace import Workspace

from ...conftest import NOW, TODAY
from .hostile import HOSTILE_CITY, INDICATOR, hostile_context, hostile_fields
from .regional import CITIES, regional_workspace


def test_indicator_code() -> None:
    """Indicators are numbered under goal 9, target `sd`."""
    assert indicator_code(3) == "9-sd-3"


def test_a_file_pair_per_indicator(context: ExportContext) -> None:
    """Every indicator gets data/indicator_CODE.csv and meta/CODE.yml."""
    files = {f.name: f.content for f in render(context, ExportOptions())}
    metas = [name for name in files if name.startswith("meta/")]
    assert len(metas) == len(context.indicators)
    assert files["data/indicator_9-sd-2.csv"].startswith(b"Year,Units,Value\n2019,base stations,")
    meta = yaml.safe_load(files["meta/9-sd-1.yml"])
    assert meta["indicator_number"] == "9.sd.1"
    assert meta["target_name"] == "Shandong digital economy targets"


def test_yearly_values_keep_the_latest_of_each_year(context: ExportContext) -> None:
    """A stock's yearly series keeps the last reading of each year, years ascending."""
    indicator = next(i for i in context.indicators if i.id == "5g-base-stations")
    years = [year for year, _ in yearly_values(indicator, context.readings[indicator.id])]
    assert years == sorted(set(years))


@pytest.mark.usefixtures("zh")
def test_chinese_metadata_text_keeps_field_names(context: ExportContext) -> None:
    """In Chinese the names and units are Chinese; file names, fields and codes are not."""
    files = {f.name: f.content for f in render(context, ExportOptions())}
    assert all(name.startswith(("data/indicator_9-sd-", "meta/9-sd-")) for name in files)
    position = next(
        n for n, i in enumerate(context.indicators, start=1) if i.id == "5g-base-stations"
    )
    meta = yaml.safe_load(files[f"meta/{indicator_code(position)}.yml"])
    assert meta["indicator_name"] == "5G基站"
    assert meta["graph_title"] == "5G基站（5G base stations in service）"
    assert meta["computation_units"] == "个"
    assert meta["sdtrack_id"] == "5g-base-stations"
    assert meta["reporting_status"] == "complete"
    assert "2020年9月26日为5万个" in meta["data_footnote"]


def test_targets_carry_status_code_and_outlook(context: ExportContext) -> None:
    """Each target in the metadata has the same verdict fields as the JSON: codes, words."""
    files = render(context, ExportOptions())
    metas = [yaml.safe_load(f.content) for f in files if f.name.endswith(".yml")]
    targets = [t for meta in metas for t in meta.get("sdtrack_targets", [])]
    assert len(targets) == len(context.report.assessments)
    for target in targets:
        assert target["status"] == target["status_code"]
        assert target["status_code"] in {s.value for s in Status}
        assert target["status_text"] == status_words(target["status_code"])
        assert target["outlook"] in ("likely_met", "likely_missed", None)
        assert target["expected_by"] in ("2025-03-31", "2026-03-31", None)
    assert {t["status_code"] for t in targets} >= {"overdue", "achieved", "no_data"}


def _files(context: ExportContext) -> dict[str, bytes]:
    return {f.name: f.content for f in render(context, ExportOptions())}


def test_no_data_file_without_yearly_values(context: ExportContext) -> None:
    """sdg-build's check_csv fails a header-only file (its Value column is not numeric):
    an indicator with no yearly value gets metadata only, never a file without rows."""
    files = _files(context)
    for position, indicator in enumerate(context.indicators, start=1):
        code = indicator_code(position)
        data = files.get(f"data/indicator_{code}.csv")
        years = yearly_values(indicator, context.readings.get(indicator.id, ()))
        meta = yaml.safe_load(files[f"meta/{code}.yml"])
        regional = regional_series(context, indicator)
        if years or regional:
            assert data is not None
            rows = list(csv.reader(data.decode("utf-8").splitlines()))
            assert rows[0] == list(data_columns(regional))
            headline = [row for row in rows[1:] if not any(row[2:-1])]
            assert len(headline) == len(years)
            assert len(rows) == 1 + len(years) + sum(len(e) for _r, e in regional)
            assert meta["reporting_status"] == "complete"
        else:
            assert data is None
            assert meta["reporting_status"] in ("inprogress", "notstarted")
    # sdg-build reads an indicator of metadata only: at least one of each kind here.
    assert any(name.startswith("data/") for name in files)
    assert len([n for n in files if n.startswith("data/")]) < len(context.indicators)


def _reading(value: int, date: str, kind: str = "stock") -> tuple[Indicator, Reading]:
    unit = "%" if kind == "share" else "things"
    indicator = Indicator.model_validate({"id": "x", "name": "X", "unit": unit, "kind": kind})
    reading = Reading.model_validate(
        {"indicator": "x", "value": value, "date": date, "source": "s"}
    )
    return indicator, reading


@pytest.mark.parametrize(
    ("date", "kind", "annual"),
    [
        ("2024", "stock", True),
        ("2024-12-31", "stock", True),
        ("2024-12", "stock", True),
        ("2024-06-18", "stock", False),
        ("2024-06", "stock", False),
        ("2024-12-30", "stock", False),
        ("2024", "flow", True),
        ("2024-12", "flow", False),
        ("2024-12-31", "flow", False),
    ],
)
def test_only_readings_that_represent_the_year(date: str, kind: str, annual: bool) -> None:
    """Open SDG's Year is annual: a stock's year-end level or a flow's whole year, never a
    mid-year figure written as if it were the year's."""
    indicator, reading = _reading(5, date, kind)
    assert represents_year(indicator, reading) is annual
    assert yearly_values(indicator, [reading]) == ([(2024, Decimal(5))] if annual else [])


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.sampled_from(["stock", "share", "flow"]),
)
def test_a_mid_year_day_is_never_a_year_value(day: dt.date, kind: str) -> None:
    """Any day but 31 December, of any kind of indicator, is not its year's value."""
    indicator, reading = _reading(5, day.isoformat(), kind)
    expected = kind != "flow" and (day.month, day.day) == (12, 31)
    assert represents_year(indicator, reading) is expected


def test_the_mid_year_5g_figure_is_only_in_the_footnote(context: ExportContext) -> None:
    """The figure of 50,000 on 26 September 2020 is not written as 2020's value; the
    footnote gives it with its date, and a city's mid-year figure with its city."""
    files = _files(context)
    data = files["data/indicator_9-sd-2.csv"].decode("utf-8")
    assert not any(line.startswith("2020,") for line in data.splitlines())
    meta = yaml.safe_load(files["meta/9-sd-2.yml"])
    assert "50,000 base stations on 2020-09-26" in meta["data_footnote"]
    assert "Qingdao: 30,361 base stations on 2022-09" in meta["data_footnote"]


def test_superseded_targets_are_not_target_lines(context: ExportContext) -> None:
    """Only the targets in force are drawn (graph_target_lines) and judged
    (progress_calculation_options); a superseded one is named in the footnote only."""
    files = _files(context)
    for name, content in files.items():
        if not name.startswith("meta/"):
            continue
        meta = yaml.safe_load(content)
        current = {t["id"] for t in meta.get("sdtrack_targets", []) if t["current"]}
        superseded = {t["id"] for t in meta.get("sdtrack_targets", []) if not t["current"]}
        lines = [line["label_content"] for line in meta.get("graph_target_lines", [])]
        assert len(lines) <= len(current)
        for target in superseded:
            assert target in meta["data_footnote"]
    fiveg = yaml.safe_load(files["meta/9-sd-2.yml"])
    assert [line["value"] for line in fiveg["graph_target_lines"]] == [270000]
    # A chart labels the line with the target as a reader says it, not with its id.
    assert [line["label_content"] for line in fiveg["graph_target_lines"]] == [
        "> 270,000 base stations by end-2025"
    ]
    assert [o["target"] for o in fiveg["progress_calculation_options"]] == [270000]
    assert "5g-base-stations-2025-first" in fiveg["data_footnote"]


def _metas(files: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    return {n: yaml.safe_load(c) for n, c in files.items() if n.startswith("meta/")}


def test_sdtrack_values_give_each_value_its_reading(context: ExportContext) -> None:
    """Each value of a data file has one `sdtrack_values` entry in its metadata, in the same
    order: its year, the value as the CSV writes it, and the reading's own date, source,
    link, quote, qualifier, note and id, each only when the reading has it."""
    files = _files(context)
    metas = _metas(files)
    for position, indicator in enumerate(context.indicators, start=1):
        code = indicator_code(position)
        chosen = yearly_readings(indicator, context.readings.get(indicator.id, ()))
        regional = regional_series(context, indicator)
        entries = metas[f"meta/{code}.yml"].get("sdtrack_values")
        if not chosen and not regional:
            assert entries is None
            continue
        assert isinstance(entries, list)
        text = files[f"data/indicator_{code}.csv"].decode("utf-8")
        rows = list(csv.reader(text.splitlines()))[1:]
        assert [(e["year"], e["value"]) for e in entries] == [
            (int(row[0]), row[-1]) for row in rows
        ]
        regional_entries = [e for _region, region_entries in regional for e in region_entries]
        assert entries[len(chosen) :] == regional_entries
        assert all("region" in e for e in regional_entries)
        for entry, (year, reading) in zip(entries[: len(chosen)], chosen, strict=True):
            expected = {
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
            }
            assert entry == {k: v for k, v in expected.items() if v is not None}
            assert list(entry)[:3] == ["year", "date", "value"]
    fiveg = metas["meta/9-sd-2.yml"]["sdtrack_values"]
    assert isinstance(fiveg, list)
    assert fiveg[0]["date"] == "2019"
    assert fiveg[0]["id"] == "cited-5g-base-stations-2019"


def test_the_metadata_stays_json_for_sdg_build(context: ExportContext) -> None:
    """sdg-build writes each metadata file as JSON: every value, dates included, is a
    JSON value (a date stays the text it was, never a YAML date)."""
    for meta in _metas(_files(context)).values():
        assert yaml.safe_load(json.dumps(meta)) == meta
        for entry in meta.get("sdtrack_values", []):
            assert isinstance(entry["date"], str)
            assert isinstance(entry["value"], str)


def _read_back(context: ExportContext, folder: Path) -> dict[str, OpenSdgSheet]:
    for file in render(context, ExportOptions()):
        path = folder / file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.content)
    sheets = read_open_sdg(folder, folder, context.geography)
    by_indicator = {sheet.rows[0].cells[0]: sheet for sheet in sheets}
    assert len(by_indicator) == len(sheets) == len(list(folder.glob("data/*.csv")))
    return by_indicator


def _expected_rows(context: ExportContext, indicator: Indicator) -> list[tuple[str, ...]]:
    """The long-layout rows an import reads back: the headline readings, then each
    region's, each with its region ("" for the workspace's own)."""
    series = [("", context.readings.get(indicator.id, ()))]
    series += list(context.regional.get(indicator.id, {}).items())
    return [
        (r.indicator, plain_number(r.value), str(r.date), r.source, r.url or "",
         r.quote or "", r.qualifier or "", r.note or "", "true" if r.derived else "", region)
        for region, readings in series
        for _year, r in yearly_readings(indicator, readings)
    ]  # fmt: skip


@pytest.mark.parametrize("workspace", ["shipped", "regional"])
def test_the_export_reads_back_as_its_readings(
    context: ExportContext, regional: ExportContext, workspace: str, tmp_path: Path
) -> None:
    """Exported, then read with `read_open_sdg`: each row is the reading it came from, a
    city's with its region."""
    chosen = context if workspace == "shipped" else regional
    by_indicator = _read_back(chosen, tmp_path)
    for indicator in chosen.indicators:
        expected = _expected_rows(chosen, indicator)
        if not expected:
            assert indicator.id not in by_indicator
            continue
        rows = [row.cells for row in by_indicator[indicator.id].rows]
        assert rows == expected


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_fields)
def test_hostile_reading_text_is_kept_exactly(shipped: Workspace, text: Mapping[str, str]) -> None:
    """Whatever a reading's source, url, quote and note hold (markup, control characters,
    YAML's own line breaks), `sdtrack_values` holds it exactly, as YAML safe_load reads it."""
    context = hostile_context(shipped, text)
    position = next(n for n, i in enumerate(context.indicators, 1) if i.id == INDICATOR)
    meta = _metas(_files(context))[f"meta/{indicator_code(position)}.yml"]
    indicator = context.indicators[position - 1]
    headline = provenance(indicator, context.readings[INDICATOR])
    assert meta["sdtrack_values"][: len(headline)] == headline
    assert {e.get("region") for e in meta["sdtrack_values"][len(headline) :]} <= {HOSTILE_CITY}
    for entry in meta["sdtrack_values"]:
        for key in ("source", "url", "quote", "note"):
            assert entry[key] == text[f"reading_{key}"]


@pytest.mark.parametrize("text", ["a\x85b", "a\u2028b", "a\u2029b", "plain", "=1+1", "x: y\n- z"])
def test_yaml_line_breaks_read_back_as_written(context: ExportContext, text: str) -> None:
    """PyYAML's plain dumper writes NEXT LINE (U+0085) in a style it reads back as a space:
    the exporter's strings holding one are double-quoted, escaped."""
    indicator = next(i for i in context.indicators if i.id == "5g-base-stations")
    readings = tuple(r.model_copy(update={"note": text}) for r in context.readings[indicator.id])
    files = _files(
        dataclasses.replace(context, readings={**context.readings, indicator.id: readings})
    )
    meta = yaml.safe_load(files["meta/9-sd-2.yml"])
    assert {entry["note"] for entry in meta["sdtrack_values"]} == {text}


def _regional_files(context: ExportContext) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Each indicator's data file (as text) and metadata, by sdtrack id."""
    files = _files(context)
    data, metas = {}, {}
    for position, indicator in enumerate(context.indicators, start=1):
        code = indicator_code(position)
        if f"data/indicator_{code}.csv" in files:
            data[indicator.id] = files[f"data/indicator_{code}.csv"].decode("utf-8")
        metas[indicator.id] = yaml.safe_load(files[f"meta/{code}.yml"])
    return data, metas


def test_cities_are_disaggregated_rows_with_region_and_geocode(regional: ExportContext) -> None:
    """A city's readings are rows disaggregated by Region (its name) with its GeoCode (its
    division code), GeoCode second from last and Value last; the headline rows, the
    province's own readings, leave both empty and come first."""
    data, metas = _regional_files(regional)
    rows = list(csv.reader(data["5g-base-stations"].splitlines()))
    assert rows[0] == ["Year", "Units", "Region", "GeoCode", "Value"]
    assert rows[1:3] == [
        ["2023", "base stations", "", "", "200000"],
        ["2024", "base stations", "", "", "230000"],
    ]
    assert rows[3] == ["2024", "base stations", "Jinan", "370100", "14000"]
    assert [row[3] for row in rows[3:]] == [r.code for r in CITIES]
    assert all(row[2] and row[3] for row in rows[3:])
    meta = metas["5g-base-stations"]
    assert meta["expected_disaggregations"] == ["Region"]
    assert meta["sdtrack_regions"][0] == {"id": "jinan", "code": "370100", "name": "Jinan"}
    assert len(meta["sdtrack_regions"]) == 16


def test_each_regional_value_names_its_region_in_sdtrack_values(regional: ExportContext) -> None:
    """Every data row has its `sdtrack_values` entry in the same order; a city's names the
    region by id, a headline one names none."""
    data, metas = _regional_files(regional)
    rows = list(csv.DictReader(io.StringIO(data["gigabit-cities"])))
    entries = metas["gigabit-cities"]["sdtrack_values"]
    assert len(entries) == len(rows) == 1 + 14
    codes = {r.code: r.id for r in CITIES}
    for row, entry in zip(rows, entries, strict=True):
        assert (str(entry["year"]), entry["value"]) == (row["Year"], row["Value"])
        assert entry.get("region") == (codes[row["GeoCode"]] if row["GeoCode"] else None)
    assert not {"weifang", "heze"} & {e.get("region") for e in entries}


@pytest.mark.usefixtures("zh")
def test_chinese_region_column_holds_chinese_names(regional_zh: ExportContext) -> None:
    """In Chinese the Region column holds the cities' Chinese names; the header names and
    the codes stay as they are."""
    data, metas = _regional_files(regional_zh)
    rows = list(csv.DictReader(io.StringIO(data["5g-base-stations"])))
    assert list(rows[0]) == ["Year", "Units", "Region", "GeoCode", "Value"]
    assert [row["Region"] for row in rows[2:5]] == ["济南市", "青岛市", "淄博市"]
    assert metas["5g-base-stations"]["sdtrack_regions"][0]["name"] == "济南市"


def test_derived_values_are_exported_and_marked(regional: ExportContext) -> None:
    """A derived indicator's computed values are in the data file; their entries are
    marked derived and cite both inputs' readings, the metadata gives the formula and the
    footnote says sdtrack computed them."""
    data, metas = _regional_files(regional)
    rows = list(csv.DictReader(io.StringIO(data["5g-per-10k"])))
    assert [(r["Year"], r["Region"], r["Value"]) for r in rows] == [
        ("2024", "", "23"),
        ("2024", "Jinan", "140"),
    ]
    meta = metas["5g-per-10k"]
    assert meta["sdtrack_formula"] == {
        "kind": "ratio",
        "numerator": "5g-base-stations",
        "denominator": "resident-population",
        "per": 10000,
    }
    headline, jinan = meta["sdtrack_values"]
    assert headline["derived"] is True
    assert headline["inputs"][0] == "5g-own-2024"
    assert jinan["derived"] is True
    assert jinan["region"] == "jinan"
    assert len(jinan["inputs"]) == 2
    assert "Computed by sdtrack" in meta["data_footnote"]
    assert "5G base stations ÷ Resident population × 10,000" in meta["data_footnote"]


def test_a_city_target_is_not_drawn_on_the_province(tmp_path: Path) -> None:
    """A target for a city is named in the footnote, never a target line or a progress
    option of the headline series (the province's readings)."""
    workspace = regional_workspace(tmp_path / "ws")
    indicator = next(i for i in workspace.indicators if i.id == "5g-base-stations")
    city = indicator.targets[0].model_copy(
        update={"id": "jinan-5g-2025", "region": "jinan", "value": Decimal(60000)}
    )
    indicator.targets.append(city)
    context = ExportContext.of(workspace, build_status(workspace, TODAY), NOW)
    _data, metas = _regional_files(context)
    meta = metas["5g-base-stations"]
    assert [line["value"] for line in meta["graph_target_lines"]] == [270000]
    assert [o["target"] for o in meta["progress_calculation_options"]] == [270000]
    assert (
        "Jinan's target, not drawn on the headline series: jinan-5g-2025" in (meta["data_footnote"])
    )


def test_no_geocode_column_without_a_code(regional: ExportContext) -> None:
    """A region without a division code: its rows have a Region and no GeoCode column at
    all (Open SDG's maps need a code)."""
    region = Region(id="newtown", name="Newtown", parent="shandong")
    reading = Reading.model_validate(
        {"indicator": "x", "value": "5", "date": "2024", "source": "s", "region": "newtown"}
    )
    indicator = Indicator.model_construct(id="x", name="X", unit="things", kind="stock")
    series = [(region, provenance(indicator, [reading], "newtown"))]
    rows = list(csv.reader(data_csv(indicator, [], series).decode("utf-8").splitlines()))
    assert rows == [["Year", "Units", "Region", "Value"], ["2024", "things", "Newtown", "5"]]


def test_region_names_and_codes_are_inert_cells() -> None:
    """A region's name or code a spreadsheet would run is written behind an apostrophe,
    without spaces at its ends (Open SDG refuses trailing white space in a category)."""
    region = Region.model_construct(
        id="evil", name=" =HYPERLINK(1) ", name_zh=None, parent=None, level="city", code="+1"
    )
    indicator = Indicator.model_construct(id="x", name="X", unit="things", kind="stock")
    entries = [{"year": 2024, "value": "5"}]
    text = data_csv(indicator, [], [(region, entries)]).decode("utf-8")
    assert text.splitlines()[1] == "2024,things,'=HYPERLINK(1),'+1,5"
