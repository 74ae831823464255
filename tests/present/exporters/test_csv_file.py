"""The CSV exporter: one row per target, or every reading; Excel's variant on request."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from sdtrack.core import language
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.csv_file import render, write_csv
from sdtrack.present.exporters.tables import READING_COLUMNS, TARGET_COLUMNS

from .conftest import FAKE_ZH, FakeCatalog


def test_write_csv_cells() -> None:
    """None is empty, booleans are words, formula text is neutralised."""
    data = write_csv(["a", "b", "c"], [{"a": None, "b": True, "c": "=1+1"}], excel=False)
    assert data == b"a,b,c\n,true,'=1+1\n"


def test_excel_csv_has_a_byte_order_mark_and_crlf() -> None:
    """--excel writes UTF-8 with a byte-order mark and CRLF line ends."""
    data = write_csv(["a"], [{"a": "山东"}], excel=True)
    assert data == "\ufeffa\r\n山东\r\n".encode()


def test_render_targets_and_readings(context: ExportContext) -> None:
    """The default is one row per target; --readings gives every reading."""
    ((name, content),) = render(context, ExportOptions())
    assert name == ""
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert list(rows[0]) == list(TARGET_COLUMNS)
    assert len(rows) == len(context.report.assessments) == 20
    ((_, content),) = render(context, ExportOptions(readings=True))
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert list(rows[0]) == list(READING_COLUMNS)
    assert len(rows) == len(context.reading_records())


@pytest.mark.usefixtures("zh_catalog")
def test_chinese_keeps_field_names_and_codes(zh_context: ExportContext) -> None:
    """In Chinese the CSV's header and codes are the English ones; display text follows."""
    language._State.catalog = FakeCatalog({**FAKE_ZH, "overdue": "逾期"})
    ((_, content),) = render(zh_context, ExportOptions())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert list(rows[0]) == list(TARGET_COLUMNS)
    codes = {"achieved", "on_track", "overdue", "no_data", "not_assessable"}
    assert {row["status"] for row in rows} == {row["status_code"] for row in rows} == codes
    overdue = [row for row in rows if row["status_code"] == "overdue"]
    assert {row["status_text"] for row in overdue} == {"逾期"}
    assert {row["outlook"] for row in rows} <= {"likely_met", "likely_missed", ""}
    assert rows[0]["indicator_zh"] == "省级支持建设的智慧社区（村居）"


def test_numbers_have_the_stated_precision(context: ExportContext) -> None:
    """No float noise: rates and estimates carry at most 6 significant digits, values their
    own digits; the new facts are columns (codes, ISO dates, booleans)."""
    ((_, content),) = render(context, ExportOptions())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    rounded = ("progress", "cagr_observed", "cagr_required", "ratio", "score", "projected")
    rounded += ("projected_linear", "pace_observed", "pace_required", "projection_share")
    for row in rows:
        for column in rounded:
            digits = row[column].lstrip("-").replace(".", "").strip("0")
            assert len(digits) <= 6, (column, row[column])
    row = next(r for r in rows if r["target_id"] == "5g-base-stations-2025-first")
    assert row["expected_by"] == "2026-03-31"
    assert row["awaited"] == "2025"
    assert row["indicative"] in ("true", "false")
    assert row["target_value"] == "250000"


@pytest.mark.parametrize(
    "text", [" =1", "\n=1", "\xa0=1", "\u200b@x", "＝1", "＋1", "－1", "＠x", "\t1", "\r1"]
)
def test_formula_after_any_blank_or_in_full_width_is_neutralised(text: str) -> None:
    """Leading whitespace of any kind, or a full-width sign, does not hide a formula."""
    data = write_csv(["a"], [{"a": text}], excel=False).decode("utf-8")
    ((cell,),) = list(csv.reader(io.StringIO(data, newline="")))[1:]
    assert cell == "'" + text


def test_negative_numbers_stay_numbers() -> None:
    """A negative value is a number cell, written as its digits, never behind an apostrophe."""
    data = write_csv(["v"], [{"v": Decimal("-2400000000000")}, {"v": -0.5}], excel=False)
    assert data == b"v\n-2400000000000\n-0.5\n"


def test_a_carriage_return_stays_inside_its_cell() -> None:
    """A bare CR in a cell is quoted, so a reader does not end the row there."""
    for excel in (False, True):
        data = write_csv(["a", "b"], [{"a": "x\ry", "b": "z"}], excel=excel)
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert rows == [["a", "b"], ["x\ry", "z"]]


def test_every_reading_row_names_its_region(regional: ExportContext) -> None:
    """--readings: each row has its region's id and name, the province's own readings
    first; a derived value names the readings it was computed from."""
    ((_, content),) = render(regional, ExportOptions(readings=True))
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    fiveg = [r for r in rows if r["indicator_id"] == "5g-base-stations"]
    assert [(r["region"], r["region_name"]) for r in fiveg[:3]] == [
        ("shandong", "Shandong"),
        ("shandong", "Shandong"),
        ("jinan", "Jinan"),
    ]
    assert len(fiveg) == 2 + 16
    derived = [r for r in rows if r["indicator_id"] == "5g-per-10k"]
    assert [r["region"] for r in derived] == ["shandong", "jinan"]
    assert derived[0]["derived"] == "true"
    assert derived[0]["inputs"].split(";")[0] == "5g-own-2024"


def test_target_rows_name_region_plan_and_counted_regions(regional: ExportContext) -> None:
    """Each target row names its region and plan; a count-of-regions target lists the
    regions meeting the condition and those without a reading."""
    ((_, content),) = render(regional, ExportOptions())
    rows = {r["target_id"]: r for r in csv.DictReader(io.StringIO(content.decode("utf-8")))}
    count = rows["gigabit-cities-2024"]
    assert (count["region"], count["plan"]) == ("shandong", "scio-2024-04-10")
    assert count["regions_unreported"] == "weifang;heze"
    assert len(count["regions_meeting"].split(";")) == 14
    assert count["regions_short"] == ""
    assert rows["5g-per-10k-2027"]["plan"] == "5g-plan-2025"
    assert rows["5g-base-stations-2025"]["regions_meeting"] == ""


@pytest.mark.usefixtures("zh")
def test_chinese_region_names_keep_their_ids(regional_zh: ExportContext) -> None:
    """In Chinese the region's name is Chinese; its id (a field value) is not."""
    ((_, content),) = render(regional_zh, ExportOptions(readings=True))
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    jinan = next(r for r in rows if r["region"] == "jinan")
    assert jinan["region_name"] == "济南市"
    assert next(r for r in rows if r["region"] == "shandong")["region_name"] == "山东省"
