"""The status table's cells worded from a computed report: the `StatusView` that is
rendered, and saved in the cache; and the words of a target's cells that every table
(`status`, `show`, Markdown, HTML) shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sdtrack.core.assessment import Assessment, Point, Status, TrendAssessment
from sdtrack.core.choices import Method
from sdtrack.core.language import _, ngettext
from sdtrack.core.model import Indicator, Reading
from sdtrack.present import numbers
from sdtrack.present.documents import status_json
from sdtrack.present.phrases import (
    assessed_indicator,
    assessment_target_phrase,
    band_words,
    bound_words,
    display_name,
    disputed_words,
    gap_phrase,
    outlook_words,
    point_phrase,
    sources_words,
    status_words,
    time_left_phrase,
)
from sdtrack.present.region_documents import regions_document
from sdtrack.present.region_words import (
    count_summary,
    counting_of,
    level_words,
    missing_words,
    reported_words,
    rollup_words,
    rule_note,
    shown_rollups,
    standing_code,
    standing_words,
)
from sdtrack.present.regional import Breakdown, breakdowns
from sdtrack.present.report import (
    StatusReport,
    build_status,
    plan_line,
    superseded_words,
    waiting_lines,
)
from sdtrack.present.status_view import (
    BreakdownTarget,
    BreakdownView,
    RegionMatrix,
    RegionRow,
    RollUpLine,
    StatusRow,
    StatusView,
    TrendRow,
)
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.workspace import Workspace, load_workspace

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


def region_mark(a: Assessment, report: StatusReport) -> str:
    """The name of a target's region when it is not the workspace's own; else ""."""
    geography = report.geography
    if geography is None or report.region is not None or geography.key(a.target.region) is None:
        return ""
    return geography.name(a.target.region)


def status_row(a: Assessment, report: StatusReport) -> StatusRow:
    """One target's row of the table, every cell worded."""
    table = report.geography.table if report.geography is not None else None
    latest = a.latest
    code = outlook_code(a)
    later = report.superseded_by(a)
    return StatusRow(
        target_id=a.target.id,
        indicator_name=display_name(a.indicator),
        superseded=not report.is_current(a),
        declared=assessment_target_phrase(a, symbols=True, table=table),
        time_left=time_words(a, "\n"),
        latest=point_phrase(latest, assessed_indicator(a, table)) if latest else None,
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
        plan=a.target.plan or "",
        superseded_by=superseded_words(later, report.plans) if later is not None else "",
        region=region_mark(a, report),
    )


def scope_lines(report: StatusReport) -> list[str]:
    """What the rows were chosen by: "Region: Jinan", "Plan: Title — issuer, day"."""
    lines = []
    if report.region is not None:
        lines.append(_("Region: {region}").format(region=report.region.display_name))
    if report.plan is not None:
        lines.append(_("Plan: {plan}").format(plan=plan_line(report.plan)))
    return lines


def plan_legend(report: StatusReport) -> list[tuple[str, str]]:
    """The plans the rows name, oldest first, each with its line; none when one plan
    was asked for (the scope names it)."""
    if report.plan is not None:
        return []
    return [(plan, plan_line(report.plans[plan])) for plan in report.named_plans()]


def trend_row(t: TrendAssessment) -> TrendRow:
    """The row of an indicator without a target: its latest value and its direction."""
    latest = t.latest
    return TrendRow(
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


def status_view(report: StatusReport, matrix: RegionMatrix | None = None) -> StatusView:
    """Word every cell of the status table from the computed report, in the language in
    use (the cache's key holds it): the renderer shows these words as they are."""
    rows = [status_row(a, report) for a in report.assessments]
    trends = [trend_row(t) for t in report.trends]
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
        scope=scope_lines(report),
        plans=plan_legend(report),
        matrix=matrix,
    )


# ---------------------------------------------------------------------------------------
# The regional breakdown: `status --by region` and `show`


def reading_phrase(reading: Reading, indicator: Indicator) -> str:
    """A reading's value with its source's wording, marked when derived."""
    return point_phrase(Point.of(reading), indicator)


def breakdown_target(a: Assessment, report: StatusReport) -> BreakdownTarget:
    table = report.geography.table if report.geography is not None else None
    declared = assessment_target_phrase(a, symbols=True, table=table)
    region = region_mark(a, report)
    if region:
        declared = _("{target} ({region})").format(target=declared, region=region)
    counting = counting_of(a, table)
    counts = missing = ""
    if a.region_count is not None and counting is not None:
        counts = count_summary(a.region_count, counting, a.target)
        missing = missing_words(a, a.indicator, table) or ""
    return BreakdownTarget(
        target_id=a.target.id,
        declared=declared,
        status=a.status.value,
        status_word=status_phrase(a),
        counts=counts,
        missing=missing,
        superseded=not report.is_current(a),
    )


def breakdown_view(
    found: Breakdown, assessments: Sequence[Assessment], report: StatusReport
) -> BreakdownView:
    """The breakdown worded, with the indicator's targets beside it."""
    indicator = found.indicator
    level = found.regions[0].level if found.regions else None
    counted = [a for a in assessments if a.region_count is not None]
    rows = []
    for item in found.latest:
        standings = []
        for a in counted:
            assert a.region_count is not None
            mine = [s for s in a.region_count.standings if s.region == item.region.id]
            code = standing_code(mine[0]) if mine else ""
            standings.append((code, standing_words(code) if code else "—"))
        reading = item.reading
        rows.append(
            RegionRow(
                region_id=item.region.id,
                name=item.region.display_name,
                latest=reading_phrase(reading, indicator) if reading is not None else None,
                period=numbers.period(reading.date) if reading is not None else None,
                standings=standings,
            )
        )
    weights = indicator.weights
    parent = found.parent.display_name
    rollups = []
    for rollup in shown_rollups(found.rollups):
        words = rollup_words(rollup, indicator, parent, level, found.rule, weights)
        rollups.append(RollUpLine(words.period, words.total, words.own, words.difference))
    heading = level_words(level, 1)
    return BreakdownView(
        indicator_id=indicator.id,
        indicator_name=display_name(indicator),
        level=heading[:1].upper() + heading[1:],
        reported=reported_words(found.reporting, len(found.latest), level),
        rows=rows,
        targets=[breakdown_target(a, report) for a in assessments],
        rollups=rollups,
        note=rule_note(found.rule, indicator) or "",
    )


def region_matrix(report: StatusReport, found: Sequence[Breakdown]) -> RegionMatrix:
    """`status --by region`: each breakdown with its indicator's targets, and a line for
    the targets whose indicators have none."""
    views = []
    for item in found:
        mine = [a for a in report.assessments if a.indicator.id == item.indicator.id]
        views.append(breakdown_view(item, mine, report))
    broken = {item.indicator.id for item in found}
    left = [a.target.id for a in report.assessments if a.indicator.id not in broken]
    without = ""
    if left:
        without = ngettext(
            "{count} target has no regional readings: {targets}",
            "{count} targets have no regional readings: {targets}",
            len(left),
        ).format(count=len(left), targets=_(", ").join(left))
    return RegionMatrix(matrix_heading(report), views, without)


def matrix_heading(report: StatusReport) -> str:
    geography = report.geography
    if geography is None or geography.own is None or geography.own not in geography.table:
        return _(
            "The workspace names no region of its own (`region` in targets.toml), so it "
            "has no regions to break its figures down by."
        )
    children = geography.children(geography.own)
    levels = {r.level for r in children}
    level = levels.pop() if len(levels) == 1 else None
    return _("By region: the {count} {regions} of {region}").format(
        count=len(children),
        regions=level_words(level, len(children)),
        region=geography.name(geography.own),
    )


def chosen_breakdowns(
    workspace: Workspace, report: StatusReport, as_of: dt.date, filtered: bool
) -> list[Breakdown]:
    """The breakdowns of the report's indicators (of every indicator, unfiltered)."""
    found = breakdowns(workspace, as_of)
    if not filtered:
        return found
    shown = {a.indicator.id for a in report.assessments} | {t.indicator.id for t in report.trends}
    return [b for b in found if b.indicator.id in shown]


def compute_status(
    location: WorkspaceLocation,
    as_of: dt.date,
    ids: Sequence[str],
    method: Method | None,
    progress: Callable[[int, int], None] | None = None,
    *,
    region: str | None = None,
    plan: str | None = None,
    by: str | None = None,
) -> tuple[dict[str, Any], StatusView]:
    """Load the workspace and assess it: the `--json` document and the table's view;
    by region, the regional matrix's.

    The uncached computation, which `fast.status_cache` wraps.
    """
    workspace = load_workspace(location, progress)
    report = build_status(workspace, as_of, ids, method, region=region, plan=plan)
    if by != "region":
        return status_json(report), status_view(report)
    found = chosen_breakdowns(workspace, report, as_of, bool(ids) or plan is not None)
    return regions_document(report, found), status_view(report, region_matrix(report, found))
