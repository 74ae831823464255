"""The ledger in the terminal: readings and their state, and what record, correct and
retract say they did."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sdtrack.core.assessment import Assessment
from sdtrack.core.language import _
from sdtrack.core.ledger import Entry
from sdtrack.core.model import Indicator, Reading, Retraction
from sdtrack.core.regions import Geography
from sdtrack.present import numbers
from sdtrack.present.conflict_words import (
    agreement_words,
    check_message,
    conflict_sentence,
    value_words,
)
from sdtrack.present.phrases import (
    band_adds,
    band_words,
    list_separator,
    qualifier_words,
    quantity,
)
from sdtrack.present.render.terminal import print_reading_counts, status_text
from sdtrack.present.status_rows import status_marks, status_phrase
from sdtrack.store.conflict_check import Conflict


def print_recorded(
    console: Console,
    reading: Reading,
    indicator: Indicator,
    standing: Sequence[Assessment],
    *,
    conflicts: Sequence[Reading] = (),
    agreeing: Sequence[Reading] = (),
    region: str | None = None,
) -> None:
    """What `record` recorded (for `region`, a name, when it is not the workspace's own),
    what it conflicts or agrees with, and where the targets it bears on now stand."""
    words = (
        _("{key}: {indicator} = {value} for {period}")
        if region is None
        else _("{key}: {indicator} = {value} for {region}, {period}")
    )
    console.print(
        Text(_("Recorded "), style="green")
        + Text(
            words.format(
                key=reading.key,
                indicator=indicator.id,
                value=value_words(reading, indicator),
                period=numbers.period(reading.date),
                region=region,
            )
        ),
        soft_wrap=True,
    )
    console.print(Text("  " + _("source: {source}").format(source=reading.source), style="dim"))
    print_agreement(console, reading, indicator, conflicts, agreeing)
    print_standing(console, standing)


def print_agreement(
    console: Console,
    reading: Reading,
    indicator: Indicator,
    conflicts: Sequence[Reading],
    agreeing: Sequence[Reading],
) -> None:
    """'warning: conflicts with reading r-… (…)' and 'agrees with r-… (2 sources)'."""
    if conflicts:
        sentence = conflict_sentence(conflicts, indicator)
        console.print(
            Text("  " + _("warning: {warning}").format(warning=sentence), style="yellow"),
            soft_wrap=True,
        )
    if agreeing:
        console.print(Text("  " + agreement_words(reading, agreeing), style="dim"), soft_wrap=True)


def print_conflicts(console: Console, conflicts: Sequence[Conflict]) -> None:
    """`check`'s warnings: each conflicting reading at its line, and the one it conflicts
    with at its own."""
    for conflict in conflicts:
        line = conflict.other.line
        where = f"{conflict.file}:{line}" if line is not None else str(conflict.file)
        message = _("{where}: warning: {message}").format(
            where=where, message=check_message(conflict)
        )
        console.print(Text(message), soft_wrap=True)


def print_standing(console: Console, assessments: Sequence[Assessment]) -> None:
    for a in assessments:
        line = Text(f"  {a.target.id}: ") + status_text(a.status, words=status_phrase(a))
        details = [band_words(a.band)] if band_adds(a.band, a.status.value) else []
        details += status_marks(a)
        if details:
            detail = list_separator().join(details)
            line.append(" " + _("({detail})").format(detail=detail), style="dim")
        console.print(line, soft_wrap=True)


def _entry_state(entry: Entry) -> Text:
    style = "green" if entry.is_current else "yellow"
    text = Text(entry.state, style=style)
    if entry.reading.corrects is not None:
        text.append(
            "\n" + _("corrects {reading}").format(reading=entry.reading.corrects), style="dim"
        )
    return text


def entries_table(
    entries: Sequence[Entry],
    indicators: dict[str, Indicator],
    geography: Geography | None = None,
) -> Table:
    """The entries, one a row; given `geography`, a reading of a region other than the
    workspace's own (a city's) has that region's name under its indicator."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_("Id"), no_wrap=True)
    table.add_column(_("Indicator"), overflow="fold")
    table.add_column(_("Date"), no_wrap=True)
    table.add_column(_("Value"), overflow="fold")
    table.add_column(_("Source"), overflow="fold")
    table.add_column(_("State"), overflow="fold")
    for entry in entries:
        reading = entry.reading
        indicator = indicators[reading.indicator]
        value = quantity(reading.value, indicator)
        if reading.qualifier:
            value = _("{qualifier} {value}").format(
                qualifier=qualifier_words(reading.qualifier), value=value
            )
        style = "" if entry.is_current else "dim"
        source = Text(reading.source, style=style)
        if reading.note:
            source.append("\n" + _("note: {note}").format(note=reading.note), style="dim")
        series = Text(reading.indicator)
        if geography is not None and geography.key(reading.region) is not None:
            series.append("\n" + geography.name(reading.region), style="cyan")
        table.add_row(
            Text(entry.id, style="bold" if entry.is_current else "dim"),
            series,
            numbers.period(reading.date),
            Text(value, style=style),
            source,
            _entry_state(entry),
        )
    return table


def print_entries(
    console: Console,
    entries: Sequence[Entry],
    indicators: dict[str, Indicator],
    geography: Geography | None = None,
) -> None:
    if not entries:
        console.print(Text(_("no readings yet: add one with `sdtrack record`"), style="dim"))
        return
    print_reading_counts(console, len(entries), sum(e.is_current for e in entries))
    # A long listing is printed as it is laid out, a table of ROWS_AT_ONCE rows at a time
    # (each with its header), not as one table measured whole before its first line.
    for start in range(0, len(entries), ROWS_AT_ONCE):
        console.print(entries_table(entries[start : start + ROWS_AT_ONCE], indicators, geography))


ROWS_AT_ONCE = 500


def print_history(
    console: Console,
    entries: Sequence[Entry],
    indicator: Indicator,
    geography: Geography | None = None,
) -> None:
    """In `show`: the readings a correction superseded or a retraction withdrew."""
    if not entries:
        return
    console.print(
        Text(
            _("Replaced readings ({count}), kept in the ledger's history").format(
                count=len(entries)
            ),
            style="bold",
        )
    )
    console.print(entries_table(entries, {indicator.id: indicator}, geography))


def print_already_recorded(console: Console, reading: Reading, indicator: Indicator) -> None:
    value = value_words(reading, indicator)
    console.print(
        Text(_("Already recorded "), style="yellow")
        + Text(
            _(
                "under key {request_key} as {key}: {indicator} = {value} for {period}; "
                "nothing written"
            ).format(
                request_key=repr(reading.request_key),
                key=reading.key,
                indicator=indicator.id,
                value=value,
                period=numbers.period(reading.date),
            )
        ),
        soft_wrap=True,
    )


def print_corrected(
    console: Console,
    old: Reading,
    correction: Reading,
    indicator: Indicator,
    geography: Geography | None = None,
) -> None:
    """What `correct` recorded; the region too (given `geography`) when it is not the
    workspace's own, and what it was when the correction moved the reading."""
    region = geography.key(correction.region) if geography is not None else None
    words = (
        _("{key}, correcting {old}: {indicator} for {period} = {value} (was {before})")
        if region is None or geography is None
        else _(
            "{key}, correcting {old}: {indicator} for {region}, {period} = {value} (was {before})"
        )
    )
    console.print(
        Text(_("Recorded "), style="green")
        + Text(
            words.format(
                key=correction.key,
                old=old.key,
                indicator=indicator.id,
                period=numbers.period(correction.date),
                value=value_words(correction, indicator),
                before=value_words(old, indicator),
                region=geography.name(region) if geography is not None else "",
            )
        ),
        soft_wrap=True,
    )
    console.print(
        Text("  " + _("source: {source}").format(source=correction.source), style="dim"),
        soft_wrap=True,
    )
    if geography is not None and geography.key(old.region) != region:
        moved = _("region: was {before}, now {after}").format(
            before=geography.name(old.region), after=geography.name(correction.region)
        )
        console.print(Text("  " + moved, style="dim"), soft_wrap=True)


def print_retracted(console: Console, old: Reading, retraction: Retraction) -> None:
    console.print(
        Text(_("Retracted "), style="yellow") + Text(f"{old.key}: {retraction.reason}"),
        soft_wrap=True,
    )
