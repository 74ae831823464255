"""What the report formats say of regions, plans and derived values (`exporters.regions`)."""

from __future__ import annotations

import dataclasses

import pytest

from sdtrack.present.exporters import regions
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.regional import Breakdown


def _breakdown(context: ExportContext, indicator_id: str) -> Breakdown:
    return next(b for b in context.breakdowns if b.indicator.id == indicator_id)


def test_summary_says_how_many_reported_and_how_values_combine(regional: ExportContext) -> None:
    """A count adds up, but only when every city reported; a ratio is never rolled up."""
    gigabit = _breakdown(regional, "gigabit-cities")
    assert regions.level(gigabit) == "city"
    assert regions.reporting_words(gigabit) == "14 of 16 cities reported"
    assert regions.summary_words(gigabit, regional) == (
        "14 of 16 cities reported. The regions' values add up; a total is given only when "
        "every region reported."
    )
    ratio = _breakdown(regional, "5g-per-10k")
    assert regions.summary_words(ratio, regional) == (
        "1 of 16 cities reported; a ratio is not rolled up over regions; its inputs are."
    )
    weighted = dataclasses.replace(gigabit, rule="weighted")
    weights = gigabit.indicator.model_copy(update={"weights": "resident-population"})
    weighted = dataclasses.replace(weighted, indicator=weights)
    assert "weighted by Resident population" in regions.summary_words(weighted, regional)


def test_rollup_line_gives_total_own_figure_and_difference(regional: ExportContext) -> None:
    """A period's roll-up: the total only when all reported, the province's own figure
    beside it, and their difference when they disagree."""
    gigabit = _breakdown(regional, "gigabit-cities")
    assert regions.rollup_line(gigabit.rollups[0], gigabit, regional) == (
        "2024: 14 of 16 cities reported: no total; Shandong's own figure: 15 cities"
    )
    fiveg = _breakdown(regional, "5g-base-stations")
    assert regions.rollup_line(fiveg.rollups[0], fiveg, regional) == (
        "2024: sum of the 16 cities: 224,000 base stations; Shandong's own figure: 230,000 "
        "base stations; differs from the total by 6,000 base stations"
    )
    words = regions.rollup_texts(fiveg.rollups[0], fiveg, regional)
    assert words.difference == "differs from the total by 6,000 base stations"


def test_count_of_regions_lines(regional: ExportContext) -> None:
    """A count-of-regions target: the count on the day judged, who meets the condition,
    who is still missing; nothing for any other target."""
    count, other = regional.report.assessments[:2]
    lines = regions.region_count_lines(count, regional)
    assert lines[0] == (
        "On 2024-12-31: 14 of 16 cities meet the gigabit-city standard; 2 without a reading."
    )
    assert lines[1].startswith("Meeting it: Jinan, Qingdao, Zibo, ")
    assert lines[2].startswith("Still missing: Weifang (no reading")
    assert lines[2].endswith(".")
    assert regions.region_count_lines(other, regional) == []


def test_formula_and_inputs_of_a_derived_value(regional: ExportContext) -> None:
    """A derived indicator's formula in words, and each of a value's two input readings."""
    table = regions.indicator_table(regional)
    assert regions.formula_words(table["5g-per-10k"], table) == (
        "Computed by sdtrack: 5G base stations ÷ Resident population × 10,000."
    )
    (value,) = regional.readings["5g-per-10k"]
    assert regions.value_words(value, table["5g-per-10k"]) == (
        "23 base stations per 10,000 people (derived)"
    )
    inputs = regions.derived_inputs(value, table)
    assert [text for _reading, text in inputs] == [
        "230,000 base stations (2024)",
        "100 million people (2024)",
    ]
    recorded = regional.readings["5g-base-stations"][0]
    assert regions.derived_inputs(recorded, table) == []


def test_breakdown_and_plan_documents(regional: ExportContext) -> None:
    """The JSON of a breakdown (each city's latest reading, every roll-up in numbers and in
    words, the indicator's targets by id) and of a plan (its targets by id)."""
    document = regions.breakdown_dict(_breakdown(regional, "5g-base-stations"), regional)
    assert document["latest"][0]["region"] == "jinan"
    assert document["latest"][0]["reading"]["value"] == 14000
    (rollup,) = document["rollups"]
    assert rollup["total"] == 224000
    assert rollup["text"].startswith("2024: sum of the 16 cities")
    assert document["target_ids"] == ["5g-base-stations-2025"]
    plan, assessments = regional.reported_plans()[1]
    assert regions.plan_dict(plan, assessments)["target_ids"] == ["5g-per-10k-2027"]
    assert regions.plan_words(plan) == (
        "Shandong Communications Administration, 2025-06-18, 鲁通信〔2025〕1号"
    )


@pytest.mark.usefixtures("zh")
def test_chinese_names_and_lists(regional_zh: ExportContext) -> None:
    """In Chinese the regions are named in Chinese and listed with 、; a plan's issuer is
    its Chinese one and its date a Chinese date."""
    assert regions.names(regional_zh, ["weifang", "heze"]) == "潍坊市、菏泽市"
    plan, _assessments = regional_zh.reported_plans()[1]
    assert regions.plan_parts(plan) == ["山东省通信管理局", "2025年6月18日", "鲁通信〔2025〕1号"]
