"""Reports: every format renders the one computed report, safely and completely."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.store.locations import READINGS_FILE

from .browser import chromium, render_page
from .conftest import REPO, tree_hashes
from .present.exporters.regional import regional_workspace

GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-22"
EVIL = '=HYPERLINK("http://evil.example","click") <script>alert(1)</script>'


def run(runner: CliRunner, *args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def golden(name: str, content: bytes) -> None:
    """Compare with tests/golden/NAME; SDTRACK_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("SDTRACK_UPDATE_GOLDEN") == "1":
        path.write_bytes(content)
    assert content.decode("utf-8") == path.read_text(encoding="utf-8")


@pytest.fixture
def rich_workspace(workspace: Path) -> Path:
    """The Shandong workspace plus illustrative readings that give trends and a hostile source."""
    with (workspace / READINGS_FILE).open("a", encoding="utf-8") as ledger:
        ledger.write(
            '\n[[reading]]\nid = "t-5g-2024"\nindicator = "5g-base-stations"\n'
            'value = 235000\ndate = 2024\nsource = "Illustrative bulletin"\n'
            'url = "https://example.org/bulletin"\n'
            f'\n[[reading]]\nid = "t-evil"\nindicator = "iot-terminals"\nvalue = "2.5亿"\n'
            f"date = 2025\nsource = {json.dumps(EVIL)}\nnote = {json.dumps(EVIL)}\n"
        )
    return workspace


def test_markdown_golden(runner: CliRunner) -> None:
    """Markdown of the shipped dataset matches the golden file (as-of and clock pinned)."""
    code, out, err = run(runner, "export", "--format", "md", "--as-of", AS_OF)
    assert code == 0, err
    golden("report.md", out)


def test_csv_golden(runner: CliRunner) -> None:
    """CSV (one row per target) matches the golden file."""
    code, out, _ = run(runner, "export", "--format", "csv", "--as-of", AS_OF)
    assert code == 0
    golden("report.csv", out)


def test_json_golden_and_schema(runner: CliRunner) -> None:
    """JSON matches the golden file and validates against docs/report.schema.json."""
    from jsonschema import Draft202012Validator

    code, out, _ = run(runner, "export", "--format", "json", "--as-of", AS_OF)
    assert code == 0
    golden("report.json", out)
    schema = json.loads((REPO / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(json.loads(out))


def test_every_format_states_as_of_generation_method_version(runner: CliRunner) -> None:
    """Markdown, CSV-free formats and HTML all state the as-of date, time, method, version."""
    for fmt in ("md", "html"):
        code, out, _ = run(runner, "export", "--format", fmt, "--as-of", AS_OF)
        text = out.decode("utf-8")
        assert code == 0
        assert AS_OF in text
        assert "2026-11-22T12:00:00+00:00" in text
        assert "cagr-ratio" in text
        assert "sdtrack 0.1.0" in text


def test_csv_neutralises_formulas_and_excel_has_bom(
    runner: CliRunner, rich_workspace: Path
) -> None:
    """A source starting with '=' is written inert; --excel adds a UTF-8 byte-order mark."""
    code, out, _ = run(
        runner, "export", "--format", "csv", "--readings", "--excel", "--dir", str(rich_workspace)
    )
    assert code == 0
    assert out.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"))))
    evil = next(r for r in rows if r["reading_id"] == "t-evil")
    assert evil["source"] == "'" + EVIL
    assert evil["note"] == "'" + EVIL
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row.values())
    assert any(r["indicator"] == "5G base stations in service" for r in rows)


def test_xlsx_read_back_cell_by_cell(
    runner: CliRunner, rich_workspace: Path, tmp_path: Path
) -> None:
    """The workbook has its four sheets (then one per regional breakdown), typed cells,
    frozen headers, Chinese intact, no formulas."""
    path = tmp_path / "report.xlsx"
    code, _, err = run(runner, "export", "-o", str(path), "--dir", str(rich_workspace))
    assert code == 0, err
    book = load_workbook(path)
    assert book.sheetnames[:4] == ["Summary", "Targets", "Readings", "Sources"]
    assert "gigabit-cities" in book.sheetnames[4:]
    targets = book["Targets"]
    assert targets.freeze_panes == "A2"
    header = [c.value for c in targets[1]]
    row = {header[i]: c for i, c in enumerate(targets[4])}
    assert row["target_id"].value == "5g-base-stations-2025"
    assert row["indicator_zh"].value == "5G基站"
    assert row["target_value"].value == 270000
    assert row["deadline"].value == dt.datetime(2025, 12, 31)
    assert row["deadline"].number_format == "yyyy-mm-dd"
    assert row["progress"].number_format == "0.0%"
    assert isinstance(row["progress"].value, float)
    assert row["latest_value"].value == 235000
    readings = book["Readings"]
    rheader = [c.value for c in readings[1]]
    for cells in readings.iter_rows(min_row=2):
        record = {rheader[i]: c for i, c in enumerate(cells)}
        assert record["value"].data_type == "n"
        assert record["period_end"].is_date
        if record["reading_id"].value == "t-evil":
            assert record["source"].value == "'" + EVIL
            assert record["source"].data_type == "s"
    summary = {r[0].value: r[1].value for r in book["Summary"].iter_rows(min_row=2)}
    assert summary["as_of"] == dt.datetime(2026, 11, 22)
    assert summary["method"] == "cagr-ratio, per-year"
    assert targets.column_dimensions["A"].width > 10


def test_open_sdg_files_follow_the_open_sdg_format(runner: CliRunner, tmp_path: Path) -> None:
    """One data CSV (Year, Units, Value) and one metadata YAML per indicator, as Open SDG reads."""
    out = tmp_path / "osdg"
    code, _, err = run(runner, "export", "--format", "open-sdg", "-o", str(out), "--as-of", AS_OF)
    assert code == 0, err
    data = sorted((out / "data").iterdir())
    meta = sorted((out / "meta").iterdir())
    # Every indicator has metadata; only those with a figure that represents a year (a
    # year figure, or a stock at 31 December) have data: sdg-build fails a header-only file.
    indicators = tomllib.loads((REPO / "targets.toml").read_text(encoding="utf-8"))["indicator"]
    assert len(meta) == len(indicators)
    assert 0 < len(data) < len(meta)
    for path in data:
        assert re.fullmatch(r"indicator_\d+-[a-z0-9]+-\d+\.csv", path.name)
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        assert rows[0][0] == "Year"
        assert rows[0][-1] == "Value"
        for row in rows[1:]:
            assert re.fullmatch(r"\d{4}", row[0])
            float(row[-1])
    required = {
        "indicator_number", "indicator_name", "indicator_sort_order", "sdg_goal", "target_id",
        "reporting_status", "published", "data_non_statistical", "graph_type", "graph_title",
    }  # fmt: skip
    for path in meta:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert required <= set(document)
        code_id = path.stem
        assert document["indicator_number"] == code_id.replace("-", ".")
        assert document["reporting_status"] in {"complete", "inprogress", "notstarted"}
        assert document["graph_type"] == "line"
        for options in document.get("progress_calculation_options", []):
            assert options["direction"] in {"positive", "negative"}
            assert isinstance(options["target"], int | float)
    fiveg = yaml.safe_load((out / "meta" / "9-sd-2.yml").read_text(encoding="utf-8"))
    assert fiveg["sdtrack_id"] == "5g-base-stations"
    assert fiveg["progress_calculation_options"][0]["target"] == 270000
    assert "more than 250,000" in fiveg["source_other_info_1"]
    assert "over 270,000" in fiveg["source_other_info_2"]


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html(runner: CliRunner, workspace: Path, tmp_path: Path) -> tuple[Path, str, _Page]:
    path = tmp_path / "report.html"
    code, _, err = run(runner, "export", "-o", str(path), "--dir", str(workspace))
    assert code == 0, err
    text = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    return path, text, page


def test_html_has_every_target_chart_and_source(
    runner: CliRunner, rich_workspace: Path, tmp_path: Path
) -> None:
    """The page lists every target, one chart per indicator and every numbered source."""
    _, text, page = _html(runner, rich_workspace, tmp_path)
    ids = {attrs.get("id") for _, attrs in page.tags}
    for target_id in (
        "smart-communities-2025", "5g-base-stations-2025", "it-industry-revenue-2025",
        "it-industry-revenue-growth", "gigabit-cities-2024", "smart-agriculture-bases-2025",
        "platform-economy-clusters-2025", "leading-projects-yearly",
    ):  # fmt: skip
        assert f"row-{target_id}" in ids
        assert f"target-{target_id}" in ids
    # A chart per indicator, and one per city that has targets of its own.
    sections = sum(1 for tag, attrs in page.tags if attrs.get("class") == "indicator")
    charts = sum(1 for tag, _ in page.tags if tag == "svg")
    assert charts == sum(1 for tag, attrs in page.tags if attrs.get("role") == "img")
    assert sections <= charts
    sources = [i for i in ids if i and i.startswith("source-")]
    assert len(sources) >= 6
    assert "5G基站" in text
    assert "bringing the total number to over 270,000" in text


def test_html_is_self_contained_and_escapes_user_text(
    runner: CliRunner, rich_workspace: Path, tmp_path: Path
) -> None:
    """No script, stylesheet or image is fetched; a hostile source is escaped, never run."""
    _, text, page = _html(runner, rich_workspace, tmp_path)
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "iframe", "img")
        if tag != "a":
            assert not any(
                str(v).startswith("http") for k, v in attrs.items() if k in ("src", "href")
            )


def test_html_renders_in_headless_chromium(
    runner: CliRunner, rich_workspace: Path, tmp_path: Path
) -> None:
    """Debian's Chromium renders the report with no console errors."""
    if chromium() is None:
        pytest.skip("no Chromium here: `apt-get install chromium` (.ci/run installs it)")
    path, text, _ = _html(runner, rich_workspace, tmp_path)
    dom, messages = render_page(path)
    assert messages == []
    assert "5g-base-stations-2025" in dom
    assert dom.count("<svg") == text.count("<svg")


def test_export_refuses_to_overwrite_without_force(
    runner: CliRunner, workspace: Path, tmp_path: Path
) -> None:
    """An existing file is kept unless --force; --force replaces it."""
    path = tmp_path / "report.md"
    path.write_text("keep me", encoding="utf-8")
    before = tree_hashes(tmp_path)
    code, _, err = run(runner, "export", "-o", str(path), "--dir", str(workspace))
    assert code == 2
    assert "already exists" in err
    assert tree_hashes(tmp_path) == before
    code, _, _ = run(runner, "export", "-o", str(path), "--force", "--dir", str(workspace))
    assert code == 0
    assert path.read_text(encoding="utf-8").startswith("# Shandong")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["-o", "report.txt"], "cannot tell the format"),
        (["--format", "pdf"], "unknown format 'pdf'"),
        (["--format", "xlsx"], "needs -o PATH"),
        (["--format", "open-sdg"], "needs -o PATH"),
        (["--format", "md", "--readings"], "are for the csv format"),
        ([], "give --format or an -o path"),
    ],
)
def test_export_usage_errors(runner: CliRunner, args: list[str], fragment: str) -> None:
    """Wrong format choices are usage errors with a clear message."""
    code, _, err = run(runner, "export", *args)
    assert code == 2
    assert fragment in err


def test_show_chart_draws_readings_targets_and_projection(
    runner: CliRunner, rich_workspace: Path
) -> None:
    """show --chart draws the readings, the target, the required path and the projection."""
    result = runner.invoke(
        app,
        [
            "show",
            "5g-base-stations",
            "--chart",
            "--as-of",
            "2025-06-30",
            "--dir",
            str(rich_workspace),
        ],
    )
    assert result.exit_code == 0
    chart = result.stdout.split("Readings (")[1]
    for symbol in ("●", "★", "·", "-"):
        assert symbol in chart
    assert "2024-04-10" in chart
    assert "2025-12-31" in chart


@pytest.fixture
def regional_dir(tmp_path: Path) -> Path:
    """A workspace with every city's readings, plans, a count-of-regions target and a
    derived indicator (tests/present/exporters/regional.py)."""
    directory = tmp_path / "regional"
    regional_workspace(directory)
    return directory


def _export(runner: CliRunner, directory: Path, fmt: str, *more: str) -> bytes:
    code, out, err = run(runner, "export", "--format", fmt, *more, "--dir", str(directory),
                         "--as-of", AS_OF)  # fmt: skip
    assert code == 0, err
    return out


def test_every_format_gives_the_same_regional_figures(
    runner: CliRunner, regional_dir: Path, tmp_path: Path
) -> None:
    """Markdown, HTML, JSON, CSV, XLSX and Open SDG say the same of the cities: 14 of 16
    reported the gigabit standard (so no total), and the 16 cities' base stations add up
    to 224,000 beside the province's own 230,000, a difference flagged."""
    markdown = _export(runner, regional_dir, "md").decode()
    html = _export(runner, regional_dir, "html").decode()
    for text in (markdown, html.replace("&#39;", "'")):
        assert "14 of 16 cities reported: no total; Shandong's own figure: 15 cities" in text
        assert "sum of the 16 cities: 224,000 base stations" in text
        assert "Shandong's own figure: 230,000 base stations" in text
        assert "differs from the total by 6,000 base stations" in text
        assert "Still missing: Weifang" in text
    document = json.loads(_export(runner, regional_dir, "json"))
    breakdowns = {b["indicator_id"]: b for b in document["breakdowns"]}
    assert breakdowns["gigabit-cities"]["reporting"] == 14
    (rollup,) = breakdowns["5g-base-stations"]["rollups"]
    assert (rollup["total"], rollup["own"], rollup["differs"]) == (224000, 230000, True)
    assert [p["id"] for p in document["plans"]] == ["scio-2024-04-10", "5g-plan-2025"]
    rows = list(csv.DictReader(io.StringIO(_export(runner, regional_dir, "csv", "--readings")
                                           .decode())))  # fmt: skip
    fiveg = [
        r for r in rows if r["indicator_id"] == "5g-base-stations" and r["region"] != "shandong"
    ]
    assert sum(int(r["value"]) for r in fiveg) == 224000
    path = tmp_path / "report.xlsx"
    code, _, err = run(runner, "export", "-o", str(path), "--dir", str(regional_dir),
                       "--as-of", AS_OF)  # fmt: skip
    assert code == 0, err
    book = load_workbook(path)
    sheet = list(book["5g-base-stations"].iter_rows(values_only=True))
    rollup_header = sheet[18]
    values = dict(zip(rollup_header, sheet[19], strict=True))
    assert (values["reported"], values["total"], values["own"]) == (16, 224000, 230000)
    out = tmp_path / "osdg"
    code, _, err = run(runner, "export", "--format", "open-sdg", "-o", str(out),
                       "--dir", str(regional_dir), "--as-of", AS_OF)  # fmt: skip
    assert code == 0, err
    data = list(csv.DictReader(io.StringIO((out / "data" / "indicator_9-sd-2.csv").read_text())))
    assert sum(int(r["Value"]) for r in data if r["GeoCode"]) == 224000


def test_open_sdg_regional_rows_follow_the_open_sdg_format(
    runner: CliRunner, regional_dir: Path, tmp_path: Path
) -> None:
    """Regional rows as Open SDG reads them: Year first, Value last, GeoCode second from
    last, the disaggregation columns between; headline rows leave them empty; no category
    has a space at its end; and importing the folder back finds every reading recorded
    (a derived indicator's values are not imported: they are computed)."""
    out = tmp_path / "osdg"
    code, _, err = run(runner, "export", "--format", "open-sdg", "-o", str(out),
                       "--dir", str(regional_dir), "--as-of", AS_OF)  # fmt: skip
    assert code == 0, err
    for path in sorted((out / "data").iterdir()):
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        header = rows[0]
        assert (header[0], header[-1]) == ("Year", "Value")
        assert header[-2] == "GeoCode"
        disaggregations = [i for i, c in enumerate(header) if c not in ("Year", "Units", "Value")]
        headline = [r for r in rows[1:] if not any(r[i] for i in disaggregations)]
        assert headline == rows[1 : 1 + len(headline)]
        for row in rows[len(headline) + 1 :]:
            assert all(row[i] and row[i] == row[i].strip() for i in disaggregations)
            assert re.fullmatch(r"37\d{2}00", row[-2])
        meta = yaml.safe_load((out / "meta" / f"{path.stem.removeprefix('indicator_')}.yml")
                              .read_text(encoding="utf-8"))  # fmt: skip
        assert meta["expected_disaggregations"] == ["Region"]
    code, stdout, err = run(runner, "import", str(out), "--dry-run", "--dir", str(regional_dir))
    assert code == 0, err
    assert "Would record 0 readings" in stdout.decode()
