"""Phrases: the words and short phrases every output uses for a target, a value, a time.

Every format (the terminal, JSON's display fields, Markdown, HTML, spreadsheets) words a
target, a reading or a time left through these functions, so that they all say the same.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sdtrack.core.assessment import Assessment, Point, months_between
from sdtrack.core.model import COMPARISON_SYMBOLS, COMPARISON_WORDS, Indicator, Target
from sdtrack.core.periods import years_between
from sdtrack.core.quantities import Unit, format_change, format_quantity


def quantity(value: Decimal, indicator: Indicator) -> str:
    return format_quantity(value, indicator.unit_info)


def target_phrase(target: Target, indicator: Indicator, *, symbols: bool = False) -> str:
    """'more than 270,000 base stations by end-2025', or with symbols '> 270,000 …'."""
    comparison = (COMPARISON_SYMBOLS if symbols else COMPARISON_WORDS)[target.comparison]
    if target.kind == "growth":
        what = f"{comparison} {format_quantity(target.value, Unit('%', 'percent'))} growth a year"
    elif target.kind == "recurring":
        what = f"{comparison} {quantity(target.value, indicator)} a year"
    else:
        what = f"{comparison} {quantity(target.value, indicator)}"
    if target.kind != "level" and target.start is not None:
        end = target.deadline.end.year if target.deadline else "onwards"
        return (
            f"{what}, {target.start.end.year}–{end}"
            if end != "onwards"
            else (f"{what} from {target.start.end.year}")
        )
    assert target.deadline is not None
    return f"{what} by {target.deadline.describe()}"


def point_phrase(point: Point, indicator: Indicator) -> str:
    """'over 200,000 base stations (derived)': the value with its source's wording."""
    text = quantity(point.value, indicator)
    if point.qualifier:
        text = f"{point.qualifier} {text}"
    if point.derived:
        text += " (derived)"
    return text


def time_left_phrase(as_of: dt.date, deadline: dt.date | None) -> str:
    if deadline is None:
        return "ongoing"
    if as_of > deadline:
        months = months_between(deadline, as_of)
        ago = "less than a month" if months == 0 else _duration(months)
        return f"passed {ago} ago"
    months = months_between(as_of, deadline)
    if months == 0:
        return f"{(deadline - as_of).days} days left"
    return f"{_duration(months)} left"


def _duration(months: int) -> str:
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def gap_phrase(assessment: Assessment) -> str | None:
    if assessment.gap is None:
        return None
    if assessment.gap == 0:
        return "none"
    return format_change(assessment.gap, assessment.indicator.unit_info)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f} %"


def years_text(start: dt.date, end: dt.date) -> str:
    return f"{years_between(start, end):.2f}"


def revision_phrase(before: Target, after: Target, indicator: Indicator) -> str:
    changes = []
    if after.value != before.value:
        verb = "raised" if after.value > before.value else "lowered"
        unit = Unit("%", "percent") if after.kind == "growth" else indicator.unit_info
        changes.append(
            f"{verb} from {format_quantity(before.value, unit)} "
            f"to {format_quantity(after.value, unit)}"
        )
    if after.deadline != before.deadline and after.deadline and before.deadline:
        verb = "later" if after.deadline > before.deadline else "earlier"
        changes.append(
            f"deadline moved {verb}, from {before.deadline.describe()} "
            f"to {after.deadline.describe()}"
        )
    if after.comparison != before.comparison:
        changes.append(
            f"comparison changed from {COMPARISON_WORDS[before.comparison]} "
            f"to {COMPARISON_WORDS[after.comparison]}"
        )
    return "; ".join(changes) or "restated unchanged"
