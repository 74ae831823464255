"""What sdtrack learned between two days (`build_changes`), and the standing as it knew
it on a day (`standing_known_at`, which `status --known-at` shows).

The report is worded once, as `sections` of plain lines, which `present.render.changes`
lays out in the terminal and in Markdown; `changes_document` is its `--json` document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sdtrack.core.assessment import Assessment
from sdtrack.core.choices import Method
from sdtrack.core.known import (
    CAUSE_WORDS,
    Learned,
    TargetChange,
    VerdictMove,
    end_of_day,
    known_ledger,
    learned_between,
    left_out,
    target_changes,
    unplaced,
    verdict_moves,
)
from sdtrack.core.language import N_, _, ngettext
from sdtrack.core.ledger import Entry
from sdtrack.core.model import Indicator, Reading, TargetsFile
from sdtrack.core.recorded import WholeLedger
from sdtrack.core.regions import Geography
from sdtrack.present import numbers
from sdtrack.present.conflict_words import value_words
from sdtrack.present.documents import envelope, reading_dict, status_json
from sdtrack.present.phrases import list_separator, target_phrase
from sdtrack.present.region_words import target_counting
from sdtrack.present.report import StatusReport, build_status
from sdtrack.present.status_rows import outlook_code, status_phrase, status_view
from sdtrack.present.status_view import StatusView
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.targets_history import TargetsHistory, TargetsVersion
from sdtrack.store.workspace import Workspace, load_workspace


def known_workspace(
    workspace: Workspace, moment: dt.datetime, targets: TargetsFile | None = None
) -> Workspace:
    """The entries recorded before `moment`, with `targets` (a past file) or today's."""
    known = WholeLedger(known_ledger(workspace.ledger, moment))
    return Workspace(workspace.location, targets or workspace.targets, known)


@dataclass(frozen=True)
class Standing:
    """Every target as known at the end of `day` (UTC), judged as of `report.as_of`;
    `version` is targets.toml of `day` (when it cannot be told, today's file was used)."""

    day: dt.date
    version: TargetsVersion
    report: StatusReport
    left_out: int
    """Entries recorded after `day` ended: not yet known then."""
    unplaced: int


def standing_known_at(
    workspace: Workspace,
    history: TargetsHistory,
    day: dt.date,
    today: dt.date,
    *,
    as_of: dt.date | None = None,
    ids: Sequence[str] = (),
    method: Method | None = None,
) -> Standing:
    """The standing as it would have been shown at the end of `day`: the entries recorded
    by then, targets.toml as it was then (today's when that cannot be told), judged as of
    `as_of` (default: `day`)."""
    version = history.at(day, today, workspace.targets)
    moment = end_of_day(day)
    known = known_workspace(workspace, moment, version.targets)
    report = build_status(known, as_of or day, ids, method)
    later = left_out(workspace.ledger, moment)
    return Standing(day, version, report, later, unplaced(known.ledger))


@dataclass(frozen=True)
class ChangesReport:
    """What `sdtrack changes` reports for the window after `since`, through `until`."""

    since: dt.date
    until: dt.date
    learned: Learned
    indicators: dict[str, Indicator]
    before: Standing
    after: Standing
    targets: tuple[TargetChange, ...]
    verdicts: tuple[VerdictMove, ...]

    @property
    def workspace(self) -> str:
        return self.after.report.workspace

    @property
    def unknown_version(self) -> TargetsVersion | None:
        """The side whose targets.toml cannot be told (the earlier first), if any."""
        return next((v for v in (self.before.version, self.after.version) if not v.known), None)


def build_changes(
    workspace: Workspace, history: TargetsHistory, since: dt.date, until: dt.date, today: dt.date
) -> ChangesReport:
    """The changes recorded after `since` ended, through the end of `until` (UTC days)."""
    before = standing_known_at(workspace, history, since, today)
    after = standing_known_at(workspace, history, until, today)
    learned = learned_between(workspace.ledger, end_of_day(since), end_of_day(until))
    old, new = before.version.targets, after.version.targets
    changes = target_changes(old, new) if old is not None and new is not None else ()
    moves = verdict_moves(before.report.assessments, after.report.assessments, learned, changes)
    indicators = {i.id: i for i in workspace.indicators}
    return ChangesReport(since, until, learned, indicators, before, after, changes, moves)


def known_status(
    location: WorkspaceLocation,
    day: dt.date,
    today: dt.date,
    as_of: dt.date,
    ids: Sequence[str],
    method: Method | None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, Any], StatusView, tuple[str, ...]]:
    """`status --known-at`: the status document (with its `known_at` part), the table's
    view, and the lines saying what it leaves out. Never cached (`fast.status_cache`)."""
    workspace, history = load_workspace(location, progress), TargetsHistory.of(location)
    standing = standing_known_at(
        workspace, history, day, today, as_of=as_of, ids=ids, method=method
    )
    document = {**status_json(standing.report), "known_at": known_at_dict(standing)}
    return document, status_view(standing.report), known_at_lines(standing)


# ---------------------------------------------------------------------------------------
# Words


def moment_words(when: dt.datetime | None) -> str:
    """A recorded time in UTC: '2026-11-21 10:30 UTC' / '2026年11月21日 10:30（UTC）'."""
    if when is None:
        return ""
    utc = (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    return _("{day} {time} UTC").format(day=numbers.day(utc.date()), time=f"{utc:%H:%M}")


def recorded_words(when: dt.datetime | None) -> str:
    return _("recorded {moment}").format(moment=moment_words(when))


def source_words(source: str) -> str:
    return _("source: {source}").format(source=source)


def version_words(version: TargetsVersion) -> str:
    """'as committed on 2026-11-20 (1a2b3c4)', 'as it is now', or why it cannot be told."""
    if version.unknown is not None:
        return version.unknown.sentence
    if version.commit is None:
        return _("as it is now")
    day = numbers.day(version.commit.committed.date())
    return _("as committed on {day} ({commit})").format(day=day, commit=version.commit.sha[:7])


def unplaced_words(count: int) -> str:
    return ngettext(
        "{count} ledger entry carries no recorded time (written by hand or shipped with the "
        "dataset): it counts as known from the start, so it never shows as new.",
        "{count} ledger entries carry no recorded time (written by hand or shipped with the "
        "dataset): they count as known from the start, so none of them shows as new.",
        count,
    ).format(count=f"{count:,}")


def known_at_lines(standing: Standing) -> tuple[str, ...]:
    """What `status --known-at` says above its table: what is left out, which targets."""
    day, version = numbers.day(standing.day), standing.version
    lines = [
        ngettext(
            "As sdtrack knew it at the end of {day} (UTC): {count} entry recorded later is "
            "left out.",
            "As sdtrack knew it at the end of {day} (UTC): {count} entries recorded later are "
            "left out.",
            standing.left_out,
        ).format(day=day, count=f"{standing.left_out:,}")
    ]
    if version.known:
        lines.append(_("targets.toml {version}.").format(version=version_words(version)))
    else:
        message = _("targets.toml as it is now: its version of {day} cannot be told ({reason}).")
        lines.append(message.format(day=day, reason=version_words(version)))
    if standing.unplaced:
        lines.append(unplaced_words(standing.unplaced))
    return tuple(lines)


@dataclass(frozen=True)
class Item:
    """One line of a section, the lines under it, and the source it cites (linked in
    Markdown when its `url` is safe)."""

    text: str
    details: tuple[str, ...] = ()
    source: str | None = None
    url: str | None = None
    spans: tuple[tuple[str, str], ...] = ()
    """A verdict move's text in pieces, each with the status code it words ("" for
    none): the terminal colours each status."""


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    items: tuple[Item, ...]
    lead: tuple[str, ...] = ()
    """Lines before the items: which versions are compared, or why they cannot be."""
    empty: str = ""


def title_words(report: ChangesReport) -> str:
    return _("Changes recorded after {since}, through {until} (UTC days)").format(
        since=numbers.day(report.since), until=numbers.day(report.until)
    )


def summary_words(report: ChangesReport) -> str:
    """'2 new readings, 1 correction, 0 retractions, 1 change to targets, 2 verdicts moved'."""
    learned = report.learned
    r, c, t = len(learned.readings), len(learned.corrections), len(learned.retractions)
    g, v = len(report.targets), len(report.verdicts)
    words = [
        ngettext("{count} new reading", "{count} new readings", r).format(count=f"{r:,}"),
        ngettext("{count} correction", "{count} corrections", c).format(count=f"{c:,}"),
        ngettext("{count} retraction", "{count} retractions", t).format(count=f"{t:,}"),
        ngettext("{count} change to targets", "{count} changes to targets", g).format(
            count=f"{g:,}"
        ),
        ngettext("{count} verdict moved", "{count} verdicts moved", v).format(count=f"{v:,}"),
    ]
    if report.unknown_version is not None:
        words[3] = _("targets: cannot tell")
    return ("，" if numbers.chinese() else ", ").join(words)


def _said(template: str, reading: Reading, indicator: Indicator, key: str) -> str:
    """`template` ('{key}: {indicator} = {value} for {period}') filled from a reading."""
    value = value_words(reading, indicator)
    period = numbers.period(reading.date)
    return template.format(key=key, indicator=indicator.id, value=value, period=period)


READING_WORDS = N_("{key}: {indicator} = {value} for {period}")


def _item(entry: Entry, text: str, details: Sequence[str]) -> Item:
    reading = entry.reading
    state = [] if entry.is_current else [entry.state]
    note = [_("note: {note}").format(note=reading.note)] if reading.note else []
    return Item(text, (*details, *state, *note), reading.source, reading.url)


def _correction_item(entry: Entry, old: Entry | None, indicator: Indicator) -> Item:
    reading = entry.reading
    text = _("{key}, correcting {old}: {indicator} for {period} = {value} (was {before})").format(
        key=entry.id,
        old=reading.corrects,
        indicator=indicator.id,
        period=numbers.period(reading.date),
        value=value_words(reading, indicator),
        before=value_words(old.reading, indicator) if old else "—",
    )
    return _item(entry, text, [recorded_words(reading.recorded)])


def _retraction_item(entry: Entry, indicator: Indicator) -> Item:
    retraction = entry.retraction
    assert retraction is not None
    text = _("{key} retracted: {reason}").format(key=entry.id, reason=retraction.reason)
    said = _said(_("it said: {indicator} = {value} for {period}"), entry.reading, indicator, "")
    details = (said, recorded_words(retraction.recorded))
    return Item(text, details, entry.reading.source, entry.reading.url)


def _target_phrases(change: TargetChange, report: ChangesReport) -> list[str | None]:
    """Each side's target in words; a count counts the regions its targets.toml knows."""
    phrases: list[str | None] = []
    for side, standing in ((change.before, report.before), (change.after, report.after)):
        file = standing.version.targets
        geography = Geography.of(file.regions, file.region) if file else Geography.of()
        counting = target_counting(side[1], geography) if side else None
        phrases.append(target_phrase(side[1], side[0], counting=counting) if side else None)
    return phrases


def _target_item(change: TargetChange, report: ChangesReport) -> Item:
    before, after = (phrase or "" for phrase in _target_phrases(change, report))
    if change.kind == "added":
        text = _("{target} added: {after}")
    elif change.kind == "removed":
        text = _("{target} removed: {before}")
    elif before != after:
        text = _("{target} revised: {before} → {after}")
    else:
        text = _("{target} revised: {after}")
    text = text.format(target=change.target_id, before=before, after=after)
    return Item(text, tuple(f.words for f in change.fields))


def _targets_section(report: ChangesReport) -> Section:
    title, unknown = _("Targets in targets.toml"), report.unknown_version
    if unknown is not None:
        lead = _("Cannot tell what changed in targets.toml: {reason}.")
        return Section("targets", title, (), (lead.format(reason=version_words(unknown)),))
    lead = _("targets.toml {before}, against targets.toml {after}.").format(
        before=version_words(report.before.version), after=version_words(report.after.version)
    )
    items = tuple(_target_item(change, report) for change in report.targets)
    return Section("targets", title, items, (lead,), _("No target was added, removed or revised."))


def _verdict_item(move: VerdictMove) -> Item:
    """'5g-base-stations-2025: overdue → achieved', in pieces keeping each status's code."""
    before, after = move.before.status.value, move.after.status.value
    template = _("{target}: {before} → {after}").replace("{target}", move.target_id)
    head, _before, rest = template.partition("{before}")
    middle, _after, tail = rest.partition("{after}")
    words = (status_phrase(move.before), status_phrase(move.after))
    causes = list_separator().join(_(CAUSE_WORDS[code]) for code in move.causes)
    tail += " " * (not numbers.chinese()) + _("({detail})").format(detail=causes)
    spans = ((head, ""), (words[0], before), (middle, ""), (words[1], after), (tail, ""))
    return Item("".join(text for text, _code in spans), spans=spans)


def _verdicts_section(report: ChangesReport) -> Section:
    lead = _(
        "Each side as sdtrack knew it at the end of its day, judged as of that day: "
        "{since} → {until}."
    ).format(since=numbers.day(report.since), until=numbers.day(report.until))
    leads = [lead]
    if report.unknown_version is not None:
        leads.append(_("Both sides are judged against targets.toml as it is now."))
    items = tuple(_verdict_item(move) for move in report.verdicts)
    title, empty = _("Verdicts that moved"), _("No verdict moved.")
    return Section("verdicts", title, items, tuple(leads), empty)


def sections(report: ChangesReport) -> tuple[Section, ...]:
    """The report's sections, worded: readings, corrections, retractions, targets, verdicts."""
    learned, indicators = report.learned, report.indicators

    def of(entry: Entry) -> Indicator:
        return indicators[entry.reading.indicator]

    readings = tuple(
        _item(
            e, _said(_(READING_WORDS), e.reading, of(e), e.id), [recorded_words(e.reading.recorded)]
        )
        for e in learned.readings
    )
    corrections = tuple(
        _correction_item(c.entry, c.corrected, of(c.entry)) for c in learned.corrections
    )
    retractions = tuple(_retraction_item(e, of(e)) for e in learned.retractions)
    return (
        Section("readings", _("New readings"), readings, empty=_("No new reading.")),
        Section("corrections", _("Corrections"), corrections, empty=_("No correction.")),
        Section("retractions", _("Retractions"), retractions, empty=_("No retraction.")),
        _targets_section(report),
        _verdicts_section(report),
    )


def closing_lines(report: ChangesReport) -> tuple[str, ...]:
    """What follows the sections: how many entries could not be placed in time."""
    count = report.learned.unplaced
    return (unplaced_words(count),) if count else ()


# ---------------------------------------------------------------------------------------
# JSON


def known_at_dict(standing: Standing) -> dict[str, Any]:
    """`status --known-at --json`'s `known_at`: the day, what was left out, which targets."""
    return {
        "day": standing.day.isoformat(),
        "recorded_before": end_of_day(standing.day).isoformat(),
        "entries_left_out": standing.left_out,
        "entries_without_recorded_time": standing.unplaced,
        "targets_version": standing.version.as_dict(),
    }


def _entry(entry: Entry, indicator: Indicator) -> dict[str, Any]:
    state = {"current": entry.is_current, "superseded_by": entry.superseded_by}
    return {**reading_dict(entry.reading, indicator), "corrects": entry.reading.corrects, **state}


def _target(change: TargetChange, report: ChangesReport) -> dict[str, Any]:
    before, after = _target_phrases(change, report)
    return {
        "change": change.kind,
        "target_id": change.target_id,
        "indicator_id": change.indicator_id,
        "before": before,
        "after": after,
        "fields": [{"field": f.field, "before": f.before, "after": f.after} for f in change.fields],
    }


def _verdict(assessment: Assessment) -> dict[str, Any]:
    code = assessment.status.value
    return {
        "as_of": assessment.as_of.isoformat(),
        "status_code": code,
        "outlook": outlook_code(assessment) or None,
        "status_text": status_phrase(assessment),
    }


def changes_document(report: ChangesReport) -> dict[str, Any]:
    """`changes --json`: the window, what was recorded in it, the targets that changed (or
    why that cannot be told) and the verdicts that moved, each with its before and after."""
    learned, indicators = report.learned, report.indicators

    def of(entry: Entry) -> Indicator:
        return indicators[entry.reading.indicator]

    kinds = [change.kind for change in report.targets]
    summary = {
        "new_readings": len(learned.readings),
        "corrections": len(learned.corrections),
        "retractions": len(learned.retractions),
        **{f"targets_{kind}": kinds.count(kind) for kind in ("added", "removed", "revised")},
        "verdicts_moved": len(report.verdicts),
    }
    unknown = report.unknown_version
    targets = {
        "known": unknown is None,
        "reason_code": unknown.unknown.code if unknown and unknown.unknown else None,
        "reason": version_words(unknown) if unknown else None,
        "before": report.before.version.as_dict(),
        "after": report.after.version.as_dict(),
        "changes": [_target(change, report) for change in report.targets],
    }
    corrections = [
        {
            **_entry(c.entry, of(c.entry)),
            "before": _entry(c.corrected, of(c.entry)) if c.corrected else None,
        }
        for c in learned.corrections
    ]
    retractions = [
        {
            "reading_id": e.id,
            "reason": e.retraction.reason if e.retraction else None,
            "recorded": e.retraction.recorded.isoformat()
            if e.retraction and e.retraction.recorded
            else None,
            "reading": reading_dict(e.reading, of(e)),
        }
        for e in learned.retractions
    ]
    verdicts = [
        {
            "target_id": m.target_id,
            "indicator_id": m.after.indicator.id,
            "before": _verdict(m.before),
            "after": _verdict(m.after),
            "causes": list(m.causes),
        }
        for m in report.verdicts
    ]
    data = {
        "workspace": report.workspace,
        "since": report.since.isoformat(),
        "until": report.until.isoformat(),
        "recorded_from": learned.start.isoformat(),
        "recorded_before": learned.end.isoformat(),
        "summary": summary,
        "entries_without_recorded_time": learned.unplaced,
        "new_readings": [_entry(e, of(e)) for e in learned.readings],
        "corrections": corrections,
        "retractions": retractions,
        "targets": targets,
        "verdicts": verdicts,
    }
    return envelope("changes", report.until, data)
