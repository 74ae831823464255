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
    view = status_view(report)
    assert text.startswith("Workspace: embedded Shandong dataset (read-only)\n")
    assert f"{len(view.rows)} targets as of 2026-11-22: " in text
    assert "5g-base-stations-2025" in text
    assert "Indicator without a target" in text
    notes = text.split("Indicator without a target")[1]
    ((_status, waiting),) = view.waiting
    assert waiting + "\n" in notes
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
    assert "2025 figure overdue" in "\n".join(lines[five_g : five_g + 4])
    yearly = next(n for n, line in enumerate(lines) if " leading-projects-yearly " in line)
    after = "\n".join(lines[yearly : yearly + 5])
    assert after.index("ongoing") < after.index("2024 figure overdue")
    for target, day in (
        ("smart-agriculture-bases-2025", "2021-12-06"),
        ("smart-communities-2025", "2021-07-19"),
    ):
        only_base = next(n for n, line in enumerate(lines) if f" {target} " in line)
        assert f"{day} (the" in lines[only_base + 1]
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
    assert f"{row.latest_period} · 2 sources" in lines[first + 1]
    ends = [line.rstrip() for line in lines[first + 1 : first + 4]]
    assert ends[0].endswith(" indicative")
    assert ends[1].endswith(" disputed")
    assert ends[2].endswith(" stale data")


def test_piped_rows_fold_nothing_they_add(report: StatusReport) -> None:
    """At the piped width the status words stay whole on their lines, and every waiting
    row says its figure is overdue."""
    console = recording_console(width=160)
    print_status(console, status_view(report))
    text = console.export_text()
    rows = status_view(report).rows
    assert text.count("figure overdue") == sum("figure overdue since" in r.time_left for r in rows)
    assert text.count("overdue · likely met") == sum(
        (r.status, r.outlook) == ("overdue", "likely_met") for r in rows
    )


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
    view = status_view(report)
    print_status(console, view)
    row = next(r for r in view.rows if r.target_id == "5g-base-stations-2025")
    assert f"gap: {row.gap}" in console.export_text()


def _worded(view: StatusView, word: str) -> StatusView:
    """The view with every status worded as `word`, as a view built in another language."""
    rows = [dataclasses.replace(row, status_word=word) for row in view.rows]
    words = {status: word for status, _n in view.summary}
    return dataclasses.replace(view, rows=rows, status_words=words)


def test_the_view_s_status_words_are_shown_as_they_are(report: StatusReport) -> None:
    """The renderer shows the words the view was built with, never the code again."""
    console = recording_console(width=160)
    view = status_view(report)
    print_status(console, _worded(view, "WORDED"))
    text = console.export_text()
    assert f"{view.summary[0][1]} WORDED" in text
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
    row = next(r for r in view.rows if r.target_id == "5g-base-stations-2025")
    assert row.latest is not None
    assert row.latest in text
    assert progress_bar(0.5, width=4).plain.startswith("50")
    large = recording_console(width=160)
    print_status(large, dataclasses.replace(view, rows=view.rows * 8))
    assert "2026年11月22日" in large.export_text()


@pytest.mark.parametrize("width", [40, 60, 99])
def test_below_100_columns_each_target_is_a_block(report: StatusReport, width: int) -> None:
    """Below BLOCKS_BELOW each target is an id line and its indented lines: declared and
    time left, latest, progress and gap, status and marks; no line wider than the width."""
    console = recording_console(width=width)
    view = status_view(report)
    print_status(console, view)
    text = console.export_text()
    lines = text.splitlines()
    first = lines.index("5g-base-stations-2025")
    block = "\n".join(lines[first : lines.index("", first)])
    row = next(r for r in view.rows if r.target_id == "5g-base-stations-2025")
    assert f"  Latest: {row.latest} · {row.latest_period}" in block.replace("\n    ", " ")
    assert row.progress is not None
    percent = round(row.progress * 100)
    assert f"  Progress: {percent} % " in block
    assert f"· Gap: {row.gap}" in block.replace("\n    ", " ")
    assert block.splitlines()[1] == "  plan: scio-2024-04-10"
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


def test_rows_name_their_plan_and_what_superseded_them(report: StatusReport) -> None:
    """Under the id and indicator: what superseded the target, its region, its plan; the
    plans those rows name are listed above the table, id first."""
    view = status_view(report)
    row = dataclasses.replace(
        view.rows[0],
        target_id="old-target",
        superseded=True,
        superseded_by="superseded by new-target (plan-b)",
        region="Jinan",
        plan="plan-a",
    )
    plans = [("plan-a", "The first plan — Office, 29 November 2021"), ("plan-bb", "Second")]
    shown = dataclasses.replace(view, rows=[row], plans=plans, scope=["Region: Jinan"])
    console = recording_console(width=160)
    print_status(console, shown)
    text = console.export_text()
    assert "\nRegion: Jinan\n" in text
    assert (
        "Plans:\n  plan-a   The first plan — Office, 29 November 2021\n  plan-bb  Second\n" in text
    )
    assert "(superseded)" not in text  # the line names what superseded it instead
    marks = ["\n old-target ", "\n superseded by new-target (plan-b) ", "\n region: Jinan "]
    marks.append("\n plan: plan-a ")
    positions = [text.index(mark) for mark in marks]
    assert positions == sorted(positions)
    narrow = recording_console(width=60)
    print_status(narrow, shown)
    lines = narrow.export_text().splitlines()
    first = lines.index("old-target")
    assert lines[first + 1].startswith("  superseded by new-target (plan-b) · region: Jinan")


def test_a_view_by_region_prints_the_matrix(report: StatusReport) -> None:
    """`--by region`: the summary, then the matrix instead of the rows."""
    from ...present.test_status_view import MATRIX

    view = dataclasses.replace(status_view(report), matrix=MATRIX)
    console = recording_console(width=120)
    print_status(console, view)
    text = console.export_text()
    assert "By region: the 2 cities of Somewhere" in text
    assert "Declared · time left" not in text


PLANS = [
    ("wire-2021-11-29", "East China's Shandong has over 100,000 5G base stations — Shandong"
     " local authorities, as reported by a wire report, 29 November 2021"),
    ("scio-2024-04-10", "Plan B — Office, 10 April 2024"),
]  # fmt: skip


@pytest.mark.parametrize("width", [60, 99])
def test_below_100_columns_each_plan_is_one_line_cut_to_the_width(
    report: StatusReport, width: int
) -> None:
    """Narrow: each plan its id and as much of its line as fits, "…" where it is cut, and
    the heading says where the plans are in full; from 100 columns each line in full."""
    view = dataclasses.replace(status_view(report), plans=PLANS)
    console = recording_console(width=width)
    print_status(console, view)
    lines = console.export_text().splitlines()
    at = lines.index("Plans (`sdtrack targets` shows each in full):")
    first, second = lines[at + 1], lines[at + 2]
    assert first.startswith("  wire-2021-11-29  East China's Shandong has over")
    assert first.endswith("…")
    assert len(first) <= width
    assert second == "  scio-2024-04-10  " + PLANS[1][1]
    assert lines[at + 3] == ""  # the first block follows
    wide = recording_console(width=100)
    print_status(wide, view)
    text = wide.export_text()
    assert "Plans:\n  wire-2021-11-29  East China's Shandong" in text
    assert "29 November 2021" in text


def test_more_than_three_plans_are_one_line_each_at_any_width(report: StatusReport) -> None:
    """Many plans would push the table off the screen: one line each, however wide."""
    many = [(f"plan-{n}", "A long title of a provincial plan " * 6) for n in range(4)]
    view = dataclasses.replace(status_view(report), plans=many)
    console = recording_console(width=160)
    print_status(console, view)
    lines = console.export_text().splitlines()
    at = lines.index("Plans (`sdtrack targets` shows each in full):")
    assert [line.split()[0] for line in lines[at + 1 : at + 5]] == [p for p, _l in many]
    assert all(line.endswith("…") and len(line) <= 160 for line in lines[at + 1 : at + 5])


def test_at_40_columns_a_plan_s_line_goes_under_its_id(report: StatusReport) -> None:
    """Too little room beside the ids: each id on its line, its line cut under it."""
    view = dataclasses.replace(status_view(report), plans=PLANS)
    console = recording_console(width=40)
    print_status(console, view)
    lines = console.export_text().splitlines()
    at = lines.index("  wire-2021-11-29")
    assert lines[at + 1].startswith("    East China's Shandong")
    assert lines[at + 1].endswith("…")
    assert lines[at + 2] == "  scio-2024-04-10"
    assert all(len(line) <= 40 for line in lines)


@pytest.mark.parametrize("width", [40, 60])
def test_narrow_lines_keep_counts_marks_and_durations_whole(
    report: StatusReport, width: int
) -> None:
    """The summary's "11 overdue", a mark ("plan: …"), the time left ("1 year 1 month
    left") and the gap move to the next line whole rather than break."""
    view = status_view(report)
    console = recording_console(width=width)
    print_status(console, view)
    lines = console.export_text().splitlines()
    for status, count in view.summary:
        words = f"{count:,} {view.status_shown(status)}"
        assert any(words in line for line in lines[:5]), words
    for row in view.rows:
        if len(row.target_id) > width:
            continue  # an id longer than the line: the one thing cut
        first = lines.index(row.target_id)
        block = lines[first : lines.index("", first)]
        phrases = row.time_left.split("\n") + ([f"plan: {row.plan}"] if row.plan else [])
        if row.gap is not None:
            phrases.append(f"Gap: {row.gap}")
        for phrase in phrases:
            if len(phrase) <= width - 4:
                assert any(phrase in line for line in block), (row.target_id, phrase)
