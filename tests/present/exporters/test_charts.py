"""The SVG charts: one inline chart per indicator, without size or prolog."""

from __future__ import annotations

import warnings

import pytest

from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.exporters.charts import indicator_chart


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
