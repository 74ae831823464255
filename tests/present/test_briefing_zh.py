"""The Chinese briefing paragraph: 目标, 最新数据, 差距, 增速, 预测, 数据发布, 结论, 提示,
with the English paragraph's numbers. Catalog strings (bands, warnings) are not asserted:
the catalog is assembled later."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from sdtrack.core import language
from sdtrack.present.briefing import gap_figures, gap_paragraph
from sdtrack.present.briefing_zh import gap_paragraph_zh
from sdtrack.present.report import StatusReport, build_status
from sdtrack.store.workspace import Workspace

from .conftest import assessment_of
from .test_briefing import BOUNDS, REVENUE, assess, five_g_as_before, indicator, readings
from .test_regional import AS_OF as REGIONAL_DAY
from .test_regional import load_regional, write_regional

TREND = [("2020", 100, None), ("2021", 120, None), ("2022", 150, None), ("2023", 160, None)]
TREND.append(("2024", 175, None))


@pytest.fixture
def on_the_day(shipped: Workspace) -> StatusReport:
    """Every shipped target assessed on 2026-12-01."""
    return build_status(shipped, dt.date(2026, 12, 1))


@pytest.mark.usefixtures("chinese")
def test_chinese_paragraph_follows_a_chinese_briefing(shipped: Workspace) -> None:
    """目标, 最新数据, 差距, 增速 (with its span), 预测, 数据发布, 结论: in that order."""
    text = gap_paragraph(five_g_as_before(shipped))
    parts = [
        "目标：到2025年底，5G基站超过27万个，由山东省发展改革委主任孙爱军",
        "于2024年4月10日在《国务院新闻办公室新闻发布会，答经济日报记者问》中提出。",
        "最新数据：截至2024年6月18日，5G基站为22.4万个",
        "差距：还差4.6万个，完成进度57%（以2022年底的16.2万个为基数）。",
        "所需增速与实际增速：目标声明的基数（2024年4月10日的20万个）为推算值，"
        "因此速度从此前最近的有来源数据起算；",
        "按2022年底的16.2万个至2024年6月18日的22.4万个测算，实际年均增长+4.234万个",
        "预测：按此速度，截止日期时将达到",
        "2025年底数据应于2026年3月31日前发布，但尚未录入：请查找该数据（sdtrack due）。",
        "按趋势判断，目标可能达成。",
        "结论：数据逾期未发布，可能达成，依据cagr-ratio方法；增长比率R = ",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    assert "270,000" not in text
    assert "Verdict" not in text
    assert "截止日期已过——待数据" not in text


@pytest.mark.usefixtures("chinese")
def test_chinese_paragraph_shares_the_english_numbers(shipped: Workspace) -> None:
    """Both builders state the numbers gap_figures computed once."""
    a = five_g_as_before(shipped)
    figures = gap_figures(a)
    assert figures.progress is not None
    assert f"{figures.progress * 100:.0f}%" in gap_paragraph(a)
    assert figures.pace_required == 36000
    assert figures.declared_base is not None
    language.use("en")
    english = gap_paragraph(a)
    assert "+36,000 base stations a year" in english


@pytest.mark.usefixtures("chinese")
def test_a_lower_bound_reads_at_most_and_at_least_in_chinese() -> None:
    """最多还差…, 完成进度至少… from an exact base; between two bounds 仅供参考 by the verdict."""
    exact_base = readings(("2021", "1.2 trillion", None), ("2023", "2 trillion", "over"))
    text = gap_paragraph(assess(indicator(REVENUE), exact_base, "2024-06-01"))
    assert "最新数据：截至2023年，X超过2万亿元。" in text
    assert "差距：最多还差4000亿元，完成进度至少67%" in text
    both = gap_paragraph(assess(indicator(REVENUE), readings(*BOUNDS), "2024-06-01"))
    assert "差距：最多还差4000亿元" in both
    assert "按2021年的超过1.2万亿元至2023年的超过2万亿元测算" in both
    assert "最多需年均增长+3000亿元" in both
    assert re.search(r"结论：[^，]+，仅供参考（速度按下限值测算），依据cagr-ratio方法", both)


@pytest.mark.usefixtures("chinese")
def test_the_release_calendar_in_chinese() -> None:
    """待数据 before 31 March, with the expected day; 逾期 after it, with what to do."""
    ind = indicator(REVENUE)
    waiting = gap_paragraph(assess(ind, readings(*BOUNDS), "2026-02-01"))
    assert "截止日期（2025年底）已过；2025年数据预计于2026年3月31日前发布。" in waiting
    assert "结论：待数据，可能达成，仅供参考" in waiting
    alone = gap_paragraph(assess(ind, readings(BOUNDS[0]), "2026-04-02"))
    assert "2025年数据应于2026年3月31日前发布，但尚未录入" in alone
    assert "目前的趋势无法判断目标能否达成。" in alone


@pytest.mark.usefixtures("chinese")
def test_linear_trend_and_a_short_span_in_chinese() -> None:
    """The linear trend's own projection; 测算期仅2个月 next to the verdict; 1个."""
    cities = indicator(
        {"comparison": "at_least", "value": 300, "deadline": 2030}, unit="cities", kind="stock"
    )
    rows = readings(*TREND)
    text = gap_paragraph(assess(cities, rows, "2025-06-01", "linear-trend"))
    assert "线性趋势，截止日期时将达到287.5个（缺口为剩余差距的10%）" in text
    assert "结论：略微落后，依据linear-trend方法" in text
    assert "落后（略微落后）" not in text
    few = indicator(
        {"comparison": "at_least", "value": 16, "deadline": 2030}, unit="cities", kind="stock"
    )
    short = readings(("2024-04-10", 14, None), ("2024-06-18", 15, None))
    text = gap_paragraph(assess(few, short, "2024-07-01"))
    assert "差距：还差1个，" in text
    assert "仅供参考（速度测算期仅2个月）" in text


@pytest.mark.usefixtures("chinese")
def test_chinese_paragraph_of_a_target_without_readings_and_a_yearly_one(
    on_the_day: StatusReport,
) -> None:
    """No reading says so; a growth target gives its years (逐年情况), pending or overdue."""
    none_yet = gap_paragraph(assessment_of(on_the_day, "platform-economy-clusters-2025"))
    assert "最新数据：尚无记录。" in none_yet
    assert "差距" not in none_yet
    growth = gap_paragraph(assessment_of(on_the_day, "it-industry-revenue-growth"))
    assert growth.startswith("目标：2024—2025年，信息技术产业营业收入年均增长不少于10.0%，")
    assert "逐年情况：2024年：" in growth
    assert "2025年：无数据，自2026年3月31日起逾期" in growth
    assert "2024年数据应于2025年3月31日前发布，但尚未录入" in growth
    assert "依据per-year方法。" in growth
    assert gap_paragraph_zh(assessment_of(on_the_day, "leading-projects-yearly")).startswith(
        "目标：自2024年起，引领性项目（年度）每年不少于100个，"
    )


@pytest.mark.usefixtures("chinese")
def test_a_count_target_s_chinese_paragraph_names_the_regions_still_missing(
    tmp_path: Path,
) -> None:
    workspace = load_regional(write_regional(tmp_path / "regions"))
    text = gap_paragraph(assessment_of(build_status(workspace, REGIONAL_DAY), "gigabit-2024"))
    assert "最新数据：截至2022年底，达到千兆城市标准的城市为15个。" in text
    assert "16个城市中15个达到千兆城市标准；尚缺：潍坊市（无读数）。" in text
