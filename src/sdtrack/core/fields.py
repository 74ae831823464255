"""The schema's field types and how a value is read from what a file or a user wrote.

A value may say its qualifier or comparison ('超过22万', '5000以上'); these helpers read
the number in the indicator's unit and the word, and keep a value that cannot be read as
a marker, so that its problem is reported in place by the model's validators.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, cast, get_args

from pydantic import AfterValidator, BeforeValidator, PlainSerializer

from sdtrack.core.choices import Qualifier
from sdtrack.core.domains import DEADLINE_BEFORE_BASELINE, Domain, IndicatorKind, growth_refusal
from sdtrack.core.language import N_, _
from sdtrack.core.periods import Period, PeriodError, parse_day, parse_period
from sdtrack.core.qualifiers import split_comparison
from sdtrack.core.quantities import (
    QuantityError,
    Unit,
    exact_number,
    parse_quantity,
)

Comparison = Literal["at_least", "more_than", "about", "at_most", "less_than"]
# `record --key` keys are names chosen by scripts, not prose.
MAX_REQUEST_KEY_LENGTH = 200


# A value that says its qualifier or comparison ('超过22万') while the field says another.
DISAGREEMENTS = {
    "qualifier": N_(
        "the value {value!r} says {said}, but the qualifier is {given!r}; "
        "make them agree, or leave the qualifier out"
    ),
    "comparison": N_(
        "the value {value!r} says {said}, but comparison = {given!r}; "
        "make them agree, or leave comparison out"
    ),
}


Splitter = Callable[[object, Unit | None], tuple[object, str | None]]


class Unparsed:
    """A value that could not be read in its indicator's unit, kept to report in place."""

    def __init__(self, message: str) -> None:
        self.message = message


def _to_period(value: object) -> Period:
    if isinstance(value, Unparsed):
        raise ValueError(value.message)
    if isinstance(value, dt.date | str | int) and not isinstance(value, bool):
        try:
            return _shared_period(type(value).__name__, value)
        except PeriodError as error:
            raise ValueError(str(error)) from None
    try:
        return parse_period(value)
    except PeriodError as error:
        raise ValueError(str(error)) from None


@functools.lru_cache(maxsize=65_536)
def _shared_period(_kind: str, value: dt.date | str | int) -> Period:
    """One Period for each date a ledger names, however many readings name it (a
    ledger of 100,000 readings names a few thousand dates; one of a million daily
    readings since 1990, over ten thousand: each Period it did not share would cost
    about 100 bytes a reading). The kind is part of the key:
    a date and a date-time, 2024 and "2024", are never taken for one another."""
    return parse_period(value)


def _to_day(value: object) -> dt.date:
    try:
        return parse_day(value)
    except PeriodError as error:
        raise ValueError(str(error)) from None


def _to_value(value: object) -> Decimal:
    if isinstance(value, Unparsed):
        raise ValueError(value.message)
    if isinstance(value, Decimal):
        return value
    try:
        return parse_quantity(value, None)
    except QuantityError as error:
        raise ValueError(str(error)) from None


_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(
            _(
                "{value!r} is not a valid id: use lower-case letters, digits and hyphens, "
                "starting with a letter or digit (e.g. 5g-base-stations)"
            ).format(value=value)
        )
    return value


def valid_request_key(value: str) -> str:
    if not value.strip():
        raise ValueError(_("must not be empty"))
    if len(value) > MAX_REQUEST_KEY_LENGTH:
        raise ValueError(
            _("is longer than {limit} characters").format(limit=MAX_REQUEST_KEY_LENGTH)
        )
    return value


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError(_("must not be empty"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # A shell argument that is not UTF-8 arrives with lone surrogates; no file can hold it.
        raise ValueError(_("is not valid UTF-8 text; retype it in UTF-8")) from None
    return value


PeriodField = Annotated[Period, BeforeValidator(_to_period), PlainSerializer(str)]


DayField = Annotated[dt.date, BeforeValidator(_to_day)]


ValueField = Annotated[Decimal, BeforeValidator(_to_value), PlainSerializer(exact_number)]


Slug = Annotated[str, AfterValidator(_slug)]


Text = Annotated[str, AfterValidator(_text)]


def parsed_or_marker(value: object, unit: Unit) -> Decimal | Unparsed:
    if isinstance(value, Unparsed):
        return value
    try:
        return parse_quantity(value, unit)
    except QuantityError as error:
        return Unparsed(str(error))


def word_from_value(
    data: dict[str, Any], split: Splitter, unit: Unit | None, field: str
) -> dict[str, Any]:
    """`data` with the word its value says ('超过22万', '5000以上') as `field` (a reading's
    qualifier, a target's comparison), which must agree with `field` when that is given."""
    try:
        text, said = split(data.get("value"), unit)
    except QuantityError as error:
        return {**data, "value": Unparsed(str(error))}
    given = data.get(field)
    if said is None or given == said:
        return data if said is None else {**data, "value": text}
    if given in get_args(Comparison if field == "comparison" else Qualifier):
        message = _(DISAGREEMENTS[field]).format(value=data["value"], said=said, given=given)
        return {**data, "value": Unparsed(message)}
    return {**data, "value": text, field: said if given is None else given}


def declared_domain(data: dict[str, Any], unit: Unit) -> Domain | None:
    """The domain the raw indicator `data` declares, its `limit` read in `unit` and
    marked when impossible; None when its fields are themselves wrong (reported there)."""
    kind, negative, integer = data.get("kind"), data.get("negative", False), data.get("integer")
    if kind not in get_args(IndicatorKind) or (kind == "share" and unit.family != "percent"):
        return None
    if not isinstance(negative, bool) or not isinstance(integer, bool | None):
        return None
    declared = Domain.of(
        cast(IndicatorKind, kind),
        unit,
        negative=negative,
        integer=integer,
        indicator=str(data.get("id")),
    )
    if data.get("limit") is None:
        return declared
    limit = data["limit"] = parsed_or_marker(data["limit"], unit)
    if isinstance(limit, Unparsed):
        return None
    if (reason := declared.limit_refusal(limit)) is not None:
        data["limit"] = Unparsed(reason)
        return None
    return declared.limited_to(limit)


def read_target_values(target: Any, unit: Unit, domain: Domain | None) -> Any:
    """A raw target with its value and baseline value read (a growth's in %), each one
    that cannot be read or cannot exist (outside `domain`) kept as a marker."""
    if not isinstance(target, dict):
        return target
    target = dict(target)
    growth = target.get("kind") == "growth"
    value_unit = Unit("%", "percent") if growth else unit
    target = word_from_value(target, split_comparison, value_unit, "comparison")
    if "value" in target:
        value = parsed_or_marker(target["value"], value_unit)
        refusal = growth_refusal if growth else domain.refusal if domain else None
        target["value"] = _possible(value, refusal)
    baseline = target.get("baseline")
    if isinstance(baseline, dict) and "value" in baseline:
        value = parsed_or_marker(baseline["value"], unit)
        value = _possible(value, domain.refusal if domain else None)
        target["baseline"] = {**baseline, "value": value}
    if isinstance(baseline, dict):
        reason = deadline_refusal(target.get("deadline"), baseline.get("date"))
        target["deadline"] = target["deadline"] if reason is None else Unparsed(reason)
    return target


def deadline_refusal(deadline: object, baseline_date: object) -> str | None:
    """Why a target cannot end on `deadline`, before its baseline's date, or None (also
    when either cannot be read: that is reported at its own field)."""
    try:
        end, start = parse_period(deadline), parse_period(baseline_date)
    except PeriodError:
        return None
    if end.end >= start.end:
        return None
    return _(DEADLINE_BEFORE_BASELINE).format(deadline=end, date=start)


def _possible(
    value: Decimal | Unparsed, refusal: Callable[[Decimal], str | None] | None
) -> Decimal | Unparsed:
    """`value`, or a marker saying why it cannot exist."""
    if isinstance(value, Unparsed) or refusal is None:
        return value
    reason = refusal(value)
    return value if reason is None else Unparsed(reason)
