"""The SVG charts: one inline chart per indicator, written as text, without size or prolog.

Each chart is parsed as XML (so that escaping is proved, not assumed), and its layout
(`chart_layout`) is checked where the SVG's geometry alone would not say enough: labels
apart, inside the figure, the legend where it hides nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext
import itertools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdtrack.core import language
from sdtrack.core.assessment import Assessment, assess_target
from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.present import numbers
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.charts import (
    DASHED,
    DOTTED,
    HEIGHT,
    LABEL_GAP,
    LABEL_SIZE,
    LEGEND_SIZE,
    LEVEL_DOTS,
    PROJECTION_COLOUR,
    READING_COLOUR,
    REQUIRED_COLOUR,
    STAR_SIZE,
    TARGET_COLOUR,
    WIDTH,
    Layout,
    Plot,
    chart_layout,
    indicator_chart,
    indicator_plot,
)
from sdtrack.present.exporters.svg_axes import meet, text_width
from sdtrack.store.workspace import Workspace

from ...conftest import TODAY
from .hostile import ATTACKS

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {"svg", "rect", "path", "g", "text", "circle", "polygon"}
FIVE_G = "5g-base-stations"
FIVE_G_TARGETS = ("5g-base-stations-2025-first", "5g-base-stations-2025")


def _indicator(workspace: Workspace | ExportContext, indicator_id: str) -> Indicator:
    return next(i for i in workspace.indicators if i.id == indicator_id)


def _chart(context: ExportContext, indicator_id: str = FIVE_G) -> str:
    indicator = _indicator(context, indicator_id)
    readings = context.readings.get(indicator.id, ())
    own = [a for a in context.assessments_for(indicator) if context.of_own_region(a.target)]
    return indicator_chart(indicator, readings, own)


def _parsed(svg: str) -> ET.Element:
    """The chart as XML: well formed, only drawing elements, no event handlers, no links."""
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.tag.removeprefix(SVG) in ALLOWED_TAGS, element.tag
        for name in element.attrib:
            assert not name.lower().startswith("on"), name
            assert "href" not in name, name
    return root


def _texts(root: ET.Element, **attributes: str) -> list[ET.Element]:
    """Every <text>, or only those inside a <g> with `attributes` (font-size, fill)."""
    if not attributes:
        return list(root.iter(f"{SVG}text"))
    return [
        text
        for group in root.iter(f"{SVG}g")
        if all(group.get(key.replace("_", "-")) == value for key, value in attributes.items())
        for text in group.iter(f"{SVG}text")
    ]


def _legend(root: ET.Element) -> list[str]:
    return [t.text or "" for t in _texts(root, font_size=f"{LEGEND_SIZE:g}")]


def _value_labels(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]


def _paths(root: ET.Element, colour: str, dashes: str | None) -> list[list[tuple[float, float]]]:
    """The points of each path stroked in `colour` with `dashes` (none: solid), bar the
    legend's handles."""
    legend = {
        id(path)
        for group in root.iter(f"{SVG}g")
        if group.get("font-size") == f"{LEGEND_SIZE:g}"
        for path in group.iter(f"{SVG}path")
    }
    found = []
    for path in root.iter(f"{SVG}path"):
        if id(path) in legend:
            continue
        if path.get("stroke") == colour and path.get("stroke-dasharray") == dashes:
            numbers_in = [float(n) for n in re.findall(r"-?\d+\.\d+", path.get("d", ""))]
            found.append(list(itertools.pairwise(numbers_in))[::2])
    return found


def _markers(root: ET.Element) -> list[tuple[float, float]]:
    """The readings' markers (not the legend's)."""
    return [
        (float(c.get("cx", "nan")), float(c.get("cy", "nan")))
        for group in root.iter(f"{SVG}g")
        if group.get("fill") == READING_COLOUR
        for c in group.iter(f"{SVG}circle")
    ]


def _stars(root: ET.Element) -> list[ET.Element]:
    """The targets' stars (not the legend's)."""
    return [
        p
        for group in root.iter(f"{SVG}g")
        if group.get("fill") == TARGET_COLOUR
        for p in group.iter(f"{SVG}polygon")
    ]


def _plot_and_layout(
    indicator: Indicator, readings: Sequence[Reading], assessments: Sequence[Assessment]
) -> tuple[Plot, Layout]:
    plot = indicator_plot(readings, assessments)
    return plot, chart_layout(plot, indicator)


def _target(target_id: str, value: Decimal | int | str, deadline: int | str) -> Target:
    return Target.model_validate(
        {
            "id": target_id,
            "comparison": "at_least",
            "value": Decimal(value),
            "deadline": deadline,
            "source": {"document": "d", "publisher": "p", "date": "2024-01-01", "quote": "q"},
        }
    )


def _reading(indicator: Indicator, value: Decimal | int | str, date: str) -> Reading:
    return Reading.model_validate(
        {"indicator": indicator.id, "value": Decimal(value), "date": date, "source": "s"}
    )


def _assessed(
    indicator: Indicator, readings: Sequence[Reading], *targets: Target
) -> list[Assessment]:
    return [assess_target(indicator, t, readings, TODAY, "cagr-ratio") for t in targets]


# --- The chart as a whole -----------------------------------------------------------------


def test_indicator_chart_is_inline_svg(context: ExportContext) -> None:
    """A chart is an <svg> element with the chart class and a viewBox, without XML prolog
    or fixed size (the page sizes it), and parses as XML."""
    svg = _chart(context)
    assert svg.startswith("<svg")
    opening = svg.split(">", 1)[0]
    assert 'class="chart"' in opening
    assert 'viewBox="0 0 504 216"' in opening
    assert " width=" not in opening
    assert " height=" not in opening
    assert "<?xml" not in svg
    assert svg.rstrip().endswith("</svg>")
    _parsed(svg)


def test_the_report_calls_it_as_the_html_report_does(context: ExportContext) -> None:
    """html_report passes a region's readings as `regional.get(region, ())` and a list of
    assessments: tuples and lists alike, empty or not."""
    indicator = _indicator(context, FIVE_G)
    assert indicator_chart(indicator, (), ()).startswith("<svg")
    assert indicator_chart(indicator, list(context.readings[FIVE_G]), []).startswith("<svg")


def test_readings_are_a_line_with_a_marker_each(context: ExportContext) -> None:
    """Every reading is a marker on one solid line through them, left to right."""
    root = _parsed(_chart(context))
    readings = context.readings[FIVE_G]
    markers = _markers(root)
    assert len(markers) == len(readings)
    (line,) = _paths(root, READING_COLOUR, None)
    assert line == sorted(line)  # by date
    assert sorted(line) == sorted(markers)


def test_each_target_is_a_star_with_its_id(context: ExportContext) -> None:
    """The 5G chart's two targets of its own region are two stars, each id drawn by its star
    (Jinan's target is in the region's own chart)."""
    root = _parsed(_chart(context))
    assert len(_stars(root)) == 2
    labels = [t.text or "" for t in _texts(root, font_size=f"{LABEL_SIZE:g}")]
    assert sorted(labels) == sorted(FIVE_G_TARGETS)
    assert "jinan-5g-base-stations-2025" not in _chart(context)


def test_required_path_runs_from_the_baseline_and_projection_is_dashed(
    context: ExportContext,
) -> None:
    """The required path (dotted, grey) runs from each target's baseline reading to its
    star; the projection (dashed, in the readings' colour) from the latest reading to the
    value projected at the deadline, at the star's x."""
    indicator = _indicator(context, FIVE_G)
    assessments = [a for a in context.assessments_for(indicator) if context.of_own_region(a.target)]
    plot, layout = _plot_and_layout(indicator, context.readings[FIVE_G], assessments)
    root = _parsed(indicator_chart(indicator, context.readings[FIVE_G], assessments))
    required = _paths(root, REQUIRED_COLOUR, DOTTED)
    projected = _paths(root, PROJECTION_COLOUR, DASHED)
    assert len(required) == len(projected) == 2
    markers = {(round(x, 1), round(y, 1)) for x, y in _markers(root)}
    for a in assessments:
        assert a.base is not None
        assert a.latest is not None
        assert a.projected is not None
        assert a.target.deadline is not None
        deadline = float(a.target.deadline.end.toordinal())
        base = (layout.x(a.base.date.toordinal()), layout.y(float(a.base.value)))
        star = (layout.x(deadline), layout.y(float(a.target.value)))
        assert any(_near(p[0], base) and _near(p[-1], star) for p in required)
        latest = (layout.x(a.latest.date.toordinal()), layout.y(float(a.latest.value)))
        end = (layout.x(deadline), layout.y(float(a.projected)))
        assert any(_near(p[0], latest) and _near(p[-1], end) for p in projected)
        assert (round(latest[0], 1), round(latest[1], 1)) in markers  # from a reading
    assert {e.dashes for e in plot.legend if e.text == "projection at observed pace"} == {DASHED}


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= 0.01 and abs(a[1] - b[1]) <= 0.01


def test_growth_targets_are_not_drawn_and_recurring_ones_are_a_level(
    context: ExportContext,
) -> None:
    """A growth target (a rate, not a level) has no star; a recurring target is a dotted
    line across the chart at its level, named in the legend."""
    revenue = _parsed(_chart(context, "it-industry-revenue"))
    assert len(_stars(revenue)) == 1
    assert "it-industry-revenue-growth" not in ET.tostring(revenue, encoding="unicode")
    indicator = _indicator(context, "leading-projects")
    (recurring,) = [a for a in context.assessments_for(indicator) if a.target.kind == "recurring"]
    plot, layout = _plot_and_layout(indicator, (), [recurring])
    root = _parsed(indicator_chart(indicator, (), [recurring]))
    levels = [
        p.get("d")
        for p in root.iter(f"{SVG}path")
        if p.get("stroke") == TARGET_COLOUR and p.get("stroke-dasharray") == LEVEL_DOTS
    ]
    left, _top, right, _bottom = layout.frame
    y = layout.y(float(recurring.target.value))
    assert levels[0] == f"M{left:.2f} {y:.2f}H{right:.2f}"  # across the whole chart
    assert len(levels) == 2  # and the legend's handle
    assert _legend(root) == ["leading-projects-yearly (each year)"]
    assert not _stars(root)
    assert plot.levels


def test_nothing_is_only_in_a_tooltip(context: ExportContext) -> None:
    """The SVG has no tooltips (<title>) and no hover rules: each target's id is drawn."""
    svg = _chart(context)
    assert "<title" not in svg
    assert ":hover" not in svg
    assert ">5g-base-stations-2025-first<" in svg
    assert ">5g-base-stations-2025<" in svg


# --- Words: the legend and the axes in the report's language ------------------------------


def test_english_legend_and_axis(context: ExportContext) -> None:
    """The English chart's legend and axis are English, its values as English writes them."""
    root = _parsed(_chart(context))
    assert _legend(root) == [
        "readings",
        "target at its deadline",
        "required path",
        "projection at observed pace",
    ]
    texts = [t.text for t in _texts(root)]
    assert "base stations" in texts
    assert "250,000" in _value_labels(root)
    assert not any("万" in (t or "") for t in texts)


class _Catalog(gettext.NullTranslations):
    """Chinese words for the chart's legend, to see that each goes through `_`."""

    WORDS: ClassVar[dict[str, str]] = {
        "readings": "读数",
        "target at its deadline": "截止日期的目标值",
        "required path": "所需路径",
        "projection at observed pace": "按现有速度的预测",
        "{target} (each year)": "{target}（每年）",
    }

    def gettext(self, message: str) -> str:
        return self.WORDS.get(message, message)


@pytest.fixture
def zh_words(zh: None) -> Iterator[None]:
    language._State.catalog = _Catalog()
    try:
        yield
    finally:
        language.use("en")


@pytest.mark.usefixtures("zh_words")
def test_chinese_legend_and_axis(zh_context: ExportContext) -> None:
    """In Chinese every legend entry goes through the catalog, the axis reads 个 and its
    values 万 (25万, not 250,000)."""
    root = _parsed(_chart(zh_context))
    assert _legend(root) == ["读数", "截止日期的目标值", "所需路径", "按现有速度的预测"]
    texts = [t.text or "" for t in _texts(root)]
    assert "个" in texts
    assert "base stations" not in texts
    assert any(label.endswith("万") for label in _value_labels(root))
    assert "250,000" not in _value_labels(root)


@pytest.mark.usefixtures("zh_words")
def test_chinese_legend_is_measured_an_em_a_character(zh_context: ExportContext) -> None:
    """The legend's box holds its longest entry at one em per Chinese character, and the
    legend meets no target's label."""
    indicator = _indicator(zh_context, FIVE_G)
    own = [a for a in zh_context.assessments_for(indicator) if zh_context.of_own_region(a.target)]
    plot, layout = _plot_and_layout(indicator, zh_context.readings[FIVE_G], own)
    assert layout.legend is not None
    left, _top, right, _bottom = layout.legend
    assert right - left >= len("按现有速度的预测") * LEGEND_SIZE + 2 * LEGEND_SIZE
    assert not any(meet(label.box, layout.legend) for label in layout.labels)
    assert all(text_width(e.text, LEGEND_SIZE) <= right - left for e in plot.legend)


def test_count_ticks_are_whole_numbers(context: ExportContext) -> None:
    """A count's axis (gigabit cities, 3 to 16) ticks at whole numbers, written without a
    fraction: never 15.600000000000001 or 2.5 cities."""
    labels = _value_labels(_parsed(_chart(context, "gigabit-cities")))
    assert len(labels) >= 3
    assert all(re.fullmatch(r"-?[\d,]+", label) for label in labels), labels


@pytest.mark.parametrize(
    "indicator_id", [FIVE_G, "it-industry-revenue", "digital-economy-gdp-share"]
)
def test_tick_labels_are_the_indicators_numbers(context: ExportContext, indicator_id: str) -> None:
    """Every tick label is as the indicator writes numbers (present.numbers): short, no
    float noise, no two alike, evenly spaced on the axis."""
    indicator = _indicator(context, indicator_id)
    plot, layout = _plot_and_layout(
        indicator, context.readings.get(indicator_id, ()), context.assessments_for(indicator)
    )
    labels = [text for _v, text in layout.y_ticks]
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels)
    for value, label in layout.y_ticks:
        assert label == numbers.number(Decimal(repr(value)), indicator.unit_info)
        assert "000000" not in label.replace(",", "") or label.endswith("000,000")
        assert len(label) <= 14, label
    gaps = {round(b - a, 9) for (a, _x), (b, _y) in itertools.pairwise(layout.y_ticks)}
    assert len(gaps) == 1
    assert plot.lines or plot.stars


# --- Target labels: stacked, apart, inside the figure -------------------------------------


def test_the_two_5g_target_labels_do_not_overlap(context: ExportContext) -> None:
    """The 2025 targets of 250,000 and 270,000 share a deadline; their labels are stacked,
    a visible gap apart (the browser draws the text in its own font), in the SVG as laid out."""
    indicator = _indicator(context, FIVE_G)
    own = [a for a in context.assessments_for(indicator) if context.of_own_region(a.target)]
    _plot, layout = _plot_and_layout(indicator, context.readings[FIVE_G], own)
    low, high = sorted((label.box for label in layout.labels), key=lambda box: -box[3])
    assert low[1] - high[3] >= LABEL_GAP - 1e-6
    root = _parsed(_chart(context))
    baselines = sorted(float(t.get("y", "nan")) for t in _texts(root, font_size="7"))
    assert baselines[1] - baselines[0] >= LABEL_SIZE + LABEL_GAP - 0.01


def _assert_labels_apart_and_inside(plot: Plot, layout: Layout) -> None:
    assert len(layout.labels) == len(plot.stars)
    half = STAR_SIZE / 2
    star_boxes = [
        (
            layout.x(s.day) - half,
            layout.y(s.value) - half,
            layout.x(s.day) + half,
            layout.y(s.value) + half,
        )
        for s in plot.stars
    ]
    for a, b in itertools.combinations(layout.labels, 2):
        grown = (a.box[0], a.box[1] - LABEL_GAP + 1e-6, a.box[2], a.box[3] + LABEL_GAP - 1e-6)
        assert not meet(grown, b.box), (a, b)
    for n, label in enumerate(layout.labels):
        assert not any(meet(label.box, box) for m, box in enumerate(star_boxes) if m != n)
        left, top, right, bottom = label.box
        assert left >= 0
        assert top >= 0
        assert right <= WIDTH
        assert bottom <= HEIGHT


@settings(
    deadline=None, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(90, 120), st.integers(2025, 2027), st.integers(0, 3)),
        min_size=2,
        max_size=6,
        unique_by=lambda t: t[:2],
    )
)
def test_no_two_target_labels_overlap(
    shipped: Workspace, targets: list[tuple[int, int, int]]
) -> None:
    """Whatever the targets' values, deadlines and id lengths, however close: no two labels
    come within LABEL_GAP of each other, none covers another target's star, all stay
    inside the figure."""
    indicator = _indicator(shipped, FIVE_G)
    readings = shipped.readings_for(FIVE_G)
    made = [
        _target(f"target-{n}" + "-long" * size, v * 2500, d)
        for n, (v, d, size) in enumerate(targets)
    ]
    plot, layout = _plot_and_layout(indicator, readings, _assessed(indicator, readings, *made))
    _assert_labels_apart_and_inside(plot, layout)


# --- Hostile text --------------------------------------------------------------------------


@pytest.mark.parametrize("attack", [*ATTACKS, "]]><script>x</script>", "a & b \"c\" 'd'"])
def test_text_from_files_is_inert(context: ExportContext, attack: str) -> None:
    """A unit, a Chinese unit or a target id an attacker chose is text in the SVG: the
    chart still parses, has no element, attribute or handler of the attacker's, and shows
    the text as it was (its control characters as U+FFFD)."""
    indicator = _indicator(context, FIVE_G).model_copy(update={"unit": attack})
    (first, *_rest) = [
        a for a in context.assessments_for(indicator) if context.of_own_region(a.target)
    ]
    hostile = dataclasses.replace(first, target=first.target.model_copy(update={"id": attack}))
    svg = indicator_chart(indicator, context.readings[FIVE_G], [hostile])
    assert "<script" not in svg
    assert "<img" not in svg
    root = _parsed(svg)
    shown = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", attack)
    texts = [t.text or "" for t in _texts(root)]
    assert shown in texts  # the axis's unit
    assert [t.text for t in _texts(root, font_size="7")] == [shown]  # the target's label


@pytest.mark.usefixtures("zh")
def test_a_hostile_chinese_unit_is_inert(context: ExportContext) -> None:
    indicator = _indicator(context, FIVE_G).model_copy(update={"unit_zh": "<b>个</b>&]]>"})
    root = _parsed(indicator_chart(indicator, context.readings[FIVE_G], []))
    assert "<b>个</b>&]]>" in [t.text for t in _texts(root)]


# --- The same input, the same bytes --------------------------------------------------------


def test_the_same_input_gives_the_same_bytes(context: ExportContext) -> None:
    """A chart drawn twice, with another drawn between, is byte for byte the same: no ids,
    no clock, nothing random, nothing left over from the chart before."""
    first = _chart(context)
    _chart(context, "gigabit-cities")
    assert _chart(context) == first
    indicator = _indicator(context, FIVE_G)
    own = [a for a in context.assessments_for(indicator) if context.of_own_region(a.target)]
    copied = [r.model_copy() for r in context.readings[FIVE_G]]
    assert indicator_chart(indicator.model_copy(), copied, list(own)) == first


def test_another_process_draws_the_same_bytes(context: ExportContext) -> None:
    """Another interpreter, with another hash seed, draws the 5G chart byte for byte alike."""
    script = (
        "import datetime as dt, sys, pathlib\n"
        "from sdtrack.store.locations import locate_workspace\n"
        "from sdtrack.store.workspace import load_workspace\n"
        "from sdtrack.present.report import build_status\n"
        "from sdtrack.present.exporters.base import ExportContext\n"
        "from sdtrack.present.exporters.charts import indicator_chart\n"
        "ws = load_workspace(locate_workspace(None, None, pathlib.Path(sys.argv[1])))\n"
        "c = ExportContext.of(ws, build_status(ws, dt.date(2026, 11, 22)), "
        "dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC))\n"
        "i = next(i for i in c.indicators if i.id == '5g-base-stations')\n"
        "own = [a for a in c.assessments_for(i) if c.of_own_region(a.target)]\n"
        "sys.stdout.buffer.write(indicator_chart(i, c.readings[i.id], own).encode())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "/"],
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "SDTRACK_LANG": "en", "PATH": ""},
        timeout=120,
    )
    assert done.stdout.decode() == _chart(context)


def test_charts_need_no_plotting_library() -> None:
    """Drawing a chart imports no matplotlib (it is written as text)."""
    script = (
        "import sys\n"
        "import sdtrack.present.exporters.charts\n"
        "import sdtrack.present.exporters.html_report\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'numpy')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, check=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


# --- Edge cases ----------------------------------------------------------------------------


def test_a_chart_without_readings_or_targets_still_draws(context: ExportContext) -> None:
    """No readings, no targets: empty axes, no marker, no star, no legend, no date."""
    root = _parsed(indicator_chart(_indicator(context, FIVE_G), [], []))
    assert not _markers(root)
    assert not _stars(root)
    assert _legend(root) == []
    assert _value_labels(root) == ["0", "1"]
    dates = [
        t for t in _texts(root) if t.get("text-anchor") == "middle" and "transform" not in t.attrib
    ]
    assert not dates


def test_a_target_without_readings(context: ExportContext) -> None:
    """A target and no reading: its star and id, no required path or projection, a legend
    of the star alone, the deadline's year on the time axis."""
    indicator = _indicator(context, FIVE_G)
    made = _target("t-2027", 300000, 2027)
    root = _parsed(indicator_chart(indicator, [], _assessed(indicator, [], made)))
    assert len(_stars(root)) == 1
    assert [t.text for t in _texts(root, font_size="7")] == ["t-2027"]
    assert not _paths(root, REQUIRED_COLOUR, DOTTED)
    assert not _paths(root, PROJECTION_COLOUR, DASHED)
    assert _legend(root) == ["target at its deadline"]
    assert "2028" in [t.text for t in _texts(root)]  # 2027 ends on 31 December
    assert "300,000" in _value_labels(root)


def test_one_reading(context: ExportContext) -> None:
    """One reading: one marker in the middle of the chart, round ticks either side of it
    (5% of its value, as matplotlib widens a single value), years around it."""
    indicator = _indicator(context, FIVE_G)
    readings = [_reading(indicator, 224000, "2024")]
    plot, layout = _plot_and_layout(indicator, readings, [])
    root = _parsed(indicator_chart(indicator, readings, []))
    ((x, y),) = _markers(root)
    left, top, right, bottom = layout.frame
    assert x == pytest.approx((left + right) / 2, abs=0.01)
    assert y == pytest.approx((top + bottom) / 2, abs=0.01)
    values = [v for v, _t in layout.y_ticks]
    assert min(values) < 224000 < max(values)
    assert max(values) - min(values) >= 10000
    assert _legend(root) == ["readings"]
    assert plot.lines


def test_a_single_day(context: ExportContext) -> None:
    """Readings of one day: the time axis spans years either side, the day in its middle."""
    indicator = _indicator(context, FIVE_G)
    readings = [_reading(indicator, 1000, "2024-03-05")]
    _plot, layout = _plot_and_layout(indicator, readings, [])
    years = [text for _d, text in layout.x_ticks]
    assert years == ["2022", "2023", "2024", "2025", "2026"]
    day = dt.date(2024, 3, 5).toordinal()
    assert layout.x(day) == pytest.approx((layout.frame[0] + layout.frame[2]) / 2)


def test_days_of_one_month(context: ExportContext) -> None:
    indicator = _indicator(context, FIVE_G)
    readings = [_reading(indicator, 1000 + n, f"2024-03-{n:02d}") for n in range(1, 12)]
    _plot, layout = _plot_and_layout(indicator, readings, [])
    assert all(text.startswith("2024-03-") for _d, text in layout.x_ticks)
    assert len(layout.x_ticks) >= 4


def test_negative_values(context: ExportContext) -> None:
    """Readings below zero: ticks below and above zero, every marker inside the axes."""
    indicator = _indicator(context, FIVE_G).model_copy(update={"negative": True, "unit": "t"})
    readings = [
        _reading(indicator, v, str(year))
        for year, v in [(2019, -120), (2020, -40), (2021, 15), (2022, -5), (2023, 60)]
    ]
    assessments = _assessed(indicator, readings, _target("t-2027", 100, 2027))
    plot, layout = _plot_and_layout(indicator, readings, assessments)
    root = _parsed(indicator_chart(indicator, readings, assessments))
    values = [v for v, _t in layout.y_ticks]
    assert min(values) <= -100
    assert 0 in values
    assert max(values) >= 100
    assert "-100" in _value_labels(root)
    left, top, right, bottom = layout.frame
    for x, y in _markers(root):
        assert left <= x <= right
        assert top <= y <= bottom
    assert plot.stars


def test_huge_values(context: ExportContext) -> None:
    """Values of 10^14 yuan: ticks in trillions, short, in order, no float noise or
    exponents; in Chinese, 万亿."""
    indicator = _indicator(context, "it-industry-revenue")
    readings = [
        _reading(indicator, v, str(year))
        for year, v in [(2020, "4E13"), (2021, "5.5E13"), (2022, "7.1E13"), (2023, "8.8E13")]
    ]
    assessments = _assessed(indicator, readings, _target("huge-2030", "1.5E14", 2030))
    root = _parsed(indicator_chart(indicator, readings, assessments))
    labels = _value_labels(root)
    assert "100 trillion" in labels
    assert all(re.fullmatch(r"-?\d+(\.\d+)? trillion|0", label) for label in labels), labels
    language.use("zh")
    try:
        chinese = _value_labels(_parsed(indicator_chart(indicator, readings, assessments)))
    finally:
        language.use("en")
    assert "100万亿" in chinese


def test_a_long_id_near_the_edge_stays_inside(context: ExportContext) -> None:
    """A long target id at the last deadline is moved inside the figure, not cut off."""
    indicator = _indicator(context, FIVE_G)
    readings = context.readings[FIVE_G]
    made = _target("a-very-long-target-id-that-would-run-off-the-right-edge", 300000, 2030)
    plot, layout = _plot_and_layout(indicator, readings, _assessed(indicator, readings, made))
    (label,) = layout.labels
    assert label.box[2] <= WIDTH
    assert label.box[0] >= 0
    assert plot.stars


def test_a_projection_beyond_floats_is_left_out(context: ExportContext) -> None:
    """A projection too large for a float (an exploding pace) is not drawn: the chart keeps
    its scale and never writes inf or nan."""
    indicator = _indicator(context, FIVE_G)
    own = [a for a in context.assessments_for(indicator) if context.of_own_region(a.target)]
    exploding = [dataclasses.replace(a, projected=Decimal("1E+400")) for a in own]
    svg = indicator_chart(indicator, context.readings[FIVE_G], exploding)
    assert "inf" not in svg
    assert "nan" not in svg
    root = _parsed(svg)
    assert not _paths(root, PROJECTION_COLOUR, DASHED)
    assert len(_paths(root, REQUIRED_COLOUR, DOTTED)) == 2
