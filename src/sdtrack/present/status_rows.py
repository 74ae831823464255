"""The status table's cells worded from a computed report: the `StatusView` that is
rendered, and saved in the cache; and the words of a target's cells that every table
(`status`, `show`, Markdown, HTML) shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sdtrack.core.assessment import Assessment, Status
from sdtrack.core.choices import Method
from sdtrack.core.language import _
from sdtrack.present import numbers
from sdtrack.present.documents import status_json
from sdtrack.present.phrases import (
    band_words,
    bound_words,
    display_name,
    disputed_words,
    gap_phrase,
    outlook_words,
    point_phrase,
    sources_words,
    status_words,
    target_phrase,
    time_left_phrase,
)
from sdtrack.present.report import StatusReport, build_status, waiting_lines
from sdtrack.present.status_view import StatusRow, StatusView, TrendRow
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.workspace import load_workspace

# A bound as the terminal's narrow cells write it: "≥ 67 %".
BOUND_SYMBOLS: dict[str, str] = {"at_least": "≥", "at_most": "≤", "about": "≈"}


def bounded(text: str, bound: str | None, *, symbols: bool = False) -> str:
    """`text` marked as the bound it is: "≥ 67 %" with symbols, else "at least 67 %"."""
    if not bound:
        return text
    if symbols and bound in BOUND_SYMBOLS:  # spaced as the declared target is: > 5 / >5个
        return BOUND_SYMBOLS[bound] + ("" if numbers.chinese() else " ") + text
    return _("{bound} {value}").format(bound=bound_words(bound), value=text)


def progress_words(a: Assessment, *, symbols: bool = False) -> str:
    """The share of the way, with its bound ("at least 67 %"); "—" when there is none."""
    if a.progress is None:
        return "—"
    return bounded(numbers.percent(a.progress), a.progress_bound, symbols=symbols)


def gap_words(a: Assessment, *, symbols: bool = False) -> str | None:
    """What remains, with its bound ("at most 400 billion yuan"); None when unknown."""
    gap = gap_phrase(a)
    if gap is None or a.gap == 0:
        return gap
    return bounded(gap, a.gap_bound, symbols=symbols)


def only_base(a: Assessment) -> bool:
    """Nothing has been read since the base: the latest reading is the base itself, or a
    reading of the same day (a baseline the target states is not the reading that gives it)."""
    if a.progress is not None or a.latest is None or a.base is None:
        return False
    return a.latest.date <= a.base.date


def progress_note(a: Assessment) -> str:
    return _("no data since the base") if only_base(a) else ""


def latest_sources(a: Assessment) -> str:
    """ "2 sources" when more than one source gives the latest value; else ""."""
    if a.latest is None or a.latest.sources <= 1:
        return ""
    return sources_words(a.latest.sources)


def outlook_code(a: Assessment) -> str:
    return a.outlook.value if a.status.is_waiting and a.outlook is not None else ""


def status_phrase(a: Assessment) -> str:
    """The status with the outlook of a waiting target: "overdue · likely met"."""
    words = status_words(a.status.value)
    code = outlook_code(a)
    if not code:
        return words
    return _("{status} · {outlook}").format(status=words, outlook=outlook_words(code))


# Statuses that carry no verdict for a pace to support.
NO_VERDICT = (Status.NO_DATA, Status.NOT_ASSESSABLE, Status.NOT_YET_DUE)


def indicative_mark(a: Assessment) -> str:
    """ "indicative" when the verdict of an open target rests on a fragile pace."""
    if not a.pace_notes or a.status.is_final or a.status in NO_VERDICT:
        return ""
    return _("indicative")


def disputed_mark(a: Assessment) -> str:
    return disputed_words() if a.disputed else ""


def status_marks(a: Assessment) -> list[str]:
    """The marks beside the status: indicative, disputed (each only when it applies)."""
    return [mark for mark in (indicative_mark(a), disputed_mark(a)) if mark]


def time_words(a: Assessment, joiner: str = " · ") -> str:
    """Time left to the deadline; for a waiting target, when its figure is expected
    ("2025 figure expected by 2026-03-31", "… overdue since …"), after "ongoing" and
    `joiner` when the target has no deadline."""
    if not a.status.is_waiting or a.expected_by is None:
        return time_left_phrase(a.as_of, a.deadline)
    day = numbers.day(a.expected_by)
    overdue = a.status is Status.OVERDUE
    if a.awaited is None:
        text = _("overdue since {day}") if overdue else _("expected by {day}")
    elif overdue:
        text = _("{period} figure overdue since {day}")
    else:
        text = _("{period} figure expected by {day}")
    period = numbers.period(a.awaited) if a.awaited is not None else ""
    text = text.format(period=period, day=day)
    if a.deadline is None:
        return time_left_phrase(a.as_of, None) + joiner + text
    return text


def status_view(report: StatusReport) -> StatusView:
    """Word every cell of the status table from the computed report, in the language in
    use (the cache's key holds it): the renderer shows these words as they are."""
    rows = []
    for a in report.assessments:
        latest = a.latest
        code = outlook_code(a)
        rows.append(
            StatusRow(
                target_id=a.target.id,
                indicator_name=display_name(a.indicator),
                superseded=not report.is_current(a),
                declared=target_phrase(a.target, a.indicator, symbols=True),
                time_left=time_words(a, "\n"),
                latest=point_phrase(latest, a.indicator) if latest else None,
                latest_period=numbers.period(latest.period) if latest else None,
                progress=a.progress,
                gap=gap_words(a, symbols=True),
                status=a.status.value,
                stale=a.stale,
                status_word=status_words(a.status.value),
                outlook=code,
                outlook_word=outlook_words(code) if code else "",
                indicative=indicative_mark(a),
                disputed=disputed_mark(a),
                progress_text=progress_words(a, symbols=True) if a.progress_bound else "",
                progress_note=progress_note(a),
                latest_sources=latest_sources(a),
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
        waiting=waiting_lines(report),
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
