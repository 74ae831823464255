"""A self-contained HTML report: summary cards, status table, a chart per indicator, gap
paragraphs, each indicator's regions (a table of each region's latest reading and the
roll-ups beside the region's own figure), derived values with the readings they were
computed from, the regions of a count-of-regions target, plans and sources. Rendered by a
Jinja template with autoescaping; charts are inline SVG, styles inline, so the page needs
no network. Jinja is imported only here.

The page speaks the language in use: `<html lang>` is its tag (`en`, `zh-CN`), every fixed
word comes from `labels()`, and text in the other language (an indicator's Chinese name
or a Chinese quote in an English page) carries its own `lang`. Status CSS classes are
the stable codes; only the words on the cards and badges are translated.

Text from files and arguments is inert: autoescaping escapes every value, `visible` turns
control characters into U+FFFD, and a source's `url` is an `href` only when `safe_url`
finds it http or https (any other address is shown as text). Below 640 px the status
table's rows become cards, each cell headed by its column's name (`data-label`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from sdtrack.core.assessment import Assessment, Status, TrendAssessment
from sdtrack.core.derived import DerivedReading
from sdtrack.core.language import LOCALE_TAGS, _, current
from sdtrack.core.model import Indicator, Reading
from sdtrack.present import numbers
from sdtrack.present.exporters import regions
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.charts import indicator_chart
from sdtrack.present.exporters.sources import CitedSource, SourceList
from sdtrack.present.exporters.words import script_language, separator, with_period
from sdtrack.present.phrases import (
    assessed_indicator,
    assessment_target_phrase,
    band_words,
    display_name,
    outlook_words,
    point_phrase,
    status_words,
    warning_words,
)
from sdtrack.present.region_words import RollUpWords
from sdtrack.present.regional import Breakdown
from sdtrack.present.report import outlook_breakdown
from sdtrack.present.safety import safe_url
from sdtrack.present.status_rows import (
    disputed_mark,
    gap_words,
    indicative_mark,
    latest_sources,
    outlook_code,
    progress_note,
    progress_words,
    region_mark,
    time_words,
)

STATUS_CLASSES: dict[str, str] = {
    Status.ACHIEVED.value: "achieved",
    Status.ON_TRACK.value: "on-track",
    Status.BEHIND.value: "behind",
    Status.OFF_TRACK.value: "off-track",
    Status.MISSED.value: "missed",
    Status.AWAITING_DATA.value: "awaiting",
    Status.OVERDUE.value: "overdue",
    Status.NOT_YET_DUE.value: "no-data",
    Status.NO_DATA.value: "no-data",
    Status.NOT_ASSESSABLE.value: "no-data",
}


@dataclass(frozen=True)
class Names:
    """An indicator's name in the page's language, and the other one beside it."""

    primary: str
    secondary: str | None
    lang: str
    """The `lang` of the secondary name."""


def names(indicator: Indicator) -> Names:
    zh = indicator.name_zh
    if not zh or zh == indicator.name:
        return Names(display_name(indicator), None, "")
    if current() == "zh":
        return Names(zh, indicator.name, LOCALE_TAGS["en"])
    return Names(indicator.name, zh, "zh")


def lang_attr(text: str | None) -> Markup:
    """` lang="zh"` for Chinese text in an English page (` lang="ja"` for Japanese in any
    page); nothing otherwise."""
    script = script_language(text)
    if script is None or script == current():
        return Markup("")
    return Markup(' lang="{}"').format(script)


def in_lang(text: str) -> Markup:
    """`text` escaped, inside a `<span lang>` when it is in another language than the page."""
    attribute = lang_attr(text)
    return Markup("<span{}>{}</span>").format(attribute, text) if attribute else Markup.escape(text)


def labels() -> dict[str, str]:
    """Every fixed word of the page, in the language in use. Those with a `{…}` that is
    filled with markup are escaped here (Markup), so that `.format` escapes only what is
    put in."""
    return {
        "page_title": _("{title}: progress report, {as_of}"),
        "meta": Markup.escape(
            _(
                "Progress report as of {as_of} · generated {generated} · method {method} · "
                "sdtrack {version} · workspace {workspace}"
            )
        ),
        "cards": _("Targets by status"),
        "status_heading": _("Status"),
        "target": _("Target"),
        "declared": _("Declared"),
        "latest": _("Latest"),
        "progress": _("Progress"),
        "gap": _("Gap"),
        "time_left": _("Time left"),
        "status": _("Status"),
        "stale": _("stale data"),
        "stale_mark": _("(stale data)"),
        "progress_note": _("({detail})"),
        "chart": _("Chart of {name}: readings, targets, required path and projection"),
        "region_chart": _("Chart of {name} in {region}: its readings and targets"),
        "region_chart_heading": _("{region}'s targets"),
        "band_method": _("{band}; method {method}."),
        "warning": _("Warning: {warning}"),
        "declared_in": Markup.escape(_("Declared in {source}.")),
        "source_number": _("source [{number}]"),
        "no_target": Markup.escape(_("No declared target. Latest: {latest}; trend: {trend}.")),
        "no_reading": _("no reading"),
        "sources": _("Sources"),
        "by_region": _("By region"),
        "region": _("Region"),
        "period": _("Period"),
        "rollup": Markup.escape(_("{period}: {text}")),
        "rollup_parts": _("; "),
        "source": _("Source"),
        "derived": _("Derived values"),
        "computed_from": Markup.escape(_("{period}: {value}, computed from {inputs}")),
        "no_derived": _("No value yet: it needs readings of both inputs of one period."),
        "plans": _("Plans"),
        "plan": Markup.escape(_("Plan: {plan}")),
        "plan_targets": Markup.escape(_("Targets: {targets}")),
        "not_linked": _("(address not linked: {url})"),
        "comma": separator(),
        "footer": _(
            "Verdicts follow the growth-rate ratio used by Open SDG (Eurostat's method) and "
            "the rules in sdtrack's docs/methodology.md. A deadline that has passed without a "
            "reading at or after it is shown as awaiting data, never as on track."
        ),
    }


@dataclass(frozen=True)
class TargetView:
    assessment: Assessment
    declared: str
    latest: str
    progress: str
    progress_share: float
    gap: str
    time_left: str
    status: str
    status_class: str
    paragraph: str | None
    source_number: int
    outlook: str = ""
    """What the trend says of a waiting target, worded; its class is `outlook_class`."""
    outlook_class: str = ""
    marks: tuple[tuple[str, str], ...] = ()
    """Beside the status, each its class and its words: indicative, disputed."""
    latest_sources: str = ""
    progress_note: str = ""
    band: str = ""
    """The verdict's band and warnings in the page's language."""
    warnings: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    """A count-of-regions target's regions: who meets the condition, who does not."""
    plan: str = ""
    plan_id: str = ""
    region: str = ""
    """The target's region when it is not the workspace's own."""


@dataclass(frozen=True)
class Card:
    """A status and how many targets have it; a waiting status counts them by outlook."""

    label: str
    count: int
    css: str
    breakdown: str = ""


# Always carded, even at zero: the main verdicts and the two waiting statuses.
ALWAYS_CARDED = ("achieved", "on_track", "behind", "off_track", "awaiting_data", "overdue")


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    chart: str
    targets: list[TargetView]
    trend: TrendAssessment | None
    trend_latest: str | None
    """The trend's latest reading with its period, when there is no target."""
    region_charts: tuple[tuple[str, str], ...] = ()
    """Each other region's target charted on that region's readings: (region, SVG)."""
    breakdown: BreakdownView | None = None
    formula: str = ""
    """A derived indicator's formula in words; its values are `derived`."""
    derived: tuple[DerivedView, ...] = ()


@dataclass(frozen=True)
class RegionRow:
    name: str
    latest: str
    period: str
    sources: tuple[int, ...]


@dataclass(frozen=True)
class BreakdownView:
    """An indicator's regions, worded: each one's latest reading and every roll-up."""

    summary: str
    rows: tuple[RegionRow, ...]
    rollups: tuple[RollUpWords, ...]


@dataclass(frozen=True)
class DerivedView:
    """A derived value and the readings it was computed from, each with its source."""

    period: str
    value: str
    inputs: tuple[tuple[str, int | None], ...]


def _numbers(reading: Reading, sources: SourceList) -> tuple[int, ...]:
    cited = reading.inputs if isinstance(reading, DerivedReading) else (reading,)
    found = (sources.by_reading.get(r.key) for r in cited)
    return tuple(n for n in found if n is not None)


def region_charts(
    context: ExportContext, indicator: Indicator, assessments: Sequence[Assessment]
) -> tuple[tuple[str, str], ...]:
    """A chart per region with targets of its own (Jinan's 60,000 base stations): its
    readings and those targets, never drawn on the workspace region's readings."""
    by_region: dict[str, list[Assessment]] = {}
    for a in assessments:
        if not context.of_own_region(a.target) and a.target.region is not None:
            by_region.setdefault(a.target.region, []).append(a)
    regional = context.regional.get(indicator.id, {})
    return tuple(
        (context.region_name(region), indicator_chart(indicator, regional.get(region, ()), found))
        for region, found in by_region.items()
    )


def breakdown_view(
    breakdown: Breakdown, context: ExportContext, sources: SourceList
) -> BreakdownView:
    indicator = breakdown.indicator
    rows = tuple(
        RegionRow(
            latest.region.display_name,
            regions.value_words(latest.reading, indicator) if latest.reading else "—",
            numbers.period(latest.reading.date) if latest.reading else "—",
            _numbers(latest.reading, sources) if latest.reading else (),
        )
        for latest in breakdown.latest
    )
    rollups = tuple(regions.rollup_texts(r, breakdown, context) for r in breakdown.rollups)
    return BreakdownView(regions.summary_words(breakdown, context), rows, rollups)


def derived_views(
    indicator: Indicator, context: ExportContext, sources: SourceList
) -> tuple[DerivedView, ...]:
    table = regions.indicator_table(context)
    return tuple(
        DerivedView(
            numbers.period(reading.date),
            regions.value_words(reading, indicator),
            tuple(
                (text, sources.by_reading.get(source.key))
                for source, text in regions.derived_inputs(reading, table)
            ),
        )
        for reading in context.readings.get(indicator.id, ())
    )


def _target_view(context: ExportContext, a: Assessment, sources: SourceList) -> TargetView:
    assessed = assessed_indicator(a, context.geography.table)
    return TargetView(
        assessment=a,
        declared=assessment_target_phrase(a, table=context.geography.table),
        latest=(
            with_period(point_phrase(a.latest, assessed), a.latest.period) if a.latest else "—"
        ),
        region=region_mark(a, context.report),
        progress=progress_words(a),
        progress_share=max(0.0, min(a.progress or 0.0, 1.0)),
        gap=gap_words(a) or "—",
        time_left=time_words(a),
        status=status_words(a.status.value),
        status_class=STATUS_CLASSES[a.status.value],
        paragraph=context.paragraphs.get(a.target.id),
        source_number=sources.number_for_target(a.target),
        outlook=outlook_words(code) if (code := outlook_code(a)) else "",
        outlook_class=code.replace("_", "-"),
        marks=tuple(
            (css, words)
            for css, words in (("indicative", indicative_mark(a)), ("disputed", disputed_mark(a)))
            if words
        ),
        latest_sources=latest_sources(a),
        progress_note=progress_note(a),
        band=band_words(a.band),
        warnings=tuple(warning_words(w) for w in a.warnings),
        regions=tuple(regions.region_count_lines(a, context)),
        plan=plan.display_title if (plan := context.plan_for(a.target)) else "",
        plan_id=plan.id if plan else "",
    )


def cards(context: ExportContext) -> list[Card]:
    """A card per status that has targets, and for the main and waiting ones always;
    the awaiting-data and overdue cards count their targets by outlook."""
    counts = context.summary()
    waiting = context.report.waiting_counts()
    return [
        Card(
            status_words(status),
            counts.get(status, 0),
            STATUS_CLASSES[status],
            outlook_breakdown(waiting[status]) if status in waiting else "",
        )
        for status in STATUS_CLASSES
        if counts.get(status, 0) or status in ALWAYS_CARDED
    ]


# Control characters (bar tab and line breaks) and lone surrogates: never shown raw.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def visible(value: Any) -> Any:
    """What the page prints of a value: text with its control characters and lone
    surrogates as U+FFFD, markup kept markup. Jinja's `finalize`."""
    if not isinstance(value, str):
        return value
    kept = INVISIBLE.sub("\ufffd", value)
    return Markup(kept) if isinstance(value, Markup) else kept


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    environment = Environment(
        loader=PackageLoader("sdtrack.present", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=visible,
    )
    sources = SourceList.of(context)
    targets = [_target_view(context, a, sources) for a in context.report.assessments]
    indicators = []
    reported = context.reported_indicators()
    for done, indicator in enumerate(reported, start=1):
        readings = context.readings.get(indicator.id, ())
        assessments = context.assessments_for(indicator)
        trend = context.trend_for(indicator)
        own = [a for a in assessments if context.of_own_region(a.target)]
        indicators.append(
            IndicatorView(
                indicator=indicator,
                chart=indicator_chart(indicator, readings, own),
                region_charts=region_charts(context, indicator, assessments),
                targets=[t for t in targets if t.assessment.indicator.id == indicator.id],
                trend=trend,
                trend_latest=(
                    with_period(point_phrase(trend.latest, indicator), trend.latest.period)
                    if trend and trend.latest
                    else None
                ),
                breakdown=(
                    breakdown_view(breakdown, context, sources)
                    if (breakdown := context.breakdown_for(indicator))
                    else None
                ),
                formula=(
                    regions.formula_words(indicator, regions.indicator_table(context))
                    if indicator.formula
                    else ""
                ),
                derived=derived_views(indicator, context, sources) if indicator.formula else (),
            )
        )
        context.report_progress(done, len(reported))
    sources_list: list[tuple[int, CitedSource]] = sources.numbered()
    html = environment.get_template("report.html.j2").render(
        context=context,
        lang=LOCALE_TAGS[current()],
        labels=labels(),
        names=names,
        lang_attr=lang_attr,
        in_lang=in_lang,
        safe_url=safe_url,
        as_of=numbers.day(context.as_of),
        display_name=display_name,
        band_words=band_words,
        cards=cards(context),
        targets=targets,
        indicators=indicators,
        sources=sources_list,
        plans=[
            (plan, regions.plan_parts(plan), [a.target.id for a in assessments])
            for plan, assessments in context.reported_plans()
        ],
    )
    return [ExportFile("", html.encode("utf-8"))]
