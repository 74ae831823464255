"""The Markdown exporter: a title, a summary line, the status table and sources."""

from __future__ import annotations

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
