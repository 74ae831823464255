"""What the report formats say of regions, plans and derived indicators: a breakdown's
regions and roll-ups, who meets a count-of-regions target, a derived value with the
readings it was computed from; and the export's JSON of breakdowns and plans.

The words of regions are `present.region_words`' (the terminal's), so a report says the
same "15 of 16 cities reported" as `status --by region`; nothing is added up here: the
roll-ups are `present.regional`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sdtrack.core.assessment import Assessment
from sdtrack.core.derived import DerivedReading
from sdtrack.core.language import _
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.regions import RollUp
from sdtrack.core.sources import Plan
from sdtrack.present import numbers
from sdtrack.present.documents import plan_dict as plan_fields
from sdtrack.present.documents import reading_dict
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.words import separator, with_period
from sdtrack.present.phrases import display_name, qualifier_words, quantity
from sdtrack.present.region_documents import breakdown_head, rollup_dict
from sdtrack.present.region_words import (
    RollUpWords,
    count_summary,
    counting_of,
    missing_words,
    reported_words,
    rollup_words,
    rule_note,
)
from sdtrack.present.regional import Breakdown


def level(breakdown: Breakdown) -> str | None:
    """The level of a breakdown's regions (city), None when they are of several."""
    levels = {r.level for r in breakdown.regions}
    return levels.pop() if len(levels) == 1 else None


def reporting_words(breakdown: Breakdown) -> str:
    """'15 of 16 cities reported': how many regions have a reading at all."""
    return reported_words(breakdown.reporting, len(breakdown.regions), level(breakdown))


def names(context: ExportContext, region_ids: Sequence[str]) -> str:
    """Regions' names in the language in use, in a list: 'Weifang, Heze' / '潍坊市、菏泽市'."""
    joiner = "、" if numbers.chinese() else ", "
    return joiner.join(context.region_name(r) for r in region_ids)


def value_words(reading: Reading, indicator: Indicator) -> str:
    """A reading's value as a sentence says it: 'over 200,000 base stations (derived)'."""
    text = quantity(reading.value, indicator)
    if reading.qualifier:
        text = _("{qualifier} {value}").format(
            qualifier=qualifier_words(reading.qualifier), value=text
        )
    if reading.derived:
        text = _("{value} (derived)").format(value=text)
    return text


def _weights(breakdown: Breakdown, context: ExportContext) -> str | None:
    weights = breakdown.indicator.weights
    found = next((i for i in context.indicators if i.id == weights), None)
    return display_name(found) if found is not None else weights


def summary_words(breakdown: Breakdown, context: ExportContext) -> str:
    """Under a breakdown's heading: how many regions reported, and how their values
    combine."""
    reported = reporting_words(breakdown)
    note = rule_note(breakdown.rule, breakdown.indicator)
    if note is not None:
        return _("{reported}; {note}.").format(reported=reported, note=note)
    if breakdown.rule == "weighted":
        rule = _(
            "A share's total is the mean of the regions' shares weighted by {weights}, "
            "given only when every region reported."
        ).format(weights=_weights(breakdown, context))
    else:
        rule = _("The regions' values add up; a total is given only when every region reported.")
    return _("{reported}. {rule}").format(reported=reported, rule=rule)


def rollup_texts(rollup: RollUp, breakdown: Breakdown, context: ExportContext) -> RollUpWords:
    """One period's roll-up worded: its total (or why there is none), the region's own
    figure, and their difference ("" when they agree)."""
    return rollup_words(
        rollup,
        breakdown.indicator,
        breakdown.parent.display_name,
        level(breakdown),
        breakdown.rule,
        _weights(breakdown, context),
    )


def rollup_line(rollup: RollUp, breakdown: Breakdown, context: ExportContext) -> str:
    """One period's roll-up in a sentence: '2024: sum of the 16 cities: 224,000 base
    stations; Shandong's own figure: 230,000 base stations; differs from the total by …'."""
    words = rollup_texts(rollup, breakdown, context)
    parts = [p for p in (words.total, words.own, words.difference) if p]
    return _("{period}: {text}").format(period=words.period, text=_("; ").join(parts))


def region_count_lines(assessment: Assessment, context: ExportContext) -> list[str]:
    """A count-of-regions target's regions on the day it is judged: how many meet the
    condition, which ones, and which are still missing. Empty for any other target."""
    count = assessment.region_count
    table = context.geography.table
    counting = counting_of(assessment, table)
    if count is None or counting is None:
        return []
    summary = count_summary(count, counting, assessment.target)
    lines = [_("On {day}: {summary}.").format(day=numbers.day(count.judged_on), summary=summary)]
    if count.meeting:
        lines.append(_("Meeting it: {regions}.").format(regions=names(context, count.meeting)))
    missing = missing_words(assessment, assessment.indicator, table)
    if missing:
        lines.append(_("{sentence}.").format(sentence=missing))
    return lines


def formula_words(indicator: Indicator, indicators: Mapping[str, Indicator]) -> str:
    """'Computed by sdtrack: 5G base stations ÷ resident population × 10,000.'"""
    formula = indicator.formula
    assert formula is not None
    numerator, denominator = (
        display_name(indicators[i]) if i in indicators else i for i in formula.inputs
    )
    multiplier = numbers.number(formula.multiplier, indicator.unit_info)
    return _("Computed by sdtrack: {numerator} ÷ {denominator} × {multiplier}.").format(
        numerator=numerator, denominator=denominator, multiplier=multiplier
    )


def derived_inputs(
    reading: Reading, indicators: Mapping[str, Indicator]
) -> list[tuple[Reading, str]]:
    """The readings a derived value was computed from, each with its value and period."""
    if not isinstance(reading, DerivedReading):
        return []
    found = []
    for source in reading.inputs:
        indicator = indicators.get(source.indicator)
        text = value_words(source, indicator) if indicator else str(source.value)
        found.append((source, with_period(text, source.date)))
    return found


def indicator_table(context: ExportContext) -> dict[str, Indicator]:
    return {i.id: i for i in context.indicators}


def breakdown_dict(breakdown: Breakdown, context: ExportContext) -> dict[str, Any]:
    """A breakdown in the JSON export, with the fields of `status --by region --json`'s
    (`present.region_documents`), its targets named by id (the export lists them whole),
    and each roll-up worded (`text`)."""
    indicator = breakdown.indicator
    return {
        **breakdown_head(breakdown),
        "text": summary_words(breakdown, context),
        "latest": [
            {
                "region": item.region.id,
                "name": item.region.display_name,
                "code": item.region.code,
                "reading": None if item.reading is None else reading_dict(item.reading, indicator),
            }
            for item in breakdown.latest
        ],
        "rollups": [
            {**rollup_dict(r), "text": rollup_line(r, breakdown, context)}
            for r in breakdown.rollups
        ],
        "target_ids": [a.target.id for a in context.assessments_for(indicator)],
    }


def plan_dict(plan: Plan, assessments: Sequence[Assessment]) -> dict[str, Any]:
    """A plan in the JSON export, with the ids of the report's targets that belong to it."""
    return {**(plan_fields(plan) or {}), "target_ids": [a.target.id for a in assessments]}


def plan_parts(plan: Plan) -> list[str]:
    """A plan's issuer, date and document number (when it has one)."""
    parts = [plan.display_issuer, numbers.day(plan.date)]
    if plan.document:
        parts.append(plan.document)
    return parts


def plan_words(plan: Plan) -> str:
    """A plan's byline: 'Shandong Communications Administration, 2025-06-18, 鲁通信〔2025〕…号'."""
    return separator().join(plan_parts(plan))
