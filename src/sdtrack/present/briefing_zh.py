"""Gap paragraphs in Chinese: one target's standing as a Chinese analyst writes a briefing.

The order of a Chinese briefing: 目标 (what was declared, by whom, when, in which
document), 最新数据, 差距, 所需增速与实际增速, 预测, 结论与方法, 提示. Every number is
the English paragraph's: both builders word `gap_figures`, computed here once (here, so
that `briefing` imports this module and not the other way round), by `present.numbers`; the
builder's own sentences are written here in Chinese, while the bands and warnings that
`core.assessment` writes in English are translated by `phrases`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from sdtrack.core.assessment import Assessment, Status
from sdtrack.core.model import Indicator, Target
from sdtrack.core.quantities import Unit, round_significant
from sdtrack.present import numbers
from sdtrack.present.phrases import band_words, unit_zh, warning_words

PERCENT_UNIT = Unit("%", "percent")


@dataclass(frozen=True)
class GapFigures:
    """The numbers of one gap paragraph, rounded as they are stated: both languages' builders
    word these, so that they say the same.

    A pace is a change a year in the indicator's unit (to four significant digits, or in
    percentage points for a share); `progress` is given only when the base value precedes
    the latest reading; `reach` says when the target is reached at the observed pace.
    """

    gap: Decimal | None
    progress: float | None
    pace_required: Decimal | None
    pace_observed: Decimal | None
    cagr_required: float | None
    cagr_observed: float | None
    projected: Decimal | None
    projected_linear: Decimal | None
    reach: Literal["met", "never", "date"] | None
    reach_date: dt.date | None


def _rounded_pace(value: Decimal | None, indicator: Indicator) -> Decimal | None:
    if value is None or indicator.unit_info.family == "percent":
        return value
    magnitude = round_significant(abs(value))
    return magnitude if value >= 0 else -magnitude


# The number each method decides by, which the verdict sentence names.
VERDICT_INPUT: dict[str, Callable[[Assessment], float | None]] = {
    "cagr-ratio": lambda a: a.ratio,
    "projection": lambda a: a.projection_share,
    "linear-trend": lambda a: a.miss_share,
}
VERDICT_INPUTS_ZH = {
    "cagr-ratio": "增长比率R = {ratio:.3f}",
    "projection": "预计完成距离比例P = {ratio:.3f}",
    "linear-trend": "预计缺口为剩余差距的{percent}",
}


def verdict_input(a: Assessment) -> float | None:
    """The number the assessment's method decided by (R, P or the projected miss)."""
    number = VERDICT_INPUT.get(a.method)
    return None if number is None else number(a)


def gap_figures(a: Assessment) -> GapFigures:
    """The numbers `a`'s paragraph states, in either language."""
    latest = a.latest
    progress = None
    if latest is not None and a.progress is not None and a.base is not None:
        progress = a.progress if a.base.date < latest.date else None
    reach: Literal["met", "never", "date"] | None = None
    if a.status is Status.ACHIEVED:
        reach = "met"
    elif a.cagr_observed is not None and a.latest is not None:
        reach = "date" if a.reach else "never"
    return GapFigures(
        gap=a.gap if a.gap is not None and a.gap > 0 else None,
        progress=progress,
        pace_required=_rounded_pace(a.pace_required, a.indicator),
        pace_observed=_rounded_pace(a.pace_observed, a.indicator),
        cagr_required=a.cagr_required,
        cagr_observed=a.cagr_observed,
        projected=round_significant(a.projected) if a.projected is not None else None,
        projected_linear=(
            round_significant(a.projected_linear) if a.projected_linear is not None else None
        ),
        reach=reach,
        reach_date=a.reach,
    )


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
    Status.AWAITING_DATA: "截止日期已过——待数据",
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
    return (
        f"目标：{target_words_zh(a.target, a.indicator)}，由{source.display_who}于"
        f"{numbers.day(source.date)}在《{source.display_document}》中提出。"
    )


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
    return (
        f"最新数据：截至{numbers.period_in_words(latest.period)}，"
        f"{_name(a.indicator)}{said}{derived}。"
    )


def _gap(a: Assessment, figures: GapFigures) -> str | None:
    if a.latest is None:
        return None
    if figures.gap is None:
        return "差距：已达到目标值。" if a.gap == 0 else None
    text = f"差距：还差{_change(figures.gap, a.indicator)}"
    if figures.progress is not None and a.base is not None:
        text += (
            f"，完成进度{numbers.percent(figures.progress)}"
            f"（以{numbers.period_in_words(a.base.period)}的"
            f"{_quantity(a.base.value, a.indicator)}为基数）"
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


def _paces(a: Assessment, figures: GapFigures) -> str | None:
    indicator = a.indicator
    required = [
        p for p in (_pace(figures.pace_required, indicator), _rate(figures.cagr_required)) if p
    ]
    observed = [
        p for p in (_pace(figures.pace_observed, indicator), _rate(figures.cagr_observed)) if p
    ]
    if not required or a.base is None:
        return None
    text = "所需增速与实际增速：自基数起需" + "或".join(required) + "；"
    if observed:
        return text + "实际" + "或".join(observed) + "。"
    return text + "目前尚无法观测实际增速。"


def _projection(a: Assessment, figures: GapFigures) -> str | None:
    parts = []
    if figures.projected is not None and a.deadline is not None:
        linear = (
            f"（按线性推算为{_quantity(figures.projected_linear, a.indicator)}）"
            if figures.projected_linear is not None
            else ""
        )
        parts.append(
            f"按此速度，截止日期时将达到{_quantity(figures.projected, a.indicator)}{linear}"
        )
    if figures.reach == "date" and figures.reach_date is not None:
        parts.append(f"预计于{numbers.day(figures.reach_date)}前后达到目标")
    elif figures.reach == "never":
        parts.append("按当前速度将无法达到目标")
    return "预测：" + "，".join(parts) + "。" if parts else None


def _awaiting(a: Assessment) -> str | None:
    if a.status is not Status.AWAITING_DATA:
        return None
    deadline = numbers.period_in_words(a.target.deadline) if a.target.deadline else ""
    return f"截止日期（{deadline}）已过，尚无截止日期当日或之后的数据，结果尚不可知。"


def _periods(a: Assessment) -> str | None:
    if not a.periods:
        return None
    unit = PERCENT_UNIT if a.target.kind == "growth" else a.indicator.unit_info
    parts = []
    for period in a.periods:
        if period.met is None:
            parts.append(f"{period.year}年：无数据")
        else:
            value = (
                numbers.quantity(period.value, unit, unit_zh(a.indicator))
                if period.value is not None
                else ""
            )
            parts.append(f"{period.year}年：{value}，{'达成' if period.met else '未达成'}")
    return "逐年情况：" + "；".join(parts) + "。"


def _verdict(a: Assessment) -> str:
    status = STATUSES_ZH.get(a.status, a.status.value)
    detail = f"（{band_words(a.band)}）" if a.band != a.status.value else ""
    shown = verdict_input(a)
    inputs = (
        ""
        if shown is None
        else "；" + VERDICT_INPUTS_ZH[a.method].format(ratio=shown, percent=numbers.percent(shown))
    )
    return f"结论：{status}{detail}，依据{a.method}方法{inputs}。"


def _warnings(a: Assessment) -> str | None:
    if not a.warnings:
        return None
    return "提示：" + "；".join(warning_words(w) for w in a.warnings) + "。"


def gap_paragraph_zh(a: Assessment) -> str:
    """The briefing paragraph for one assessed target, in Chinese: 目标, 最新数据, 差距,
    所需增速与实际增速, 预测, 结论与方法, 提示."""
    figures = gap_figures(a)
    sentences: list[str | None] = [_declared(a)]
    if a.target.kind == "level":
        sentences += [
            _latest(a),
            _gap(a, figures),
            _paces(a, figures),
            _projection(a, figures),
            _awaiting(a),
        ]
    else:
        sentences.append(_periods(a))
    sentences += [_verdict(a), _warnings(a)]
    return "".join(s for s in sentences if s)
