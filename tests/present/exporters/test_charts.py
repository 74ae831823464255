"""The SVG charts: one inline chart per indicator, without size or prolog."""

from __future__ import annotations

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
