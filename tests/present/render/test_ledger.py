"""The ledger views: what was recorded, corrected or retracted, and the entries table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sdtrack.core.ledger import Ledger
from sdtrack.core.model import Retraction
from sdtrack.core.regions import Geography
from sdtrack.present.render.ledger import (
    print_already_recorded,
    print_conflicts,
    print_corrected,
    print_entries,
    print_recorded,
    print_retracted,
)
from sdtrack.store.conflict_check import Conflict, Located
from sdtrack.store.workspace import Workspace

from ...conftest import make_reading
from ..conftest import recording_console


def test_print_recorded_names_id_value_and_source(shipped: Workspace) -> None:
    """record's confirmation gives the id, the value in its unit, and the source."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    console = recording_console()
    print_recorded(console, make_reading(id="r-a"), indicator, [])
    assert console.export_text() == (
        "Recorded r-a: 5g-base-stations = 224,000 base stations for 2024\n  source: Test bulletin\n"
    )


def test_corrected_and_retracted(shipped: Workspace) -> None:
    """A correction shows the new and old values; a retraction its reason."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    old = make_reading(id="r-old")
    new = make_reading(id="r-new", value=Decimal(225000), corrects="r-old")
    console = recording_console()
    print_corrected(console, old, new, indicator)
    print_retracted(console, old, Retraction(reading="r-old", reason="typo"))
    text = console.export_text()
    assert "r-new, correcting r-old" in text
    assert "= 225,000 base stations (was 224,000 base stations)" in text
    assert "Retracted r-old: typo" in text


def test_print_entries_counts_current_and_replaced(shipped: Workspace) -> None:
    """The entries list counts current and replaced readings and shows each state."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    ledger = Ledger.build(
        [make_reading(id="r-a"), make_reading(id="r-b", value=Decimal(1), corrects="r-a")], []
    )
    console = recording_console(width=160)
    print_entries(console, list(ledger.entries), {indicator.id: indicator})
    text = console.export_text()
    assert text.startswith("2 reading(s), 1 current, 1 replaced\n")
    assert "superseded by r-b" in text
    console = recording_console()
    print_entries(console, [], {})
    assert "no readings yet" in console.export_text()


@pytest.mark.usefixtures("chinese")
def test_record_confirmation_in_chinese_numbers(shipped: Workspace) -> None:
    """In Chinese, record's confirmation gives the value and period the Chinese way."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    console = recording_console(width=160)
    print_recorded(console, make_reading(id="r-a"), indicator, [])
    text = console.export_text()
    assert "r-a" in text
    assert "22.4万个" in text
    assert "2024年" in text
    assert "224,000" not in text


def test_every_confirmation_keeps_the_qualifier(shipped: Workspace) -> None:
    """record, correct and an already-recorded key say 'over 224,000', never '= 224,000'."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    over = make_reading(id="r-a", qualifier="over", key="k-1")
    console = recording_console(width=160)
    print_recorded(console, over, indicator, [])
    print_already_recorded(console, over, indicator)
    print_corrected(console, over, make_reading(id="r-b", qualifier="about"), indicator)
    text = console.export_text()
    assert "5g-base-stations = over 224,000 base stations for 2024" in text
    assert "as r-a: 5g-base-stations = over 224,000 base stations for 2024" in text
    assert "= about 224,000 base stations (was over 224,000 base stations)" in text


def test_print_recorded_names_conflicts_and_agreement(shipped: Workspace) -> None:
    """A conflicting reading is named with its value, period and source, and the rule."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    other = make_reading(id="r-other", value=Decimal(300000), source="Paper")
    same = make_reading(id="r-same", source="Bureau")
    console = recording_console(width=200)
    print_recorded(console, make_reading(id="r-a"), indicator, [], conflicts=[other])
    print_recorded(console, make_reading(id="r-b"), indicator, [], agreeing=[same])
    lines = console.export_text().splitlines()
    assert lines[2] == (
        "  warning: conflicts with reading r-other (300,000 base stations, 2024, Paper); "
        "until one is retracted or corrected, the lower figure counts"
    )
    assert lines[5] == "  agrees with r-same (2 sources)"


def test_print_conflicts_gives_both_lines(shipped: Workspace) -> None:
    """check's warning: the file and line of one reading, the line of the other."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    counted = Located(make_reading(id="r-low"), 12)
    other = Located(make_reading(id="r-high", value=Decimal(300000), source="Paper"), 30)
    console = recording_console(width=300)
    print_conflicts(console, [Conflict(indicator, Path("readings.toml"), counted, other)])
    assert console.export_text() == (
        "readings.toml:30: warning: 5g-base-stations: reading r-high (300,000 base stations, "
        "2024, Paper) conflicts with reading r-low at line 12 (224,000 base stations, 2024, "
        "Test bulletin); until one is retracted or corrected, the lower figure counts\n"
    )


SHANDONG = Geography.of(own="shandong")


def test_a_regional_reading_is_recorded_and_corrected_with_its_regions_name(
    shipped: Workspace,
) -> None:
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    console = recording_console()
    print_recorded(console, make_reading(id="r-a", region="qingdao"), indicator, [],
                   region="Qingdao")  # fmt: skip
    assert console.export_text().startswith(
        "Recorded r-a: 5g-base-stations = 224,000 base stations for Qingdao, 2024\n"
    )
    old = make_reading(id="r-old", region="jinan")
    kept = make_reading(id="r-kept", region="jinan", value=Decimal(225000), corrects="r-old")
    moved = make_reading(id="r-moved", region="qingdao", corrects="r-old", source="Other")
    console = recording_console()
    print_corrected(console, old, kept, indicator, SHANDONG)
    print_corrected(console, old, moved, indicator, SHANDONG)
    print_corrected(console, old, make_reading(id="r-own", corrects="r-old"), indicator, SHANDONG)
    lines = console.export_text().splitlines()
    assert lines[0].endswith(
        "5g-base-stations for Jinan, 2024 = 225,000 base stations (was 224,000 base stations)"
    )
    assert lines[1:4] == [
        "  source: Test bulletin",
        "Recorded r-moved, correcting r-old: 5g-base-stations for Qingdao, 2024 = 224,000 base "
        "stations (was 224,000 base stations)",
        "  source: Other",
    ]
    assert lines[4] == "  region: was Jinan, now Qingdao"
    assert "5g-base-stations for 2024 =" in lines[5]
    assert lines[-1] == "  region: was Jinan, now Shandong"


def test_the_entries_name_each_regional_readings_region(shipped: Workspace) -> None:
    """Given the geography, a city's reading has its city under its indicator; without it
    (or for the own region's readings) nothing is added."""
    readings = [make_reading(id="r-j", region="jinan"), make_reading(id="r-p", value=1)]
    entries = Ledger.build(readings, []).entries
    indicators = {i.id: i for i in shipped.indicators}
    console = recording_console()
    print_entries(console, entries, indicators, SHANDONG)
    lines = console.export_text().splitlines()
    below = lines[lines.index(next(line for line in lines if "r-j" in line)) + 1]
    assert below.split() == ["Jinan"]
    console = recording_console()
    print_entries(console, entries, indicators)
    assert "Jinan" not in console.export_text()


def test_region_names_in_chinese(shipped: Workspace, chinese: None) -> None:
    entries = Ledger.build([make_reading(id="r-j", region="jinan")], []).entries
    console = recording_console()
    print_entries(console, entries, {i.id: i for i in shipped.indicators}, SHANDONG)
    assert "济南市" in console.export_text()
