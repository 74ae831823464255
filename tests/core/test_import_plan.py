"""The batch plan: rows already recorded or repeated, conflicts, and the batch's marks."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core.conflicts import conflicts_with
from sdtrack.core.import_plan import BatchLookups, ImportPlan, LedgerLookups, plan_import
from sdtrack.core.ledger import Ledger, batch_problems, plan_record

from .test_importing import STATIONS, _reading, read, read_regional


def test_the_plan_skips_what_is_recorded_and_rows_that_repeat() -> None:
    recorded = _reading("1000").model_copy(update={"id": "r-old"})
    by_hand = _reading("2000", source="Other").model_copy(
        update={"id": "r-hand", "request_key": None}
    )
    ledger = Ledger.build([recorded, by_hand], [])
    rows = read(
        ["indicator", "value", "date", "source"],
        ["5g-base-stations", "1000", "2024", "B"],  # the same key as r-old
        ["5g-base-stations", "2000", "2024", "Other"],  # the same content as r-hand
        ["5g-base-stations", "3000", "2023", "B"],
        ["5g-base-stations", "3000", "2023", "B"],  # repeats the row before
    )
    plan = plan_import(ledger, rows.candidates, {STATIONS.id: STATIONS})
    assert [(c.row, e.id) for c, e in plan.already] == [(2, "r-old"), (3, "r-hand")]
    assert [(c.row, earlier.row) for c, earlier in plan.repeated] == [(5, 4)]
    assert [c.row for c in plan.recorded] == [4]
    assert plan.recorded[0].reading.id is not None


def test_the_plan_reports_conflicts_with_recorded_and_earlier_rows() -> None:
    ledger = Ledger.build([_reading("1000").model_copy(update={"id": "r-old"})], [])
    rows = read(
        ["indicator", "value", "date", "source"],
        ["5g-base-stations", "1500", "2024", "C"],
        ["5g-base-stations", "7", "2022", "C"],
        ["5g-base-stations", "8", "2022", "D"],
    )
    plan = plan_import(ledger, rows.candidates, {STATIONS.id: STATIONS})
    assert [(c.row, [o.key for o in others]) for c, others in plan.conflicts] == [
        (2, ["r-old"]),
        (4, [plan.recorded[1].reading.key]),
    ]


def plan_of(*values: str) -> ImportPlan:
    """The plan of a row for each value, each of its own year, on an empty ledger."""
    rows = read(
        ["indicator", "value", "date", "source"],
        *[["5g-base-stations", value, str(2020 + n), "B"] for n, value in enumerate(values)],
    )
    return plan_import(Ledger.build([], []), rows.candidates, {STATIONS.id: STATIONS})


def test_a_batch_is_marked_so_that_a_part_of_it_is_never_whole() -> None:
    marked = plan_of("1", "2", "3").mark_batch()
    assert {r.batch for r in marked} == {marked[0].batch}
    assert marked[0].batch_size == 3
    one = plan_of("1")
    assert one.mark_batch() == one.readings
    assert one.readings[0].batch is None
    assert batch_problems(list(marked)) == []
    cut = batch_problems(list(marked[:2]))
    assert len(cut) == 1
    assert "2 of its 3 readings" in cut[0].message
    alone = _reading("1").model_copy(update={"id": "r-x"})
    split = batch_problems([marked[0], alone, *marked[1:]])
    assert len(split) == 2


def test_a_plan_marks_its_own_readings_as_a_copy_would_be_marked() -> None:
    """Marked in place, the plan's readings are what copies of them with the batch's id
    (its readings' ids hashed) and size would be, fields and the names given alike, and
    the conflicts it reports hold the marked readings."""
    ledger = Ledger.build([_reading("1000").model_copy(update={"id": "r-old"})], [])
    rows = read(
        ["indicator", "value", "date", "source"],
        ["5g-base-stations", "1500", "2024", "C"],
        ["5g-base-stations", "7", "2022", "C"],
    )
    plan = plan_import(ledger, rows.candidates, {STATIONS.id: STATIONS})
    ids = "\x1f".join(r.key for r in plan.readings)
    batch = "b-" + hashlib.sha256(ids.encode("utf-8")).hexdigest()[:16]
    copied = [r.model_copy(update={"batch": batch, "batch_size": 2}) for r in plan.readings]
    marked = plan.mark_batch()
    assert [(r.__dict__, r.model_fields_set) for r in marked] == [
        (r.__dict__, r.model_fields_set) for r in copied
    ]
    assert marked == plan.readings
    assert plan.conflicts[0][0].reading.batch == batch
    assert rows.candidates[0].reading.batch is None  # the rows read are left as they were


def test_readings_of_different_regions_never_conflict_nor_repeat_each_other() -> None:
    """Two cities' figures for one year, and the province's, are three readings: none
    is already recorded as another, none repeats another, none conflicts with another;
    a second figure for the same city and year does conflict."""
    jinan = read_regional(
        ["indicator", "value", "date", "source", "region"],
        ["5g-base-stations", "1000", "2024", "B", "jinan"],
    ).candidates[0]
    ledger = Ledger.build([jinan.reading.model_copy(update={"id": "r-jinan"})], [])
    rows = read_regional(
        ["indicator", "value", "date", "source", "region"],
        ["5g-base-stations", "1000", "2024", "B", "qingdao"],
        ["5g-base-stations", "1000", "2024", "B", ""],
        ["5g-base-stations", "1000", "2024", "B", "济南"],
        ["5g-base-stations", "1200", "2024", "C", "青岛"],
    )
    plan = plan_import(ledger, rows.candidates, {STATIONS.id: STATIONS})
    assert [(c.row, e.id) for c, e in plan.already] == [(4, "r-jinan")]
    assert plan.repeated == []
    assert [c.row for c in plan.recorded] == [2, 3, 5]
    assert [(c.row, [o.region for o in others]) for c, others in plan.conflicts] == [
        (5, ["qingdao"])
    ]


ROW = st.tuples(
    st.sampled_from(["1000", "1500", "7"]),
    st.sampled_from(["2024", "2024-12", "2024-12-31", "2023"]),
    st.sampled_from(["B", "C"]),
    st.sampled_from(["", "k1", "k2", "k3"]),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(ROW, max_size=10), st.lists(ROW, max_size=3))
def test_the_plan_is_each_row_planned_as_a_record_after_the_rows_before(
    rows: list[tuple[str, str, str, str]], recorded_rows: list[tuple[str, str, str, str]]
) -> None:
    """Whatever the rows (keys given or derived, contents and moments repeated), each new
    reading is planned as `record` plans one on the ledger with the rows before it added:
    the same id, and the same conflicts."""
    header = ["indicator", "value", "date", "source", "key"]
    recorded = read(header, *[["5g-base-stations", *row] for row in recorded_rows]).candidates
    ledger = Ledger.build(
        [c.reading.model_copy(update={"id": f"r-{n}"}) for n, c in enumerate(recorded)], []
    )
    candidates = read(header, *[["5g-base-stations", *row] for row in rows]).candidates
    plan = plan_import(ledger, candidates, {STATIONS.id: STATIONS})
    batch = BatchLookups(LedgerLookups(ledger))
    conflicts = {id(c.reading): others for c, others in plan.conflicts}
    new = iter(plan.recorded)
    for candidate in candidates:
        reading = candidate.reading
        if batch.with_request_key(reading.request_key or "") or (
            LedgerLookups(ledger).first_with_content(reading.key)
        ):
            continue  # already recorded, or a repeat of a row before
        planned = next(new).reading
        wanted = plan_record(batch, reading, allow_duplicate=True).reading
        assert planned.id == wanted.id
        against = conflicts_with(STATIONS, wanted, batch.nearby(reading))
        assert [r.key for r in conflicts.get(id(planned), [])] == [r.key for r in against]
        batch.add(planned)
    assert next(new, None) is None
