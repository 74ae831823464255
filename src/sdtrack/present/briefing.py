"""Gap paragraphs: one target's standing in sentences a person can paste into a briefing.

Plain text computed from an `Assessment` alone, so `sdtrack gap`, the Markdown and HTML
reports and `--json` all carry the same words. The numbers a paragraph states are computed
once (`gap_figures`, beside the Chinese builder in `briefing_zh`); this module words them
in English, `briefing_zh` in Chinese, and `gap_paragraph` picks the language in use.
"""

from __future__ import annotations

from decimal import Decimal

from sdtrack.core.assessment import Assessment, Status
from sdtrack.core.language import current
from sdtrack.core.model import Indicator
from sdtrack.core.quantities import Unit, format_change, format_quantity
from sdtrack.present.briefing_zh import GapFigures, gap_figures, gap_paragraph_zh, verdict_input
from sdtrack.present.phrases import target_phrase

NEVER = "never at the observed pace"

__all__ = ["NEVER", "GapFigures", "gap_figures", "gap_paragraph", "gap_paragraph_en"]


def _quantity(value: Decimal, indicator: Indicator) -> str:
    return format_quantity(value, indicator.unit_info)


def _estimate(value: Decimal, indicator: Indicator) -> str:
    """A computed value, already rounded to four significant digits by `gap_figures`."""
    return format_quantity(value, indicator.unit_info)


def _pace(value: Decimal | None, indicator: Indicator) -> str | None:
    """A pace from `gap_figures` (already rounded)."""
    if value is None:
        return None
    unit = indicator.unit_info
    if unit.family == "percent":
        return f"{value:+.2f} percentage points a year"
    sign = "+" if value >= 0 else "−"
    return f"{sign}{format_change(abs(value), unit)} a year"


def _rate(rate: float | None) -> str | None:
    return None if rate is None else f"{rate * 100:+.2f} % a year compounded"


def time_to_target(a: Assessment) -> str | None:
    """When the target is reached at the observed pace: a date, 'never', or None."""
    figures = gap_figures(a)
    if figures.reach == "met":
        return "already met"
    if figures.reach is None:
        return None
    return f"reached around {figures.reach_date.isoformat()}" if figures.reach_date else NEVER


def _declared(a: Assessment) -> str:
    source = a.target.source
    who = source.speaker or source.publisher
    name = a.indicator.name
    if a.indicator.name_zh:
        name += f" ({a.indicator.name_zh})"
    return (
        f"{name}: the target is "
        f"{_target_words(a)}, declared by {who} on {source.date.isoformat()} "
        f"({source.document})."
    )


def _target_words(a: Assessment) -> str:
    return target_phrase(a.target, a.indicator)


def _standing(a: Assessment, indicator: Indicator, figures: GapFigures) -> list[str]:
    sentences: list[str] = []
    latest = a.latest
    if latest is None:
        sentences.append("No reading has been recorded for it yet.")
        return sentences
    qualifier = f"{latest.qualifier} " if latest.qualifier else ""
    derived = ", derived rather than quoted" if latest.derived else ""
    sentences.append(
        f"The latest reading is {qualifier}{_quantity(latest.value, indicator)} for "
        f"{latest.period}{derived}."
    )
    if figures.gap is not None:
        remaining = f"{format_change(figures.gap, indicator.unit_info)} remain"
        if figures.progress is not None and a.base is not None:
            remaining += (
                f", {figures.progress * 100:.0f} % of the way from the base value of "
                f"{_quantity(a.base.value, indicator)} ({a.base.period})"
            )
        sentences.append(remaining[:1].upper() + remaining[1:] + ".")
    return sentences


def _pace_sentences(a: Assessment, indicator: Indicator, figures: GapFigures) -> list[str]:
    f = figures
    required = [p for p in (_pace(f.pace_required, indicator), _rate(f.cagr_required)) if p]
    observed = [p for p in (_pace(f.pace_observed, indicator), _rate(f.cagr_observed)) if p]
    sentences = []
    if required and a.base is not None:
        sentences.append(
            f"Reaching it from the base value required {' or '.join(required)}; "
            + (
                f"the pace observed is {' or '.join(observed)}."
                if observed
                else "no pace can be observed yet."
            )
        )
    if f.projected is not None and a.deadline is not None:
        linear = (
            f" ({_estimate(f.projected_linear, indicator)} linearly)"
            if f.projected_linear is not None
            else ""
        )
        sentences.append(
            f"At that pace it would be {_estimate(f.projected, indicator)} at the deadline{linear}."
        )
    when = time_to_target(a)
    if when and when != "already met":
        sentences.append(f"The target would be {when}.")
    return sentences


VERDICT_INPUTS = {
    "cagr-ratio": "growth ratio R = {ratio:.3f}",
    "projection": "projected share of the distance P = {ratio:.3f}",
    "linear-trend": "projected miss {percent} of the remaining gap",
}


def _verdict(a: Assessment) -> str:
    detail = f" ({a.band})" if a.band != a.status.value else ""
    shown = verdict_input(a)
    inputs = ""
    if shown is not None:
        percent = f"{shown * 100:.0f} %"
        inputs = "; " + VERDICT_INPUTS[a.method].format(ratio=shown, percent=percent)
    return f"Verdict: {a.status.value}{detail}, by the {a.method} method{inputs}."


def _periods(a: Assessment) -> str | None:
    if not a.periods:
        return None
    unit = Unit("%", "percent") if a.target.kind == "growth" else a.indicator.unit_info
    parts = []
    for period in a.periods:
        if period.met is None:
            parts.append(f"{period.year}: no figure")
        else:
            value = format_quantity(period.value, unit) if period.value is not None else ""
            parts.append(f"{period.year}: {value}, {'met' if period.met else 'missed'}")
    return "Year by year: " + "; ".join(parts) + "."


def gap_paragraph(a: Assessment) -> str:
    """The briefing paragraph for one assessed target, in the language in use."""
    if current() == "zh":
        return gap_paragraph_zh(a)
    return gap_paragraph_en(a)


def gap_paragraph_en(a: Assessment) -> str:
    """The briefing paragraph for one assessed target, in English."""
    indicator = a.indicator
    figures = gap_figures(a)
    sentences = [_declared(a)]
    if a.target.kind == "level":
        sentences += _standing(a, indicator, figures)
        if a.status is Status.AWAITING_DATA:
            sentences.append(
                f"The deadline ({a.target.deadline.describe() if a.target.deadline else ''}) "
                "has passed with no reading at or after it, so the result is not known yet."
            )
        sentences += _pace_sentences(a, indicator, figures)
    else:
        periods = _periods(a)
        if periods:
            sentences.append(periods)
    sentences.append(_verdict(a))
    if a.warnings:
        sentences.append("Warnings: " + "; ".join(a.warnings) + ".")
    return " ".join(sentences)
