"""The status table: progress bars, wide and narrow tables, and the notes under them."""

from __future__ import annotations

from sdtrack.present.render.status import print_status, progress_bar
from sdtrack.present.report import StatusReport
from sdtrack.present.status_rows import status_view

from ..conftest import recording_console


def test_progress_bar() -> None:
    """Progress is a percentage over a bar of filled and empty cells; none is a dash."""
    assert progress_bar(0.5, width=4).plain == "50 %\n██░░"
    assert progress_bar(1.2, width=4).plain == "120 %\n████"
    assert progress_bar(None).plain == "—"


def test_print_status_of_the_shipped_dataset(report: StatusReport) -> None:
    """The status names the workspace, counts targets, and shows every row and note."""
    console = recording_console(width=160)
    print_status(console, status_view(report))
    text = console.export_text()
    assert text.startswith("Workspace: embedded Shandong dataset (read-only)\n")
    assert "9 targets as of 2026-11-22: 9 deadline passed — awaiting data" in text
    assert "5g-base-stations-2025" in text
    assert "Indicator without a target" in text
    assert "9 deadline(s) have passed with no reading at or after them" in text


def test_narrow_table_puts_the_gap_under_the_target(report: StatusReport) -> None:
    """Below the wide width the gap moves under the declared target."""
    console = recording_console(width=100)
    print_status(console, status_view(report))
    assert "gap: 46,000 base stations" in console.export_text()
