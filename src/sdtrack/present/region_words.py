"""The words of regions: what a count-of-regions target counts and declares, each counted
region's standing and the ones still missing, and a breakdown's roll-ups.

An assessment names regions by id only; their names and level (city, county) come from
the region table: the workspace's when the caller has it, else the built-in one (China,
Shandong and its 16 cities). Every phrase here is in the language in use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sdtrack.core.assessment import Assessment
from sdtrack.core.assessment.results import RegionCount, RegionStanding
from sdtrack.core.language import N_, _
from sdtrack.core.model import COMPARISON_SYMBOLS, Indicator, Target
from sdtrack.core.regions import LEVEL_WORDS, Geography, Region, RollUp, region_table
from sdtrack.present import numbers

# A counted region of a level sdtrack has no words for (or of no known level).
REGION_WORDS = (N_("region"), N_("regions"))


@dataclass(frozen=True)
class Counting:
    """What a count-of-regions target counts: how many regions there are (None: not
    known here) and their level (a key of `core.regions.LEVEL_WORDS`; None: regions)."""

    total: int | None
    level: str | None


def _table(table: Mapping[str, Region] | None) -> Mapping[str, Region]:
    return table if table is not None else region_table()


def region_name(region: str, table: Mapping[str, Region] | None = None) -> str:
    """A region's name in the language in use; its id when the table does not hold it."""
    found = _table(table).get(region)
    return found.display_name if found is not None else region


def level_words(level: str | None, count: int) -> str:
    """ "city" / "cities" for the level, by `count`; "region(s)" for another level."""
    one, many = LEVEL_WORDS.get(level or "", REGION_WORDS)
    return _(one) if count == 1 else _(many)


def counting_of(a: Assessment, table: Mapping[str, Region] | None = None) -> Counting | None:
    """What `a` counts, from its regions' standings; None for a target of one region."""
    count = a.region_count
    if count is None:
        return None
    levels = {found.level for s in count.standings if (found := _table(table).get(s.region))}
    return Counting(len(count.standings), levels.pop() if len(levels) == 1 else None)


def target_counting(target: Target, geography: Geography) -> Counting | None:
    """What a count-of-regions target counts in the workspace; None for any other target."""
    if target.each is None:
        return None
    among = target.among or target.region or geography.own
    if among is None or among not in geography.table:
        return Counting(None, None)
    counted = geography.children(among)
    levels = {r.level for r in counted}
    return Counting(len(counted), levels.pop() if len(levels) == 1 else None)


def count_indicator(indicator: Indicator, counting: Counting) -> Indicator:
    """The indicator as a count of regions: the unit a count target's figures are in
    (its latest "15 cities", its gap "1 city")."""
    one, many = LEVEL_WORDS.get(counting.level or "", REGION_WORDS)
    return indicator.model_copy(
        update={"unit": many, "unit_one": one, "unit_zh": "个", "kind": "stock", "formula": None}
    )


def condition_words(target: Target, indicator: Indicator) -> str:
    """What each region must reach, with a symbol: "≥ 1 city" / "≥1个"."""
    assert target.each is not None
    value = numbers.quantity(
        target.each.value, indicator.unit_info, indicator.unit_zh, indicator.unit_one
    )
    space = "" if numbers.chinese() else " "
    return COMPARISON_SYMBOLS[target.each.comparison] + space + value


def count_target_phrase(
    target: Target, indicator: Indicator, comparison: str, deadline: str, counting: Counting | None
) -> str:
    """ "all 16 cities meet the gigabit-city standard by end-2024", "at least 12 of 16
    cities …"; without a label the condition itself: "16 of 16 cities at ≥ 1 city"."""
    assert target.each is not None
    counting = counting or Counting(None, None)
    value = int(target.value)
    total = counting.total
    regions = level_words(counting.level, total if total is not None else value)
    label = target.each.display_label
    fields = {"value": f"{value:,}", "count": f"{total or 0:,}", "regions": regions}
    fields |= {"comparison": comparison, "deadline": deadline}
    whole = value == total and target.comparison in ("at_least", "about")
    if label is None:
        fields["condition"] = condition_words(target, indicator)
        if total is None:
            text = _("{comparison} {value} {regions} at {condition} by {deadline}")
        elif whole:
            text = _("{value} of {count} {regions} at {condition} by {deadline}")
        else:
            text = _("{comparison} {value} of {count} {regions} at {condition} by {deadline}")
    else:
        fields["label"] = label
        if total is None:
            text = _("{comparison} {value} {regions} {label} by {deadline}")
        elif whole:
            text = _("all {count} {regions} {label} by {deadline}")
        else:
            text = _("{comparison} {value} of {count} {regions} {label} by {deadline}")
    return text.format(**fields)


STANDING_WORDS = {"meets": N_("meets"), "short": N_("short"), "unreported": N_("no reading")}


def standing_code(standing: RegionStanding) -> str:
    """A counted region's standing as a code: meets, short, unreported."""
    if standing.meets is None:
        return "unreported"
    return "meets" if standing.meets else "short"


def standing_words(code: str) -> str:
    return _(STANDING_WORDS[code]) if code in STANDING_WORDS else code


def count_summary(count: RegionCount, counting: Counting, target: Target) -> str:
    """ "15 of 16 cities meet the gigabit-city standard; 1 without a reading"."""
    total = len(count.standings)
    meeting = len(count.meeting)
    regions = level_words(counting.level, total)
    label = target.each.display_label if target.each is not None else None
    if label is None:
        text = _("{meeting} of {count} {regions} meet the condition")
    else:
        text = _("{meeting} of {count} {regions} {label}")
    parts = [text.format(meeting=meeting, count=total, regions=regions, label=label)]
    if count.short:
        parts.append(_("{count} short").format(count=len(count.short)))
    if count.unreported:
        number = len(count.unreported)
        parts.append(_("{count} without a reading").format(count=number))
    return ("；" if numbers.chinese() else "; ").join(parts)


def missing_words(
    a: Assessment, indicator: Indicator, table: Mapping[str, Region] | None = None
) -> str | None:
    """ "Still missing: Weifang (no reading: a reading for Weifang would settle it)": the
    counted regions not (yet) known to meet the condition; None when there is none."""
    count = a.region_count
    if count is None or not count.missing:
        return None
    passed = a.deadline is not None and a.as_of > a.deadline
    deadline = numbers.period_in_words(a.target.deadline) if a.target.deadline else ""
    parts = [
        _missing_one(s, indicator, passed, deadline, table) for s in count.standings if not s.meets
    ]
    joiner = "；" if numbers.chinese() else "; "
    return _("Still missing: {regions}").format(regions=joiner.join(parts))


def _missing_one(
    standing: RegionStanding,
    indicator: Indicator,
    passed: bool,
    deadline: str,
    table: Mapping[str, Region] | None,
) -> str:
    name = region_name(standing.region, table)
    reading = standing.reading
    if reading is None:
        if passed:
            text = _("{region} (no reading: a reading for {region} would settle it)")
        else:
            text = _("{region} (no reading yet)")
        return text.format(region=name)
    value = numbers.quantity(reading.value, indicator.unit_info, indicator.unit_zh)
    if passed and not standing.settled:
        text = _("{region} (short at {value}, {period}: a reading for {deadline} would settle it)")
    else:
        text = _("{region} (short at {value}, {period})")
    period = numbers.period(reading.date)
    return text.format(region=name, value=value, period=period, deadline=deadline)


LEVELS_ZH = {"country": "国家", "province": "省", "city": "城市", "county": "县", "district": "区"}


def _missing_names(
    count: RegionCount, table: Mapping[str, Region] | None, chinese: bool
) -> list[tuple[str, bool]]:
    """Each region not known to meet the condition: its name, and whether it has a reading."""
    names = []
    for standing in count.standings:
        if standing.meets:
            continue
        found = _table(table).get(standing.region)
        name = standing.region
        if found is not None:
            name = (found.name_zh or found.name) if chinese else found.name
        names.append((name, standing.reading is not None))
    return names


def missing_sentence_en(a: Assessment, table: Mapping[str, Region] | None = None) -> str | None:
    """The gap paragraph's sentence naming the regions still missing, in English:
    "15 of 16 cities meet the gigabit-city standard; still missing: Weifang (no reading)."."""
    count = a.region_count
    counting = counting_of(a, table)
    if count is None or counting is None or not count.missing or a.target.each is None:
        return None
    one, many = LEVEL_WORDS.get(counting.level or "", REGION_WORDS)
    total = len(count.standings)
    label = a.target.each.label or "meet the condition"
    names = [
        f"{name} ({'short' if reported else 'no reading'})"
        for name, reported in _missing_names(count, table, chinese=False)
    ]
    return (
        f"{len(count.meeting)} of {total} {one if total == 1 else many} {label}; "
        f"still missing: {', '.join(names)}."
    )


def missing_sentence_zh(a: Assessment, table: Mapping[str, Region] | None = None) -> str | None:
    """The Chinese gap paragraph's sentence naming the regions still missing:
    "16个城市中15个达到千兆城市标准；尚缺：潍坊市（无数据）。"."""
    count = a.region_count
    counting = counting_of(a, table)
    if count is None or counting is None or not count.missing or a.target.each is None:
        return None
    regions = LEVELS_ZH.get(counting.level or "", "地区")
    label = a.target.each.label_zh or "达到条件"
    names = [
        f"{name}（{'未达标' if reported else '无读数'}）"
        for name, reported in _missing_names(count, table, chinese=True)
    ]
    return (
        f"{len(count.standings)}个{regions}中{len(count.meeting)}个{label}；"
        f"尚缺：{'、'.join(names)}。"
    )


# ---------------------------------------------------------------------------------------
# Roll-ups: the sum (or weighted mean) of a breakdown's regions beside the parent's own.


def reported_words(reported: int, total: int, level: str | None) -> str:
    """ "15 of 16 cities reported"."""
    return _("{reported} of {count} {regions} reported").format(
        reported=reported, count=total, regions=level_words(level, total)
    )


RULE_NOTES = {
    "share": N_("shares are not added up over regions (no weights are given)"),
    "ratio": N_("a ratio is not rolled up over regions; its inputs are"),
}


def rule_note(rule: str, indicator: Indicator) -> str | None:
    """Why a breakdown has no roll-up at all (a share without weights, a ratio)."""
    if rule != "none":
        return None
    return _(RULE_NOTES["share" if indicator.kind == "share" else "ratio"])


@dataclass(frozen=True)
class RollUpWords:
    """One period's roll-up, worded: the total (or why there is none), the parent's own
    figure, and the difference when the two disagree ("" when they agree)."""

    period: str
    total: str
    own: str
    difference: str


def rollup_words(
    rollup: RollUp,
    indicator: Indicator,
    parent: str,
    level: str | None,
    rule: str,
    weights: str | None = None,
) -> RollUpWords:
    """The period's total (a sum, a weighted mean; none unless every region reported;
    never for a `rule` of "none") and the parent's own figure beside it."""
    count = len(rollup.reported) + len(rollup.missing)
    regions = level_words(level, count)

    def quantity(value: Decimal) -> str:
        return numbers.quantity(value, indicator.unit_info, indicator.unit_zh, indicator.unit_one)

    if rule == "none":
        total = reported_words(len(rollup.reported), count, level)
    elif rollup.total is None:
        total = _("{reported} of {count} {regions} reported: no total").format(
            reported=len(rollup.reported), count=count, regions=regions
        )
    elif rollup.weighted:
        total = _("mean of the {count} {regions} weighted by {weights}: {value}").format(
            count=count, regions=regions, weights=weights or "", value=quantity(rollup.total)
        )
    else:
        total = _("sum of the {count} {regions}: {value}").format(
            count=count, regions=regions, value=quantity(rollup.total)
        )
    if rollup.own is None:
        own = _("no figure for {region} itself").format(region=parent)
    else:
        own = _("{region}'s own figure: {value}").format(region=parent, value=quantity(rollup.own))
    difference = ""
    if rollup.differs and rollup.own is not None and rollup.total is not None:
        gap = numbers.change(abs(rollup.own - rollup.total), indicator.unit_info, indicator.unit_zh)
        difference = _("differs from the total by {difference}").format(difference=gap)
    return RollUpWords(numbers.period(rollup.period), total, own, difference)


def shown_rollups(rollups: Sequence[RollUp]) -> list[RollUp]:
    """The roll-ups a terminal shows: the latest period's and, when that one is not
    complete, the latest complete one before it."""
    if not rollups:
        return []
    latest = rollups[-1]
    if latest.complete:
        return [latest]
    complete = [r for r in rollups if r.complete]
    return [complete[-1], latest] if complete else [latest]
