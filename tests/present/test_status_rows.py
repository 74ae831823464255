"""The status rows: a computed report worded once into the table's view."""

from __future__ import annotations

from pathlib import Path

from sdtrack.present.report import StatusReport
from sdtrack.present.status_rows import compute_status, status_view
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
