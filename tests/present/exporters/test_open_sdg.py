"""The Open SDG exporter: a data CSV and a metadata file per indicator."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdtrack.core.model import Indicator, Reading
from sdtrack.core.quantities import plain_number
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.open_sdg import (
    indicator_code,
    provenance,
    render,
    represents_year,
    yearly_readings,
    yearly_values,
)
from sdtrack.store.open_sdg_sheets import read_open_sdg
from sdtrack.store.workspace import Workspace

from .hostile import INDICATOR, hostile_context, hostile_fields


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
    assert "22.4万个" in meta["data_footnote"]


def test_targets_carry_status_code_and_outlook(context: ExportContext) -> None:
    """Each target in the metadata has the same verdict fields as the JSON: codes, words."""
    files = render(context, ExportOptions())
    metas = [yaml.safe_load(f.content) for f in files if f.name.endswith(".yml")]
    targets = [t for meta in metas for t in meta.get("sdtrack_targets", [])]
    assert len(targets) == len(context.report.assessments)
    for target in targets:
        assert target["status"] == target["status_code"] == "overdue"
        assert target["outlook"] in ("likely_met", "likely_missed", None)
        assert target["status_text"] == "overdue"
        assert target["expected_by"] in ("2025-03-31", "2026-03-31", None)


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
        if years:
            assert data is not None
            rows = data.decode("utf-8").splitlines()
            assert rows[0] == "Year,Units,Value"
            assert len(rows) == 1 + len(years)
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
    """The June 2024 figure of 224,000 is not written as 2024's value; the footnote gives
    it with its date."""
    files = _files(context)
    data = files["data/indicator_9-sd-2.csv"].decode("utf-8")
    assert not any(line.startswith("2024,") for line in data.splitlines())
    meta = yaml.safe_load(files["meta/9-sd-2.yml"])
    assert "224,000 base stations on 2024-06" in meta["data_footnote"]


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
        entries = metas[f"meta/{code}.yml"].get("sdtrack_values")
        if not chosen:
            assert entries is None
            continue
        assert isinstance(entries, list)
        rows = files[f"data/indicator_{code}.csv"].decode("utf-8").splitlines()[1:]
        assert [(e["year"], e["value"]) for e in entries] == [
            (int(row.split(",")[0]), row.rsplit(",", 1)[1]) for row in rows
        ]
        for entry, (year, reading) in zip(entries, chosen, strict=True):
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


def test_the_shipped_export_reads_back_as_its_readings(
    context: ExportContext, tmp_path: Path
) -> None:
    """Exported, then read with `read_open_sdg`: each row is the reading it came from."""
    for file in render(context, ExportOptions()):
        path = tmp_path / file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.content)
    sheets = read_open_sdg(tmp_path, tmp_path)
    by_indicator = {sheet.rows[0].cells[0]: sheet for sheet in sheets}
    assert len(by_indicator) == len(sheets) == 7
    for indicator in context.indicators:
        chosen = yearly_readings(indicator, context.readings.get(indicator.id, ()))
        if not chosen:
            assert indicator.id not in by_indicator
            continue
        rows = [row.cells for row in by_indicator[indicator.id].rows]
        assert rows == [
            (r.indicator, plain_number(r.value), str(r.date), r.source, r.url or "",
             r.quote or "", r.qualifier or "", r.note or "", "true" if r.derived else "")
            for _year, r in chosen
        ]  # fmt: skip


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_fields)
def test_hostile_reading_text_is_kept_exactly(shipped: Workspace, text: Mapping[str, str]) -> None:
    """Whatever a reading's source, url, quote and note hold (markup, control characters,
    YAML's own line breaks), `sdtrack_values` holds it exactly, as YAML safe_load reads it."""
    context = hostile_context(shipped, text)
    position = next(n for n, i in enumerate(context.indicators, 1) if i.id == INDICATOR)
    meta = _metas(_files(context))[f"meta/{indicator_code(position)}.yml"]
    indicator = context.indicators[position - 1]
    assert meta["sdtrack_values"] == provenance(indicator, context.readings[INDICATOR])
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
