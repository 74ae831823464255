"""Open SDG data read back as sheets: sdtrack's own export gives back its readings; another
site's data is read by its headline rows, with its code and its metadata's source."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core.errors import DataError, UsageError
from sdtrack.core.import_plan import plan_import
from sdtrack.core.importing import Defaults
from sdtrack.core.ledger import Ledger
from sdtrack.core.model import Reading, TargetsFile
from sdtrack.core.quantities import plain_number
from sdtrack.core.regions import Geography, Region
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.cells import is_formula
from sdtrack.present.exporters.open_sdg import render, yearly_readings
from sdtrack.present.report import build_status
from sdtrack.store.importing import sheet_candidates
from sdtrack.store.locations import locate_workspace
from sdtrack.store.open_sdg_sheets import LONG_HEADER, is_open_sdg, read_open_sdg
from sdtrack.store.sheets import Sheet
from sdtrack.store.workspace import Workspace, load_workspace

from ..conftest import NOW, TODAY
from ..present.exporters.hostile import ATTACKS

BASE = Path(__file__).parents[1] / "corpus" / "base"
EVIL = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script>'
# Readings with every field sdtrack_values keeps, on each kind of date a year's value has.
READINGS = [
    {"id": "r-s-2022", "indicator": "stations", "value": 180000, "date": "2022-12-31",
     "qualifier": "over", "source": "Year-end bulletin", "url": "https://example.org/b",
     "quote": "more than 180,000 stations", "note": "Day figure,\x85at the year's end."},
    {"id": "r-s-2023", "indicator": "stations", "value": "20万", "date": "2023-12",
     "source": "December report", "quote": "约20万个", "qualifier": "about"},
    {"id": "r-s-mid", "indicator": "stations", "value": 230000, "date": "2025-06",
     "source": "Mid-year figure, not a year's value"},
    {"id": "r-g-2024", "indicator": "share", "value": "47.5%", "date": "2024",
     "source": EVIL, "note": "tab\there, NEL\x85there, ESC\x1b[2J, CR\rLF\n",
     "quote": "－1+1 ＝ @SUM(A1)"},
]  # fmt: skip


def _workspace(directory: Path, readings: list[dict[str, object]] = READINGS) -> Workspace:
    """The corpus base workspace in `directory`, with `readings` added to its ledger."""
    directory.mkdir(parents=True)
    shutil.copy(BASE / "targets.toml", directory / "targets.toml")
    ledger = (BASE / "readings.toml").read_text(encoding="utf-8")
    ledger += "\n" + tomli_w.dumps({"reading": readings})
    (directory / "readings.toml").write_text(ledger, encoding="utf-8")
    return load_workspace(locate_workspace(directory, None, directory))


def _context(workspace: Workspace) -> ExportContext:
    return ExportContext.of(workspace, build_status(workspace, TODAY), NOW)


def _write(context: ExportContext, out: Path) -> Path:
    """The Open SDG export of `context`, written under `out`."""
    for file in render(context, ExportOptions()):
        path = out / file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.content)
    return out


def _long_row(reading: Reading) -> tuple[str, ...]:
    """The long-layout row that exactly restores `reading`."""
    return (
        reading.indicator,
        plain_number(reading.value),
        str(reading.date),
        reading.source,
        reading.url or "",
        reading.quote or "",
        reading.qualifier or "",
        reading.note or "",
        "true" if reading.derived else "",
        reading.region or "",
    )


def _as_reading(cells: tuple[str, ...]) -> Reading:
    """A row read the way `record` reads its arguments: empty cells are absent."""
    fields: dict[str, object] = {
        key: cell for key, cell in zip(LONG_HEADER, cells, strict=True) if cell
    }
    if "derived" in fields:
        fields["derived"] = fields["derived"] == "true"
    return Reading.model_validate(fields)


def _exported(context: ExportContext) -> dict[str, list[Reading]]:
    """Each indicator's readings that are in the data file: its yearly values."""
    exported = {}
    for indicator in context.indicators:
        readings = context.readings.get(indicator.id, ())
        chosen = [reading for _year, reading in yearly_readings(indicator, readings)]
        if chosen:
            exported[indicator.id] = chosen
    return exported


def _by_indicator(sheets: list[Sheet]) -> dict[str, Sheet]:
    return {sheet.rows[0].cells[0]: sheet for sheet in sheets}


@pytest.fixture
def exported(tmp_path: Path) -> tuple[ExportContext, Path]:
    context = _context(_workspace(tmp_path / "ws"))
    return context, _write(context, tmp_path / "osdg")


def test_an_export_reads_back_as_the_readings_it_came_from(
    exported: tuple[ExportContext, Path],
) -> None:
    """Each row is the reading it came from: indicator, value, its own date (day, month or
    year), source, url, quote, qualifier and note; a mid-year reading is not in the data."""
    context, out = exported
    sheets = read_open_sdg(out, Path("osdg"))
    expected = _exported(context)
    assert (
        {sheet.rows[0].cells[0] for sheet in sheets}
        == set(expected)
        == {
            "stations",
            "revenue",
            "share",
        }
    )
    for indicator, sheet in _by_indicator(sheets).items():
        assert sheet.header.cells == LONG_HEADER
        assert sheet.notes == ()
        assert sheet.label.parts[:2] == ("osdg", "data")
        assert [row.cells for row in sheet.rows] == [_long_row(r) for r in expected[indicator]]
        for row, reading in zip(sheet.rows, expected[indicator], strict=True):
            again = _as_reading(row.cells)
            assert again.model_dump(exclude={"id", "recorded"}) == reading.model_dump(
                exclude={"id", "recorded"}
            )
    stations = _by_indicator(sheets)["stations"]
    assert [row.cells[2] for row in stations.rows] == ["2022-12-31", "2023-12", "2024"]
    assert [row.cells[1] for row in stations.rows] == ["180000", "200000", "224000"]
    assert "230000" not in {row.cells[1] for row in stations.rows}


def test_rows_are_numbered_as_the_data_file_lines(exported: tuple[ExportContext, Path]) -> None:
    """A problem in a row points into the data CSV: its label, and its line there."""
    _context, out = exported
    for sheet in read_open_sdg(out, out):
        lines = (sheet.label).read_text(encoding="utf-8").splitlines()
        assert sheet.header.number == 1
        for row in sheet.rows:
            assert lines[row.number - 1].split(",")[0] == str(row.cells[2])[:4]


def test_a_data_file_a_data_folder_and_the_root_read_the_same(
    exported: tuple[ExportContext, Path],
) -> None:
    """The repository root, its data/ folder and one data file give the same rows: the
    metadata is found in meta/ beside data/."""
    _context, out = exported
    root = read_open_sdg(out, Path("osdg"))
    folder = read_open_sdg(out / "data", Path("osdg/data"))
    assert [(s.label, s.rows, s.digest) for s in root] == [
        (s.label, s.rows, s.digest) for s in folder
    ]
    one = read_open_sdg(out / "data" / root[0].label.name, root[0].label)
    assert [(s.label, s.rows, s.notes) for s in one] == [(root[0].label, root[0].rows, ())]


def test_the_digest_covers_the_metadata(exported: tuple[ExportContext, Path]) -> None:
    """A sheet's digest changes with its metadata file, whose provenance its rows carry."""
    _context, out = exported
    before = {s.label: s.digest for s in read_open_sdg(out, out)}
    meta = next((out / "meta").glob("*.yml"))
    meta.write_text(meta.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = {s.label: s.digest for s in read_open_sdg(out, out)}
    assert sum(before[label] != after[label] for label in before) == 1


def test_data_files_are_in_the_order_of_their_codes(tmp_path: Path) -> None:
    """9-sd-2 comes before 9-sd-10, as the exporter numbered them."""
    data = tmp_path / "site" / "data"
    data.mkdir(parents=True)
    for code in ("9-sd-10", "9-sd-2", "9-sd-1"):
        (data / f"indicator_{code}.csv").write_text("Year,Value\n2024,1\n", encoding="utf-8")
    (data / "README.csv").write_text("Year,Value\n2024,1\n", encoding="utf-8")
    sheets = read_open_sdg(tmp_path / "site", Path("site"))
    assert [sheet.rows[0].cells[0] for sheet in sheets] == ["9-sd-1", "9-sd-2", "9-sd-10"]


def test_a_data_folder_without_metadata(
    exported: tuple[ExportContext, Path], tmp_path: Path
) -> None:
    """Without meta/, rows name the indicator by its code and have no source (the import
    asks for --source); a note says why."""
    _context, out = exported
    alone = tmp_path / "alone"
    shutil.copytree(out / "data", alone / "data")
    for sheet in read_open_sdg(alone, Path("alone")):
        code = sheet.label.name.removeprefix("indicator_").removesuffix(".csv")
        assert sheet.notes == (
            f"no metadata file meta/{code}.yml was found: the rows name the indicator by "
            f"the file's code, {code}",
        )
        for row in sheet.rows:
            assert row.cells[0] == code
            assert row.cells[2] == row.cells[2][:4]
            assert row.cells[3:] == ("",) * 7


FOREIGN_DATA = (
    "Year,Series,Units,Sex,Age,GeoCode,COMMENT_OBS,Value\n"
    "2015,SI_POV,Percent,,,,,12.5\n"
    "2015,SI_POV,Percent,Female,,,,13.1\n"
    "2016,SI_POV,Percent,,,,provisional,12.1\n"
    "2016,SI_POV,Percent,Male,15-24,,,11.0\n"
    "2016,SI_POV,Percent,,15-24,,,10.2\n"
    "2017,SI_POV,Percent,,,,,\n"
    "2017,SI_POV,Number,,,,,51000\n"
    "2018,SI_POV,Percent,,,E12000001,,11.9\n"
    "2019,SI_POV,Percent,,,E12000001,,11.7\n"
)
FOREIGN_META = (
    "indicator_number: 1.2.1\n"
    "reporting_status: complete\n"
    "source_active_1: false\n"
    "source_organisation_1: Old office\n"
    "source_active_2: true\n"
    "source_organisation_2: Office for National Statistics\n"
    "source_url_text_2: Household income survey\n"
    "source_url_2: https://ons.example/hbai\n"
)


def _foreign(root: Path, meta: str | None = FOREIGN_META, name: str = "1-2-1.yml") -> Path:
    (root / "data").mkdir(parents=True)
    (root / "data" / "indicator_1-2-1.csv").write_text(FOREIGN_DATA, encoding="utf-8")
    if meta is not None:
        (root / "meta").mkdir()
        (root / "meta" / name).write_text(meta, encoding="utf-8")
    return root


def test_another_sites_data_reads_its_headline(tmp_path: Path) -> None:
    """Another site's file: the headline rows (Series, Units and COMMENT_OBS are not
    breakdowns), with the file's code, the year as the date and the first active source;
    disaggregated rows, rows of a region the workspace does not know (GeoCode), rows
    without a value and another unit's rows are skipped and counted."""
    (sheet,) = read_open_sdg(_foreign(tmp_path / "site"), Path("site"))
    source = ("Office for National Statistics, Household income survey", "https://ons.example/hbai")
    assert [(row.number, row.cells) for row in sheet.rows] == [
        (2, ("1-2-1", "12.5", "2015", *source, "", "", "", "", "")),
        (4, ("1-2-1", "12.1", "2016", *source, "", "", "", "", "")),
    ]
    assert sheet.label == Path("site/data/indicator_1-2-1.csv")
    # A problem in a value or a date names the data file's own column (Value is column 8).
    assert [sheet.column_name(i) for i in range(len(LONG_HEADER))] == [
        "indicator", "8", "1", "source", "url", "quote", "qualifier", "note", "derived",
        "GeoCode",
    ]  # fmt: skip
    assert sheet.notes == (
        "site/meta/1-2-1.yml names no sdtrack indicator (sdtrack_id): the rows name the "
        "indicator by the file's code, 1-2-1",
        "3 disaggregated rows (by Sex, Age) were skipped: only headline rows, with every "
        "breakdown column empty, are read as readings",
        "2 rows for regions this workspace does not know (E12000001) were skipped; declare "
        "them under [[regions]], with their codes, to read them",
        "1 row without a value was skipped",
        "1 row of another series or unit (SI_POV / Number) was skipped: an indicator has one "
        "unit, and the file's first headline series (SI_POV / Percent) is read",
    )


def test_an_sdtrack_id_added_to_another_sites_metadata(tmp_path: Path) -> None:
    """A user maps another site's indicator by adding `sdtrack_id` to its metadata: the
    rows name that indicator and keep the site's source. sdtrack's own export (which
    writes sdtrack_version) names its targets' sources there, never taken for readings."""
    root = _foreign(tmp_path / "site", FOREIGN_META + "sdtrack_id: poverty-rate\n")
    (sheet,) = read_open_sdg(root, Path("site"))
    assert sheet.rows[0].cells[:5] == (
        "poverty-rate", "12.5", "2015",
        "Office for National Statistics, Household income survey", "https://ons.example/hbai",
    )  # fmt: skip
    assert not any("sdtrack_id" in note for note in sheet.notes)
    (root / "meta" / "1-2-1.yml").write_text(
        FOREIGN_META + "sdtrack_id: poverty-rate\nsdtrack_version: 1.0\n", encoding="utf-8"
    )
    (sheet,) = read_open_sdg(root, Path("site"))
    assert sheet.rows[0].cells[3:5] == ("", "")


def test_one_disaggregated_row_is_counted_in_the_singular(tmp_path: Path) -> None:
    path = tmp_path / "indicator_3-1-1.csv"
    path.write_text(
        "Year,Region,Sex,Value\n2020,,,5\n2020,,Female,6\n2020,North,,7\n", encoding="utf-8"
    )
    (sheet,) = read_open_sdg(path, Path("indicator_3-1-1.csv"))
    assert [row.cells[:3] for row in sheet.rows] == [("3-1-1", "5", "2020")]
    assert sheet.notes[-2:] == (
        "1 disaggregated row (by Sex) was skipped: only headline rows, with every "
        "breakdown column empty, are read as readings",
        "1 row for a region this workspace does not know (North) was skipped; declare it "
        "under [[regions]], with its code, to read it",
    )


def test_metadata_as_markdown_front_matter(tmp_path: Path) -> None:
    """Open SDG's older layout keeps metadata as YAML front matter in meta/CODE.md."""
    meta = f"---\n{FOREIGN_META}---\n# Indicator 1.2.1\n\nText: with [markdown] {{not yaml\n"
    (sheet,) = read_open_sdg(_foreign(tmp_path / "site", meta, "1-2-1.md"), Path("site"))
    assert sheet.rows[0].cells[3] == "Office for National Statistics, Household income survey"


def test_an_edited_value_keeps_no_stale_provenance(exported: tuple[ExportContext, Path]) -> None:
    """A value changed in the data file after the export is not the reading the metadata
    describes: its row gets the year and no source, and a note says so."""
    _context, out = exported
    sheet = _by_indicator(read_open_sdg(out, out))["share"]
    lines = sheet.label.read_text(encoding="utf-8").replace(",47.5\n", ",48\n")
    sheet.label.write_text(lines, encoding="utf-8")
    (again,) = [s for s in read_open_sdg(out, Path("o")) if s.rows[0].cells[0] == "share"]
    assert again.rows[0].cells == ("share", "48", "2024", "", "", "", "", "", "", "")
    meta = Path("o") / "meta" / again.label.name.removeprefix("indicator_").replace(".csv", ".yml")
    assert again.notes == (
        f"1 row's value differs from the one {meta} records for its year (sdtrack_values): "
        "its date and source are not taken from there",
    )


@pytest.mark.parametrize(
    ("meta", "line", "field", "message"),
    [
        ("indicator_number: 1.2.1\nsource_url_1: [unclosed\n", 3, None, "is not readable YAML"),
        ("- a list\n- not fields\n", 1, None, "is not Open SDG metadata"),
        ("a: 1\n---\nb: 2\n", 2, None, "is not readable YAML"),
        ("sdtrack_id: [x]\n", None, "sdtrack_id", "must be an indicator id"),
        ("sdtrack_values: 12\n", None, "sdtrack_values", "must be a list"),
        ("sdtrack_values:\n- year: 2015\n  value: '12.5'\n- just text\n", 4,
         "sdtrack_values[1]", "must be a mapping"),
        ("sdtrack_values:\n- value: '12.5'\n", 2, "sdtrack_values[0].year", "must give the year"),
        ("sdtrack_values:\n- year: 2015\n", 2, "sdtrack_values[0].value", "must give the value"),
        ("x: 1\nsdtrack_values:\n- year: 2015\n  value: '12.5'\n  source: [a, b]\n", 3,
         "sdtrack_values[0].source", "must be text"),
    ],
)  # fmt: skip
def test_a_damaged_metadata_file_is_a_located_error(
    tmp_path: Path, meta: str, line: int | None, field: str | None, message: str
) -> None:
    """Each damage is a DataError naming the metadata file, its line and field."""
    root = _foreign(tmp_path / "site", meta)
    with pytest.raises(DataError) as caught:
        read_open_sdg(root, Path("site"))
    (problem,) = caught.value.problems
    assert problem.file == Path("site/meta/1-2-1.yml")
    assert (problem.line, problem.field) == (line, field)
    assert problem.message.startswith(message)


def test_metadata_that_is_not_utf8_text(tmp_path: Path) -> None:
    root = _foreign(tmp_path / "site", "")
    (root / "meta" / "1-2-1.yml").write_bytes(b"\xff\xfe\x00\xd8 broken")
    with pytest.raises(DataError) as caught:
        read_open_sdg(root, Path("site"))
    assert caught.value.problems[0].file == Path("site/meta/1-2-1.yml")


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        ("Year,Units\n2015,x\n", 1, "is not Open SDG data: its header has no Value column"),
        ("When,Value\n2015,1\n", 1, "is not Open SDG data: its header has no Year column"),
        ("Year,Value\n2015,1\n2016,2,extra\n", 3, "this row has 3 cells but the header has 2"),
        ("Year,Value\n2015,1\n2016," + "9" * 200_000 + "\n", 3, "is not a readable CSV table"),
    ],
)
def test_a_damaged_data_file_is_a_located_error(
    tmp_path: Path, data: str, line: int, message: str
) -> None:
    path = tmp_path / "indicator_1-1-1.csv"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_open_sdg(path, Path("in/indicator_1-1-1.csv"))
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (Path("in/indicator_1-1-1.csv"), line)
    assert problem.message.startswith(message)


def test_a_folder_without_data_files_and_a_missing_path(tmp_path: Path) -> None:
    (tmp_path / "site" / "meta").mkdir(parents=True)
    with pytest.raises(DataError, match="holds no Open SDG data file"):
        read_open_sdg(tmp_path / "site", Path("site"))
    with pytest.raises(UsageError, match="no such file"):
        read_open_sdg(tmp_path / "nowhere.csv", Path("nowhere.csv"))


def test_an_unreadable_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be listed is a located DataError, not a traceback."""
    (tmp_path / "site" / "data").mkdir(parents=True)

    def refused(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refused)
    with pytest.raises(DataError) as caught:
        read_open_sdg(tmp_path / "site", Path("site"))
    assert str(caught.value.problems[0]) == "site/data: cannot be read: Permission denied"


# YAML's own line breaks too: PyYAML's plain dumper reads NEXT LINE (U+0085) back as a space.
LINE_BREAKS = ("line\x85break", "line\u2028break", "para\u2029graph")
hostile = st.sampled_from(ATTACKS + LINE_BREAKS) | st.text(min_size=1, max_size=40).filter(
    str.strip
)


@settings(max_examples=40)
@given(text=st.fixed_dictionaries(dict.fromkeys(("source", "url", "quote", "note"), hostile)))
def test_hostile_text_is_written_inert_and_read_back_as_it_was(
    tmp_path_factory: pytest.TempPathFactory, text: Mapping[str, str]
) -> None:
    """Any text in a reading's source, url, quote and note: the data CSV has no cell a
    spreadsheet would run, and the rows read back hold the original text exactly."""
    directory = tmp_path_factory.mktemp("hostile")
    base = _context(_workspace(directory / "ws", READINGS[:1]))
    readings = {key: tuple(r.model_copy(update=text) for r in value)
                for key, value in base.readings.items()}  # fmt: skip
    context = dataclasses.replace(base, readings=readings)
    out = _write(context, directory / "osdg")
    for path in (out / "data").iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not any(is_formula(cell) for cell in line.split(","))
    sheets = _by_indicator(read_open_sdg(out, out))
    for indicator, chosen in _exported(context).items():
        assert [row.cells for row in sheets[indicator].rows] == [_long_row(r) for r in chosen]


def test_a_neutralised_unit_does_not_touch_the_readings(tmp_path: Path) -> None:
    """A unit a spreadsheet would run is neutralised in the data CSV; the readings read
    back are unchanged (the unit is not one of their cells)."""
    workspace = _workspace(tmp_path / "ws", READINGS[:2])
    targets = (tmp_path / "ws" / "targets.toml").read_text(encoding="utf-8")
    targets = targets.replace('unit = "base stations"', 'unit = "=1+1 stations"')
    (tmp_path / "ws" / "targets.toml").write_text(targets, encoding="utf-8")
    workspace = load_workspace(locate_workspace(tmp_path / "ws", None, tmp_path / "ws"))
    context = _context(workspace)
    out = _write(context, tmp_path / "osdg")
    stations = _by_indicator(read_open_sdg(out, out))["stations"]
    assert ",'=1+1 stations," in stations.label.read_text(encoding="utf-8")
    assert [row.cells for row in stations.rows] == [
        _long_row(r) for r in _exported(context)["stations"]
    ]


def test_is_open_sdg(exported: tuple[ExportContext, Path], tmp_path: Path) -> None:
    """Folders with data/ or meta/, a data folder, and a data file whose header starts with
    Year are Open SDG; a workspace, another CSV, a missing path and a pipe are not."""
    _context, out = exported
    data_file = next((out / "data").iterdir())
    assert is_open_sdg(out)
    assert is_open_sdg(out / "data")
    assert is_open_sdg(data_file)
    other = tmp_path / "indicator_x.csv"
    other.write_text("indicator,value,date\n", encoding="utf-8")
    bom = tmp_path / "indicator_1-1-1.csv"
    bom.write_bytes(b'\xef\xbb\xbf"Year",Value\n2020,1\n')
    assert is_open_sdg(bom)
    renamed = tmp_path / "readings.csv"
    shutil.copy(data_file, renamed)
    assert not is_open_sdg(other)
    assert not is_open_sdg(renamed)
    assert not is_open_sdg(tmp_path / "ws")
    assert not is_open_sdg(tmp_path / "missing")
    pipe = tmp_path / "indicator_pipe.csv"
    os.mkfifo(pipe)
    assert not is_open_sdg(pipe)


def test_notes_and_problems_are_looked_up_whole(tmp_path: Path, marked: None) -> None:
    """In Chinese each note and problem is one catalog message, its placeholders filled
    after the look-up."""
    (sheet,) = read_open_sdg(_foreign(tmp_path / "site"), Path("site"))
    assert sheet.notes[1] == (
        "⟪3 disaggregated rows (by Sex, Age) were skipped: only headline rows, with every "
        "breakdown column empty, are read as readings⟫"
    )
    (tmp_path / "site" / "meta" / "1-2-1.yml").write_text("sdtrack_values: 1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_open_sdg(tmp_path / "site", Path("site"))
    assert caught.value.problems[0].message == "⟪must be a list of values, one per year⟫"


REGIONAL_DATA = (
    "Year,Region,Sex,GeoCode,Value\n"
    "2021,,,,3\n"
    "2021,Jinan,,370100,1\n"
    "2021,青岛市,,,1\n"
    "2021,,,370300,1\n"
    "2021,Shandong,,370000,3\n"
    "2021,Jinan,Female,370100,1\n"
    "2021,Atlantis,,,1\n"
    "2022,Jiangsu,,320000,1\n"
)
REGIONAL_META = """sdtrack_id: gigabit-cities
sdtrack_version: 1.0
sdtrack_values:
- {year: 2021, value: '3', source: Provincial list}
- {year: 2021, value: '1', region: jinan, source: Jinan list, date: '2021-11'}
- {year: 2021, value: '1', region: qingdao, source: Qingdao list}
"""


def _regional(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "meta").mkdir()
    (root / "data" / "indicator_9-sd-1.csv").write_text(REGIONAL_DATA, encoding="utf-8")
    (root / "meta" / "9-sd-1.yml").write_text(REGIONAL_META, encoding="utf-8")
    return root


def test_rows_disaggregated_by_region_alone_are_that_regions_readings(tmp_path: Path) -> None:
    """A row whose only breakdown is its region (GeoCode, the division code; or Region,
    a name) is that region's reading, its provenance from the sdtrack_values entry of its
    year, value and region; the workspace's own region is the headline. Rows broken down
    by anything else, or of a region the workspace does not know, are skipped and counted."""
    geography = Geography.of(own="shandong")
    (sheet,) = read_open_sdg(_regional(tmp_path / "site"), Path("site"), geography)
    got = [(row.number, row.cells[1], row.cells[2], row.cells[3], row.cells[-1])
           for row in sheet.rows]  # fmt: skip
    assert got == [
        (2, "3", "2021", "Provincial list", ""),
        (3, "1", "2021-11", "Jinan list", "jinan"),
        (4, "1", "2021", "Qingdao list", "qingdao"),
        (5, "1", "2021", "", "zibo"),
        (6, "3", "2021", "Provincial list", ""),
    ]
    assert sheet.column_name(LONG_HEADER.index("region")) == "GeoCode"
    assert sheet.notes == (
        "1 disaggregated row (by Sex) was skipped: only headline rows, with every breakdown "
        "column empty, are read as readings",
        "2 rows for regions this workspace does not know (Atlantis, 320000) were skipped; "
        "declare them under [[regions]], with their codes, to read them",
    )


def test_a_region_the_workspace_declares_is_read_by_its_code(tmp_path: Path) -> None:
    jiangsu = Region(id="jiangsu", name="Jiangsu", name_zh="江苏省", parent="china",
                     level="province", code="320000")  # fmt: skip
    geography = Geography.of([jiangsu], own="shandong")
    (sheet,) = read_open_sdg(_regional(tmp_path / "site"), Path("site"), geography)
    assert [row.cells[-1] for row in sheet.rows][-1] == "jiangsu"
    assert "Atlantis" in sheet.notes[-1]


def test_regional_rows_import_as_readings_of_their_regions(tmp_path: Path) -> None:
    """Through the import: each regional row is a reading with its region, none conflicts
    with another region's, and the headline's two rows (one by GeoCode 370000) are one."""
    targets = TargetsFile.model_validate(
        {"schema": 1, "title": "T", "region": "shandong",
         "indicator": [{"id": "gigabit-cities", "name": "Gigabit cities", "unit": "cities",
                        "kind": "stock"}]}
    )  # fmt: skip
    sheets = read_open_sdg(_regional(tmp_path / "site"), Path("site"), Geography.of(own="shandong"))
    defaults = Defaults({"source": "Site data"})
    candidates, _ignored, problems = sheet_candidates(sheets, targets, defaults, NOW)
    assert problems == []
    plan = plan_import(Ledger(), candidates, {i.id: i for i in targets.indicators})
    assert [(c.reading.region, c.reading.source) for c in plan.recorded] == [
        (None, "Provincial list"),
        ("jinan", "Jinan list"),
        ("qingdao", "Qingdao list"),
        ("zibo", "Site data"),
    ]
    assert [c.row for c, _entry in plan.repeated] == [6]
    assert plan.conflicts == []
