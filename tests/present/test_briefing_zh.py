"""The Chinese briefing paragraph: 目标, 最新数据, 差距, 增速, 预测, 结论, 提示, with the
English paragraph's numbers. Catalog strings (bands, warnings) are not asserted: the
catalog is assembled later."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sdtrack.core import language
from sdtrack.present.briefing import gap_figures, gap_paragraph
from sdtrack.present.briefing_zh import gap_paragraph_zh
from sdtrack.present.report import StatusReport

from .conftest import assessment_of


@pytest.mark.usefixtures("chinese")
def test_chinese_paragraph_follows_a_chinese_briefing(report: StatusReport) -> None:
    """目标, 最新数据, 差距, 增速, 预测, 结论, 提示: in that order, with the English numbers."""
    text = gap_paragraph(assessment_of(report, "5g-base-stations-2025"))
    parts = [
        "目标：到2025年底，5G基站超过27万个，由山东省发展改革委主任孙爱军",
        "于2024年4月10日在《国务院新闻办公室新闻发布会，答经济日报记者问》中提出。",
        "最新数据：截至2024年6月18日，5G基站为22.4万个。",
        "差距：还差4.6万个，完成进度34%（以2024年4月10日的20万个为基数）。",
        "所需增速与实际增速：自基数起需年均增长+4.056万个或年均复合增长18.99%；",
        "实际年均增长+12.7万个或年均复合增长82.12%。",
        "预测：按此速度，截止日期时将达到56.29万个（按线性推算为41.91万个），",
        "预计于2024年10月10日前后达到目标。",
        "截止日期（2025年底）已过",
        "结论：截止日期已过——待数据（",
        "依据cagr-ratio方法；增长比率R = 4.324。",
        "提示：",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    assert "270,000" not in text
    assert "Verdict" not in text


@pytest.mark.usefixtures("chinese")
def test_chinese_paragraph_shares_the_english_numbers(report: StatusReport) -> None:
    """Both builders state the numbers gap_figures computed once."""
    a = assessment_of(report, "5g-base-stations-2025")
    figures = gap_figures(a)
    assert figures.progress is not None
    assert f"{figures.progress * 100:.0f}%" in gap_paragraph(a)
    assert figures.pace_required == Decimal("40560")
    assert figures.projected == Decimal("562900")
    language.use("en")
    english = gap_paragraph(a)
    assert "+40,560 base stations a year" in english
    assert "562,900 base stations at the deadline" in english


@pytest.mark.usefixtures("chinese")
def test_chinese_paragraph_of_a_target_without_readings_and_a_yearly_one(
    report: StatusReport,
) -> None:
    """No reading says so; a growth target gives its years (逐年情况) and its verdict."""
    none_yet = gap_paragraph(assessment_of(report, "smart-agriculture-bases-2025"))
    assert "最新数据：尚无记录。" in none_yet
    assert "差距" not in none_yet
    growth = gap_paragraph(assessment_of(report, "it-industry-revenue-growth"))
    assert growth.startswith("目标：2024—2025年，信息技术产业营业收入年均增长不少于10.0%，")
    assert "逐年情况：2024年：无数据；2025年：无数据。" in growth
    assert "依据per-year方法。" in growth
    assert "2024、2025" in growth  # the band's years, written the Chinese way
    assert gap_paragraph_zh(assessment_of(report, "leading-projects-yearly")).startswith(
        "目标：自2024年起，引领性项目（年度）每年不少于100个，"
    )
