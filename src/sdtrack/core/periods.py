"""Dates and periods: a day, a month or a year, and calendar spans between dates.

A period stands for its last day in every computation (a 2023 annual figure is the value
at 2023-12-31), so that deadlines such as "by 2025" and readings such as "2023" compare on
one axis.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

from sdtrack.core.language import N_, _

Precision = Literal["year", "month", "day"]

_YEAR = re.compile(r"^\s*(\d{4})\s*(?:年)?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:月)?\s*$")
_DAY = re.compile(
    r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*(?:日)?\s*$"
)
_END_OF_YEAR = re.compile(r"^\s*end[- ](\d{4})\s*$", re.IGNORECASE)

MIN_YEAR = 1900
MAX_YEAR = 2200

ACCEPTED_FORMS = N_("a day (2024-04-10), a month (2024-06) or a year (2023)")


MONTH_NAMES = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
NOT_A_DAY = {
    "year": N_("{value!r} is a year; give a day such as 2025-12-31"),
    "month": N_("{value!r} is a month; give a day such as 2025-12-31"),
}


class PeriodError(ValueError):
    """A date or period that cannot be read, or that does not exist."""


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """A day, a month or a year. Ordered by its end, then its start."""

    end: dt.date
    start: dt.date
    precision: Precision

    @classmethod
    def year(cls, year: int) -> Period:
        _check_year(year)
        return cls(dt.date(year, 12, 31), dt.date(year, 1, 1), "year")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise _no_such_month(month)
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, last), dt.date(year, month, 1), "month")

    @classmethod
    def day(cls, day: dt.date) -> Period:
        _check_year(day.year)
        return cls(day, day, "day")

    def sort_key(self) -> tuple[dt.date, dt.date, str]:
        """The fields in the order `order=True` compares them, as one tuple: sorting
        by it orders periods exactly as comparing them does, without a Python call
        per comparison."""
        return (self.end, self.start, self.precision)

    def __str__(self) -> str:
        if self.precision == "year":
            return f"{self.end.year:04d}"
        if self.precision == "month":
            return f"{self.end.year:04d}-{self.end.month:02d}"
        return self.end.isoformat()

    def describe(self) -> str:
        """Words for a sentence: 'end-2025', 'June 2024', '10 April 2024'."""
        if self.precision == "year":
            return f"end-{self.end.year}"
        if self.precision == "month":
            return f"{calendar.month_name[self.end.month]} {self.end.year}"
        return f"{self.end.day} {calendar.month_name[self.end.month]} {self.end.year}"


def _no_such_month(month: int) -> PeriodError:
    return PeriodError(
        _("month {month} does not exist; months run from 1 to 12").format(month=month)
    )


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(
            _("year {year} is outside {first}–{last}").format(
                year=year, first=MIN_YEAR, last=MAX_YEAR
            )
        )


def _day(year: int, month: int, day: int) -> dt.date:
    _check_year(year)
    if not 1 <= month <= 12:
        raise _no_such_month(month)
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise PeriodError(
            _("{date} does not exist: {month_name} {year} has {last} days").format(
                date=f"{year:04d}-{month:02d}-{day:02d}",
                month_name=_(MONTH_NAMES[month - 1]),
                year=year,
                last=last,
            )
        )
    return dt.date(year, month, day)


def parse_period(value: object) -> Period:
    """Read a period from TOML or command-line input.

    Accepts a TOML date, a whole year (2023), or text: '2023', '2024-06', '2024-06-30',
    '2024/6/30', '2024年6月', 'end-2025'.
    """
    if isinstance(value, Period):
        return value
    if type(value) in (dt.date, str, int):
        return _parse_hashable(value)
    return _parse_period(value)


# A ledger repeats the same few thousand dates: equal periods are shared, not rebuilt.
@functools.lru_cache(maxsize=8192)
def _parse_hashable(value: dt.date | str | int) -> Period:
    return _parse_period(value)


def _parse_period(value: object) -> Period:
    if isinstance(value, dt.datetime):
        raise PeriodError(
            _("{value} has a time of day; give a date: {forms}").format(
                value=value.isoformat(), forms=_(ACCEPTED_FORMS)
            )
        )
    if isinstance(value, dt.date):
        return Period.day(value)
    if isinstance(value, bool):
        raise _not_a_date(value)
    if isinstance(value, int):
        return Period.year(value)
    if not isinstance(value, str):
        raise _not_a_date(value)
    text = value.strip()
    if match := _YEAR.match(text) or _END_OF_YEAR.match(text):
        return Period.year(int(match.group(1)))
    if match := _MONTH.match(text):
        return Period.month(int(match.group(1)), int(match.group(2)))
    if match := _DAY.match(text):
        year, month, day = (int(g) for g in match.groups())
        return Period.day(_day(year, month, day))
    raise _not_a_date(value)


def parse_day(value: object) -> dt.date:
    """Read a single day (for --as-of and source dates); a year or month is refused."""
    period = parse_period(value)
    if period.precision != "day":
        message = NOT_A_DAY[period.precision]
        raise PeriodError(_(message).format(value=value))
    return period.end


def _not_a_date(value: object) -> PeriodError:
    return PeriodError(
        _("{value!r} is not a date; give {forms}").format(value=value, forms=_(ACCEPTED_FORMS))
    )


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year: the anniversary is 28 February
        return day.replace(year=day.year + years, day=28)


def years_between(start: dt.date, end: dt.date) -> float:
    """Calendar span in years: whole anniversaries, then the fraction of the year under way.

    From one date to the same date in another year is a whole number of years, whatever
    leap days lie between (2015-12-31 to 2023-12-31 is exactly 8).
    """
    if end < start:
        return -years_between(end, start)
    whole = end.year - start.year
    if _add_years(start, whole) > end:
        whole -= 1
    anniversary = _add_years(start, whole)
    following = _add_years(start, whole + 1)
    fraction = (end - anniversary).days / (following - anniversary).days
    return whole + fraction


def add_years(day: dt.date, years: float) -> dt.date:
    """The date `years` (possibly fractional) after `day`, the inverse of `years_between`."""
    whole = int(years // 1)
    anniversary = _add_years(day, whole)
    following = _add_years(day, whole + 1)
    extra = round((years - whole) * (following - anniversary).days)
    return anniversary + dt.timedelta(days=extra)
