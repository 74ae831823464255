"""Store messages in Chinese: each problem keeps its file, line and field, and its
sentence (with its hint) is looked up whole in the catalog.

The Chinese catalog is assembled later, so these tests speak a marking catalog (each
message comes back as ⟪message⟫), as tests/core/test_messages_zh.py does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.core.errors import UsageError
from sdtrack.store.locations import TARGETS_FILE, locate_workspace
from sdtrack.store.validation import check_workspace
from sdtrack.store.workspace import init_workspace
from sdtrack.store.writes import write_files


def _broken(workspace: Path, old: str, new: str) -> list[str]:
    path = workspace / TARGETS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return [str(p) for p in check_workspace(locate_workspace(workspace, None, workspace))]


def test_pydantic_problems_are_worded_by_sdtrack_in_the_language(
    workspace: Path, marked: None
) -> None:
    """Unknown and missing keys and the schema version: located as before, words looked up."""
    problems = _broken(workspace, 'unit = "base stations"', 'unit = "base stations"\nunits = 1')
    (unknown,) = [p for p in problems if "units" in p]
    assert ": indicator[1].units: ⟪unknown key 'units'; check its spelling" in unknown
    assert str(workspace / TARGETS_FILE) + ":" in unknown
    problems = _broken(workspace, "schema = 1", "schema = 7")
    assert any(p.endswith("schema: ⟪unsupported schema version; this sdtrack reads schema = 1⟫")
               for p in problems)  # fmt: skip


def test_a_missing_key_in_english_is_unchanged(workspace: Path) -> None:
    problems = _broken(workspace, 'title = "Shandong digital economy targets"\n', "")
    assert any(p.endswith("title: required key 'title' is missing") for p in problems)


def test_validator_messages_come_through_translated(workspace: Path, marked: None) -> None:
    problems = _broken(workspace, 'kind = "stock"', 'kind = "share"')
    assert any("⟪a share indicator is measured in %, not 'communities'⟫" in p for p in problems)


def test_location_and_write_refusals_are_translated(tmp_path: Path, marked: None) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(UsageError) as error:
        locate_workspace(missing, None, tmp_path)
    assert str(error.value) == f"⟪{missing}: no such directory⟫"
    assert error.value.hint == f"⟪create a workspace there with `sdtrack init {missing}`⟫"
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError) as error:
        write_files([("", b"y")], tmp_path / "a.md", force=False)
    assert str(error.value) == f"⟪{tmp_path / 'a.md'} already exists⟫"
    init_workspace(tmp_path / "ws", empty=True)
    with pytest.raises(UsageError, match="already exists; sdtrack init never overwrites"):
        init_workspace(tmp_path / "ws", empty=True)


def test_write_refusals_in_english_are_unchanged(tmp_path: Path) -> None:
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    with pytest.raises(UsageError) as error:
        write_files([("a.csv", b"1"), ("b.csv", b"2")], tmp_path, force=False)
    assert str(error.value) == f"{tmp_path / 'a.csv'} already exists (and 1 more)"
    assert error.value.hint == "pass --force to overwrite, or choose another -o path"
