"""The Open SDG exporter: a data CSV and a metadata file per indicator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.model import Indicator, Reading
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.open_sdg import (
    indicator_code,
    render,
    represents_year,
    yearly_values,
)


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
        lines = {line["label_content"] for line in meta.get("graph_target_lines", [])}
        assert lines <= current
        for target in superseded:
            assert target in meta["data_footnote"]
            assert target not in lines
    fiveg = yaml.safe_load(files["meta/9-sd-2.yml"])
    assert [line["value"] for line in fiveg["graph_target_lines"]] == [270000]
    assert [o["target"] for o in fiveg["progress_calculation_options"]] == [270000]
    assert "5g-base-stations-2025-first" in fiveg["data_footnote"]
