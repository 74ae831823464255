"""The status table's view as plain data: saved in the cache, read back whole."""

from __future__ import annotations

import dataclasses
import json

from sdtrack.present.status_view import (
    AWAITING_DATA,
    BreakdownTarget,
    BreakdownView,
    RegionMatrix,
    RegionRow,
    RollUpLine,
    StatusRow,
    StatusView,
    TrendRow,
)


def row(target_id: str, status: str, *, stale: bool = False, disputed: str = "") -> StatusRow:
    return StatusRow(
        target_id=target_id,
        indicator_name="Things",
        superseded=False,
        declared="> 5 things by end-2025",
        time_left="1 year left",
        latest="3 things",
        latest_period="2024",
        progress=0.5,
        gap="2 things",
        status=status,
        stale=stale,
        disputed=disputed,
    )


VIEW = StatusView(
    workspace="/ws",
    as_of="2026-11-22",
    summary=[("on_track", 1), ("behind", 1)],
    methods=["cagr-ratio"],
    rows=[
        row("a", "on_track"),
        row("b", AWAITING_DATA),
        row("c", "behind"),
        row("d", "achieved", stale=True),
        row("e", "on_track", disputed="disputed"),
        row("f", AWAITING_DATA, disputed="disputed"),
    ],
    trends=[TrendRow("t", "Trend", "趋势", None, None, None, "no readings", True)],
    waiting=[(AWAITING_DATA, "2 awaiting data: 2 unknown")],
)


def test_to_data_and_from_data_round_trip_through_json() -> None:
    """A view saved as JSON and read back is equal to the original."""
    data = json.loads(json.dumps(VIEW.to_data()))
    assert StatusView.from_data(data) == VIEW


def test_counts_and_attention_order() -> None:
    """Awaiting and stale are counted; attention rows are most urgent first, a disputed row
    before others of its status, disputed rows of calm statuses next, stale ones last."""
    assert VIEW.awaiting == 2
    assert VIEW.stale == 2
    assert [r.target_id for r in VIEW.attention_rows()] == ["c", "f", "b", "e", "d"]


def test_from_data_takes_the_fields_it_knows() -> None:
    """An entry without the newer fields loads with their defaults; one with a field this
    version lacks loads without it."""
    data = json.loads(json.dumps(VIEW.to_data()))
    del data["waiting"]
    data["rows"][0]["a_later_field"] = 1
    for name in ("outlook", "outlook_word", "indicative", "disputed", "latest_sources"):
        del data["rows"][1][name]
    view = StatusView.from_data(data)
    assert view.waiting == []
    assert view.rows[0] == VIEW.rows[0]
    assert view.rows[1].outlook == ""
    assert view.rows[1].disputed == ""


MATRIX = RegionMatrix(
    region="By region: the 2 cities of Somewhere",
    breakdowns=[
        BreakdownView(
            indicator_id="things",
            indicator_name="Things",
            level="City",
            reported="1 of 2 cities reported",
            rows=[
                RegionRow("a", "A", "3 things", "2024", [("meets", "meets")]),
                RegionRow("b", "B", None, None, [("unreported", "no reading")]),
            ],
            targets=[BreakdownTarget("t", "all 2 cities …", "overdue", "overdue", "1 of 2", "B")],
            rollups=[RollUpLine("2024", "1 of 2 cities reported: no total", "no figure")],
        )
    ],
    without="1 target has no regional readings: u",
)


def test_the_plans_scope_and_matrix_round_trip_through_json() -> None:
    """A view by region, with its scope and plans, saved as JSON and read back whole."""
    rows = [dataclasses.replace(VIEW.rows[0], plan="p", superseded_by="superseded by x (p)")]
    view = dataclasses.replace(
        VIEW, rows=rows, scope=["Region: A"], plans=[("p", "A plan")], matrix=MATRIX
    )
    data = json.loads(json.dumps(view.to_data()))
    assert StatusView.from_data(data) == view
    for name in ("scope", "plans", "matrix"):
        del data[name]
    old = StatusView.from_data(data)
    assert (old.scope, old.plans, old.matrix) == ([], [], None)


def test_a_rows_data_is_what_asdict_makes_of_it() -> None:
    """`StatusRow.to_data` copies the fields: each is a scalar, which `asdict` would copy
    as it is, so the two agree, in the fields' order."""
    scalars = (str, int, float, bool, type(None))
    for shown in (row("t", "on_track"), row("u", "off_track", stale=True, disputed="2")):
        data = shown.to_data()
        assert list(data.items()) == list(dataclasses.asdict(shown).items())
        assert all(isinstance(value, scalars) for value in data.values())
        assert StatusRow(**data) == shown
