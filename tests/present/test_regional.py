"""Regional breakdowns: each region's latest reading, and the roll-ups of the regions'
readings period by period beside the parent region's own (`present.regional`).

`regional_workspace` writes the workspace the region, plan and count-of-regions tests
share: Shandong's 16 cities with 5G counts (every city for 2023, eleven for 2024), the
gigabit-city standard met by every city but Weifang, a derived ratio, a share, and
targets of two plans, one revising the other."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from sdtrack.core.periods import Period
from sdtrack.core.regions import BUILT_IN_REGIONS
from sdtrack.present.regional import breakdown, breakdowns
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import Workspace, load_workspace

CITIES = [r.id for r in BUILT_IN_REGIONS if r.parent == "shandong"]
# Each city's 5G count for 2023 (they add up to 200,000; the province says 210,000).
STATIONS_2023 = [28000, 32000, 12000, 8000, 9000, 15000, 14000, 13000, 9000, 8000, 6000, 14000]
STATIONS_2023 += [9000, 8000, 7000, 8000]
AS_OF = dt.date(2025, 6, 30)

SOURCE = 'source = { document = "Plan", publisher = "Office", date = 2024-04-10, quote = "Q" }'
REGIONAL_TARGETS = f"""\
schema = 1
title = "Regions"
region = "shandong"

[[plan]]
id = "plan-a"
title = "The first plan"
title_zh = "第一份规划"
issuer = "Provincial office"
issuer_zh = "省办公室"
date = 2021-11-29

[[plan]]
id = "plan-b"
title = "The second plan"
title_zh = "第二份规划"
issuer = "Information Office"
issuer_zh = "新闻办公室"
date = 2024-04-10
document = "鲁通信〔2024〕1号"

[[indicator]]
id = "stations"
name = "5G base stations"
name_zh = "5G基站"
unit = "base stations"
unit_zh = "个"
kind = "stock"

[[indicator.target]]
id = "stations-2025-first"
plan = "plan-a"
comparison = "more_than"
value = 250000
deadline = 2025
source = {{ document = "Wire", publisher = "Wire", date = 2021-11-29, quote = "Q" }}

[[indicator.target]]
id = "stations-2025"
plan = "plan-b"
comparison = "more_than"
value = 270000
deadline = 2025
{SOURCE}

[[indicator.target]]
id = "jinan-stations-2025"
region = "jinan"
comparison = "at_least"
value = 60000
deadline = 2025
{SOURCE}

[[indicator]]
id = "population"
name = "Resident population"
name_zh = "常住人口"
unit = "people"
unit_zh = "人"
kind = "stock"

[[indicator]]
id = "stations-per-10k"
name = "5G base stations per 10,000 people"
name_zh = "每万人拥有5G基站数"
unit = "base stations per 10,000 people"
kind = "stock"
formula = {{ kind = "ratio", numerator = "stations", denominator = "population", per = 10000 }}

[[indicator.target]]
id = "stations-per-10k-2027"
plan = "plan-b"
comparison = "at_least"
value = 30
deadline = 2027
{SOURCE}

[[indicator]]
id = "gigabit"
name = "Cities meeting the gigabit-city standard"
name_zh = "达到千兆城市标准的城市"
unit = "cities"
unit_one = "city"
unit_zh = "个"
kind = "stock"
limit = 16

[[indicator.target]]
id = "gigabit-2024"
plan = "plan-b"
each = {{ comparison = "at_least", value = 1, label = "meet the gigabit-city standard", label_zh = "达到千兆城市标准" }}
comparison = "at_least"
value = 16
deadline = 2024
{SOURCE}

[[indicator]]
id = "coverage"
name = "5G coverage of villages"
name_zh = "行政村5G通达率"
unit = "%"
kind = "share"
"""  # noqa: E501


def _reading(indicator: str, value: object, date: str, region: str | None = None) -> str:
    where = f'region = "{region}"\n' if region else ""
    shown = f'"{value}"' if isinstance(value, str) else value
    return (
        f'\n[[reading]]\nindicator = "{indicator}"\n{where}value = {shown}\ndate = {date}\n'
        f'source = "Bulletin {date} {region or "shandong"}"\n'
    )


def regional_ledger() -> str:
    parts = ["schema = 1\n"]
    parts.append(_reading("stations", 210000, "2023"))
    parts.append(_reading("population", "10122.97万", "2023"))
    for city, value in zip(CITIES, STATIONS_2023, strict=True):
        parts.append(_reading("stations", value, "2023", city))
        parts.append(_reading("population", "500万", "2023", city))
    for city, value in list(zip(CITIES, STATIONS_2023, strict=True))[:11]:
        parts.append(_reading("stations", value + 3000, "2024", city))
    for city in CITIES:
        if city != "weifang":
            parts.append(_reading("gigabit", 1, "2022", city))
    parts.append(_reading("coverage", "95%", "2023", "jinan"))
    return "".join(parts)


def write_regional(directory: Path) -> Path:
    """The regional workspace at `directory` (created)."""
    directory.mkdir(parents=True)
    (directory / "targets.toml").write_text(REGIONAL_TARGETS, encoding="utf-8")
    (directory / "readings.toml").write_text(regional_ledger(), encoding="utf-8")
    return directory


def load_regional(directory: Path) -> Workspace:
    return load_workspace(locate_workspace(directory, None, directory))


@pytest.fixture
def regional(tmp_path: Path) -> Workspace:
    return load_regional(write_regional(tmp_path / "regions"))


def test_each_city_has_its_latest_reading(regional: Workspace) -> None:
    """One row per city in the table's order, each with its latest reading up to the day."""
    found = breakdown(regional, regional.indicator("stations"), AS_OF)
    assert found is not None
    assert found.parent.id == "shandong"
    assert [r.id for r in found.regions] == CITIES
    assert found.reporting == 16
    latest = {item.region.id: item.reading for item in found.latest}
    jinan, heze = latest["jinan"], latest["heze"]
    assert jinan is not None
    assert (jinan.value, str(jinan.date)) == (Decimal(31000), "2024")
    assert heze is not None
    assert str(heze.date) == "2023"


def test_a_sum_is_given_only_when_every_city_reported(regional: Workspace) -> None:
    """2023: all 16 add up to 200,000, beside the province's own 210,000 (they differ);
    2024: 11 of 16 reported, so no total, and the five missing are named."""
    found = breakdown(regional, regional.indicator("stations"), AS_OF)
    assert found is not None
    assert found.rule == "sum"
    first, last = found.rollups
    assert first.period == Period.year(2023)
    assert (first.total, first.own, first.differs, first.complete) == (
        Decimal(200000),
        Decimal(210000),
        True,
        True,
    )
    assert last.total is None
    assert not last.complete
    assert not last.differs
    assert len(last.reported) == 11
    assert last.missing == tuple(CITIES[11:])
    assert found.latest_rollup == last


def test_readings_after_the_day_are_left_out(regional: Workspace) -> None:
    found = breakdown(regional, regional.indicator("stations"), dt.date(2023, 12, 31))
    assert found is not None
    assert [str(r.period) for r in found.rollups] == ["2023"]
    assert breakdown(regional, regional.indicator("gigabit"), dt.date(2021, 12, 31)) is None


def test_shares_and_ratios_are_not_added_up(regional: Workspace) -> None:
    """A share without weights and a derived ratio have no total, whoever reported."""
    share = breakdown(regional, regional.indicator("coverage"), AS_OF)
    ratio = breakdown(regional, regional.indicator("stations-per-10k"), AS_OF)
    assert share is not None
    assert ratio is not None
    assert (share.rule, ratio.rule) == ("none", "none")
    assert share.reporting == 1
    assert all(r.total is None for r in (*share.rollups, *ratio.rollups))
    (complete,) = ratio.rollups
    assert complete.complete  # every city has both inputs for 2023
    jinan = ratio.latest[0].reading
    assert jinan is not None
    assert jinan.derived
    # 2023's: the 2024 count has no 2024 population to be divided by.
    assert (jinan.value, str(jinan.date)) == (Decimal(28000) / Decimal(5_000_000) * 10000, "2023")


def test_breakdowns_are_in_the_workspace_s_order(regional: Workspace) -> None:
    """Every indicator with regional readings, in targets.toml's order."""
    found = [b.indicator.id for b in breakdowns(regional, AS_OF)]
    assert found == ["stations", "population", "stations-per-10k", "gigabit", "coverage"]


def test_a_workspace_without_a_region_has_no_breakdown(tmp_path: Path) -> None:
    directory = write_regional(tmp_path / "plain")
    targets = directory / "targets.toml"
    targets.write_text(
        targets.read_text(encoding="utf-8")
        .replace('region = "shandong"\n', "", 1)
        .replace("each = {", 'among = "shandong"\neach = {'),
        encoding="utf-8",
    )
    workspace = load_regional(directory)
    assert breakdowns(workspace, AS_OF) == []
