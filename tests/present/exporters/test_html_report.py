"""The HTML exporter: one self-contained page with cards, charts and sources."""

from __future__ import annotations

import pytest

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
    assert '<div class="card awaiting"><div class="count">9</div><div class="label">' in html
    assert "deadline passed — awaiting data</div>" in html


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
    assert '<div class="card awaiting"><div class="count">9</div><div class="label">' in html
    assert '<span class="status awaiting">截止日期已过——待数据</span>' in html
    assert "deadline passed — awaiting data" not in html
    assert "2026年11月22日" in html
    assert '<blockquote lang="zh">' not in html
