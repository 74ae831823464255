"""The status table: progress bars, wide and narrow tables, and the notes under them."""

from __future__ import annotations

import dataclasses
import io

import pytest
from rich.console import Console

from sdtrack.present.render.status import print_status, progress_bar
from sdtrack.present.report import StatusReport
from sdtrack.present.status_rows import status_view
from sdtrack.present.status_view import StatusView

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


def _worded(view: StatusView, word: str) -> StatusView:
    """The view with every status worded as `word`, as a view built in another language."""
    rows = [dataclasses.replace(row, status_word=word) for row in view.rows]
    words = {status: word for status, _n in view.summary}
    return dataclasses.replace(view, rows=rows, status_words=words)


def test_the_view_s_status_words_are_shown_as_they_are(report: StatusReport) -> None:
    """The renderer shows the words the view was built with, never the code again."""
    console = recording_console(width=160)
    print_status(console, _worded(status_view(report), "WORDED"))
    text = console.export_text()
    assert "9 WORDED" in text
    assert "WORDED" in text.split("Status", 1)[1]
    assert "deadline passed — awaiting data" not in text


def test_status_cell_keeps_the_code_s_colour(report: StatusReport) -> None:
    """The status cell's colour comes from the English code, whatever word it shows."""
    console = Console(file=io.StringIO(), width=160, record=True, color_system="truecolor")
    print_status(console, _worded(status_view(report), "WORDED"))
    html = console.export_html(inline_styles=True)
    assert "#800080" in html  # magenta, the colour of 'deadline passed — awaiting data'


@pytest.mark.usefixtures("chinese")
def test_chinese_status_writes_the_day_and_percentages_the_chinese_way(
    report: StatusReport,
) -> None:
    """In Chinese the summary line's day is 2026年11月22日 and progress has no space."""
    console = recording_console(width=160)
    view = status_view(report)
    print_status(console, view)
    text = console.export_text()
    assert "2026年11月22日" in text
    assert "2026-11-22" not in text
    assert "22.4万个" in text
    assert progress_bar(0.5, width=4).plain.startswith("50")
    large = recording_console(width=160)
    print_status(large, dataclasses.replace(view, rows=view.rows * 8))
    assert "2026年11月22日" in large.export_text()
