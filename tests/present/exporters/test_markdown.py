"""The Markdown exporter: a title, a summary line, the status table and sources."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

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
from sdtrack.present.report import build_status
from sdtrack.present.safety import markdown_inline, safe_url
from sdtrack.store.workspace import Workspace

from ...conftest import NOW, TODAY
from .hostile import BENIGN, URL_FIELDS, hostile_context, hostile_fields
from .regional import regional_workspace


def test_cell_escapes_pipes_and_line_breaks() -> None:
    """A table cell has no bare pipe or line break."""
    assert cell("a | b\nc ") == "a \\| b c"
    assert cell("back\\slash") == "back\\\\slash"


def test_summary_line(context: ExportContext) -> None:
    """The summary counts the main statuses, the targets awaiting data and the overdue."""
    assert summary_line(context) == (
        "**20 targets:** 1 achieved, 1 on track, 0 behind, 0 off track, 0 awaiting data, "
        "11 overdue, 6 no data, 1 not assessable."
    )


def test_waiting_targets_are_counted_by_outlook_under_the_summary(
    context: ExportContext,
) -> None:
    """Under the summary line, a list item per waiting status counts it by outlook."""
    assert waiting_summary(context) == ["- 11 overdue: 5 likely met, 6 unknown"]
    ((_, content),) = render(context, ExportOptions())
    assert "assessable.\n\n- 11 overdue: 5 likely met, 6 unknown\n\n## Status" in content.decode()


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
    assert "| 92 % |" in _row(context, "gigabit-cities-2024")  # read again since its base
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
    assert latest_cell(marked) == "242,000 base stations (2024), 2 sources"
    assert progress_cell(marked) == "at least 74 %"
    assert status_cell(marked) == "**on track** (indicative) (disputed) (stale data)"
    report = dataclasses.replace(context.report, assessments=(marked,))
    row = _row(dataclasses.replace(context, report=report), "5g-base-stations-2025")
    assert "| at least 74 % | at most 28,000 base stations |" in row


def test_render_has_title_and_status_table(context: ExportContext) -> None:
    """The report starts with its title and has a status row per target."""
    ((name, content),) = render(context, ExportOptions())
    text = content.decode("utf-8")
    assert name == ""
    assert text.startswith(f"# {context.title}: progress report\n")
    assert "## Status" in text
    row = next(line for line in text.splitlines() if line.startswith("| `5g-base-stations-2025` |"))
    assert "| 28,000 base stations |" in row
    assert row.endswith("| [3] |")


def test_english_names_the_indicator_then_its_chinese_name(context: ExportContext) -> None:
    """In English the status table gives the English name with the Chinese one after it."""
    ((_, content),) = render(context, ExportOptions())
    row = next(line for line in content.decode().splitlines() if "`5g-base-stations-2025`" in line)
    assert "| 5G base stations in service (5G基站) |" in row
    assert "| 242,000 base stations (2024) |" in row


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
    assert "24.2万个（2024年）" in row
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
    urls = {text[name] for name in URL_FIELDS}
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


def _report(context: ExportContext) -> str:
    ((_, content),) = render(context, ExportOptions())
    return content.decode("utf-8")


def _part(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_a_regional_section_per_breakdown(regional: ExportContext) -> None:
    """Each indicator with regional readings has a table of its cities (each one's latest
    reading and its source, or dashes) and a line per period's roll-up: how many reported,
    the total only when all did, the province's own figure beside it, a difference in
    bold."""
    report = _report(regional)
    regions = _part(report, "## Regional breakdown", "## Derived indicators")
    gigabit = _part(regions, "### Cities meeting", "### ")
    assert "14 of 16 cities reported. The regions' values add up" in gigabit
    assert re.search(r"\| Jinan \| 1 city \| 2024 \| \[\d+\] \|", gigabit)
    assert "| Weifang | — | — | — |" in gigabit
    assert "- 2024: 14 of 16 cities reported: no total; Shandong's own figure: 15 cities" in gigabit
    fiveg = _part(regions, "### 5G base stations (5G基站): by region", "### ")
    assert (
        "- 2024: sum of the 16 cities: 224,000 base stations; Shandong's own figure: 230,000 "
        "base stations; **differs from the total by 6,000 base stations**"
    ) in fiveg
    ratio = _part(regions, "### 5G base stations per 10,000 people", "\n## ")
    assert "1 of 16 cities reported; a ratio is not rolled up over regions; its inputs are." in (
        ratio
    )
    assert re.search(r"\| Jinan \| 140 base stations per 10,000 people \(derived\) \| 2024 \| "
                     r"\[\d+\] ÷ \[\d+\] \|", ratio)  # fmt: skip


def test_count_of_regions_target_lists_its_regions(regional: ExportContext) -> None:
    """Under a count-of-regions target's gap paragraph: how many cities meet the
    condition on the day judged, which ones, which are still missing; and its plan."""
    report = _report(regional)
    notes = _part(report, "### gigabit-cities-2024: ", "### 5g-base-stations-2025")
    assert "- On 2024-12-31: 14 of 16 cities meet the gigabit-city standard; 2 without a " in notes
    assert "- Meeting it: Jinan, Qingdao, Zibo," in notes
    assert "- Still missing: Weifang (no reading: a reading for Weifang would settle it); Heze" in (
        notes
    )
    assert "- Plan: SCIO press conference" in notes


def test_derived_values_cite_both_inputs(regional: ExportContext) -> None:
    """A derived indicator: its formula, and each value with the two readings it was
    computed from, each with its source's number."""
    report = _report(regional)
    derived = _part(report, "## Derived indicators", "\n## ")
    assert "Computed by sdtrack: 5G base stations ÷ Resident population × 10,000." in derived
    match = re.search(
        r"- 2024: 23 base stations per 10,000 people \(derived\), computed from 230,000 base "
        r"stations \(2024\) \[(\d+)\] ÷ 100 million people \(2024\) \[(\d+)\]",
        derived,
    )
    assert match is not None
    sources = SourceList.of(regional).entries
    assert sources[int(match[1]) - 1].title == "Province bulletin 2024"
    assert sources[int(match[2]) - 1].title == "Statistical bulletin 2024"


def test_plans_list_their_targets(regional: ExportContext) -> None:
    """Each plan: its title (a link when it has a web address), issuer, date, document
    number, and its targets."""
    plans = _part(_report(regional), "## Plans", "\n## ")
    assert (
        "- **[SCIO press conference](https://example.org/scio)**: State Council Information "
        "Office, 2024-04-10\n  Targets: `gigabit-cities-2024`, `5g-base-stations-2025`"
    ) in plans
    assert "- **5G scale-application plan**: Shandong Communications Administration, " in plans
    assert "2025-06-18, 鲁通信〔2025〕1号" in plans


def test_a_city_target_is_marked_with_its_city(tmp_path: Path) -> None:
    """A target for a city names the city beside its id, in the table and the gap report."""
    workspace = regional_workspace(tmp_path / "ws")
    indicator = next(i for i in workspace.indicators if i.id == "5g-base-stations")
    city = indicator.targets[0].model_copy(update={"id": "jinan-5g-2025", "region": "jinan"})
    indicator.targets.append(city)
    report = _report(ExportContext.of(workspace, build_status(workspace, TODAY), NOW))
    assert "| `jinan-5g-2025` (Jinan) |" in report
    assert "### jinan-5g-2025 (Jinan): 5G base stations" in report


@pytest.mark.usefixtures("marked")
def test_regional_words_go_through_the_catalog(regional: ExportContext) -> None:
    """Every fixed word of the regional, derived and plan sections is looked up whole
    (a marking catalog wraps each: ⟪…⟫); the cities' names are Chinese."""
    report = _report(regional)
    regions = _part(report, "## ⟪Regional breakdown⟫", "## ⟪Derived indicators⟫")
    assert "| 济南市 |" in regions
    assert "Jinan" not in regions
    for line in regions.splitlines() + _part(report, "## ⟪Plans⟫", "\n## ").splitlines():
        text = line
        while re.search(r"⟪[^⟪⟫]*⟫", text):
            text = re.sub(r"⟪[^⟪⟫]*⟫", "", text)
        text = re.sub(r"\[[^\]]*\]\([^)]*\)|`[^`]*`|\[\d+\]", "", text)
        assert not re.search(r"\b(of|reported|sum|own|figure|Targets|by region)\b", text), line
