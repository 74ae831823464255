"""What `import` prints: the head line, the readings, what was skipped, the conflicts."""

from __future__ import annotations

from decimal import Decimal

from sdtrack.core.import_plan import ImportPlan, ImportSummary
from sdtrack.core.importing import Candidate
from sdtrack.core.ledger import Ledger
from sdtrack.core.regions import Geography
from sdtrack.present.render.imports import LISTED, print_import
from sdtrack.store.workspace import Workspace

from ...conftest import make_reading
from ..conftest import recording_console


def _printed(summary: ImportSummary, shipped: Workspace) -> str:
    console = recording_console()
    print_import(console, summary, {i.id: i for i in shipped.indicators})
    return console.export_text()


def _candidate(n: int, row: int) -> Candidate:
    return Candidate(make_reading(id=f"r-{n}", value=Decimal(200000 + n)), "b.csv", row, "2")


def test_recorded_readings_are_listed_and_the_rest_counted(shipped: Workspace) -> None:
    recorded = [_candidate(n, n + 2) for n in range(LISTED + 3)]
    text = _printed(ImportSummary(ImportPlan(recorded=recorded), ("b.csv",), 23), shipped)
    lines = text.splitlines()
    assert lines[0] == f"Recorded {LISTED + 3} readings from 23 rows."
    assert lines[1] == "  r-0: 5g-base-stations = 200,000 base stations for 2024 (row 2)"
    assert lines[LISTED + 1] == "  … and 3 more"


def test_skips_conflicts_ignored_columns_and_notes(shipped: Workspace) -> None:
    old = make_reading(id="r-old")
    entry = Ledger.build([old], []).entries[0]
    new = _candidate(1, 3)
    plan = ImportPlan(
        recorded=[new],
        already=[(Candidate(old, "b.csv", 2, "2"), entry)],
        repeated=[(_candidate(1, 4), new)],
        conflicts=[(new, [old])],
    )
    summary = ImportSummary(plan, ("b.csv",), 3, ("Population", "GDP"), ("2 rows left out",))
    text = _printed(summary, shipped)
    assert "Skipped 1 row already recorded (row 2 as r-old)." in text
    assert "Skipped 1 row that repeats an earlier one (row 4 repeats row 3)." in text
    assert "Conflict b.csv:3: conflicts with reading r-old (224,000 base stations" in text
    assert "Columns not read: Population; GDP; name one with --map HEADER=FIELD" in text
    assert text.rstrip().endswith("2 rows left out")


def test_nothing_new_and_a_dry_run_say_so(shipped: Workspace) -> None:
    nothing = _printed(ImportSummary(ImportPlan(), ("b.csv",), 5), shipped)
    assert nothing.startswith("Nothing recorded: no row of the 5 read gives a new reading.")
    dry = ImportSummary(ImportPlan(recorded=[_candidate(1, 2)]), ("b.csv",), 1, dry_run=True)
    assert _printed(dry, shipped).startswith(
        "Would record 1 reading from 1 rows; nothing was written (--dry-run)."
    )


def test_rows_are_named_with_their_file_when_several_files_were_read(shipped: Workspace) -> None:
    old = make_reading(id="r-old")
    entry = Ledger.build([old], []).entries[0]
    plan = ImportPlan(already=[(Candidate(old, "data/indicator_9-sd-2.csv", 2, "3"), entry)])
    text = _printed(ImportSummary(plan, ("data/indicator_9-sd-2.csv", "b.csv"), 2), shipped)
    assert "Skipped 1 row already recorded (indicator_9-sd-2.csv, row 2 as r-old)." in text


def test_a_regional_reading_names_its_region(shipped: Workspace) -> None:
    """With the geography, a city's reading is listed for its city; the own region's as
    before."""
    regional = Candidate(make_reading(id="r-q", region="qingdao"), "c.csv", 2, "3")
    own = Candidate(make_reading(id="r-s", region="shandong"), "c.csv", 3, "3")
    summary = ImportSummary(ImportPlan(recorded=[regional, own]), ("c.csv",), 2)
    console = recording_console()
    geography = Geography.of(own="shandong")
    print_import(console, summary, {i.id: i for i in shipped.indicators}, geography)
    lines = console.export_text().splitlines()
    assert lines[1] == "  r-q: 5g-base-stations = 224,000 base stations for Qingdao, 2024 (row 2)"
    assert lines[2] == "  r-s: 5g-base-stations = 224,000 base stations for 2024 (row 3)"
