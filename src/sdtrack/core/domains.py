"""What values an indicator can take: its domain, and why a value lies outside it.

A share lies between 0 and 100 % (or its `limit`); a count is a whole number and cannot be
negative; any other value (revenue per year, a stock of money) cannot be negative unless
the indicator declares `negative = true`. An indicator's `limit` caps its domain (16
gigabit cities: 17 is impossible). `record`, `correct`, `check` and every import refuse a
value outside the domain, and targets.toml refuses a target or baseline outside it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from sdtrack.core.language import N_, _
from sdtrack.core.quantities import Unit, format_number, plain_number

IndicatorKind = Literal["stock", "flow", "share"]

ZERO = Decimal(0)
HUNDRED = Decimal(100)
COUNTED = Unit("", "count")

# Why a value is impossible; {value} is shown with its unit, {number} without it.
NEGATIVE_COUNT = N_("{number} is not a possible number of {unit}: a count cannot be negative")
NOT_WHOLE = N_(
    "{number} is not a possible number of {unit}: counts are whole numbers; "
    "if {indicator} is measured rather than counted, set `integer = false` on it"
)
SHARE_RANGE = N_("{value} is not a possible value of {indicator}: a share lies between 0 and 100 %")
SHARE_OVER = N_("{value} is not a possible value of {indicator}: a share cannot exceed 100 %")
NEGATIVE = N_(
    "{value} is not a possible value of {indicator}: it cannot be negative; if it can "
    "(a net flow, a balance), set `negative = true` on the indicator"
)
BELOW = N_("{value} is not a possible value of {indicator}: it cannot be less than {minimum}")
OVER_LIMIT = N_(
    "{value} is not a possible value of {indicator}: it cannot exceed its limit, {maximum}"
)
LIMIT_NOT_POSITIVE = N_(
    "limit = {limit} is not possible: a limit is the most {indicator} can ever reach, "
    "so it is more than 0"
)
DEADLINE_BEFORE_BASELINE = N_(
    "deadline {deadline} is before the baseline date {date}; "
    "a target's deadline comes after its baseline"
)
GROWTH_TOO_LOW = N_(
    "a growth of {value} % a year is not possible: a fall of 100 % leaves nothing; "
    "give a growth above -100 %"
)


def shown(value: Decimal, unit: Unit) -> str:
    """The value with its unit, exactly as far as a message needs: '147 %', '-5 yuan'."""
    if unit.family == "percent":
        return f"{plain_number(value)} %"
    return f"{number_shown(value, unit)} {unit.name}"


def number_shown(value: Decimal, unit: Unit) -> str:
    """The number alone, never rounded to look possible: '0.5', '-5', '224,000.5'."""
    if unit.family == "percent" or abs(value) < 1:
        return plain_number(value)
    return format_number(value, unit) if unit.family == "currency" else f"{value:,f}"


@dataclass(frozen=True, slots=True)
class Domain:
    """The values an indicator can take: between `minimum` and `maximum` (None: no bound),
    whole numbers only when `integer`. `indicator` and `unit` word the reasons; `limited`
    says that `maximum` is the indicator's own `limit` rather than a share's 100 %."""

    minimum: Decimal | None
    maximum: Decimal | None
    integer: bool
    indicator: str = ""
    unit: Unit = COUNTED
    limited: bool = False

    @classmethod
    def of(
        cls,
        kind: IndicatorKind,
        unit: Unit,
        *,
        negative: bool = False,
        integer: bool | None = None,
        indicator: str = "",
    ) -> Domain:
        """The domain an indicator declares, before its `limit`: shares 0–100 %; counts
        (a unit that is neither money nor %) whole unless `integer = false`; nothing
        negative unless `negative = true`."""
        return cls(
            minimum=None if negative else ZERO,
            maximum=HUNDRED if kind == "share" else None,
            integer=unit.family == "count" if integer is None else integer,
            indicator=indicator,
            unit=unit,
        )

    def limited_to(self, limit: Decimal) -> Domain:
        """This domain capped by the indicator's `limit` (see `limit_refusal`)."""
        return replace(self, maximum=limit, limited=True)

    def limit_refusal(self, limit: Decimal) -> str | None:
        """Why `limit` cannot cap this domain, or None: it is above 0 and a possible value."""
        if limit <= 0:
            number = number_shown(limit, self.unit)
            return _(LIMIT_NOT_POSITIVE).format(limit=number, indicator=self.indicator)
        return self.refusal(limit)

    def refusal(self, value: Decimal) -> str | None:
        """Why `value` is impossible, in words for the user, or None when it is possible."""
        if self.minimum is not None and value < self.minimum:
            message = self._below()
        elif self.maximum is not None and value > self.maximum:
            message = (
                OVER_LIMIT if self.limited else SHARE_RANGE if self.minimum == 0 else SHARE_OVER
            )
        elif self.integer and value != value.to_integral_value():
            message = NOT_WHOLE
        else:
            return None
        return self._words(message, value)

    def _below(self) -> str:
        if self.minimum != 0:
            return BELOW
        if self.integer and self.unit.family == "count":
            return NEGATIVE_COUNT
        return SHARE_RANGE if self.maximum is not None and not self.limited else NEGATIVE

    def _words(self, message: str, value: Decimal) -> str:
        bounds = {
            name: "" if bound is None else shown(bound, self.unit)
            for name, bound in (("minimum", self.minimum), ("maximum", self.maximum))
        }
        return _(message).format(
            value=shown(value, self.unit),
            number=number_shown(value, self.unit),
            unit=self.unit.name,
            indicator=self.indicator,
            **bounds,
        )


def growth_refusal(value: Decimal) -> str | None:
    """Why a growth target of `value` % a year is impossible (-100 % or less), or None."""
    if value > -HUNDRED:
        return None
    return _(GROWTH_TOO_LOW).format(value=plain_number(value))
