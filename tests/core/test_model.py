"""The data model: targets files, readings and their content-derived ids."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from sdtrack.core.model import Reading, TargetsFile, reading_id
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_targets

from ..conftest import make_reading


def shipped_targets() -> TargetsFile:
    return load_targets(locate_workspace(None, None, Path("/")))


def test_reading_id_is_stable_and_ignores_trailing_zeros() -> None:
    """The same content gives the same id, whatever the value's written precision."""
    assert reading_id("a", "2024", Decimal("1.0"), "s") == reading_id("a", "2024", Decimal(1), "s")
    assert reading_id("a", "2024", Decimal(1), "s") != reading_id("a", "2024", Decimal(2), "s")
    assert reading_id("a", "2024", Decimal(1), "s").startswith("r-")


def test_a_reading_without_id_is_keyed_by_its_content() -> None:
    """A reading's key is its own id when given, else its content id."""
    reading = make_reading()
    assert reading.key == reading_id("5g-base-stations", "2024", Decimal(224000), "Test bulletin")
    assert make_reading(id="r-mine").key == "r-mine"


def test_a_bad_indicator_id_is_refused() -> None:
    """An indicator id must be a slug."""
    with pytest.raises(ValidationError, match="is not a valid id"):
        Reading.model_validate({"indicator": "Bad Id!", "value": 1, "date": "2024", "source": "s"})


def test_targets_file_finds_an_indicator_by_id() -> None:
    """TargetsFile.indicator finds the shipped 5G indicator, and None for an unknown id."""
    targets = shipped_targets()
    indicator = targets.indicator("5g-base-stations")
    assert indicator is not None
    assert indicator.unit_info.name == "base stations"
    assert indicator.direction == "higher"
    assert targets.indicator("nope") is None
