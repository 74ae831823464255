"""The HTML exporter: one self-contained page with cards, charts and sources."""

from __future__ import annotations

import dataclasses

import pytest

from sdtrack.core.assessment import PaceNote, Status
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.html_report import Card, cards, render


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


def _html(context: ExportContext) -> str:
    ((_, content),) = render(context, ExportOptions())
    return content.decode("utf-8")


def test_english_page_marks_its_chinese_text(context: ExportContext) -> None:
    """An English page is lang="en"; each Chinese name and Chinese quote says lang="zh"."""
    html = _html(context)
    assert '<html lang="en">' in html
    assert '<span class="zh" lang="zh">5G基站</span>' in html
    assert html.count('<span class="zh">') == 0
    assert '<blockquote lang="zh">“山东累计建成开通5G基站22.4万个”</blockquote>' in html
    assert '<blockquote lang="ja">' in html  # the Japanese edition's quote
    assert '<div class="card awaiting"><div class="count">0</div><div class="label">' in html
    assert '<div class="card overdue"><div class="count">9</div><div class="label">' in html


def test_cards_count_waiting_targets_by_outlook(context: ExportContext) -> None:
    """The awaiting-data and overdue cards are always there; each counts by outlook."""
    assert cards(context)[4:6] == [
        Card("awaiting data", 0, "awaiting"),
        Card("overdue", 9, "overdue", "4 likely met, 5 unknown"),
    ]
    html = _html(context)
    assert (
        '<div class="label">overdue</div><div class="breakdown">4 likely met, 5 unknown</div>'
    ) in html


def test_rows_give_outlook_due_day_bounds_and_marks(context: ExportContext) -> None:
    """A waiting row has its outlook beside the status and its figure's due day; bounds,
    sources and the marks of a fragile pace or a dispute are kept."""
    html = _html(context)
    row = html.split('<tr id="row-5g-base-stations-2025">')[1].split("</tr>")[0]
    assert "<td>2025 figure overdue since 2026-03-31</td>" in row
    assert '<span class="outlook likely-met">likely met</span>' in row
    for only_base in ("smart-communities-2025", "smart-agriculture-bases-2025"):
        only = html.split(f'<tr id="row-{only_base}">')[1].split("</tr>")[0]
        assert "(no data since the base)" in only
    gigabit = html.split('<tr id="row-gigabit-cities-2024">')[1].split("</tr>")[0]
    assert "(no data since the base)" not in gigabit
    a = next(a for a in context.report.assessments if a.target.id == "5g-base-stations-2025")
    assert a.latest is not None
    marked = dataclasses.replace(
        a,
        status=Status.ON_TRACK,
        outlook=None,
        pace_notes=(PaceNote.FROM_DERIVED,),
        disputed=("r-1",),
        progress_bound="at_least",
        gap_bound="at_most",
        latest=dataclasses.replace(a.latest, sources=3),
    )
    report = dataclasses.replace(context.report, assessments=(marked,))
    html = _html(dataclasses.replace(context, report=report))
    row = html.split('<tr id="row-5g-base-stations-2025">')[1].split("</tr>")[0]
    assert "at least 57 %" in row
    assert "<td>at most 46,000 base stations</td>" in row
    assert '<span class="muted">3 sources</span>' in row
    assert '<span class="mark indicative">indicative</span>' in row
    assert '<span class="mark disputed">disputed</span>' in row
    assert "likely met" not in row


@pytest.mark.usefixtures("zh_catalog")
def test_chinese_page(zh_context: ExportContext) -> None:
    """A Chinese page is lang="zh-CN", puts the Chinese name first with the English one
    marked lang="en", and translates the status words but not their CSS classes."""
    html = _html(zh_context)
    assert '<html lang="zh-CN">' in html
    assert '<html lang="en">' not in html
    assert '<span class="muted">5G基站</span> <span class="zh" lang="en">' in html
    assert 'lang="zh"' not in html
    assert "<h2>状态</h2>" in html
    assert (
        '<div class="card overdue"><div class="count">9</div><div class="label">逾期</div>' in html
    )
    assert '<span class="status overdue">逾期</span>' in html
    assert "，" in cards(zh_context)[5].breakdown
    assert "2026年11月22日" in html
    assert '<blockquote lang="zh">' not in html
