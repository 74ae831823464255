"""The words and JSON objects of conflicting and corroborating readings.

`record` says which current reading a new one conflicts or agrees with, and `check` lists
every conflict; both word a reading the same way: "224,000 base stations, 2024-06-18,
Dazhong Daily". The rule a conflict is assessed by is `core.conflicts`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sdtrack.core.assessment import Point
from sdtrack.core.conflicts import source_key
from sdtrack.core.language import _, ngettext
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.quantities import exact_number
from sdtrack.present import numbers
from sdtrack.present.phrases import list_separator, point_phrase
from sdtrack.store.conflict_check import Conflict

CONFLICT = "conflict"


def value_words(reading: Reading, indicator: Indicator) -> str:
    """'over 2 trillion yuan (derived)': the value as its source words it."""
    return point_phrase(Point.of(reading), indicator)


def reading_words(reading: Reading, indicator: Indicator) -> str:
    """'224,000 base stations, 2024-06-18, Dazhong Daily'."""
    return _("{value}, {period}, {source}").format(
        value=value_words(reading, indicator),
        period=numbers.period(reading.date),
        source=reading.source,
    )


def conflict_words(other: Reading, indicator: Indicator) -> str:
    """'conflicts with reading r-… (224,000 base stations, 2024-06-18, Dazhong Daily)'."""
    return _("conflicts with reading {id} ({reading})").format(
        id=other.key, reading=reading_words(other, indicator)
    )


def counted_words(indicator: Indicator) -> str:
    """Which figure counts until the user settles the conflict."""
    if indicator.direction == "lower":
        return _("until one is retracted or corrected, the higher figure counts")
    return _("until one is retracted or corrected, the lower figure counts")


def source_count(reading: Reading, agreeing: Sequence[Reading]) -> int:
    """How many distinct sources give `reading`'s value and qualifier, its own included."""
    return len({source_key(r) for r in (reading, *agreeing)})


def agreement_words(reading: Reading, agreeing: Sequence[Reading]) -> str:
    """'agrees with r-… (2 sources)': the readings giving the same value and qualifier."""
    sources = source_count(reading, agreeing)
    ids = ", ".join(r.key for r in agreeing)
    return ngettext(
        "agrees with {ids} ({count} source)", "agrees with {ids} ({count} sources)", sources
    ).format(ids=ids, count=sources)


def reading_object(reading: Reading, indicator: Indicator) -> dict[str, Any]:
    """A reading in a warning: its id, exact value, qualifier, words, period and source."""
    return {
        "reading_id": reading.key,
        "value": exact_number(reading.value),
        "qualifier": reading.qualifier,
        "text": value_words(reading, indicator),
        "date": str(reading.date),
        "source": reading.source,
    }


def warning_dict(other: Reading, indicator: Indicator) -> dict[str, Any]:
    """A `warnings` entry of `record --json`: the reading the new one conflicts with."""
    return {
        "code": CONFLICT,
        **reading_object(other, indicator),
        "message": conflict_words(other, indicator),
    }


def check_message(conflict: Conflict) -> str:
    """'5g-base-stations: reading r-… (…) conflicts with reading r-… at line 116 (…); until
    one is retracted or corrected, the lower figure counts'."""
    indicator, other, counted = conflict.indicator, conflict.other, conflict.counted
    return _(
        "{indicator}: reading {id} ({reading}) conflicts with reading {counted_id} at line "
        "{line} ({counted}); {rule}"
    ).format(
        indicator=indicator.id,
        id=other.reading.key,
        reading=reading_words(other.reading, indicator),
        counted_id=counted.reading.key,
        line=counted.line if counted.line is not None else "?",
        counted=reading_words(counted.reading, indicator),
        rule=counted_words(indicator),
    )


def check_warning(conflict: Conflict) -> dict[str, Any]:
    """A `warnings` entry of `check --json`: both readings with their lines."""
    indicator, other, counted = conflict.indicator, conflict.other, conflict.counted
    return {
        "code": CONFLICT,
        "file": str(conflict.file),
        "indicator_id": indicator.id,
        "reading": {**reading_object(other.reading, indicator), "line": other.line},
        "conflicts_with": {**reading_object(counted.reading, indicator), "line": counted.line},
        "counted_reading_id": counted.reading.key,
        "message": check_message(conflict),
    }


def conflict_sentence(others: Sequence[Reading], indicator: Indicator) -> str:
    """Every conflict of a new reading, and the rule that applies meanwhile, as one line."""
    clauses = [conflict_words(other, indicator) for other in others]
    return list_separator().join([*clauses, counted_words(indicator)])
