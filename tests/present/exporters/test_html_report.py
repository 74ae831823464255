"""The HTML exporter: one self-contained page with cards, charts and sources."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sdtrack.core.assessment import PaceNote, Status
from sdtrack.present.exporters.base import ExportContext, ExportOptions
from sdtrack.present.exporters.html_report import INVISIBLE, Card, cards, render
from sdtrack.present.report import build_status
from sdtrack.present.safety import safe_url
from sdtrack.store.workspace import Workspace

from ...conftest import NOW, TODAY
from .hostile import BENIGN, URL_FIELDS, hostile_context, hostile_fields
from .regional import regional_workspace


def test_one_page_with_every_target_and_a_chart(context: ExportContext) -> None:
    """The page names every target, inlines SVG charts and escapes its text."""
    ((name, content),) = render(context, ExportOptions())
    html = content.decode("utf-8")
    assert name == ""
    assert html.lstrip().lower().startswith("<!doctype html>")
    for a in context.report.assessments:
        assert a.target.id in html
    regional = {
        (a.indicator.id, a.target.region)
        for a in context.report.assessments
        if not context.of_own_region(a.target)
    }
    assert html.count("<svg") == len(context.reported_indicators()) + len(regional)
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
    assert '<div class="card overdue"><div class="count">11</div><div class="label">' in html


def test_cards_count_waiting_targets_by_outlook(context: ExportContext) -> None:
    """The awaiting-data and overdue cards are always there; each counts by outlook."""
    assert cards(context)[4:6] == [
        Card("awaiting data", 0, "awaiting"),
        Card("overdue", 11, "overdue", "5 likely met, 6 unknown"),
    ]
    html = _html(context)
    assert (
        '<div class="label">overdue</div><div class="breakdown">5 likely met, 6 unknown</div>'
    ) in html


def test_rows_give_outlook_due_day_bounds_and_marks(context: ExportContext) -> None:
    """A waiting row has its outlook beside the status and its figure's due day; bounds,
    sources and the marks of a fragile pace or a dispute are kept."""
    html = _html(context)
    row = html.split('<tr id="row-5g-base-stations-2025">')[1].split("</tr>")[0]
    assert '<td data-label="Time left">2025 figure overdue since 2026-03-31</td>' in row
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
    assert "at least 74 %" in row
    assert '<td data-label="Gap">at most 28,000 base stations</td>' in row
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
        '<div class="card overdue"><div class="count">11</div><div class="label">逾期</div>' in html
    )
    assert '<span class="status overdue">逾期</span>' in html
    assert "，" in cards(zh_context)[5].breakdown
    assert "2026年11月22日" in html
    assert '<blockquote lang="zh">' not in html


class Page(HTMLParser):
    """Every element and attribute of a page, the text of its `<h1>`, and its CSS."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.h1 = ""
        self.css = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "h1":
            self.h1 += data
        if self.open and self.open[-1] == "style":
            self.css += data

    def outside_charts(self) -> list[tuple[str, tuple[str, ...]]]:
        """Elements outside the charts' SVG, each with its attributes' names, bar the spans
        and links whose presence the data decides (a second name, a text in another
        language, a link or an address not linked) and the `lang` a text carries."""
        return [
            (tag, tuple(name for name in attrs if name != "lang"))
            for tag, attrs in self.elements
            if tag not in SVG_TAGS and tag not in ("span", "a")
        ]


SVG_TAGS = {
    "svg", "defs", "style", "g", "path", "text", "tspan", "clippath", "rect", "use",
    "metadata", "rdf:rdf", "cc:work", "dc:type", "dc:date", "dc:format", "dc:creator",
    "cc:agent", "dc:title", "circle", "line", "polyline", "polygon",
}  # fmt: skip


BENIGN_PAGE: dict[str, Page] = {}  # the same plain-text page for every example


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hostile_fields)
def test_hostile_text_in_any_field_stays_text(shipped: Workspace, text: dict[str, str]) -> None:
    """Whatever text any field holds, the page has the elements and attributes it has with
    plain text; no script, no event handler, no link but http(s) ones a `url` gave and the
    page's own anchors, and the title reads as it was written (controls as U+FFFD)."""
    if "page" not in BENIGN_PAGE:
        BENIGN_PAGE["page"] = Page(_html(hostile_context(shipped, BENIGN)))
    benign = BENIGN_PAGE["page"]
    page = Page(_html(hostile_context(shipped, text)))
    assert page.outside_charts() == benign.outside_charts()
    urls = {safe_url(text[name]) for name in URL_FIELDS} - {None}
    for tag, attrs in page.elements:
        assert tag not in {"script", "img", "iframe", "object", "embed", "foreignobject", "a"} or (
            tag == "a"
        )
        assert not [name for name in attrs if name.startswith("on")]
        href = attrs.get("href") or attrs.get("xlink:href")
        if href is not None and not href.startswith("#"):
            assert tag == "a"
            assert href in urls
            assert re.match(r"(?i)https?:", href)
    assert page.h1 == INVISIBLE.sub("\ufffd", text["title"])


def test_rows_become_cards_on_a_narrow_screen(context: ExportContext) -> None:
    """Below 640 px the status table's rows are cards, each cell under its column's name;
    nothing is shown only on hover."""
    html = _html(context)
    page = Page(html)
    assert re.search(r"@media \(max-width: 640px\) \{[^@]*table\.status-table tr \{", page.css)
    assert "td::before { content: attr(data-label)" in page.css
    headers = ["Target", "Declared", "Latest", "Progress", "Gap", "Time left", "Status"]
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr ")[1:]
    assert len(rows) == len(context.report.assessments)
    for row in rows:
        assert re.findall(r'<td[^>]* data-label="([^"]*)"', row) == headers
        assert row.count("<td") == len(headers)
    assert ":hover" not in page.css
    assert not [attrs for _, attrs in page.elements if "title" in attrs]


def test_a_url_that_is_not_web_is_shown_as_text(context: ExportContext) -> None:
    """A source whose `url` is not http(s) has no link; its address is written as text."""
    a = context.report.assessments[0]
    source = a.target.source.model_copy(update={"url": " JaVaScRiPt:alert(1)", "zh": None})
    target = a.target.model_copy(update={"source": source})
    report = dataclasses.replace(
        context.report, assessments=(dataclasses.replace(a, target=target),)
    )
    html = _html(dataclasses.replace(context, report=report))
    assert "javascript" not in html.lower().replace("(address not linked:  javascript", "")
    assert '<span class="not-linked">(address not linked:  JaVaScRiPt:alert(1))</span>' in html


def _section(html: str, start: str, end: str = "</ul>\n  </div>") -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def test_regions_of_each_indicator(regional: ExportContext) -> None:
    """Each indicator with regional readings has a table of its cities (each one's latest
    reading with its source, or a dash) and its roll-ups: how many reported, the total
    only when all did, the province's own figure beside it, a difference marked."""
    html = _html(regional)
    gigabit = _section(html, 'id="regions-gigabit-cities"')
    assert "14 of 16 cities reported" in gigabit
    assert gigabit.count("<tr><td>") == 16
    assert '<tr><td>Weifang</td><td class="num missing">—</td>' in gigabit
    assert re.search(
        r'<td>Jinan</td><td class="num">1 city</td><td>2024</td><td><a href="#source-\d+">', gigabit
    )
    assert "14 of 16 cities reported: no total" in gigabit
    fiveg = _section(html, 'id="regions-5g-base-stations"')
    assert "sum of the 16 cities: 224,000 base stations" in fiveg
    assert "Shandong&#39;s own figure: 230,000 base stations" in fiveg
    assert '<strong class="differs">differs from the total by 6,000 base stations</strong>' in fiveg
    ratio = _section(html, 'id="regions-5g-per-10k"')
    assert "a ratio is not rolled up over regions; its inputs are" in ratio
    assert re.search(r'<a href="#source-\d+">\[\d+\]</a> ÷ <a href="#source-\d+">', ratio)


def test_count_of_regions_target_names_its_regions(regional: ExportContext) -> None:
    """A count-of-regions target lists the cities meeting the condition and those still
    missing; each target names its plan, linked to the list of plans."""
    html = _html(regional)
    target = _section(html, 'id="target-gigabit-cities-2024"', "</div>")
    assert (
        "On 2024-12-31: 14 of 16 cities meet the gigabit-city standard; 2 without a reading."
        in (target)
    )
    assert "Meeting it: Jinan, Qingdao" in target
    assert "Still missing: Weifang (no reading" in target
    assert 'Plan: <a href="#plan-scio-2024-04-10">SCIO press conference</a>' in target
    plans = html.split('<ul class="plans">', 1)[1].split("</ul>", 1)[0]
    assert '<li id="plan-5g-plan-2025">5G scale-application plan, Shandong Communications' in plans
    assert "鲁通信〔2025〕1号" in plans
    assert '<a href="#target-5g-per-10k-2027"><code>5g-per-10k-2027</code></a>' in plans


def test_derived_values_cite_their_inputs(regional: ExportContext) -> None:
    """A derived indicator shows its formula and each value with the two readings it was
    computed from, each linked to its source; its latest reads "(derived)"."""
    html = _html(regional)
    derived = _section(html, 'id="derived-5g-per-10k"', "</div>")
    assert "Computed by sdtrack: 5G base stations ÷ Resident population × 10,000." in derived
    assert re.search(
        r"2024: 23 base stations per 10,000 people \(derived\), computed from 230,000 base "
        r'stations \(2024\) <sup><a href="#source-\d+">\[\d+\]</a></sup> ÷ 100 million people',
        derived,
    )


def test_a_city_target_has_its_own_chart(tmp_path: Path) -> None:
    """A target for a city is charted on the city's readings, not on the province's: the
    province's chart has no star for it."""
    workspace = regional_workspace(tmp_path / "ws")
    indicator = next(i for i in workspace.indicators if i.id == "5g-base-stations")
    city = indicator.targets[0].model_copy(update={"id": "jinan-5g-2025", "region": "jinan"})
    indicator.targets.append(city)
    context = ExportContext.of(workspace, build_status(workspace, TODAY), NOW)
    html = _html(context)
    section = html.split('id="5g-base-stations"', 1)[1].split("</section>", 1)[0]
    assert section.count("<svg") == 2
    province, jinan = section.split("<svg")[1:]
    assert "jinan-5g-2025" not in province.split("</svg>")[0]
    assert "jinan-5g-2025" in jinan.split("</svg>")[0]
    assert "<h3>Jinan&#39;s targets</h3>" in section
    assert '<code>jinan-5g-2025</code></a> <span class="region">Jinan</span>' in html


@pytest.mark.usefixtures("zh")
def test_chinese_page_names_cities_in_chinese(regional_zh: ExportContext) -> None:
    """In Chinese the cities are named in Chinese."""
    gigabit = _section(_html(regional_zh), 'id="regions-gigabit-cities"')
    assert "<tr><td>济南市</td>" in gigabit
    assert "Jinan" not in gigabit
