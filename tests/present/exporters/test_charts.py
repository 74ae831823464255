"""The SVG charts: one inline chart per indicator, without size or prolog."""

from __future__ import annotations

import itertools
import math
import re
import warnings
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from sdtrack.core.assessment import assess_target
from sdtrack.core.model import Target
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.charts import (
    LABEL_GAP,
    indicator_chart,
    indicator_figure,
    tick_value,
)
from sdtrack.store.workspace import Workspace

from ...conftest import TODAY


def test_indicator_chart_is_inline_svg(context: ExportContext) -> None:
    """A chart is an <svg> element with the chart class and no XML prolog or fixed size."""
    indicator = next(i for i in context.indicators if i.id == "5g-base-stations")
    svg = indicator_chart(
        indicator, context.readings[indicator.id], context.assessments_for(indicator)
    )
    assert svg.startswith("<svg")
    opening = svg.split(">", 1)[0]
    assert 'class="chart"' in opening
    assert "width=" not in opening
    assert "height=" not in opening
    assert "<?xml" not in svg
    assert svg.rstrip().endswith("</svg>")


def test_a_chart_without_readings_still_draws(context: ExportContext) -> None:
    """An indicator with no readings and no targets still gives an SVG."""
    indicator = context.indicators[0]
    assert indicator_chart(indicator, [], []).startswith("<svg")


def _chart(context: ExportContext) -> str:
    indicator = next(i for i in context.indicators if i.id == "5g-base-stations")
    return indicator_chart(
        indicator, context.readings[indicator.id], context.assessments_for(indicator)
    )


def test_english_legend_and_axis(context: ExportContext) -> None:
    """The English chart's legend and axis are English, its values as English writes them."""
    svg = _chart(context)
    assert "readings" in svg
    assert "required path" in svg
    assert "base stations" in svg
    assert "万" not in svg


@pytest.mark.usefixtures("zh_catalog")
def test_chinese_legend_and_axis(zh_context: ExportContext) -> None:
    """In Chinese the legend goes through the catalog and the axis reads 22万 and 个."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # no "Glyph missing" warning reaches the user
        svg = _chart(zh_context)
    assert "读数" in svg
    assert "万" in svg
    assert "个" in svg
    assert "base stations" not in svg


def _figure(context: ExportContext, indicator_id: str) -> Figure:
    indicator = next(i for i in context.indicators if i.id == indicator_id)
    return indicator_figure(
        indicator, context.readings[indicator.id], context.assessments_for(indicator)
    )


def _tick_labels(figure: Figure) -> list[str]:
    axes = figure.axes[0]
    return [t.get_text() for t in axes.get_yticklabels() if t.get_text()]


def _target_labels(figure: Figure, ids: set[str]) -> list[Bbox]:
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    texts = [t for t in figure.axes[0].texts if t.get_text() in ids]
    assert len(texts) == len(ids)
    return [t.get_window_extent(renderer) for t in texts]


def test_count_ticks_are_whole_numbers(context: ExportContext) -> None:
    """A count's axis (gigabit cities, 3 to 16) ticks at whole numbers, written without a
    fraction: never 15.600000000000001 or 2.5 cities."""
    figure = _figure(context, "gigabit-cities")
    ticks = figure.axes[0].get_yticks()
    assert all(float(t).is_integer() for t in ticks)
    labels = _tick_labels(figure)
    assert labels
    assert all(re.fullmatch(r"-?[\d,]+", label) for label in labels), labels


@pytest.mark.parametrize("indicator_id", ["5g-base-stations", "it-industry-revenue"])
def test_tick_labels_are_the_indicators_numbers(context: ExportContext, indicator_id: str) -> None:
    """Every tick label is as the indicator writes numbers: short, no float noise."""
    labels = _tick_labels(_figure(context, indicator_id))
    assert labels
    for label in labels:
        assert "000000" not in label.replace(",", "") or label.endswith("000,000")
        assert len(label) <= 14, label


@given(
    st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
    st.sampled_from([0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 1e4, 2.5e5, 1e11]),
)
def test_tick_value_never_shows_float_noise(start: float, step: float) -> None:
    """A tick computed in floats (start + n·step) is written as the decimal it stands for:
    at most three digits past the step's own."""
    ticks = [start + n * step for n in range(5)]
    for tick in ticks:
        value = tick_value(tick, ticks)
        digits = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0  # type: ignore[operator]
        assert digits <= max(0, -math.floor(math.log10(step))) + 2
        assert abs(float(value) - tick) <= step / 100 + abs(tick) * 1e-11


def test_tick_value_of_noise() -> None:
    """15.600000000000001 is 15.6; a count's 16.000000000000004 is 16."""
    assert str(tick_value(15.600000000000001, [15.2, 15.4, 15.6])) == "15.6"
    assert str(tick_value(16.000000000000004, [12.0, 14.0, 16.0])) == "16"
    assert str(tick_value(5.551115123125783e-17, [-0.2, 0.0, 0.2])) == "0"


def test_the_two_5g_target_labels_do_not_overlap(context: ExportContext) -> None:
    """The 2025 targets of 250,000 and 270,000 share a deadline; their labels, measured
    with the figure's renderer, do not meet."""
    figure = _figure(context, "5g-base-stations")
    first, second = _target_labels(figure, {"5g-base-stations-2025-first", "5g-base-stations-2025"})
    assert not first.overlaps(second)
    # Apart by a visible gap, not a pixel: the browser draws the text in its own font.
    low, high = sorted((first, second), key=lambda box: box.y0)
    assert high.y0 - low.y1 >= LABEL_GAP * figure.dpi / 72 - 0.5


def _target(target_id: str, value: Decimal, deadline: int) -> Target:
    return Target.model_validate(
        {
            "id": target_id,
            "comparison": "at_least",
            "value": value,
            "deadline": deadline,
            "source": {"document": "d", "publisher": "p", "date": "2024-01-01", "quote": "q"},
        }
    )


@settings(
    deadline=None, max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(100, 110), st.integers(2025, 2026)),
        min_size=2,
        max_size=4,
        unique=True,
    )
)
def test_no_two_target_labels_overlap(shipped: Workspace, targets: list[tuple[int, int]]) -> None:
    """Whatever the targets' values and deadlines, however close, no two labels meet."""
    indicator = next(i for i in shipped.indicators if i.id == "5g-base-stations")
    readings = shipped.readings_for(indicator.id)
    made = [_target(f"target-{n}", Decimal(v * 2500), d) for n, (v, d) in enumerate(targets)]
    assessments = [assess_target(indicator, t, readings, TODAY, "cagr-ratio") for t in made]
    figure = indicator_figure(indicator, readings, assessments)
    boxes = _target_labels(figure, {t.id for t in made})
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)


def test_nothing_is_only_in_a_tooltip(context: ExportContext) -> None:
    """The SVG has no tooltips (<title>) and no hover rules: each target's id is drawn."""
    svg = _chart(context)
    assert "<title" not in svg
    assert ":hover" not in svg
    assert "5g-base-stations-2025-first" in svg
    assert "5g-base-stations-2025<" in svg or ">5g-base-stations-2025" in svg
