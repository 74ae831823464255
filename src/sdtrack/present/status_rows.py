"""The status table's cells worded from a computed report: the `StatusView` that is
rendered, and saved in the cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sdtrack.core.choices import Method
from sdtrack.present import numbers
from sdtrack.present.documents import status_json
from sdtrack.present.phrases import (
    band_words,
    display_name,
    gap_phrase,
    point_phrase,
    status_words,
    target_phrase,
    time_left_phrase,
)
from sdtrack.present.report import StatusReport, build_status
from sdtrack.present.status_view import StatusRow, StatusView, TrendRow
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.workspace import load_workspace


def status_view(report: StatusReport) -> StatusView:
    """Word every cell of the status table from the computed report, in the language in
    use (the cache's key holds it): the renderer shows these words as they are."""
    rows = []
    for a in report.assessments:
        latest = a.latest
        rows.append(
            StatusRow(
                target_id=a.target.id,
                indicator_name=display_name(a.indicator),
                superseded=not report.is_current(a),
                declared=target_phrase(a.target, a.indicator, symbols=True),
                time_left=time_left_phrase(a.as_of, a.deadline),
                latest=point_phrase(latest, a.indicator) if latest else None,
                latest_period=numbers.period(latest.period) if latest else None,
                progress=a.progress,
                gap=gap_phrase(a),
                status=a.status.value,
                stale=a.stale,
                status_word=status_words(a.status.value),
            )
        )
    trends = []
    for t in report.trends:
        latest = t.latest
        trends.append(
            TrendRow(
                indicator_id=t.indicator.id,
                indicator_name=t.indicator.name,
                indicator_name_zh=t.indicator.name_zh or "",
                latest=point_phrase(latest, t.indicator) if latest else None,
                latest_period=numbers.period(latest.period) if latest else None,
                status=t.status.value if t.status else None,
                band=band_words(t.band),
                stale=t.stale,
                status_word=status_words(t.status.value) if t.status else "",
            )
        )
    return StatusView(
        workspace=report.workspace,
        as_of=report.as_of.isoformat(),
        as_of_text=numbers.day(report.as_of),
        summary=[(status.value, n) for status, n in report.counts().items()],
        methods=report.methods,
        rows=rows,
        trends=trends,
        status_words={status.value: status_words(status.value) for status in report.counts()},
    )


def compute_status(
    location: WorkspaceLocation,
    as_of: dt.date,
    ids: Sequence[str],
    method: Method | None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, Any], StatusView]:
    """Load the workspace and assess it: the `--json` document and the table's view.

    The uncached computation, which `fast.status_cache` wraps.
    """
    report = build_status(load_workspace(location, progress), as_of, ids, method)
    return status_json(report), status_view(report)
