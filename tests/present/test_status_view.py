"""The status table's view as plain data: saved in the cache, read back whole."""

from __future__ import annotations

import json

from sdtrack.present.status_view import AWAITING_DATA, StatusRow, StatusView, TrendRow


def row(target_id: str, status: str, *, stale: bool = False) -> StatusRow:
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
    )


VIEW = StatusView(
    workspace="/ws",
    as_of="2026-11-22",
    summary=[("on track", 1), ("behind", 1)],
    methods=["cagr-ratio"],
    rows=[
        row("a", "on track"),
        row("b", AWAITING_DATA),
        row("c", "behind"),
        row("d", "achieved", stale=True),
    ],
    trends=[TrendRow("t", "Trend", "趋势", None, None, None, "no readings", True)],
)


def test_to_data_and_from_data_round_trip_through_json() -> None:
    """A view saved as JSON and read back is equal to the original."""
    data = json.loads(json.dumps(VIEW.to_data()))
    assert StatusView.from_data(data) == VIEW


def test_counts_and_attention_order() -> None:
    """Awaiting and stale are counted; attention rows are most urgent first, stale last."""
    assert VIEW.awaiting == 1
    assert VIEW.stale == 2
    assert [r.target_id for r in VIEW.attention_rows()] == ["c", "b", "d"]
