"""A reading from what was typed: `record`'s and `correct`'s arguments, validated.

Each problem names the argument at fault (VALUE, --date, …); a value outside its
indicator's domain is refused when the caller gives the domains (`Indicator.domain` by
indicator id), as `check` refuses it in the ledger. A derived indicator is refused up
front (`require_recorded`), and `--region` is found by id or name (`region_argument`):
the workspace's own region is a reading without one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from sdtrack.core.domains import Domain
from sdtrack.core.errors import Problem, SdtrackError, UsageError
from sdtrack.core.language import _
from sdtrack.core.model import DERIVED_NOT_RECORDED, Indicator, Reading
from sdtrack.core.periods import Period, PeriodError, parse_period
from sdtrack.core.plain_readings import PlainReader
from sdtrack.core.quantities import Unit
from sdtrack.core.regions import Geography, find_region


def reading_from_arguments(
    fields: Mapping[str, Any],
    units: Mapping[str, Unit],
    names: Mapping[str, str],
    unnamed: Callable[[str], str],
    domains: Mapping[str, Domain] | None = None,
    plain: PlainReader | None = None,
) -> Reading:
    """A reading validated from what was typed, or a UsageError naming each argument at
    fault: by `names` (field → argument), else `unnamed(field)`. A value outside its
    indicator's domain (in `domains`, e.g. `Indicator.domain` by id) is refused.

    `plain`, made with `arguments_reader(units, domains)`, builds what it can without the
    model: an import reads a hundred thousand rows through it."""
    given = {k: v for k, v in fields.items() if v is not None}
    if plain is not None and (reading := plain.reading(given)) is not None:
        return reading
    context = {"units": dict(units), "domains": dict(domains or {})}
    try:
        return Reading.model_validate(given, context=context)
    except ValidationError as error:
        raise UsageError(
            [
                Problem(
                    str(e["msg"]).removeprefix("Value error, "),
                    field=names.get(str(e["loc"][0])) or unnamed(str(e["loc"][0])),
                )
                for e in error.errors(include_url=False)
            ]
        ) from None


def arguments_reader(
    units: Mapping[str, Unit], domains: Mapping[str, Domain] | None = None
) -> PlainReader:
    """The plain reader of what `reading_from_arguments` validates with `units` and
    `domains`."""
    return PlainReader({"units": dict(units), "domains": dict(domains or {})})


def require_period_over(period: Period, today: dt.date, argument: str) -> None:
    """Refuse a reading for a period that has not ended by `today`."""
    if period.end > today:
        message = _("{period} has not ended yet (today is {today})")
        hint = _("a reading is for a day, month or year that is over; give a past date")
        problem = Problem(message.format(period=period, today=today), field=argument)
        raise UsageError([problem], hint=hint)


def require_recorded(indicator: Indicator, argument: str) -> None:
    """Refuse a derived indicator: sdtrack computes it from its inputs, which are recorded."""
    if indicator.formula is not None:
        inputs = " ÷ ".join(indicator.formula.inputs)
        message = _(DERIVED_NOT_RECORDED).format(id=indicator.id, inputs=inputs)
        numerator, denominator = indicator.formula.inputs
        hint = _(
            "record {numerator} and {denominator}; `sdtrack show {id}` shows the values "
            "computed from them"
        ).format(numerator=numerator, denominator=denominator, id=indicator.id)
        raise UsageError([Problem(message, field=argument)], hint=hint)


def region_argument(geography: Geography, typed: str | None, argument: str) -> str | None:
    """The region a reading is for, from what was typed (id, English or Chinese name, 济南
    or 济南市): None for the workspace's own region, as a reading without one is."""
    if typed is None:
        return None
    try:
        return geography.key(find_region(geography.table, typed).id)
    except SdtrackError as error:
        problems = [Problem(p.message, field=argument) for p in error.problems]
        raise UsageError(problems, hint=error.hint) from None


# What `record` calls its arguments, by the reading field each gives.
RECORD_ARGUMENTS = {"value": "VALUE", "indicator": "INDICATOR", "region": "--region"}


def reading_to_record(
    fields: Mapping[str, Any],
    units: Mapping[str, Unit],
    recorded_at: dt.datetime,
    *,
    domains: Mapping[str, Domain] | None = None,
) -> Reading:
    """The reading `record` appends: for a period that is over by `recorded_at`, every
    field validated (its value within its indicator's domain, given `domains`), each
    problem naming the argument at fault."""
    try:
        period = parse_period(fields["date"])
    except PeriodError as error:
        raise UsageError([Problem(str(error), field="--date")]) from None
    require_period_over(period, recorded_at.date(), "--date")
    complete = {**fields, "date": str(period), "recorded": recorded_at}
    return reading_from_arguments(
        complete, units, RECORD_ARGUMENTS, lambda name: f"--{name}", domains
    )
