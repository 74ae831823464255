"""The clock: the one place sdtrack reads the current time."""

from __future__ import annotations

import datetime as dt

from sdtrack.core import clock

# Taken at import, before the autouse fixture pins `clock.now` for each test.
REAL_NOW = clock.now


def test_now_is_utc_to_the_second() -> None:
    """now() is an aware UTC time with no microseconds, close to the real time."""
    moment = REAL_NOW()
    assert moment.tzinfo is dt.UTC
    assert moment.microsecond == 0
    assert abs(moment - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)
