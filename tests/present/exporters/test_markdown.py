"""The Markdown exporter: a title, a summary line, the status table and sources."""

from __future__ import annotations

import pytest

from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.markdown import cell, render, summary_line


def test_cell_escapes_pipes_and_line_breaks() -> None:
    """A table cell has no bare pipe or line break."""
    assert cell("a | b\nc ") == "a \\| b c"
    assert cell("back\\slash") == "back\\\\slash"


def test_summary_line(context: ExportContext) -> None:
    """The summary counts the main statuses and the targets awaiting data."""
    assert summary_line(context) == (
        "**9 targets:** 0 achieved, 0 on track, 0 behind, 0 off track, 9 awaiting data."
    )


def test_render_has_title_and_status_table(context: ExportContext) -> None:
    """The report starts with its title and has a status row per target."""
    ((name, content),) = render(context, ExportOptions())
    text = content.decode("utf-8")
    assert name == ""
    assert text.startswith(f"# {context.title}: progress report\n")
    assert "## Status" in text
    row = next(line for line in text.splitlines() if line.startswith("| `5g-base-stations-2025` |"))
    assert "| 46,000 base stations |" in row
    assert row.endswith("| [3] |")


def test_english_names_the_indicator_then_its_chinese_name(context: ExportContext) -> None:
    """In English the status table gives the English name with the Chinese one after it."""
    ((_, content),) = render(context, ExportOptions())
    row = next(line for line in content.decode().splitlines() if "`5g-base-stations-2025`" in line)
    assert "| 5G base stations in service (5G基站) |" in row
    assert "(2024-06-18)" in row


@pytest.mark.usefixtures("zh_catalog")
def test_chinese_headings_dates_and_names(zh_context: ExportContext) -> None:
    """In Chinese the headings, status words and dates are Chinese, the Chinese name first."""
    ((_, content),) = render(zh_context, ExportOptions())
    text = content.decode("utf-8")
    assert text.startswith(f"# {zh_context.title}：进展报告\n")
    assert "\n## 状态\n" in text
    assert "\n## 来源\n" in text
    assert "2026年11月22日" in text.splitlines()[2]
    row = next(line for line in text.splitlines() if "`5g-base-stations-2025`" in line)
    assert "| 5G基站（5G base stations in service） |" in row
    assert "22.4万个（2024年6月18日）" in row
    assert "**截止日期已过——待数据**" in row
    assert "，" in summary_line(zh_context)
