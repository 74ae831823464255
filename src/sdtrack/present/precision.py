"""How precise every number of the JSON, CSV, Excel and Open SDG outputs is: one rule, here.

- **Values are exact.** A figure as recorded or declared (a reading, a target, a baseline,
  a year's figure) and an exact difference of two of them (a gap) is written from its
  Decimal's own digits, never through float arithmetic: an integer when it is whole
  (`224000`), else a JSON number with exactly its decimal digits (`47.5`). A value that a
  double cannot hold exactly (more than 15 significant digits) is written as its exact
  decimal text instead (`"0.1234567890123456789"`), so no digit is ever invented or lost.
- **Estimates, rates, ratios, shares and scores are rounded** to `SIGNIFICANT_DIGITS` (6)
  significant digits: computed figures in the indicator's unit (a projection, a pace, a
  trend's change) and the dimensionless results (progress, growth rates, the growth ratio,
  the score, the projection and shortfall shares). `1055.4676923076925` is `1055.47`,
  `0.8266666666666667` is `0.826667`.

docs/report.schema.json and the README state the same rule.
"""

from __future__ import annotations

import math
from decimal import Decimal

from sdtrack.core.quantities import exact_number, round_significant

SIGNIFICANT_DIGITS = 6

Number = int | float | str


def value(number: Decimal | None) -> Number | None:
    """A recorded or declared value (or an exact difference of two): exact."""
    return None if number is None else exact_number(number)


def estimate(number: Decimal | None) -> Number | None:
    """A computed figure in the indicator's unit (projection, pace, trend change): rounded
    to `SIGNIFICANT_DIGITS` significant digits."""
    if number is None:
        return None
    if not number.is_finite():
        return str(number)
    return exact_number(round_significant(number, SIGNIFICANT_DIGITS))


def rate(number: float | None) -> float | None:
    """A rate, ratio, share or score: rounded to `SIGNIFICANT_DIGITS` significant digits."""
    if number is None or not math.isfinite(number):
        return number
    return float(f"{number:.{SIGNIFICANT_DIGITS}g}")
