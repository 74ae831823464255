"""Phrases: the words and short phrases every output uses for a target, a value, a time.

Every format (the terminal, JSON's display fields, Markdown, HTML, spreadsheets) words a
target, a reading or a time left through these functions, so that they all say the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from sdtrack.core.assessment import Assessment, Point, months_between
from sdtrack.core.language import N_, _, ngettext
from sdtrack.core.model import COMPARISON_SYMBOLS, Indicator, Target
from sdtrack.core.periods import parse_period
from sdtrack.core.quantities import Unit
from sdtrack.core.regions import Region
from sdtrack.present import numbers
from sdtrack.present.region_words import Counting, count_indicator, count_target_phrase, counting_of

PERCENT_UNIT = Unit("%", "percent")

# The comparison words, as `core.model.COMPARISON_WORDS` has them, marked for the catalog.
COMPARISON_WORDS: dict[str, str] = {
    "at_least": N_("at least"),
    "more_than": N_("more than"),
    "about": N_("about"),
    "at_most": N_("at most"),
    "less_than": N_("less than"),
}

# The words shown for each `Status` value (the values stay English codes in JSON).
STATUS_WORDS: dict[str, str] = {
    "achieved": N_("achieved"),
    "on_track": N_("on track"),
    "behind": N_("behind"),
    "off_track": N_("off track"),
    "missed": N_("missed"),
    "awaiting_data": N_("awaiting data"),
    "overdue": N_("overdue"),
    "not_yet_due": N_("not yet due"),
    "no_data": N_("no data"),
    "not_assessable": N_("not assessable"),
}

# What the trend says of a target whose deciding figure is not in (`Outlook` values).
OUTLOOK_WORDS: dict[str, str] = {
    "likely_met": N_("likely met"),
    "likely_missed": N_("likely missed"),
}


def outlook_words(outlook: str | None) -> str:
    return "" if outlook is None else worded(OUTLOOK_WORDS, outlook)


def band_adds(band: str, status: str) -> bool:
    """Whether a band says more than its status ('on track' beside on_track does not,
    nor 'behind' beside behind, nor a band that only repeats the status word)."""
    words = band.strip().lower()
    return bool(words) and words.replace(" ", "_") != status and words != STATUS_WORDS.get(status)


def status_with_band(status: str, band: str) -> str:
    """A status and its band with no word said twice: 'behind (moderate progress)', but
    'on track' beside the band 'on track', and 'slightly behind' or 'missed in 2024' alone
    where the band already holds the status word."""
    words = status_words(status)
    if not band_adds(band, status):
        return words
    detail = band_words(band)
    if words.lower() in detail.lower():
        return detail
    return _("{status} ({band})").format(status=words, band=detail)


# Why a pace is fragile (`PaceNote` codes), shown next to the verdict it supports.
PACE_NOTE_WORDS: dict[str, str] = {
    "short_span": N_("the pace is measured over less than a year"),
    "from_bound": N_("the pace is measured from a bound, not an exact figure"),
    "from_derived": N_("the pace is measured from a derived value"),
}


def pace_note_words(code: str) -> str:
    """A `PaceNote` code ('from_bound') as the reader's language says it."""
    return worded(PACE_NOTE_WORDS, code)


# How a gap or progress that rests on a bound is qualified (`gap_bound`, `progress_bound`).
BOUND_WORDS: dict[str, str] = {
    "at_most": N_("at most"),
    "at_least": N_("at least"),
    "about": N_("about"),
}


def bound_words(code: str | None) -> str:
    """'at most' / 'at least' / 'about' for a bound code; '' for an exact figure."""
    return "" if code is None else worded(BOUND_WORDS, code)


def sources_words(count: int) -> str:
    """'2 sources': how many sources give the same figure."""
    return ngettext("{n} source", "{n} sources", count).format(n=count)


def disputed_words() -> str:
    """The mark of a figure that other readings of the same period contradict."""
    return _("disputed")


def worded(table: dict[str, str], key: str, fallback: str | None = None) -> str:
    """`key`'s entry of a table of N_-marked words, translated; else `fallback` (`key`)."""
    return _(table[key]) if key in table else (key if fallback is None else fallback)


# How a source words a reading (`core.choices.Qualifier`): 'over 200,000'.
QUALIFIER_WORDS: dict[str, str] = {
    "over": N_("over"),
    "about": N_("about"),
    "nearly": N_("nearly"),
    "under": N_("under"),
}


def qualifier_words(qualifier: str) -> str:
    return worded(QUALIFIER_WORDS, qualifier)


# An indicator's kind and a target's kind, as `show` and `targets` word them.
KIND_WORDS: dict[str, str] = {
    "stock": N_("stock"),
    "flow": N_("flow"),
    "share": N_("share"),
    "level": N_("level"),
    "growth": N_("growth"),
    "recurring": N_("recurring"),
}


def kind_words(kind: str) -> str:
    return worded(KIND_WORDS, kind)


def unit_zh(indicator: Indicator) -> str | None:
    """The indicator's Chinese measure word, when it names one."""
    return indicator.unit_zh


def display_name(indicator: Indicator) -> str:
    """The indicator's name in the language in use (its Chinese name when Chinese)."""
    return indicator.display_name


def status_words(status: str | None) -> str:
    """A status value (an English code) as the reader's language says it."""
    if status is None:
        return ""
    return worded(STATUS_WORDS, status)


def list_separator() -> str:
    """'; ' between clauses: '；' in Chinese."""
    return "；" if numbers.chinese() else "; "


def quantity(value: Decimal, indicator: Indicator) -> str:
    """'224,000 base stations', '1 city' / '22.4万个', '1个'."""
    return numbers.quantity(value, indicator.unit_info, unit_zh(indicator), indicator.unit_one)


def change(value: Decimal, indicator: Indicator) -> str:
    """A difference in the indicator's unit: '1 city', '2.5 percentage points'."""
    return numbers.change(value, indicator.unit_info, unit_zh(indicator), indicator.unit_one)


def _comparison(target: Target, symbols: bool) -> str:
    if symbols:
        return COMPARISON_SYMBOLS[target.comparison]
    return _(COMPARISON_WORDS[target.comparison])


def target_phrase(
    target: Target, indicator: Indicator, *, symbols: bool = False, counting: Counting | None = None
) -> str:
    """'more than 270,000 base stations by end-2025', or with symbols '> 270,000 …'; a
    count-of-regions target counts regions (`counting`: how many there are)."""
    if target.each is not None and target.deadline is not None:
        deadline = numbers.period_in_words(target.deadline)
        words = _(COMPARISON_WORDS[target.comparison])
        return count_target_phrase(target, indicator, words, deadline, counting)
    comparison = _comparison(target, symbols)
    if target.kind == "growth":
        value = numbers.quantity(target.value, PERCENT_UNIT)
        what = _("{comparison} {value} growth a year").format(comparison=comparison, value=value)
    elif target.kind == "recurring":
        value = quantity(target.value, indicator)
        what = _("{comparison} {value} a year").format(comparison=comparison, value=value)
    else:
        value = quantity(target.value, indicator)
        what = _("{comparison} {value}").format(comparison=comparison, value=value)
    if target.kind != "level" and target.start is not None:
        start = target.start.end.year
        if target.deadline:
            return _("{what}, {start}–{end}").format(
                what=what, start=start, end=target.deadline.end.year
            )
        return _("{what} from {start}").format(what=what, start=start)
    assert target.deadline is not None
    return _("{what} by {deadline}").format(
        what=what, deadline=numbers.period_in_words(target.deadline)
    )


def point_phrase(point: Point, indicator: Indicator) -> str:
    """'over 200,000 base stations (derived)': the value with its source's wording."""
    text = quantity(point.value, indicator)
    if point.qualifier:
        qualifier = qualifier_words(point.qualifier)
        text = _("{qualifier} {value}").format(qualifier=qualifier, value=text)
    if point.derived:
        text = _("{value} (derived)").format(value=text)
    return text


def time_left_phrase(as_of: dt.date, deadline: dt.date | None) -> str:
    if deadline is None:
        return _("ongoing")
    if as_of > deadline:
        ago = numbers.duration(months_between(deadline, as_of))
        return _("passed {duration} ago").format(duration=ago)
    months = months_between(as_of, deadline)
    if months == 0:
        return _("{days} days left").format(days=(deadline - as_of).days)
    return _("{duration} left").format(duration=numbers.duration(months))


def assessed_indicator(
    assessment: Assessment, table: Mapping[str, Region] | None = None
) -> Indicator:
    """The indicator an assessment's figures are in: a count-of-regions target's are
    counts of regions ("15 cities"), of the levels `table` (else the built-in one) gives."""
    counting = counting_of(assessment, table)
    if counting is None:
        return assessment.indicator
    return count_indicator(assessment.indicator, counting)


def assessment_target_phrase(
    assessment: Assessment, *, symbols: bool = False, table: Mapping[str, Region] | None = None
) -> str:
    """The assessed target's phrase, a count-of-regions target's with its regions counted."""
    counting = counting_of(assessment, table)
    target, indicator = assessment.target, assessment.indicator
    return target_phrase(target, indicator, symbols=symbols, counting=counting)


def gap_phrase(assessment: Assessment) -> str | None:
    if assessment.gap is None:
        return None
    if assessment.gap == 0:
        return _("none")
    return change(assessment.gap, assessed_indicator(assessment))


def percent(value: float | None) -> str:
    return numbers.percent(value)


def revision_phrase(before: Target, after: Target, indicator: Indicator) -> str:
    changes = []
    if after.value != before.value:
        unit = PERCENT_UNIT if after.kind == "growth" else indicator.unit_info
        message = (
            _("raised from {before} to {after}")
            if after.value > before.value
            else _("lowered from {before} to {after}")
        )
        changes.append(
            message.format(
                before=numbers.quantity(before.value, unit, unit_zh(indicator), indicator.unit_one),
                after=numbers.quantity(after.value, unit, unit_zh(indicator), indicator.unit_one),
            )
        )
    if after.deadline != before.deadline and after.deadline and before.deadline:
        message = (
            _("deadline moved later, from {before} to {after}")
            if after.deadline > before.deadline
            else _("deadline moved earlier, from {before} to {after}")
        )
        changes.append(
            message.format(
                before=numbers.period_in_words(before.deadline),
                after=numbers.period_in_words(after.deadline),
            )
        )
    if after.comparison != before.comparison:
        changes.append(
            _("comparison changed from {before} to {after}").format(
                before=_(COMPARISON_WORDS[before.comparison]),
                after=_(COMPARISON_WORDS[after.comparison]),
            )
        )
    return list_separator().join(changes) or _("restated unchanged")


# Every band and reason `core.assessment` writes with fixed words, marked for the catalog.
BAND_WORDS = frozenset(
    {
        N_("on track"),
        N_("moderate progress"),
        N_("limited progress"),
        N_("marginal progress"),
        N_("stagnation"),
        N_("regression"),
        N_("moving away"),
        N_("on track (reached)"),
        N_("slightly behind"),
        N_("behind"),
        N_("substantial progress"),
        N_("deterioration"),
        N_("enough regions met the condition by the deadline"),
        N_("too few regions can have met the condition by the deadline"),
        N_("the readings of the regions not yet settled would decide it"),
        N_("rising (not judged)"),
        N_("falling (not judged)"),
        N_("steady (not judged)"),
        N_("target met"),
        N_("met at the deadline"),
        N_("not met at the deadline"),
        N_("met before the deadline, not at it"),
        N_("no reading at or after the deadline"),
        N_("no reading at or after the deadline; likely met"),
        N_("no reading at or after the deadline; likely missed"),
        N_("no reading yet"),
        N_("no year has ended yet"),
        N_("met in every year so far"),
        N_("one date only: no trend yet"),
        N_("under a year of readings: no trend yet"),
        N_("values change sign: no growth rate"),
        N_("needs a base value"),
        N_("needs readings at two different dates"),
        N_("the base date is not before the deadline"),
        N_("base and current values have opposite signs"),
        N_("the growth is too fast to express as a yearly rate"),
        N_("the target equals the base value, so no growth is required"),
        N_("the target equals the base value"),
        N_("linear-trend needs readings at different dates"),
        N_("the base value is derived, not quoted"),
        N_("the latest value is derived, not quoted"),
        N_("projected to reach the target"),
        N_("a bound does not settle a year's figure"),
        N_("the figure at the deadline is a bound that does not settle the target"),
    }
)


def _years(text: str) -> str:
    """'2024, 2025' in the reader's language: '2024、2025' in Chinese."""
    return text.replace(", ", "、") if numbers.chinese() else text


def _period(text: str) -> str:
    try:
        return numbers.period(parse_period(text))
    except (TypeError, ValueError):
        return text


def _day(text: str) -> str:
    """An ISO day inside a band, as the reader's language writes a day: 31 March 2026."""
    try:
        return numbers.day_in_words(dt.date.fromisoformat(text))
    except ValueError:
        return text


# Bands and warnings with numbers, years or a reason inside: the fixed words are
# translated, the rest is kept (years, periods) or worded in turn (a reason).
_Convert = Callable[[str], str]
_Pattern = tuple[re.Pattern[str], str, dict[str, _Convert]]

# Bands with a day inside: worded in English too ('expected by 31 March 2026').
DATED_PATTERNS: tuple[_Pattern, ...] = (
    (
        re.compile(
            r"awaiting the (?P<period>[0-9-]+) figure, expected by (?P<day>\d{4}-\d{2}-\d{2})"
        ),
        N_("awaiting the {period} figure, expected by {day}"),
        {"period": _period, "day": _day},
    ),
    (
        re.compile(r"the (?P<period>[0-9-]+) figure was expected by (?P<day>\d{4}-\d{2}-\d{2})"),
        N_("the {period} figure was expected by {day}"),
        {"period": _period, "day": _day},
    ),
)

PHRASE_PATTERNS: tuple[_Pattern, ...] = (
    *DATED_PATTERNS,
    (
        re.compile(r"(?P<n>[0-9]+) regions met the condition by the deadline"),
        N_("{n} regions met the condition by the deadline"),
        {},
    ),
    (
        re.compile(r"at most (?P<n>[0-9]+) regions could have met the condition"),
        N_("at most {n} regions could have met the condition"),
        {},
    ),
    (
        re.compile(r"the readings of (?P<n>[0-9]+) regions would settle it"),
        N_("the readings of {n} regions would settle it"),
        {},
    ),
    (
        re.compile(r"the first year, (?P<year>[0-9]+), has not ended"),
        N_("the first year, {year}, has not ended"),
        {},
    ),
    (re.compile(r"missed in (?P<years>[0-9, ]+)"), N_("missed in {years}"), {"years": _years}),
    (
        re.compile(r"no year's growth figure for (?P<years>[0-9, ]+)"),
        N_("no year's growth figure for {years}"),
        {"years": _years},
    ),
    (
        re.compile(r"no year figure for (?P<years>[0-9, ]+)"),
        N_("no year figure for {years}"),
        {"years": _years},
    ),
    (
        re.compile(r"met in every year (?P<start>[0-9]+)–(?P<end>[0-9]+)"),
        N_("met in every year {start}–{end}"),
        {},
    ),
    (
        re.compile(
            r"linear-trend needs at least (?P<n>[0-9]+) readings "
            r"\(there (is|are) (?P<count>[0-9]+)\)"
        ),
        N_("linear-trend needs at least {n} readings (there are {count})"),
        {},
    ),
    (
        re.compile(
            r"the pace is observed over only (?P<months>[0-9]+) months, "
            r"so projections from it are fragile"
        ),
        N_("the pace is observed over only {months} months, so projections from it are fragile"),
        {},
    ),
    (
        re.compile(r"the latest reading \((?P<period>[^)]+)\) is stale"),
        N_("the latest reading ({period}) is stale"),
        {"period": _period},
    ),
    (
        re.compile(r"(?P<reason>.+); judged with (?P<method>[a-z-]+) instead"),
        N_("{reason}; judged with {method} instead"),
        {"reason": lambda reason: assessment_words(reason)},
    ),
    (
        re.compile(r"no trend to project: (?P<reason>.+)"),
        N_("no trend to project: {reason}"),
        {"reason": lambda reason: assessment_words(reason)},
    ),
)


def assessment_words(text: str) -> str:
    """A band, reason or warning `core.assessment` wrote in English, in the reader's
    language: the known fixed texts translated, the patterned ones with their years and
    numbers kept; anything else as it is. English is returned unchanged but for its days,
    which read as a sentence writes them ('expected by 31 March 2026')."""
    chinese = numbers.chinese()
    if chinese and text in BAND_WORDS:
        return _(text)
    for pattern, message, converters in PHRASE_PATTERNS if chinese else DATED_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            fields = {
                name: converters.get(name, str)(value) for name, value in match.groupdict().items()
            }
            return _(message).format(**fields)
    return text


def band_words(band: str) -> str:
    """An assessment's band (e.g. 'moderate progress') in the reader's language."""
    return assessment_words(band)


def warning_words(warning: str) -> str:
    """An assessment's warning in the reader's language."""
    return assessment_words(warning)
