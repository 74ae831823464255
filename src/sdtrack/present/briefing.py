"""Gap paragraphs: one target's standing in sentences a person can paste into a briefing.

Plain text computed from an `Assessment` alone, so `sdtrack gap`, the Markdown and HTML
reports and `--json` all carry the same words. The numbers a paragraph states are computed
once (`present.gap_figures`); this module words them in English, `briefing_zh` in
Chinese, and `gap_paragraph` picks the language in use.

What a paragraph keeps: a bound stays a bound ("at most 400 billion yuan remain"); the
pace names its span and its two ends, and says when the target's declared base was
derived and not used; a pace from bounds, derived values or under a year of data is
called indicative next to the verdict; after the deadline the release calendar says
which figure is awaited and by when, or that it is overdue, and what the trend points to.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from sdtrack.core.assessment import Assessment, Point, Status
from sdtrack.core.assessment.bounds import gap_bound
from sdtrack.core.assessment.methods.linear_trend import LINEAR_TREND_MAX_INTERVALS
from sdtrack.core.language import current
from sdtrack.core.model import Indicator
from sdtrack.core.periods import Period
from sdtrack.core.quantities import Unit, format_change, format_number, format_quantity
from sdtrack.present.briefing_zh import gap_paragraph_zh
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
    outlook_words,
    sources_words,
    status_with_band,
    warning_words,
)
from sdtrack.present.region_words import missing_sentence_en

NEVER = "never at the observed pace"

__all__ = ["NEVER", "GapFigures", "gap_figures", "gap_paragraph", "gap_paragraph_en"]


def _quantity(value: Decimal, indicator: Indicator) -> str:
    return format_quantity(value, indicator.unit_info, indicator.unit_one)


def _change(value: Decimal, indicator: Indicator) -> str:
    return format_change(value, indicator.unit_info, indicator.unit_one)


def _day(value: dt.date) -> str:
    """10 April 2024."""
    return Period.day(value).describe()


def _when(period: Period, indicator: Indicator) -> str:
    """A stock's year is its end (end-2022); a flow's year is the year itself (2021)."""
    return (
        str(period)
        if indicator.kind == "flow" and period.precision == "year"
        else (period.describe())
    )


def _qualified(point: Point, indicator: Indicator) -> str:
    """'over 1.2 trillion yuan': the value with its source's wording."""
    qualifier = f"{point.qualifier} " if point.qualifier else ""
    return qualifier + _quantity(point.value, indicator)


def _point(point: Point, indicator: Indicator, *, unit: bool = True) -> str:
    """'over 162,000 base stations (end-2022)'; without the unit '224,000 (18 June 2024)'."""
    value = (
        _quantity(point.value, indicator)
        if unit
        else format_number(point.value, indicator.unit_info)
    )
    qualifier = f"{point.qualifier} " if point.qualifier else ""
    return f"{qualifier}{value} ({_when(point.period, indicator)})"


def _pace(value: Decimal | None, indicator: Indicator) -> str | None:
    """A pace from `gap_figures` (already rounded)."""
    if value is None:
        return None
    unit = indicator.unit_info
    if unit.family == "percent":
        return f"{value:+.2f} percentage points a year"
    sign = "+" if value >= 0 else "−"
    return f"{sign}{_change(abs(value), indicator)} a year"


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
        f"{assessment_target_phrase(a)}, declared by {who} on "
        f"{source.date.isoformat()} ({source.document})."
    )


def _latest(a: Assessment, latest: Point) -> str:
    qualifier = f"{latest.qualifier} " if latest.qualifier else ""
    derived = ", derived rather than quoted" if latest.derived else ""
    sources = f" ({sources_words(latest.sources)})" if latest.sources > 1 else ""
    text = (
        f"The latest reading is {qualifier}{_quantity(latest.value, a.indicator)} for "
        f"{latest.period}{sources}{derived}."
    )
    if a.disputed:
        text += (
            f" Readings {', '.join(a.disputed)} disagree on a figure; until the conflict is "
            "settled the least favourable value counts."
        )
    return text


BOUND_EN = {"at_most": "at most", "at_least": "at least", "about": "about"}


def _remaining(a: Assessment, figures: GapFigures) -> str | None:
    if figures.gap is None:
        return None
    bound = BOUND_EN.get(a.gap_bound or "")
    verb = "remains" if abs(figures.gap) == 1 else "remain"
    text = f"{bound + ' ' if bound else ''}{_change(figures.gap, a.indicator)} {verb}"
    if figures.progress is not None and a.base is not None:
        share = BOUND_EN.get(a.progress_bound or "")
        text += (
            f", {share + ' ' if share else ''}{figures.progress * 100:.0f} % of the way from "
            f"the base value of {_qualified(a.base, a.indicator)} ({a.base.period})"
        )
    elif a.base is not None and a.latest is not None and a.latest.date > a.base.date:
        if a.base.qualifier or a.latest.qualifier:
            text += "; how much of the way is done cannot be measured from bounds"
    elif a.base is not None and a.latest is not None and a.latest.date <= a.base.date:
        text += (
            f"; there is no reading since the base value of {_point(a.base, a.indicator)}"
            if a.target.baseline is not None
            else "; that is the only reading so far"
        )
    return text[:1].upper() + text[1:] + "."


def _awaited_words(a: Assessment) -> str:
    awaited = a.awaited or a.target.deadline
    if awaited is None:
        return "the figure"
    return f"the {_when(awaited, a.indicator) if a.target.kind == 'level' else awaited} figure"


OUTLOOK_SENTENCES = {
    "likely_met": "The trend points to the target being met ({words}).",
    "likely_missed": "The trend points to the target being missed ({words}).",
}


def _waiting(a: Assessment) -> list[str]:
    """The release calendar's sentences: the figure awaited and by when, or overdue."""
    if not a.status.is_waiting:
        return []
    figure = _awaited_words(a)
    expected = _day(a.expected_by) if a.expected_by else "its release date"
    if a.status is Status.OVERDUE:
        text = (
            f"{figure[:1].upper()}{figure[1:]} was expected by {expected} and has not been "
            "recorded: look it up (sdtrack due)."
        )
    elif a.target.kind == "level":
        deadline = a.target.deadline.describe() if a.target.deadline else ""
        text = f"The deadline ({deadline}) has passed; {figure} is expected by {expected}."
    else:
        text = f"Awaiting {figure}, expected by {expected}."
    sentences = [text]
    if a.target.kind == "level":
        if a.outlook is None:
            sentences.append("The trend does not say whether it will be met.")
        else:
            code = a.outlook.value
            sentences.append(OUTLOOK_SENTENCES[code].format(words=outlook_words(code)))
    return sentences


def _pace_sentences(a: Assessment, indicator: Indicator, figures: GapFigures) -> list[str]:
    f = figures
    required = [p for p in (_pace(f.pace_required, indicator), _rate(f.cagr_required)) if p]
    observed = [p for p in (_pace(f.pace_observed, indicator), _rate(f.cagr_observed)) if p]
    sentences = []
    if f.declared_base is not None and a.base is not None:
        sentences.append(
            f"The declared base of {_quantity(f.declared_base.value, indicator)} "
            f"({_day(f.declared_base.date)}) is derived, so the pace starts at the latest "
            "sourced figure before it."
        )
    base, latest = a.base, a.latest
    if observed and base is not None and latest is not None and latest.date > base.date:
        text = (
            f"Measured from {_point(base, indicator)} to {_point(latest, indicator, unit=False)}"
            f", the pace is {' or '.join(observed)}"
        )
        if required:
            text += (
                "; reaching the target from that start required "
                f"{_required_bound(a)}{' or '.join(required)}"
            )
        sentences.append(text + ".")
    elif required and base is not None:
        sentences.append(
            f"Reaching it from {_point(base, indicator)} required {_required_bound(a)}"
            f"{' or '.join(required)}; no pace can be observed yet."
        )
    sentences += _projection(a, indicator, figures)
    when = time_to_target(a)
    if when and when != "already met" and not figures.linear_decides:
        sentences.append(f"The target would be {when}.")
    return sentences


def _required_bound(a: Assessment) -> str:
    """'at most ' when the pace starts from a bound: over 1.2 trillion needs at most …"""
    if a.base is None:
        return ""
    bound = BOUND_EN.get(gap_bound(a.base.qualifier, a.target) or "")
    return f"{bound} " if bound else ""


def _projection(a: Assessment, indicator: Indicator, f: GapFigures) -> list[str]:
    """The projection at the deadline; when linear-trend decides, its own projection first
    and the compounded one beside it."""
    if a.deadline is None or a.latest is None or a.latest.date >= a.deadline:
        return []
    if f.linear_decides and f.projected_linear is not None:
        text = (
            f"The linear trend of the last {a.trend_intervals or LINEAR_TREND_MAX_INTERVALS} "
            "intervals between sourced readings "
            f"projects {_quantity(f.projected_linear, indicator)} at the deadline"
            f"{_linear_miss(a)}"
        )
        if f.projected is not None:
            text += f"; at the compounded pace it would be {_quantity(f.projected, indicator)}"
        return [text + "."]
    if f.projected is None:
        return []
    linear = (
        f" ({_quantity(f.projected_linear, indicator)} linearly)"
        if f.projected_linear is not None
        else ""
    )
    return [
        f"At that pace it would be {_quantity(f.projected, indicator)} at the deadline{linear}."
    ]


def _linear_miss(a: Assessment) -> str:
    if a.miss_share is None:
        return " (moving away from the target)"
    if a.miss_share <= 0:
        return " (the target reached)"
    return f" (miss {a.miss_share * 100:.0f} % of the remaining gap)"


VERDICT_INPUTS = {
    "cagr-ratio": "growth ratio R = {ratio:.3f}",
    "projection": "projected share of the distance P = {ratio:.3f}",
    "linear-trend": "projected miss {percent} of the remaining gap",
}

BOUND_KINDS = {
    "lower": "from a lower bound",
    "upper": "from an upper bound",
    "approximate": "from an approximate figure",
    "mixed": "from bounds",
}


def _indicative(a: Assessment, f: GapFigures) -> str | None:
    """'indicative: the pace is measured from a lower bound and over only 2 months'."""
    if not a.pace_notes:
        return None
    parts = []
    for note in a.pace_notes:
        if note.value == "from_bound":
            parts.append(BOUND_KINDS[f.bound_kind or "mixed"])
        elif note.value == "short_span":
            months = f.pace_months or 0
            parts.append(
                "over less than a month"
                if months == 0
                else f"over only {months} month{'s' if months != 1 else ''}"
            )
        else:
            parts.append("from a derived value")
    return "indicative: the pace is measured " + " and ".join(parts)


def _verdict(a: Assessment, figures: GapFigures) -> str:
    # A waiting target's band is its release date, which the waiting sentence gives.
    band = "" if a.status.is_waiting else a.band
    parts = [status_with_band(a.status.value, band)]
    if a.outlook is not None:
        parts.append(outlook_words(a.outlook.value))
    indicative = _indicative(a, figures)
    if indicative:
        parts.append(indicative)
    shown = verdict_input(a)
    inputs = ""
    if shown is not None:
        percent = f"{shown * 100:.0f} %"
        inputs = "; " + VERDICT_INPUTS[a.method].format(ratio=shown, percent=percent)
    return f"Verdict: {', '.join(parts)}, by the {a.method} method{inputs}."


def _periods(a: Assessment) -> str | None:
    if not a.periods:
        return None
    unit = Unit("%", "percent") if a.target.kind == "growth" else a.indicator.unit_info
    parts = []
    for period in a.periods:
        if period.value is None:
            state, due = year_state(a, period.year)
            named = is_awaited_year(a, period.year)
            if state == "overdue":
                since = "" if named else f" since {_day(due)}"
                parts.append(f"{period.year}: no figure, overdue{since}")
            else:
                by = "" if named else f", expected by {_day(due)}"
                parts.append(f"{period.year}: awaited{by}")
        elif period.met is None:
            value = format_quantity(period.value, unit, a.indicator.unit_one)
            parts.append(f"{period.year}: {value}, a bound that does not settle it")
        else:
            value = format_quantity(period.value, unit, a.indicator.unit_one)
            parts.append(f"{period.year}: {value}, {'met' if period.met else 'missed'}")
    return "Year by year: " + "; ".join(parts) + "."


def gap_paragraph(a: Assessment) -> str:
    """The briefing paragraph for one assessed target, in the language in use."""
    if current() == "zh":
        return gap_paragraph_zh(a)
    return gap_paragraph_en(a)


def gap_paragraph_en(a: Assessment) -> str:
    """The briefing paragraph for one assessed target, in English; a count-of-regions
    target's figures are counts of regions, and the regions still missing are named."""
    sentences = [_declared(a)]
    a = dataclasses.replace(a, indicator=assessed_indicator(a))
    indicator = a.indicator
    figures = gap_figures(a)
    if a.target.kind == "level":
        if a.latest is None:
            sentences.append("No reading has been recorded for it yet.")
        else:
            sentences.append(_latest(a, a.latest))
            remaining = _remaining(a, figures)
            if remaining:
                sentences.append(remaining)
        missing = missing_sentence_en(a)
        if missing:
            sentences.append(missing)
        if a.latest is not None:
            sentences += _pace_sentences(a, indicator, figures)
        sentences += _waiting(a)
    else:
        periods = _periods(a)
        if periods:
            sentences.append(periods)
        sentences += _waiting(a)
    sentences.append(_verdict(a, figures))
    if a.warnings:
        sentences.append("Warnings: " + "; ".join(warning_words(w) for w in a.warnings) + ".")
    return " ".join(sentences)
