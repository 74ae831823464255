"""The chart grid: readings, target and paths laid out as cells, with axis labels."""

from __future__ import annotations

from sdtrack.present.chart_grid import READING, TARGET, chart_grid
from sdtrack.present.report import StatusReport
from sdtrack.store.workspace import Workspace

from .conftest import assessment_of


def test_grid_of_the_5g_indicator(shipped: Workspace, report: StatusReport) -> None:
    """The grid has the asked size, spans first reading to deadline and shows every layer."""
    a = assessment_of(report, "5g-base-stations-2025")
    readings = shipped.readings_for("5g-base-stations")
    grid = chart_grid(a.indicator, readings, [a])
    assert grid is not None
    assert (len(grid.rows), len(grid.rows[0])) == (12, 60)
    # The first reading is the 2019 figure (10,000), placed at its year's end.
    assert (grid.x_start, grid.x_end) == ("2019-12-31", "2025-12-31")
    # The top label is the highest value drawn (a reading, the target or the projection at
    # the deadline), to three significant digits.
    assert a.projected is not None
    highest = max(*(float(r.value) for r in readings), float(a.target.value), float(a.projected))
    assert grid.y_labels[0] == f"{float(f'{highest:.3g}'):,.0f}"
    assert grid.y_labels[-1] == "10,000"
    cells = {symbol for line in grid.rows for symbol, _ in line}
    assert {READING, TARGET} <= cells


def test_nothing_to_draw_is_none(report: StatusReport) -> None:
    """No readings and no assessments give no grid."""
    a = assessment_of(report, "5g-base-stations-2025")
    assert chart_grid(a.indicator, [], []) is None


def test_a_counts_labels_are_whole_numbers(shipped: Workspace, report: StatusReport) -> None:
    """Gigabit cities (3 to 16) are labelled in whole cities, never 8.91."""
    a = assessment_of(report, "gigabit-cities-2024")
    grid = chart_grid(a.indicator, shipped.readings_for("gigabit-cities"), [a])
    assert grid is not None
    labels = [label for label in grid.y_labels if label]
    assert labels
    assert all(label.replace(",", "").isdigit() for label in labels), labels
