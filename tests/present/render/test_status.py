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
    assert progress_bar(0.5, width=4, shown_as="≥ 50 %").plain == "≥ 50 %\n██░░"


def test_print_status_of_the_shipped_dataset(report: StatusReport) -> None:
    """The status names the workspace, counts targets, and shows every row and note."""
    console = recording_console(width=160)
    print_status(console, status_view(report))
    text = console.export_text()
    assert text.startswith("Workspace: embedded Shandong dataset (read-only)\n")
    assert "9 targets as of 2026-11-22: 9 overdue\n" in text
    assert "5g-base-stations-2025" in text
    assert "Indicator without a target" in text
    notes = text.split("Indicator without a target")[1]
    assert "9 overdue: 4 likely met, 5 unknown\n" in notes
    assert "`sdtrack due` lists the figures awaited" in notes
    assert "(an overdue one should be out by now)" in notes
    assert "deadline" not in notes


def test_rows_show_outlook_marks_and_when_the_figure_is_due(report: StatusReport) -> None:
    """A waiting row gives its outlook beside the status and when its figure was due; a
    recurring target without a deadline is ongoing; marks go under the status."""
    view = status_view(report)
    console = recording_console(width=160)
    print_status(console, view)
    lines = console.export_text().splitlines()
    five_g = next(n for n, line in enumerate(lines) if line.startswith(" 5g-base-stations-2025 "))
    assert "overdue · likely met" in lines[five_g]
    assert "2025 figure overdue since 2026-03-31" in lines[five_g + 1]
    yearly = next(n for n, line in enumerate(lines) if " leading-projects-yearly " in line)
    assert "ongoing" in lines[yearly + 1]
    assert "2024 figure overdue since 2025-03-31" in lines[yearly + 2]
    for target, day in (
        ("smart-agriculture-bases-2025", "2021-12-06"),
        ("smart-communities-2025", "2021-07-19"),
    ):
        only_base = next(n for n, line in enumerate(lines) if f" {target} " in line)
        assert f"{day} (the base)" in lines[only_base + 1]
    row = next(r for r in view.rows if r.target_id == "5g-base-stations-2025")
    marked = dataclasses.replace(
        row,
        indicative="indicative",
        disputed="disputed",
        progress_text="≥ 57 %",
        latest_sources="2 sources",
    )
    console = recording_console(width=160)
    print_status(console, dataclasses.replace(view, rows=[marked]))
    lines = console.export_text().splitlines()
    first = next(n for n, line in enumerate(lines) if " 5g-base-stations-2025 " in line)
    assert "≥ 57 %" in lines[first]
    assert "2024-06-18 · 2 sources" in lines[first + 1]
    ends = [line.rstrip() for line in lines[first + 1 : first + 4]]
    assert ends[0].endswith(" indicative")
    assert ends[1].endswith(" disputed")
    assert ends[2].endswith(" stale data")


def test_piped_rows_fold_nothing_they_add(report: StatusReport) -> None:
    """At the piped width the status and time-left words stay whole on their lines."""
    console = recording_console(width=160)
    print_status(console, status_view(report))
    text = console.export_text()
    assert text.count("figure overdue since 20") == 9
    assert text.count("overdue · likely met") == 4


def test_the_notes_of_awaited_figures_only(report: StatusReport) -> None:
    """With nothing overdue the note under the table only says to record the figures."""
    view = status_view(report)
    awaiting = dataclasses.replace(view, waiting=[("awaiting_data", "2 awaiting data: 2 unknown")])
    console = recording_console(width=160)
    print_status(console, awaiting)
    text = console.export_text()
    assert "2 awaiting data: 2 unknown\n" in text
    assert "record each with `sdtrack record` once it is published.\n" in text
    console = recording_console(width=160)
    print_status(console, dataclasses.replace(view, waiting=[]))
    assert "sdtrack due" not in console.export_text()


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
    assert "WORDED · likely met" in text
    assert "overdue · likely met" not in text


def test_status_cell_keeps_the_code_s_colour(report: StatusReport) -> None:
    """The status cell's colour comes from the English code, whatever word it shows."""
    console = Console(file=io.StringIO(), width=160, record=True, color_system="truecolor")
    print_status(console, _worded(status_view(report), "WORDED"))
    html = console.export_html(inline_styles=True)
    assert "#800080" in html  # magenta, the colour of 'overdue'


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


@pytest.mark.parametrize("width", [40, 60, 99])
def test_below_100_columns_each_target_is_a_block(report: StatusReport, width: int) -> None:
    """Below BLOCKS_BELOW each target is an id line and its indented lines: declared and
    time left, latest, progress and gap, status and marks; no line wider than the width."""
    console = recording_console(width=width)
    print_status(console, status_view(report))
    text = console.export_text()
    lines = text.splitlines()
    first = lines.index("5g-base-stations-2025")
    block = "\n".join(lines[first : lines.index("", first)])
    assert "  Latest: 224,000 base stations · 2024-06-18 · 2 sources" in block.replace(
        "\n    ", " "
    )
    assert "  Progress: 57 % █████░░░ · Gap: 46,000 base stations" in block.replace("\n    ", " ")
    assert block.splitlines()[-1] == "  overdue · likely met · stale data"
    assert "\nIndicators without a target\n" in text
    assert all(len(line) <= width for line in lines)


def test_a_table_too_narrow_for_its_longest_words_becomes_blocks(report: StatusReport) -> None:
    """An id longer than the narrow table can hold next to its other columns: blocks, even
    at 100 columns, and never a folded id."""
    view = status_view(report)
    long_id = "a-target-id-long-enough-that-no-table-holds-it-beside-the-others-" + "x" * 20
    row = dataclasses.replace(view.rows[0], target_id=long_id)
    console = recording_console(width=100)
    print_status(console, dataclasses.replace(view, rows=[row]))
    assert f"\n{long_id}\n" in console.export_text()
