"""The ledger in the terminal: readings and their state, and what record, correct and
retract say they did."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sdtrack.core.assessment import Assessment
from sdtrack.core.ledger import Entry
from sdtrack.core.model import Indicator, Reading, Retraction
from sdtrack.present.phrases import quantity
from sdtrack.present.render.terminal import status_text


def print_recorded(
    console: Console, reading: Reading, indicator: Indicator, standing: Sequence[Assessment]
) -> None:
    """What `record` recorded, and where the indicator's targets now stand."""
    value = quantity(reading.value, indicator)
    console.print(
        Text("Recorded ", style="green")
        + Text(f"{reading.key}: {indicator.id} = {value} for {reading.date}")
    )
    console.print(Text(f"  source: {reading.source}", style="dim"))
    print_standing(console, standing)


def print_standing(console: Console, assessments: Sequence[Assessment]) -> None:
    for a in assessments:
        line = Text(f"  {a.target.id}: ") + status_text(a.status)
        if a.band != a.status.value:
            line.append(f" ({a.band})", style="dim")
        console.print(line, soft_wrap=True)


def _entry_state(entry: Entry) -> Text:
    style = "green" if entry.is_current else "yellow"
    text = Text(entry.state, style=style)
    if entry.reading.corrects is not None:
        text.append(f"\ncorrects {entry.reading.corrects}", style="dim")
    return text


def entries_table(entries: Sequence[Entry], indicators: dict[str, Indicator]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Indicator", overflow="fold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Value", overflow="fold")
    table.add_column("Source", overflow="fold")
    table.add_column("State", overflow="fold")
    for entry in entries:
        reading = entry.reading
        indicator = indicators[reading.indicator]
        value = quantity(reading.value, indicator)
        if reading.qualifier:
            value = f"{reading.qualifier} {value}"
        style = "" if entry.is_current else "dim"
        source = Text(reading.source, style=style)
        if reading.note:
            source.append(f"\nnote: {reading.note}", style="dim")
        table.add_row(
            Text(entry.id, style="bold" if entry.is_current else "dim"),
            reading.indicator,
            str(reading.date),
            Text(value, style=style),
            source,
            _entry_state(entry),
        )
    return table


def print_entries(
    console: Console, entries: Sequence[Entry], indicators: dict[str, Indicator]
) -> None:
    if not entries:
        console.print(Text("no readings yet: add one with `sdtrack record`", style="dim"))
        return
    current = sum(e.is_current for e in entries)
    console.print(
        Text(f"{len(entries)} reading(s), {current} current, {len(entries) - current} replaced")
    )
    console.print(entries_table(entries, indicators))


def print_history(console: Console, entries: Sequence[Entry], indicator: Indicator) -> None:
    """In `show`: the readings a correction superseded or a retraction withdrew."""
    if not entries:
        return
    console.print(
        Text(f"Replaced readings ({len(entries)}), kept in the ledger's history", style="bold")
    )
    console.print(entries_table(entries, {indicator.id: indicator}))


def print_already_recorded(console: Console, reading: Reading, indicator: Indicator) -> None:
    value = quantity(reading.value, indicator)
    console.print(
        Text("Already recorded ", style="yellow")
        + Text(
            f"under key {reading.request_key!r} as {reading.key}: {indicator.id} = {value} "
            f"for {reading.date}; nothing written"
        ),
        soft_wrap=True,
    )


def print_corrected(
    console: Console, old: Reading, correction: Reading, indicator: Indicator
) -> None:
    console.print(
        Text("Recorded ", style="green")
        + Text(
            f"{correction.key}, correcting {old.key}: {indicator.id} for {correction.date} = "
            f"{quantity(correction.value, indicator)} (was {quantity(old.value, indicator)})"
        ),
        soft_wrap=True,
    )
    console.print(Text(f"  source: {correction.source}", style="dim"), soft_wrap=True)


def print_retracted(console: Console, old: Reading, retraction: Retraction) -> None:
    console.print(
        Text("Retracted ", style="yellow") + Text(f"{old.key}: {retraction.reason}"),
        soft_wrap=True,
    )
