"""The JSON exporter: the whole report as one versioned document."""

from __future__ import annotations

import json

from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.json_file import render, report_json

from .regional import CITIES


def test_report_json_holds_targets_trends_and_readings(context: ExportContext) -> None:
    """The document is an export envelope with every part of the report."""
    document = report_json(context)
    assert document["command"] == "export"
    assert document["as_of"] == "2026-11-22"
    assert document["generated_at"] == "2026-11-22T12:00:00+00:00"
    assert len(document["targets"]) == 20
    assert len(document["indicators_without_target"]) == 8


def test_render_is_that_document_as_utf8(context: ExportContext) -> None:
    """The file is the document, indented, with Chinese kept as is."""
    ((name, content),) = render(context, ExportOptions())
    assert name == ""
    assert json.loads(content) == report_json(context)
    assert "5G基站".encode() in content


def test_the_readings_written_as_text_are_their_records(regional: ExportContext) -> None:
    """The file's readings, written from each reading's own JSON text, are byte for byte
    what `json.dumps` writes of the document with the readings as records."""
    ((_, content),) = render(regional, ExportOptions())
    document = report_json(regional)
    assert document["readings"]
    assert content == (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def test_json_holds_the_breakdowns_and_plans(regional: ExportContext) -> None:
    """The export holds each indicator's breakdown (each city's latest reading, every
    roll-up beside the province's own figure) and each plan with its targets."""
    document = report_json(regional)
    assert document["region"] == "shandong"
    breakdowns = {b["indicator_id"]: b for b in document["breakdowns"]}
    assert list(breakdowns) == ["gigabit-cities", "5g-base-stations", "resident-population",
                                "5g-per-10k"]  # fmt: skip
    gigabit = breakdowns["gigabit-cities"]
    assert (gigabit["regions"], gigabit["reporting"], gigabit["rule"]) == (16, 14, "sum")
    assert gigabit["text"].startswith("14 of 16 cities reported")
    (rollup,) = gigabit["rollups"]
    assert rollup["missing"] == ["weifang", "heze"]
    assert (rollup["total"], rollup["own"], rollup["complete"]) == (None, 15, False)
    assert gigabit["latest"][0]["region"] == "jinan"
    assert gigabit["latest"][0]["code"] == "370100"
    assert gigabit["latest"][0]["reading"]["value"] == 1
    assert gigabit["latest"][6] == {"region": "weifang", "name": "Weifang", "code": "370700",
                                    "reading": None}  # fmt: skip
    assert gigabit["target_ids"] == ["gigabit-cities-2024"]
    (fiveg,) = breakdowns["5g-base-stations"]["rollups"]
    assert (fiveg["total"], fiveg["own"], fiveg["differs"]) == (224000, 230000, True)
    assert "differs from the total by 6,000 base stations" in fiveg["text"]
    ratio = breakdowns["5g-per-10k"]
    assert ratio["rule"] == "none"
    assert ratio["derived"] is True
    assert ratio["latest"][0]["reading"]["inputs"][0]["indicator_id"] == "5g-base-stations"
    plans = {p["id"]: p for p in document["plans"]}
    assert plans["scio-2024-04-10"]["target_ids"] == [
        "gigabit-cities-2024",
        "5g-base-stations-2025",
    ]
    assert plans["5g-plan-2025"]["document"] == "鲁通信〔2025〕1号"


def test_every_reading_names_its_region(regional: ExportContext) -> None:
    """Each reading of the export names the region it is for, the province's included."""
    readings = report_json(regional)["readings"]
    assert {r["region"] for r in readings} == {"shandong", *(c.id for c in CITIES)}
    derived = [r for r in readings if r["indicator_id"] == "5g-per-10k"]
    assert [r["region"] for r in derived] == ["shandong", "jinan"]
    assert all(r["derived"] and len(r["inputs"]) == 2 for r in derived)
