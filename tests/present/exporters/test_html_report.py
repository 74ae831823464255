"""The HTML exporter: one self-contained page with cards, charts and sources."""

from __future__ import annotations

from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.html_report import render


def test_one_page_with_every_target_and_a_chart(context: ExportContext) -> None:
    """The page names every target, inlines SVG charts and escapes its text."""
    ((name, content),) = render(context, ExportOptions())
    html = content.decode("utf-8")
    assert name == ""
    assert html.lstrip().lower().startswith("<!doctype html>")
    for a in context.report.assessments:
        assert a.target.id in html
    assert html.count("<svg") == len(context.reported_indicators())
    assert "<script" not in html.lower()
