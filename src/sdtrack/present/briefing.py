"""Gap paragraphs: one target's standing in sentences a person can paste into a briefing.

Plain text computed from an `Assessment` alone, so `sdtrack gap`, the Markdown and HTML
reports and `--json` all carry the same words.
"""

from __future__ import annotations

from decimal import Decimal

from sdtrack.core.assessment import Assessment, Status
from sdtrack.core.model import Indicator
from sdtrack.core.quantities import Unit, format_change, format_quantity, round_significant
from sdtrack.present.phrases import target_phrase

NEVER = "never at the observed pace"


def _quantity(value: Decimal, indicator: Indicator) -> str:
    return format_quantity(value, indicator.unit_info)


def _estimate(value: Decimal, indicator: Indicator) -> str:
    """A computed value, to four significant digits."""
    return format_quantity(round_significant(value), indicator.unit_info)


def _pace(value: Decimal | None, indicator: Indicator) -> str | None:
    if value is None:
        return None
    unit = indicator.unit_info
    if unit.family == "percent":
        return f"{value:+.2f} percentage points a year"
    sign = "+" if value >= 0 else "−"
    return f"{sign}{format_change(round_significant(abs(value)), unit)} a year"


def _rate(rate: float | None) -> str | None:
    return None if rate is None else f"{rate * 100:+.2f} % a year compounded"


def time_to_target(a: Assessment) -> str | None:
    """When the target is reached at the observed pace: a date, 'never', or None."""
    if a.status is Status.ACHIEVED:
        return "already met"
    if a.cagr_observed is None or a.latest is None:
        return None
    return f"reached around {a.reach.isoformat()}" if a.reach else NEVER


def _declared(a: Assessment) -> str:
    source = a.target.source
    who = source.speaker or source.publisher
    return (
        f"{a.indicator.name} ({a.indicator.name_zh}): the target is "
        f"{_target_words(a)}, declared by {who} on {source.date.isoformat()} "
        f"({source.document})."
    )


def _target_words(a: Assessment) -> str:
    return target_phrase(a.target, a.indicator)


def _standing(a: Assessment, indicator: Indicator) -> list[str]:
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
    if a.gap is not None and a.gap > 0:
        remaining = f"{format_change(a.gap, indicator.unit_info)} remain"
        if a.progress is not None and a.base is not None and a.base.date < latest.date:
            remaining += (
                f", {a.progress * 100:.0f} % of the way from the base value of "
                f"{_quantity(a.base.value, indicator)} ({a.base.period})"
            )
        sentences.append(remaining[:1].upper() + remaining[1:] + ".")
    return sentences


def _pace_sentences(a: Assessment, indicator: Indicator) -> list[str]:
    required = [p for p in (_pace(a.pace_required, indicator), _rate(a.cagr_required)) if p]
    observed = [p for p in (_pace(a.pace_observed, indicator), _rate(a.cagr_observed)) if p]
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
    if a.projected is not None and a.deadline is not None:
        linear = (
            f" ({_estimate(a.projected_linear, indicator)} linearly)"
            if a.projected_linear is not None
            else ""
        )
        sentences.append(
            f"At that pace it would be {_estimate(a.projected, indicator)} at the deadline{linear}."
        )
    when = time_to_target(a)
    if when and when != "already met":
        sentences.append(f"The target would be {when}.")
    return sentences


def _verdict(a: Assessment) -> str:
    detail = f" ({a.band})" if a.band != a.status.value else ""
    inputs = ""
    if a.method == "cagr-ratio" and a.ratio is not None:
        inputs = f"; growth ratio R = {a.ratio:.3f}"
    elif a.method == "projection" and a.projection_share is not None:
        inputs = f"; projected share of the distance P = {a.projection_share:.3f}"
    elif a.method == "linear-trend" and a.miss_share is not None:
        inputs = f"; projected miss {a.miss_share * 100:.0f} % of the remaining gap"
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
    """The briefing paragraph for one assessed target."""
    indicator = a.indicator
    sentences = [_declared(a)]
    if a.target.kind == "level":
        sentences += _standing(a, indicator)
        if a.status is Status.AWAITING_DATA:
            sentences.append(
                f"The deadline ({a.target.deadline.describe() if a.target.deadline else ''}) "
                "has passed with no reading at or after it, so the result is not known yet."
            )
        sentences += _pace_sentences(a, indicator)
    else:
        periods = _periods(a)
        if periods:
            sentences.append(periods)
    sentences.append(_verdict(a))
    if a.warnings:
        sentences.append("Warnings: " + "; ".join(a.warnings) + ".")
    return " ".join(sentences)
