"""What sdtrack knew at a moment: the ledger placed by recorded times, what changed in
targets.toml, and which verdicts moved."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sdtrack.core.assessment import Assessment, Outlook, Status, assess_target
from sdtrack.core.known import (
    FieldChange,
    Learned,
    end_of_day,
    known_by,
    known_ledger,
    learned_between,
    left_out,
    placed,
    target_changes,
    unplaced,
    verdict_moves,
)
from sdtrack.core.ledger import Ledger
from sdtrack.core.model import Reading, Retraction, TargetsFile
from sdtrack.core.periods import Period

from ..conftest import make_reading

UTC = dt.UTC
CHINA = dt.timezone(dt.timedelta(hours=8))


def at(day: int, hour: int = 12, zone: dt.tzinfo = UTC) -> dt.datetime:
    """A moment in November 2026."""
    return dt.datetime(2026, 11, day, hour, tzinfo=zone)


def test_a_day_ends_at_midnight_utc() -> None:
    """The end of a day is 00:00 UTC of the next: sdtrack's days are the clock's, UTC."""
    assert end_of_day(dt.date(2026, 11, 20)) == dt.datetime(2026, 11, 21, tzinfo=UTC)
    assert end_of_day(dt.date(2026, 12, 31)) == dt.datetime(2027, 1, 1, tzinfo=UTC)


def test_recorded_times_are_compared_as_the_moments_they_name() -> None:
    """An offset is honoured (07:00 in Beijing on the 21st is still the 20th in UTC); a
    naive time or a date is read as UTC; no time at all is known from the start."""
    moment = end_of_day(dt.date(2026, 11, 20))
    assert known_by(at(21, 7, CHINA), moment)  # 2026-11-20T23:00Z
    assert not known_by(at(21, 8, CHINA), moment)  # 2026-11-21T00:00Z: the next day
    assert not known_by(at(21, 0), moment)
    assert known_by(dt.datetime(2026, 11, 20, 23, 59), moment)  # naive: UTC
    assert not known_by(dt.datetime(2026, 11, 21), moment)
    assert known_by(None, moment)
    assert known_by(None, dt.datetime(1900, 1, 1, tzinfo=UTC))
    assert placed(dt.datetime(2026, 11, 21)) == dt.datetime(2026, 11, 21, tzinfo=UTC)
    assert placed(None) is None


def ledger_of_november() -> Ledger:
    """An unplaced reading, one recorded on the 10th, its correction on the 21st (Beijing
    time), a reading on the 21st, one on the 25th, and a retraction on the 22nd."""
    return Ledger.build(
        [
            make_reading(id="r-old", value=Decimal(1), recorded=None),
            make_reading(id="r-a", value=Decimal(10), recorded=at(10)),
            make_reading(id="r-a2", value=Decimal(11), corrects="r-a", recorded=at(21, 9, CHINA)),
            make_reading(id="r-b", value=Decimal(20), date=Period.year(2025), recorded=at(21)),
            make_reading(id="r-c", value=Decimal(30), date=Period.year(2023), recorded=at(25)),
        ],
        [Retraction(reading="r-b", reason="wrong province", recorded=at(22))],
    )


def test_the_known_ledger_holds_only_what_was_recorded_by_then() -> None:
    """Before the correction was recorded the corrected reading is current; a retraction
    withdraws its reading only from the moment it was recorded."""
    ledger = ledger_of_november()
    on_the_20th = known_ledger(ledger, end_of_day(dt.date(2026, 11, 20)))
    assert [e.id for e in on_the_20th.entries] == ["r-old", "r-a"]
    assert on_the_20th.entry("r-a").is_current  # type: ignore[union-attr]
    on_the_21st = known_ledger(ledger, end_of_day(dt.date(2026, 11, 21)))
    assert [r.key for r in on_the_21st.current()] == ["r-old", "r-a2", "r-b"]
    on_the_22nd = known_ledger(ledger, end_of_day(dt.date(2026, 11, 22)))
    assert [r.key for r in on_the_22nd.current()] == ["r-old", "r-a2"]
    assert on_the_22nd.entry("r-b").retraction is not None  # type: ignore[union-attr]
    assert known_ledger(ledger, at(30)).current() == ledger.current()
    assert [e.id for e in known_ledger(ledger, at(1)).entries] == ["r-old"]


def test_unplaced_and_left_out_count_every_entry() -> None:
    """Readings and retractions without a time are unplaced; those recorded at or after a
    moment are left out of what was known before it."""
    ledger = ledger_of_november()
    assert unplaced(ledger) == 1
    assert left_out(ledger, end_of_day(dt.date(2026, 11, 20))) == 4  # a2, b, c, retraction
    assert left_out(ledger, end_of_day(dt.date(2026, 11, 25))) == 0
    bare = Ledger.build(
        [make_reading(id="r-x", recorded=None)], [Retraction(reading="r-x", reason="x")]
    )
    assert unplaced(bare) == 2


def test_learned_between_sorts_the_window_into_readings_corrections_retractions() -> None:
    """The window after the 20th through the 22nd: one new reading, one correction (with
    the reading it supersedes), one retraction; the 10th and the 25th stay outside, and
    so does the unplaced reading."""
    learned = learned_between(
        ledger_of_november(), end_of_day(dt.date(2026, 11, 20)), end_of_day(dt.date(2026, 11, 22))
    )
    assert [e.id for e in learned.readings] == ["r-b"]
    assert [(c.entry.id, c.corrected.id if c.corrected else None) for c in learned.corrections] == [
        ("r-a2", "r-a")
    ]
    assert [e.id for e in learned.retractions] == ["r-b"]
    assert learned.readings[0].retraction is not None  # its state as of the window's end
    assert learned.unplaced == 1
    assert not learned.empty


def test_entries_are_shown_as_the_ledger_stood_at_the_windows_end() -> None:
    """A reading of the window corrected only later is still current in that window."""
    ledger = ledger_of_november()
    learned = learned_between(ledger, at(9), end_of_day(dt.date(2026, 11, 10)))
    assert [e.id for e in learned.readings] == ["r-a"]
    assert learned.readings[0].is_current
    assert learned_between(ledger, at(26), at(30)).empty


@given(st.integers(min_value=1, max_value=30), st.integers(min_value=1, max_value=30))
def test_windows_that_meet_share_no_entry_and_miss_none(first: int, second: int) -> None:
    """Splitting a window in two puts every placed entry of it in exactly one half."""
    ledger = ledger_of_november()
    start, middle, end = (end_of_day(dt.date(2026, 11, d)) for d in sorted((1, first, second)))
    whole = learned_between(ledger, start, end)
    halves = (learned_between(ledger, start, middle), learned_between(ledger, middle, end))

    def ids(learned: Learned) -> list[str]:
        found = [e.id for e in learned.readings] + [c.entry.id for c in learned.corrections]
        return sorted(found + [f"retraction of {e.id}" for e in learned.retractions])

    assert ids(whole) == sorted(ids(halves[0]) + ids(halves[1]))


TARGETS = """
schema = 1
title = "T"

[[indicator]]
id = "widgets"
name = "Widgets"
unit = "widgets"
kind = "stock"

[[indicator.target]]
id = "widgets-2025"
comparison = "at_least"
value = {value}
deadline = {deadline}
source = {{ document = "Plan", publisher = "Office", date = 2024-01-10, quote = "{quote}" }}
{extra}
"""

SECOND = """
[[indicator.target]]
id = "widgets-2030"
comparison = "at_least"
value = 500
deadline = 2030
source = { document = "Plan", publisher = "Office", date = 2024-01-10, quote = "500" }
"""


def targets(
    value: int = 100, deadline: int = 2025, quote: str = "100 widgets", extra: str = ""
) -> TargetsFile:
    text = TARGETS.format(value=value, deadline=deadline, quote=quote, extra=extra)
    return TargetsFile.model_validate(tomllib.loads(text))


def test_unchanged_targets_have_no_change() -> None:
    assert target_changes(targets(), targets()) == ()


def test_a_revision_lists_every_field_that_changed_with_before_and_after() -> None:
    """Value, deadline and the quote (a nested field) each with its old and new value."""
    (change,) = target_changes(targets(), targets(120, 2026, "120 widgets"))
    assert (change.kind, change.target_id, change.indicator_id) == (
        "revised",
        "widgets-2025",
        "widgets",
    )
    assert change.fields == (
        FieldChange("value", 100, 120),
        FieldChange("deadline", "2025", "2026"),
        FieldChange("source.quote", "100 widgets", "120 widgets"),
    )
    assert change.fields[0].words == "value: 100 → 120"
    assert FieldChange("note", None, "new").words == "note: — → new"


def test_added_and_removed_targets_are_found_by_id() -> None:
    """A target only after is added; one only before is removed (listed last)."""
    added = target_changes(targets(), targets(extra=SECOND))
    assert [(c.kind, c.target_id) for c in added] == [("added", "widgets-2030")]
    assert added[0].before is None
    assert added[0].after is not None
    removed = target_changes(targets(extra=SECOND), targets(120))
    assert [(c.kind, c.target_id) for c in removed] == [
        ("revised", "widgets-2025"),
        ("removed", "widgets-2030"),
    ]


def standing(ledger: Ledger, as_of: dt.date, file: TargetsFile | None = None) -> list[Assessment]:
    chosen = file or targets()
    indicator = chosen.indicators[0]
    readings = [r for r in ledger.current() if r.indicator == indicator.id]
    return [assess_target(indicator, t, readings, as_of, "cagr-ratio") for t in indicator.targets]


def widgets(**changes: object) -> Reading:
    return make_reading(indicator="widgets", source="Bulletin", **changes)


def test_a_verdict_that_moves_says_why() -> None:
    """Awaiting data, then achieved once the 2025 figure is recorded: caused by new ledger
    entries; a revision of the target is a cause too; with neither, a later day is."""
    base = widgets(id="r-2024", value=Decimal(80), recorded=None)
    january = dt.datetime(2026, 1, 20, 9, tzinfo=UTC)
    figure = widgets(id="r-2025", value=Decimal(120), date=Period.year(2025), recorded=january)
    ledger = Ledger.build([base, figure], [])
    window = learned_between(
        ledger, end_of_day(dt.date(2026, 1, 10)), end_of_day(dt.date(2026, 2, 1))
    )
    before = standing(known_ledger(ledger, end_of_day(dt.date(2026, 1, 10))), dt.date(2026, 1, 10))
    after = standing(ledger, dt.date(2026, 2, 1))
    assert [a.status.value for a in before] == ["awaiting_data"]
    (move,) = verdict_moves(before, after, window)
    assert (move.target_id, move.before.status.value, move.after.status.value) == (
        "widgets-2025",
        "awaiting_data",
        "achieved",
    )
    assert move.causes == ("ledger",)
    raised = standing(ledger, dt.date(2026, 2, 1), targets(130))
    changes = target_changes(targets(), targets(130))
    (move,) = verdict_moves(before, raised, window, changes)
    assert move.causes == ("ledger", "target")
    nothing = learned_between(ledger, at(23), at(24))
    (move,) = verdict_moves(before, after, nothing)
    assert move.causes == ("later_day",)
    assert verdict_moves(after, after, window) == ()


def test_an_outlook_that_moves_is_a_verdict_that_moves() -> None:
    """Overdue with no figure to project from, then overdue · likely met: the verdict moved
    though the status code did not; an outlook that is no verdict's part does not count."""
    (before,) = standing(Ledger(), dt.date(2026, 11, 20))
    waiting = dataclasses.replace(before, status=Status.OVERDUE, outlook=None)
    likely = dataclasses.replace(waiting, outlook=Outlook.LIKELY_MET)
    (move,) = verdict_moves([waiting], [likely], learned_between(Ledger(), at(20), at(21)))
    assert (move.before.outlook, move.after.outlook) == (None, Outlook.LIKELY_MET)
    met = dataclasses.replace(waiting, status=Status.ACHIEVED)
    assert verdict_moves([met], [dataclasses.replace(met, outlook=Outlook.LIKELY_MET)],
                         learned_between(Ledger(), at(20), at(21))) == ()  # fmt: skip
