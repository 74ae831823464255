"""Open SDG metadata: its fields, the `sdtrack_values` entries (with their regions), the
indicator it names, another site's first active source, every problem located."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.core.errors import DataError
from sdtrack.store.open_sdg_meta import (
    entries,
    find_meta,
    open_sdg_source,
    read_meta,
    sdtrack_id,
)


def _meta(tmp_path: Path, text: str, name: str = "9-sd-1.yml") -> Path:
    path = tmp_path / "meta" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_entries_are_keyed_by_year_value_and_region(tmp_path: Path) -> None:
    """Two regions' equal values of one year are two entries; an entry for the workspace's
    own region is one without a region."""
    path = _meta(
        tmp_path,
        "sdtrack_id: gigabit-cities\n"
        "sdtrack_values:\n"
        "- {year: 2021, value: '1', region: jinan, source: Jinan list}\n"
        "- {year: 2021, value: '1', region: qingdao, source: Qingdao list, date: 2021-11-30}\n"
        "- {year: 2021, value: '3', region: shandong, source: Province}\n"
        "- {year: 2020, value: '2', source: Earlier}\n",
    )
    meta = read_meta(path, Path("meta/9-sd-1.yml"))
    assert sdtrack_id(meta) == "gigabit-cities"
    found = entries(meta, own="shandong")
    assert {key: entry.text["source"] for key, entry in found.items()} == {
        ("2021", "1", "jinan"): "Jinan list",
        ("2021", "1", "qingdao"): "Qingdao list",
        ("2021", "3", ""): "Province",
        ("2020", "2", ""): "Earlier",
    }
    assert found["2021", "1", "qingdao"].text["date"] == "2021-11-30"
    # Without the own region, "shandong" is a region like any other.
    assert ("2021", "3", "shandong") in entries(meta)


def test_a_region_that_is_not_text_is_a_located_error(tmp_path: Path) -> None:
    path = _meta(tmp_path, "x: 1\nsdtrack_values:\n- {year: 2021, value: '1', region: [a]}\n")
    with pytest.raises(DataError) as caught:
        entries(read_meta(path, Path("meta/9-sd-1.yml")))
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "sdtrack_values[0].region")
    assert problem.message == "must be a region id (text)"


def test_metadata_is_found_as_yaml_or_markdown_front_matter(tmp_path: Path) -> None:
    _meta(tmp_path, "---\nsdtrack_id: stations\n---\n# Text\n", "9-sd-2.md")
    found = find_meta("9-sd-2", [(tmp_path / "meta", Path("m"))])
    assert found is not None
    assert found.label == Path("m/9-sd-2.md")
    assert sdtrack_id(found) == "stations"
    assert find_meta("9-sd-3", [(tmp_path / "meta", Path("m"))]) is None


def test_another_sites_first_active_source() -> None:
    fields = {
        "source_active_1": False,
        "source_organisation_1": "Old office",
        "source_organisation_2": "Statistics office",
        "source_url_text_2": "Survey",
        "source_url_2": "https://example.org/survey",
    }
    assert open_sdg_source(fields) == ("Statistics office, Survey", "https://example.org/survey")
    assert open_sdg_source({}) == ("", "")
