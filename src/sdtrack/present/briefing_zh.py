"""Gap paragraphs in Chinese: one target's standing as a Chinese analyst writes a briefing.

The order of a Chinese briefing: 目标 (what was declared, by whom, when, in which
document), 最新数据, 差距, 所需增速与实际增速, 预测, 数据发布, 结论与方法, 提示. Every
number is the English paragraph's: both builders word `gap_figures` (computed once in
`present.gap_figures`), by `present.numbers`; the builder's own sentences are written here
in Chinese, while the bands and warnings that `core.assessment` writes in English are
translated by `phrases`.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from sdtrack.core.assessment import Assessment, Point, Status
from sdtrack.core.assessment.bounds import gap_bound
from sdtrack.core.assessment.methods.linear_trend import LINEAR_TREND_MAX_INTERVALS
from sdtrack.core.model import Indicator, Target
from sdtrack.core.periods import Period
from sdtrack.core.quantities import Unit
from sdtrack.present import numbers
from sdtrack.present.gap_figures import (
    GapFigures,
    gap_figures,
    is_awaited_year,
    verdict_input,
    year_state,
)
from sdtrack.present.phrases import (
    assessed_indicator,
    assessment_target_phrase,
    band_adds,
    band_words,
    unit_zh,
    warning_words,
)
from sdtrack.present.region_words import missing_sentence_zh

PERCENT_UNIT = Unit("%", "percent")


VERDICT_INPUTS_ZH = {
    "cagr-ratio": "增长比率R = {ratio:.3f}",
    "projection": "预计完成距离比例P = {ratio:.3f}",
    "linear-trend": "预计缺口为剩余差距的{percent}",
}


COMPARISONS_ZH: dict[str, str] = {
    "at_least": "不少于",
    "more_than": "超过",
    "about": "约",
    "at_most": "不超过",
    "less_than": "低于",
}

QUALIFIERS_ZH: dict[str, str] = {
    "over": "超过",
    "about": "约",
    "nearly": "近",
    "under": "不足",
}

STATUSES_ZH: dict[Status, str] = {
    Status.ACHIEVED: "已达成",
    Status.ON_TRACK: "进展顺利",
    Status.BEHIND: "落后",
    Status.OFF_TRACK: "偏离目标",
    Status.MISSED: "未达成",
    Status.AWAITING_DATA: "待数据",
    Status.OVERDUE: "数据逾期未发布",
    Status.NOT_YET_DUE: "尚未到期",
    Status.NO_DATA: "无数据",
    Status.NOT_ASSESSABLE: "无法评估",
}


def _name(indicator: Indicator) -> str:
    return indicator.name_zh or indicator.name


def _quantity(value: Decimal, indicator: Indicator) -> str:
    return numbers.quantity(value, indicator.unit_info, unit_zh(indicator))


def _change(value: Decimal, indicator: Indicator) -> str:
    return numbers.change(value, indicator.unit_info, unit_zh(indicator))


def target_words_zh(target: Target, indicator: Indicator) -> str:
    """到2025年底，5G基站超过27万个 / 2024—2025年，信息技术产业营业收入年均增长不少于10.0%."""
    comparison = COMPARISONS_ZH.get(target.comparison, target.comparison)
    name = _name(indicator)
    if target.kind == "growth":
        what = f"{name}年均增长{comparison}{numbers.quantity(target.value, PERCENT_UNIT)}"
    elif target.kind == "recurring":
        what = f"{name}每年{comparison}{_quantity(target.value, indicator)}"
    else:
        what = f"{name}{comparison}{_quantity(target.value, indicator)}"
    if target.kind != "level" and target.start is not None:
        start = target.start.end.year
        if target.deadline is not None:
            return f"{start}—{target.deadline.end.year}年，{what}"
        return f"自{start}年起，{what}"
    assert target.deadline is not None
    return f"到{numbers.period_in_words(target.deadline)}，{what}"


def _declared(a: Assessment) -> str:
    source = a.target.source
    # A count-of-regions target in the catalog's words: 2024年底前全部16个城市达到千兆城市标准.
    declared = (
        assessment_target_phrase(a)
        if a.target.each is not None
        else target_words_zh(a.target, a.indicator)
    )
    return (
        f"目标：{declared}，由{source.display_who}于"
        f"{numbers.day(source.date)}在《{source.display_document}》中提出。"
    )


def _when(period: Period, indicator: Indicator) -> str:
    """A stock's year is its end (2022年底); a flow's year is the year itself (2021年)."""
    if indicator.kind == "flow" and period.precision == "year":
        return numbers.period(period)
    return numbers.period_in_words(period)


def _point(point: Point, indicator: Indicator) -> str:
    """2022年底的16.2万个 / 2021年的超过1.2万亿元."""
    qualifier = QUALIFIERS_ZH.get(point.qualifier, point.qualifier) if point.qualifier else ""
    return f"{_when(point.period, indicator)}的{qualifier}{_quantity(point.value, indicator)}"


def _latest(a: Assessment) -> str:
    latest = a.latest
    if latest is None:
        return "最新数据：尚无记录。"
    value = _quantity(latest.value, a.indicator)
    said = (
        f"{QUALIFIERS_ZH.get(latest.qualifier, latest.qualifier)}{value}"
        if latest.qualifier
        else f"为{value}"
    )
    derived = "（推算值，并非引用原文）" if latest.derived else ""
    sources = f"（{latest.sources}个来源）" if latest.sources > 1 else ""
    text = (
        f"最新数据：截至{_when(latest.period, a.indicator)}，"
        f"{_name(a.indicator)}{said}{sources}{derived}。"
    )
    if a.disputed:
        text += f"读数{'、'.join(a.disputed)}相互矛盾；在冲突解决之前，按最不利的数值计算。"
    return text


GAP_BOUNDS_ZH = {"at_most": "最多", "at_least": "至少", "about": "约"}


def _gap(a: Assessment, figures: GapFigures) -> str | None:
    if a.latest is None:
        return None
    if figures.gap is None:
        return "差距：已达到目标值。" if a.gap == 0 else None
    change = _change(figures.gap, a.indicator)
    bound = GAP_BOUNDS_ZH.get(a.gap_bound or "", "")
    text = f"差距：{bound}还差{change}" if bound != "约" else f"差距：还差约{change}"
    if figures.progress is not None and a.base is not None:
        share = GAP_BOUNDS_ZH.get(a.progress_bound or "", "")
        text += (
            f"，完成进度{share}{numbers.percent(figures.progress)}"
            f"（以{_point(a.base, a.indicator)}为基数）"
        )
    elif a.base is not None and a.latest.date > a.base.date:
        if a.base.qualifier or a.latest.qualifier:
            text += "；起止数据含区间值，无法测算完成进度"
    elif a.base is not None and a.latest.date <= a.base.date:
        text += (
            f"；基数（{_point(a.base, a.indicator)}）之后尚无新数据"
            if a.target.baseline is not None
            else "；目前仅有这一个数据"
        )
    return text + "。"


def _pace(value: Decimal | None, indicator: Indicator) -> str | None:
    """年均增长+4.056万个 / 年均减少1,200个 / 年均增长+1.25个百分点."""
    if value is None:
        return None
    if indicator.unit_info.family == "percent":
        return f"年均增长{value:+.2f}个百分点" if value >= 0 else f"年均下降{-value:.2f}个百分点"
    if value >= 0:
        return f"年均增长+{_change(value, indicator)}"
    return f"年均减少{_change(-value, indicator)}"


def _rate(rate: float | None) -> str | None:
    if rate is None:
        return None
    if rate >= 0:
        return f"年均复合增长{rate * 100:.2f}%"
    return f"年均复合下降{-rate * 100:.2f}%"


def _required_bound(a: Assessment) -> str:
    """最多 when the pace starts from a bound: 超过1.2万亿元 needs at most …"""
    if a.base is None:
        return ""
    return GAP_BOUNDS_ZH.get(gap_bound(a.base.qualifier, a.target) or "", "")


def _paces(a: Assessment, figures: GapFigures) -> str | None:
    indicator = a.indicator
    required = [
        p for p in (_pace(figures.pace_required, indicator), _rate(figures.cagr_required)) if p
    ]
    observed = [
        p for p in (_pace(figures.pace_observed, indicator), _rate(figures.cagr_observed)) if p
    ]
    base, latest = a.base, a.latest
    if base is None or latest is None or not (required or observed):
        return None
    text = "所需增速与实际增速："
    declared = figures.declared_base
    if declared is not None:
        text += (
            f"目标声明的基数（{numbers.day(declared.date)}的"
            f"{_quantity(declared.value, indicator)}）为推算值，"
            "因此速度从此前最近的有来源数据起算；"
        )
    need = f"{_required_bound(a)}需" + "或".join(required) if required else ""
    if observed and latest.date > base.date:
        text += (
            f"按{_point(base, indicator)}至{_point(latest, indicator)}测算，"
            f"实际{'或'.join(observed)}"
        )
        return text + (f"；自该起点起{need}。" if need else "。")
    return text + f"自{_point(base, indicator)}起{need}；目前尚无法观测实际增速。"


def _projection(a: Assessment, figures: GapFigures) -> str | None:
    """预测: when linear-trend decides, its own projection first, the compounded one beside."""
    parts = []
    open_ = a.deadline is not None and a.latest is not None and a.latest.date < a.deadline
    linear_decides = figures.linear_decides and figures.projected_linear is not None
    if linear_decides and open_:
        assert figures.projected_linear is not None
        parts.append(
            f"按最近{a.trend_intervals or LINEAR_TREND_MAX_INTERVALS}个区间的线性趋势，"
            "截止日期时将达到"
            f"{_quantity(figures.projected_linear, a.indicator)}{_linear_miss(a)}"
        )
        if figures.projected is not None:
            parts.append(f"按复合增速推算为{_quantity(figures.projected, a.indicator)}")
    elif figures.projected is not None and open_:
        linear = (
            f"（按线性推算为{_quantity(figures.projected_linear, a.indicator)}）"
            if figures.projected_linear is not None
            else ""
        )
        parts.append(
            f"按此速度，截止日期时将达到{_quantity(figures.projected, a.indicator)}{linear}"
        )
    if not linear_decides:
        if figures.reach == "date" and figures.reach_date is not None:
            parts.append(f"预计于{numbers.day(figures.reach_date)}前后达到目标")
        elif figures.reach == "never":
            parts.append("按当前速度将无法达到目标")
    return "预测：" + "，".join(parts) + "。" if parts else None


def _linear_miss(a: Assessment) -> str:
    if a.miss_share is None:
        return "（正偏离目标）"
    if a.miss_share <= 0:
        return "（可达到目标）"
    return f"（缺口为剩余差距的{numbers.percent(a.miss_share)}）"


OUTLOOKS_ZH = {"likely_met": "可能达成", "likely_missed": "可能未达成"}
OUTLOOK_SENTENCES_ZH = {
    "likely_met": "按趋势判断，目标可能达成。",
    "likely_missed": "按趋势判断，目标可能无法达成。",
}


def _waiting(a: Assessment) -> str | None:
    """The release calendar: the figure awaited and by when, or that it is overdue."""
    if not a.status.is_waiting:
        return None
    awaited = a.awaited or a.target.deadline
    figure = (
        ""
        if awaited is None
        else (_when(awaited, a.indicator) if a.target.kind == "level" else numbers.period(awaited))
    )
    expected = numbers.day(a.expected_by) if a.expected_by else "发布日期"
    if a.status is Status.OVERDUE:
        text = f"{figure}数据应于{expected}前发布，但尚未录入：请查找该数据（sdtrack due）。"
    elif a.target.kind == "level":
        deadline = numbers.period_in_words(a.target.deadline) if a.target.deadline else ""
        text = f"截止日期（{deadline}）已过；{figure}数据预计于{expected}前发布。"
    else:
        text = f"等待{figure}数据，预计于{expected}前发布。"
    if a.target.kind == "level":
        if a.outlook is None:
            text += "目前的趋势无法判断目标能否达成。"
        else:
            text += OUTLOOK_SENTENCES_ZH[a.outlook.value]
    return text


def _periods(a: Assessment) -> str | None:
    if not a.periods:
        return None
    unit = PERCENT_UNIT if a.target.kind == "growth" else a.indicator.unit_info
    parts = []
    for period in a.periods:
        if period.value is None:
            state, due = year_state(a, period.year)
            named = is_awaited_year(a, period.year)
            if state == "overdue":
                since = "" if named else f"，自{numbers.day(due)}起"
                parts.append(
                    f"{period.year}年：无数据{since}逾期"
                    if since
                    else f"{period.year}年：无数据，已逾期"
                )
            else:
                by = "" if named else f"，预计{numbers.day(due)}前发布"
                parts.append(f"{period.year}年：待发布{by}")
            continue
        value = numbers.quantity(period.value, unit, unit_zh(a.indicator))
        if period.met is None:
            parts.append(f"{period.year}年：{value}，为区间值，无法判定")
        else:
            parts.append(f"{period.year}年：{value}，{'达成' if period.met else '未达成'}")
    return "逐年情况：" + "；".join(parts) + "。"


BOUND_KINDS_ZH = {
    "lower": "按下限值测算",
    "upper": "按上限值测算",
    "approximate": "按约数测算",
    "mixed": "按区间值测算",
}


def _indicative(a: Assessment, figures: GapFigures) -> str | None:
    """仅供参考（速度按下限值测算、测算期仅2个月）."""
    if not a.pace_notes:
        return None
    parts = []
    for note in a.pace_notes:
        if note.value == "from_bound":
            parts.append(BOUND_KINDS_ZH[figures.bound_kind or "mixed"])
        elif note.value == "short_span":
            months = figures.pace_months or 0
            parts.append("测算期不到1个月" if months == 0 else f"测算期仅{months}个月")
        else:
            parts.append("按推算值测算")
    return "仅供参考（速度" + "、".join(parts) + "）"


def _verdict(a: Assessment, figures: GapFigures) -> str:
    status = STATUSES_ZH.get(a.status, a.status.value)
    # A waiting target's band is its release date, which the waiting sentence gives; a
    # band that holds the status word (略微落后) stands alone.
    if not a.status.is_waiting and band_adds(a.band, a.status.value):
        band = band_words(a.band)
        status = band if status in band else f"{status}（{band}）"
    parts = [status]
    if a.outlook is not None:
        parts.append(OUTLOOKS_ZH[a.outlook.value])
    indicative = _indicative(a, figures)
    if indicative:
        parts.append(indicative)
    shown = verdict_input(a)
    inputs = (
        ""
        if shown is None
        else "；" + VERDICT_INPUTS_ZH[a.method].format(ratio=shown, percent=numbers.percent(shown))
    )
    return f"结论：{'，'.join(parts)}，依据{a.method}方法{inputs}。"


def _warnings(a: Assessment) -> str | None:
    if not a.warnings:
        return None
    return "提示：" + "；".join(warning_words(w) for w in a.warnings) + "。"


def gap_paragraph_zh(a: Assessment) -> str:
    """The briefing paragraph for one assessed target, in Chinese: 目标, 最新数据, 差距,
    所需增速与实际增速, 预测, 结论与方法, 提示."""
    sentences: list[str | None] = [_declared(a)]
    a = dataclasses.replace(a, indicator=assessed_indicator(a))
    figures = gap_figures(a)
    if a.target.kind == "level":
        sentences += [
            _latest(a),
            _gap(a, figures),
            missing_sentence_zh(a),
            _paces(a, figures) if a.latest is not None else None,
            _projection(a, figures),
            _waiting(a),
        ]
    else:
        sentences += [_periods(a), _waiting(a)]
    sentences += [_verdict(a, figures), _warnings(a)]
    return "".join(s for s in sentences if s)
