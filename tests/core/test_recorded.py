"""A ledger kept as rows (`ReadingRows`) is the ledger `Ledger.build` makes of the same
readings: the same entries and states, the same current readings of every indicator, the
same problems; made a reading at a time when it is large, all at once when it is not."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core import recorded
from sdtrack.core.ledger import Ledger, ledger_problems
from sdtrack.core.model import Reading, Retraction
from sdtrack.core.plain_readings import PlainReader
from sdtrack.core.recorded import ReadingRows, WholeLedger

from .test_plain_readings import CONTEXT, assert_same

INDICATORS = ["5g-base-stations", "smart-communities", "iot-terminals"]


def entry(number: int, indicator: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"r-{number}",
        "indicator": indicator,
        "value": number,
        "date": dt.date(2020, 1, 1) + dt.timedelta(days=number % 7),
        "source": f"Bulletin {number % 3}",
        **extra,
    }


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[Retraction]]:
    """Entries of a few indicators, some without an id, some correcting an earlier one (or
    one that does not exist), some in a batch; and retractions of some of them."""
    count = draw(st.integers(0, 25))
    raws = []
    for number in range(count):
        extra: dict[str, Any] = {}
        kind = draw(st.integers(0, 9))
        if kind == 0 and number:
            extra["corrects"] = f"r-{draw(st.integers(0, count))}"
        elif kind == 1:
            extra["batch"], extra["batch_size"] = "import-1", draw(st.integers(2, 3))
        elif kind == 2:
            extra["key"] = f"job-{draw(st.integers(0, 3))}"
        raw = entry(draw(st.integers(0, count)) if kind == 3 else number, "", **extra)
        raw["indicator"] = draw(st.sampled_from(INDICATORS))
        if kind == 4:
            del raw["id"]
        raws.append(raw)
    retracted = draw(st.lists(st.integers(0, count), max_size=3))
    retractions = [Retraction(reading=f"r-{n}", reason="wrong") for n in retracted]
    return raws, retractions


def rows_of(raws: list[dict[str, Any]], retractions: list[Retraction]) -> ReadingRows:
    reader = PlainReader(CONTEXT)
    rows = ReadingRows(reader.shapes)
    for raw in raws:
        row = reader.row(raw)
        assert row is not None
        rows.add(row)
    rows.add_retractions(retractions)
    return rows


def models_of(raws: list[dict[str, Any]]) -> list[Reading]:
    return [Reading.model_validate(raw, context=CONTEXT) for raw in raws]


@pytest.fixture(params=[100_000, 0], ids=["made at once", "made by indicator"])
def kept(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(recorded, "KEPT_READINGS", request.param)
    return int(request.param)


@settings(max_examples=300, deadline=None)
@given(ledgers())
def test_rows_are_the_ledger_of_their_readings(
    ledger: tuple[list[dict[str, Any]], list[Retraction]],
) -> None:
    raws, retractions = ledger
    models = models_of(raws)
    expected = Ledger.build(models, retractions)
    for kept in (100_000, 0):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(recorded, "KEPT_READINGS", kept)
            rows = rows_of(raws, retractions)
            assert rows.problems() == ledger_problems(models, retractions)
            for indicator in INDICATORS:
                assert rows.current_for(indicator) == expected.current_readings(indicator)
            once = rows_of(raws, retractions)
            once.single_pass()
            for indicator in INDICATORS:
                assert once.current_for(indicator) == expected.current_readings(indicator)
            assert rows.current() == expected.current()
            built = rows.ledger()
            assert len(built.entries) == len(expected.entries)
            for mine, theirs in zip(built.entries, expected.entries, strict=True):
                assert_same(mine.reading, theirs.reading)
                assert (mine.index, mine.superseded_by, mine.retraction) == (
                    theirs.index,
                    theirs.superseded_by,
                    theirs.retraction,
                )


def test_an_id_used_twice_is_found_without_a_mark_to_look_for(kept: int) -> None:
    raws = [entry(1, "5g-base-stations"), entry(2, "smart-communities"), entry(1, INDICATORS[2])]
    problems = rows_of(raws, []).problems()
    assert [p.path for p in problems] == [("reading", 2, "id")]
    assert problems == ledger_problems(models_of(raws), [])
    assert rows_of(raws[:2], []).problems() == []


def test_a_large_ledger_makes_an_indicators_readings_anew_and_keeps_none(kept: int) -> None:
    rows = rows_of([entry(n, INDICATORS[n % 2]) for n in range(6)], [])
    first, again = rows.current_for(INDICATORS[0]), rows.current_for(INDICATORS[0])
    assert first == again
    assert [r.value for r in first] == [Decimal(0), Decimal(2), Decimal(4)]
    if kept:
        assert rows.readings_to_keep() is None
        assert all(a is b for a, b in zip(first, again, strict=True))
    else:
        assert rows.readings_to_keep() == 0
        assert not any(a is b for a, b in zip(first, again, strict=True))
    assert len(rows) == 6


def test_a_whole_ledger_groups_the_readings_it_holds() -> None:
    models = models_of([entry(n, INDICATORS[n % 2]) for n in range(4)])
    whole = WholeLedger(Ledger.build(models, []))
    assert whole.current_for(INDICATORS[1]) == [models[1], models[3]]
    assert whole.current() == tuple(models)
    assert whole.readings_to_keep() is None
    only = WholeLedger(readings=models[:1])
    assert only.current() == (models[0],)
    assert only.ledger() == Ledger()


def test_a_single_pass_makes_only_the_readings_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A status asks for each indicator's readings once: however small the ledger, only
    that indicator's rows are made readings, and none are kept."""
    made: list[object] = []
    make = recorded.reading_of
    monkeypatch.setattr(recorded, "reading_of", lambda row: made.append(row) or make(row))
    rows = rows_of([entry(n, INDICATORS[n % 3]) for n in range(9)], [])
    rows.single_pass()
    assert rows.readings_to_keep() == 0
    assert [r.key for r in rows.current_for(INDICATORS[1])] == ["r-1", "r-4", "r-7"]
    assert len(made) == 3
    assert len(rows) == 9
