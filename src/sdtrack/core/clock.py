"""The current time: the only place sdtrack reads the clock (tests replace `now`)."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """The current time in UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
