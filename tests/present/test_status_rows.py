"""The status rows: a computed report worded once into the table's view."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.present.phrases import status_words
from sdtrack.present.report import StatusReport
from sdtrack.present.status_rows import compute_status, status_view
from sdtrack.present.status_view import AWAITING_DATA, StatusView
from sdtrack.store.locations import locate_workspace

from ..conftest import TODAY


def test_status_view_words_every_row(report: StatusReport) -> None:
    """Every target has a row with its declared target and gap already phrased."""
    view = status_view(report)
    assert len(view.rows) == 9
    assert view.summary == [("deadline passed — awaiting data", 9)]
    five_g = next(r for r in view.rows if r.target_id == "5g-base-stations-2025")
    assert five_g.declared == "> 270,000 base stations by end-2025"
    assert five_g.gap == "46,000 base stations"
    assert five_g.time_left == "passed 10 months ago"
    assert view.trends[0].indicator_id == "digital-economy-output"


def test_compute_status_gives_the_document_and_the_same_view(workspace: Path) -> None:
    """compute_status loads, assesses and returns a document matching its view."""
    document, view = compute_status(locate_workspace(workspace, None, workspace), TODAY, [], None)
    assert document["command"] == "status"
    assert [t["target_id"] for t in document["targets"]] == [r.target_id for r in view.rows]
    assert view.workspace == str(workspace)


def test_english_view_shows_the_status_code_as_its_word(report: StatusReport) -> None:
    """In English the displayed status word is the status code itself."""
    view = status_view(report)
    assert all(row.status_word == row.status for row in view.rows)
    assert view.status_words == {"deadline passed — awaiting data": AWAITING_DATA}


@pytest.mark.usefixtures("chinese")
def test_chinese_view_words_cells_in_chinese_and_keeps_the_codes(report: StatusReport) -> None:
    """In Chinese the cells carry Chinese numbers, dates and names; the status stays a code."""
    view = status_view(report)
    five_g = next(r for r in view.rows if r.target_id == "5g-base-stations-2025")
    assert five_g.status == AWAITING_DATA  # the code: it picks the colour and the order
    assert five_g.status_word == status_words(AWAITING_DATA)
    assert five_g.indicator_name == "5G基站"
    assert five_g.latest == "22.4万个"
    assert five_g.latest_period == "2024年6月18日"
    assert five_g.gap == "4.6万个"
    assert "27万个" in five_g.declared
    assert "2025年底" in five_g.declared
    assert view.summary == [(AWAITING_DATA, 9)]
    assert view.awaiting == 9
    assert len(view.attention_rows()) == 9


def test_view_round_trips_and_reads_entries_cached_before_status_words(
    report: StatusReport,
) -> None:
    """to_data/from_data keep the words; an older entry without them still loads."""
    view = status_view(report)
    assert StatusView.from_data(view.to_data()) == view
    data = view.to_data()
    del data["status_words"]
    for row in data["rows"]:
        del row["status_word"]
    for trend in data["trends"]:
        del trend["status_word"]
    old = StatusView.from_data(data)
    assert old.rows[0].status_shown == old.rows[0].status
    assert old.status_shown(AWAITING_DATA) == AWAITING_DATA
