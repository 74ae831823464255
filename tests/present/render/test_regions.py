"""Regional breakdowns in the terminal: `status --by region` and `show`'s breakdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from sdtrack.present.regional import breakdowns
from sdtrack.present.render.regions import print_breakdown, print_matrix
from sdtrack.present.report import build_status
from sdtrack.present.status_rows import region_matrix
from sdtrack.present.status_view import RegionMatrix
from sdtrack.store.workspace import Workspace

from ..conftest import recording_console
from ..test_regional import AS_OF, load_regional, write_regional


@pytest.fixture
def matrix(tmp_path: Path) -> RegionMatrix:
    workspace: Workspace = load_regional(write_regional(tmp_path / "regions"))
    return region_matrix(build_status(workspace, AS_OF), breakdowns(workspace, AS_OF))


def test_the_matrix_shows_each_city_its_targets_and_the_totals(matrix: RegionMatrix) -> None:
    """Each indicator: how many reported, its targets, a row per city (with its standing
    towards a count target), then the totals beside the province's own figure."""
    console = recording_console(width=200)
    print_matrix(console, matrix)
    text = console.export_text()
    assert text.startswith("By region: the 16 cities of Shandong\n")
    assert "\nstations  5G base stations\n  16 of 16 cities reported\n" in text
    assert "  stations-2025-first (superseded): > 250,000 base stations by end-2025 · " in text
    assert "  jinan-stations-2025: ≥ 60,000 base stations by end-2025 (Jinan) · " in text
    assert " Jinan       31,000 base stations   2024 " in text
    assert (
        "  2023: sum of the 16 cities: 200,000 base stations · Shandong's own figure: 210,000 "
        "base stations · ≠ differs from the total by 10,000 base stations"
    ) in text
    assert "  2024: 11 of 16 cities reported: no total · no figure for Shandong itself" in text
    assert "    15 of 16 cities meet the gigabit-city standard; 1 without a reading" in text
    assert "    Still missing: Weifang (no reading: a reading for Weifang would settle it)" in text
    gigabit = text[text.index("\ngigabit ") :]
    weifang = next(line for line in gigabit.splitlines() if line.startswith(" Weifang "))
    assert weifang.split() == ["Weifang", "no", "reading", "no", "reading"]
    assert "  a ratio is not rolled up over regions; its inputs are" in text


@pytest.mark.parametrize("width", [40, 60, 80])
def test_a_narrow_matrix_keeps_within_the_width(matrix: RegionMatrix, width: int) -> None:
    """No line wider than the terminal; ids and numbers whole."""
    console = recording_console(width=width)
    print_matrix(console, matrix)
    text = console.export_text()
    assert all(cell_len(line) <= width for line in text.splitlines())
    assert "jinan-stations-2025" in text
    assert "31,000" in text


def test_a_breakdown_under_a_heading_without_its_targets(matrix: RegionMatrix) -> None:
    """`show`'s breakdown: under "By region", its targets already shown above it."""
    view = next(b for b in matrix.breakdowns if b.indicator_id == "gigabit")
    console = recording_console(width=120)
    print_breakdown(console, view, heading="By region", targets=False)
    text = console.export_text()
    assert text.startswith("\nBy region\n  15 of 16 cities reported\n")
    assert "Still missing" not in text
    assert " gigabit-2024 " in text  # the standing column stays


def test_an_empty_matrix_says_so() -> None:
    console = recording_console(width=80)
    print_matrix(console, RegionMatrix("By region: the 16 cities of Shandong", [], "2 targets …"))
    text = console.export_text()
    assert "No indicator has regional readings yet." in text
    assert text.rstrip().endswith("2 targets …")
