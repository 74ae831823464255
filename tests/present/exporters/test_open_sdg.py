"""The Open SDG exporter: a data CSV and a metadata file per indicator."""

from __future__ import annotations

import pytest
import yaml

from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.open_sdg import indicator_code, render, yearly_values


def test_indicator_code() -> None:
    """Indicators are numbered under goal 9, target `sd`."""
    assert indicator_code(3) == "9-sd-3"


def test_a_file_pair_per_indicator(context: ExportContext) -> None:
    """Every indicator gets data/indicator_CODE.csv and meta/CODE.yml."""
    files = render(context, ExportOptions())
    assert len(files) == 2 * len(context.indicators)
    assert [f.name for f in files[:2]] == ["data/indicator_9-sd-1.csv", "meta/9-sd-1.yml"]
    assert files[0].content == b"Year,Units,Value\n2021,communities,301\n"
    meta = yaml.safe_load(files[1].content)
    assert meta["indicator_number"] == "9.sd.1"
    assert meta["reporting_status"] == "complete"
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
