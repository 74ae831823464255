"""The JSON exporter: the whole report as one versioned document."""

from __future__ import annotations

import json

from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.json_file import render, report_json


def test_report_json_holds_targets_trends_and_readings(context: ExportContext) -> None:
    """The document is an export envelope with every part of the report."""
    document = report_json(context)
    assert document["command"] == "export"
    assert document["as_of"] == "2026-11-22"
    assert document["generated_at"] == "2026-11-22T12:00:00+00:00"
    assert len(document["targets"]) == 9
    assert len(document["indicators_without_target"]) == 7


def test_render_is_that_document_as_utf8(context: ExportContext) -> None:
    """The file is the document, indented, with Chinese kept as is."""
    ((name, content),) = render(context, ExportOptions())
    assert name == ""
    assert json.loads(content) == report_json(context)
    assert "5G基站".encode() in content
