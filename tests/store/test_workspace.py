"""Finding, validating and writing workspaces."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from sdtrack.core.errors import DataError, UsageError
from sdtrack.core.model import Reading
from sdtrack.store.locations import READINGS_FILE, TARGETS_FILE, locate_workspace
from sdtrack.store.validation import check_workspace
from sdtrack.store.workspace import embedded_text, init_workspace, load_workspace

from ..conftest import REPO, TODAY, append_reading, make_reading


def test_discovery_prefers_dir_then_env_then_nearest(workspace: Path, tmp_path: Path) -> None:
    """--dir wins over $SDTRACK_DIR, which wins over the nearest targets.toml upward."""
    other = tmp_path / "other"
    init_workspace(other, empty=True)
    nested = workspace / "a" / "b"
    nested.mkdir(parents=True)
    assert locate_workspace(other, str(workspace), nested).root == other
    assert locate_workspace(None, str(other), nested).root == other
    found = locate_workspace(None, None, nested)
    assert found.root == workspace
    assert found.found_by == "nearest targets.toml"


def test_without_a_workspace_the_embedded_dataset_is_used(tmp_path: Path) -> None:
    """With nothing found, the embedded Shandong dataset is used, read-only."""
    location = locate_workspace(None, None, tmp_path)
    assert location.embedded
    with pytest.raises(UsageError, match="read-only") as raised:
        append_reading(location, make_reading())
    assert raised.value.hint is not None
    assert "sdtrack init" in raised.value.hint


def test_dir_without_targets_file_says_how_to_start(tmp_path: Path) -> None:
    """--dir pointing at a directory without targets.toml suggests `sdtrack init`."""
    with pytest.raises(UsageError, match=r"no targets\.toml here") as raised:
        locate_workspace(tmp_path, None, tmp_path)
    assert "sdtrack init" in str(raised.value.hint)


def test_embedded_dataset_is_the_repository_targets_file() -> None:
    """The package ships the repository's own targets.toml and readings.toml."""
    assert embedded_text(TARGETS_FILE) == (REPO / TARGETS_FILE).read_text(encoding="utf-8")
    assert embedded_text(READINGS_FILE) == (REPO / READINGS_FILE).read_text(encoding="utf-8")


def test_init_refuses_to_overwrite(workspace: Path) -> None:
    """`init` never overwrites an existing workspace."""
    before = (workspace / TARGETS_FILE).read_bytes()
    with pytest.raises(UsageError, match="never overwrites"):
        init_workspace(workspace, empty=True)
    assert (workspace / TARGETS_FILE).read_bytes() == before


def test_empty_workspace_is_valid(tmp_path: Path) -> None:
    """An --empty workspace is valid and has no indicators."""
    init_workspace(tmp_path / "blank", empty=True)
    location = locate_workspace(tmp_path / "blank", None, tmp_path)
    assert check_workspace(location) == []
    assert load_workspace(location).indicators == []


def test_append_keeps_the_ledger_valid_and_prior_bytes_intact(workspace: Path) -> None:
    """Appending adds one block and leaves every earlier byte of the ledger as it was."""
    location = locate_workspace(workspace, None, workspace)
    path = workspace / READINGS_FILE
    before = path.read_bytes()
    append_reading(location, make_reading(source='quotes " and \\ and\nnewlines 📡 山东'))
    after = path.read_bytes()
    assert after.startswith(before)
    loaded = load_workspace(location).readings
    assert loaded[-1].source == 'quotes " and \\ and\nnewlines 📡 山东'


def test_append_creates_a_missing_ledger_with_a_header(workspace: Path) -> None:
    """When readings.toml is missing, the first append creates it with its schema line."""
    (workspace / READINGS_FILE).unlink()
    location = locate_workspace(workspace, None, workspace)
    append_reading(location, make_reading())
    data = tomllib.loads((workspace / READINGS_FILE).read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert len(data["reading"]) == 1


def test_source_text_cannot_inject_toml(workspace: Path) -> None:
    """A source crafted to look like TOML stays a string; no key or table is added."""
    location = locate_workspace(workspace, None, workspace)
    before = load_workspace(location).readings
    evil = '"\n[[reading]]\nindicator = "iot-terminals"\nvalue = 1\n'
    append_reading(location, make_reading(source=evil))
    readings = load_workspace(location).readings
    assert readings[-1].source == evil
    assert len(readings) == len(before) + 1
    iot = sum(r.indicator == "iot-terminals" for r in before)
    assert sum(r.indicator == "iot-terminals" for r in readings) == iot


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("schema = 1\ntitle = 'x'\n[[indicator]\n", 3, "TOML syntax error"),
        ("schema = 2\ntitle = 'x'\n", 1, "unsupported schema version"),
        ("schema = 1\ntitle = 'x'\ncolour = 'red'\n", 3, "unknown key 'colour'"),
        (
            "schema = 1\ntitle = 'x'\n\n[[indicator]]\nid = 'a'\nname = 'A'\nname_zh = 'A'\n"
            "unit = 'yuan'\nkind = 'flow'\n\n[[indicator.target]]\nid = 'a-1'\n"
            "comparison = 'at_least'\nvalue = '47%'\ndeadline = 2025\n"
            "source = { document = 'd', speaker = 's', date = 2024-01-01, quote = 'q' }\n",
            14,
            "is a percentage, but the indicator is measured in yuan",
        ),
        (
            "schema = 1\ntitle = 'x'\n\n[[indicator]]\nid = 'Bad Id'\nname = 'A'\n"
            "name_zh = 'A'\nunit = 'yuan'\nkind = 'flow'\n",
            5,
            "is not a valid id",
        ),
    ],
)
def test_check_locates_problems_in_targets(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    """`check` names the file, the line and what is wrong."""
    (tmp_path / TARGETS_FILE).write_text(text, encoding="utf-8")
    problems = check_workspace(locate_workspace(tmp_path, None, tmp_path))
    assert problems, "expected a problem"
    assert problems[0].file == tmp_path / TARGETS_FILE
    assert problems[0].line == line
    assert fragment in problems[0].message


def test_check_locates_problems_in_readings(workspace: Path) -> None:
    """A reading for an unknown indicator is reported with its field path and line."""
    ledger = workspace / READINGS_FILE
    with ledger.open("a", encoding="utf-8") as handle:
        handle.write("\n[[reading]]\nindicator = 'nope'\nvalue = 1\ndate = 2024\nsource = 's'\n")
    appended = len(tomllib.loads(ledger.read_text(encoding="utf-8"))["reading"]) - 1
    problems = check_workspace(locate_workspace(workspace, None, workspace))
    assert len(problems) == 1
    problem = problems[0]
    assert problem.field == f"reading[{appended}].indicator"  # numbered from 0
    assert "unknown indicator 'nope'" in problem.message
    lines = ledger.read_text(encoding="utf-8").splitlines()
    assert problem.line is not None
    assert lines[problem.line - 1] == "indicator = 'nope'"


def test_load_raises_every_problem_at_once(tmp_path: Path) -> None:
    """Loading a broken workspace raises one DataError listing all problems."""
    (tmp_path / TARGETS_FILE).write_text("schema = 1\nfoo = 1\nbar = 2\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_workspace(locate_workspace(tmp_path, None, tmp_path))
    messages = [p.message for p in raised.value.problems]
    assert any("'title' is missing" in m for m in messages)
    assert any("unknown key 'foo'" in m for m in messages)
    assert any("unknown key 'bar'" in m for m in messages)


def test_byte_order_mark_and_crlf_are_tolerated(workspace: Path) -> None:
    """A UTF-8 byte-order mark and Windows line ends do not stop a file loading."""
    path = workspace / TARGETS_FILE
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert check_workspace(locate_workspace(workspace, None, workspace)) == []


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ("schema = 1\n".encode("utf-16"), "UTF-16"),
        (b"schema = 1\ntitle = '\xff'\n", "not valid UTF-8"),
    ],
)
def test_wrong_encodings_are_refused(tmp_path: Path, data: bytes, fragment: str) -> None:
    """UTF-16 and non-UTF-8 files are refused with a message saying to save as UTF-8."""
    (tmp_path / TARGETS_FILE).write_bytes(data)
    problems = check_workspace(locate_workspace(tmp_path, None, tmp_path))
    assert fragment in problems[0].message


def test_targets_file_that_is_a_directory(tmp_path: Path) -> None:
    """A targets.toml that is a directory is reported, not a traceback."""
    (tmp_path / TARGETS_FILE).mkdir()
    problems = check_workspace(locate_workspace(tmp_path, None, tmp_path))
    assert "is a directory" in problems[0].message


def test_thousands_of_problems_are_each_located(workspace: Path) -> None:
    """A ledger with 3,000 bad readings reports each one on its own line, in one pass."""
    ledger = workspace / READINGS_FILE
    bad = "".join(
        f"\n[[reading]]\nindicator = 'iot-terminals'\nvalue = 'N/A'\ndate = 2024\nsource = 's{n}'\n"
        for n in range(3000)
    )
    ledger.write_text(ledger.read_text(encoding="utf-8") + bad, encoding="utf-8")
    problems = check_workspace(locate_workspace(workspace, None, workspace))
    assert len(problems) == 3000
    lines = ledger.read_text(encoding="utf-8").splitlines()
    assert all(p.line is not None and lines[p.line - 1] == "value = 'N/A'" for p in problems)


REGIONAL_TARGETS = """\
schema = 1
title = "t"
region = "shandong"

[[indicator]]
id = "stations"
name = "Stations"
unit = "stations"
kind = "stock"

[[indicator]]
id = "people"
name = "People"
unit = "people"
kind = "stock"

[[indicator]]
id = "per-10k"
name = "Stations per 10,000 people"
unit = "stations per 10,000 people"
kind = "stock"
formula = { kind = "ratio", numerator = "stations", denominator = "people", per = 10000 }
"""
REGIONAL_READINGS = """\
schema = 1

[[reading]]
indicator = "stations"
value = 224000
date = 2024-06-18
source = "province"

[[reading]]
indicator = "stations"
value = 10616
date = "2024-03"
region = "liaocheng"
source = "city"

[[reading]]
indicator = "people"
value = "10080.17万"
date = 2024
source = "bulletin"

[[reading]]
indicator = "people"
value = "590万"
date = 2024
region = "liaocheng"
source = "city bulletin"
"""


def regional_workspace(tmp_path: Path, readings: str = REGIONAL_READINGS) -> Path:
    (tmp_path / TARGETS_FILE).write_text(REGIONAL_TARGETS, encoding="utf-8")
    (tmp_path / READINGS_FILE).write_text(readings, encoding="utf-8")
    return tmp_path


def test_readings_are_the_own_regions_unless_a_region_is_asked_for(tmp_path: Path) -> None:
    """`readings_for` gives the workspace's own region; a region's, or every region's, on
    request; a reading naming the own region is the own region's."""
    readings = REGIONAL_READINGS + (
        '\n[[reading]]\nindicator = "stations"\nvalue = 230000\ndate = "2024-07"\n'
        'region = "shandong"\nsource = "named"\n'
    )
    root = regional_workspace(tmp_path, readings)
    workspace = load_workspace(locate_workspace(root, None, root))
    assert [r.value for r in workspace.readings_for("stations")] == [224000, 230000]
    assert [r.value for r in workspace.readings_for("stations", "liaocheng")] == [10616]
    assert [r.value for r in workspace.readings_for("stations", "shandong")] == [224000, 230000]
    assert len(workspace.all_readings_for("stations")) == 3
    assert list(workspace.regional_readings("stations")) == ["liaocheng"]


@pytest.mark.parametrize(
    "as_of", [dt.date(2023, 12, 31), dt.date(2024, 7, 31), dt.date(2024, 12, 31), TODAY]
)
@pytest.mark.parametrize("indicator", ["stations", "people", "per-10k"])
def test_readings_by_region_are_readings_for_and_regional_readings_to_a_day(
    tmp_path: Path, as_of: dt.date, indicator: str
) -> None:
    """One pass gives the own region's readings and every other region's, each of those
    ended by the day, in the order the two lookups give."""
    readings = REGIONAL_READINGS + (
        '\n[[reading]]\nindicator = "stations"\nvalue = 230000\ndate = "2024-07"\n'
        'region = "shandong"\nsource = "named"\n'
    )
    root = regional_workspace(tmp_path, readings)
    workspace = load_workspace(locate_workspace(root, None, root))

    def ended(found: list[Reading]) -> list[Reading]:
        return [r for r in found if r.date.end <= as_of]

    regional = {
        region: ended(found) for region, found in workspace.regional_readings(indicator).items()
    }
    wanted = (ended(workspace.readings_for(indicator)), {k: v for k, v in regional.items() if v})
    assert workspace.readings_by_region(indicator, as_of) == wanted


def test_a_derived_indicator_is_computed_region_by_region(tmp_path: Path) -> None:
    """Per region, each numerator reading with the denominator of its year."""
    root = regional_workspace(tmp_path)
    workspace = load_workspace(locate_workspace(root, None, root))
    (province,) = workspace.readings_for("per-10k")
    assert province.derived
    assert round(province.value, 2) == Decimal("22.22")
    (liaocheng,) = workspace.readings_for("per-10k", "liaocheng")
    assert round(liaocheng.value, 2) == Decimal("17.99")
    assert liaocheng.region == "liaocheng"


def test_a_reading_of_a_derived_indicator_is_refused(tmp_path: Path) -> None:
    readings = REGIONAL_READINGS + (
        '\n[[reading]]\nindicator = "per-10k"\nvalue = 22\ndate = 2024\nsource = "typed"\n'
    )
    root = regional_workspace(tmp_path, readings)
    with pytest.raises(DataError) as refused:
        load_workspace(locate_workspace(root, None, root))
    (problem,) = refused.value.problems
    assert "'per-10k' is computed by sdtrack (stations ÷ people)" in problem.message
    assert problem.field == "reading[4].indicator"
