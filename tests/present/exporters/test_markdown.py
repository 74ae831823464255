"""The Markdown exporter: a title, a summary line, the status table and sources."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt

from sdtrack.core.assessment import PaceNote, Status
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.markdown import (
    cell,
    latest_cell,
    progress_cell,
    render,
    source_title,
    status_cell,
    summary_line,
    waiting_summary,
)
from sdtrack.present.exporters.sources import SourceList
from sdtrack.present.safety import markdown_inline, safe_url
from sdtrack.store.workspace import Workspace

from .hostile import BENIGN, hostile_context, hostile_fields


def test_cell_escapes_pipes_and_line_breaks() -> None:
    """A table cell has no bare pipe or line break."""
    assert cell("a | b\nc ") == "a \\| b c"
    assert cell("back\\slash") == "back\\\\slash"


def test_summary_line(context: ExportContext) -> None:
    """The summary counts the main statuses, the targets awaiting data and the overdue."""
    assert summary_line(context) == (
        "**9 targets:** 0 achieved, 0 on track, 0 behind, 0 off track, 0 awaiting data, 9 overdue."
    )


def test_waiting_targets_are_counted_by_outlook_under_the_summary(
    context: ExportContext,
) -> None:
    """Under the summary line, a list item per waiting status counts it by outlook."""
    assert waiting_summary(context) == ["- 9 overdue: 4 likely met, 5 unknown"]
    ((_, content),) = render(context, ExportOptions())
    assert "9 overdue.\n\n- 9 overdue: 4 likely met, 5 unknown\n\n## Status" in content.decode()


def _row(context: ExportContext, target_id: str) -> str:
    ((_, content),) = render(context, ExportOptions())
    return next(line for line in content.decode().splitlines() if f"| `{target_id}` |" in line)


def test_rows_give_outlook_due_day_and_no_progress_from_the_base(context: ExportContext) -> None:
    """A waiting row says its outlook and since when its figure is overdue; a target read
    only at its base shows no progress, and why; one without a deadline is ongoing."""
    five_g = _row(context, "5g-base-stations-2025")
    assert "| 2025 figure overdue since 2026-03-31 | **overdue** · likely met (stale data) |" in (
        five_g
    )
    for only_base in ("smart-communities-2025", "smart-agriculture-bases-2025"):
        assert "| — (no data since the base) |" in _row(context, only_base)
    assert "| 75 % |" in _row(context, "gigabit-cities-2024")  # read again since its base
    assert "| ongoing · 2024 figure overdue since 2025-03-31 |" in _row(
        context, "leading-projects-yearly"
    )
    # "over 2 trillion" (2023) against "more than 2.4 trillion": the gap is a bound.
    assert "| at most 400 billion yuan |" in _row(context, "it-industry-revenue-2025")


def test_cells_keep_bounds_sources_and_marks(context: ExportContext) -> None:
    """Progress and gap keep their bounds, the latest value its sources; a fragile pace and a
    dispute are marked beside the status."""
    a = next(a for a in context.report.assessments if a.target.id == "5g-base-stations-2025")
    assert a.latest is not None
    marked = dataclasses.replace(
        a,
        status=Status.ON_TRACK,
        outlook=None,
        pace_notes=(PaceNote.FROM_BOUND,),
        disputed=("r-1",),
        progress_bound="at_least",
        gap_bound="at_most",
        latest=dataclasses.replace(a.latest, sources=2),
    )
    assert latest_cell(marked) == "224,000 base stations (2024-06-18), 2 sources"
    assert progress_cell(marked) == "at least 57 %"
    assert status_cell(marked) == "**on track** (indicative) (disputed) (stale data)"
    report = dataclasses.replace(context.report, assessments=(marked,))
    row = _row(dataclasses.replace(context, report=report), "5g-base-stations-2025")
    assert "| at least 57 % | at most 46,000 base stations |" in row


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
    assert "**逾期**" in row
    assert "2025年" in row.split("|")[7]  # the awaited year, in the time-left cell
    assert "2026年3月31日" in row.split("|")[7]
    assert "，" in summary_line(zh_context)


COMMONMARK = MarkdownIt("commonmark").enable("table")


def _blocks(text: str) -> list[tuple[str, str]]:
    """The document's blocks, without their text: what hostile text must never change."""
    return [(t.type, t.tag) for t in COMMONMARK.parse(text) if t.type != "inline"]


BENIGN_REPORT: dict[str, str] = {}  # the same plain-text report for every example


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_fields)
def test_hostile_text_in_any_field_stays_text(shipped: Workspace, text: dict[str, str]) -> None:
    """Whatever text any field holds (HTML, Markdown, line breaks, controls, any scheme),
    the report has the blocks it has with plain text, no HTML and no image, and every link
    goes to an http or https address that a `url` field gave."""
    if "report" not in BENIGN_REPORT:
        BENIGN_REPORT["report"] = _render(hostile_context(shipped, BENIGN))
    benign = BENIGN_REPORT["report"]
    report = _render(hostile_context(shipped, text))
    assert _blocks(report) == _blocks(benign)
    tokens = COMMONMARK.parse(report)
    inline = [c for t in tokens if t.children for c in t.children]
    kinds = {t.type for t in tokens} | {c.type for c in inline}
    assert not kinds & {"html_block", "html_inline", "image", "code_block", "fence", "hr"}
    links = {c.attrs["href"] for c in inline if c.type == "link_open"}
    urls = {text[name] for name in ("url", "zh_url", "reading_url")}
    assert links <= {COMMONMARK.normalizeLink(safe_url(u) or "") for u in urls} - {""}
    assert all(re.match(r"(?i)https?:", str(link)) for link in links)
    title = next(t for t in tokens if t.type == "inline")
    assert title.content.startswith(markdown_inline(text["title"]) + ": progress report")
    quotes = [t for t in tokens if t.type == "blockquote_open"]
    assert len(quotes) == len([b for b in _blocks(benign) if b[0] == "blockquote_open"])


def _render(context: ExportContext) -> str:
    ((_, content),) = render(context, ExportOptions())
    return content.decode("utf-8")


def test_a_url_that_is_not_web_is_shown_as_text(context: ExportContext) -> None:
    """A source's `url` of another scheme is written after its title, not linked."""
    source = next(s for s in SourceList.of(context).entries if s.url)
    assert source_title("Bulletin", " JaVaScRiPt:alert(1)") == (
        "Bulletin (address not linked: JaVaScRiPt:alert(1))"
    )
    assert source_title("- Bulletin", None) == "\\- Bulletin"
    assert source_title("A [b]", "https://x.example/a b?c=1&d=(2)") == (
        "[A \\[b\\]](https://x.example/a%20b?c=1&amp;d=%282%29)"
    )
    assert source.url is not None
    assert source_title(source.title, source.url).startswith("[")
