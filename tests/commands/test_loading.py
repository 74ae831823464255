"""Loading the validated workspace a command names."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.commands.loading import load, load_from
from sdtrack.core.errors import DataError
from sdtrack.store.locations import locate_workspace


def test_load_the_named_workspace(workspace: Path) -> None:
    """load(--dir) gives the workspace there, with its indicators and readings."""
    loaded = load(workspace)
    assert loaded.location.root == workspace
    assert "5g-base-stations" in [i.id for i in loaded.indicators]
    assert loaded.readings_for("5g-base-stations")


def test_without_a_directory_the_embedded_dataset(tmp_path: Path) -> None:
    """load_from an embedded location gives the read-only Shandong dataset."""
    loaded = load_from(locate_workspace(None, None, tmp_path))
    assert loaded.location.embedded


def test_a_broken_workspace_is_a_data_error(workspace: Path) -> None:
    """A malformed ledger is a DataError naming the file."""
    ledger = workspace / "readings.toml"
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\n[[reading]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(workspace)
    assert caught.value.problems[0].file == ledger
