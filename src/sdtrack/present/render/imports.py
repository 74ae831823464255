"""What `import` did, or with --dry-run would do: readings recorded, rows skipped, conflicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from sdtrack.core.import_plan import ImportSummary
from sdtrack.core.importing import Candidate
from sdtrack.core.language import _, ngettext
from sdtrack.core.model import Indicator
from sdtrack.core.regions import Geography
from sdtrack.present import numbers
from sdtrack.present.conflict_words import conflict_sentence, value_words
from sdtrack.present.phrases import list_separator

# Readings listed one per line; beyond this many, the rest are counted.
LISTED = 20


def print_import(
    console: Console,
    summary: ImportSummary,
    indicators: Mapping[str, Indicator],
    geography: Geography | None = None,
) -> None:
    """What was recorded (each reading's region named, given `geography`, when it is not
    the workspace's own), what was skipped and why, conflicts, and what was not read."""
    plan = summary.plan
    count, rows = len(plan.recorded), summary.rows_read
    if summary.dry_run:
        head = ngettext(
            "Would record {count} reading from {rows} rows; nothing was written (--dry-run).",
            "Would record {count} readings from {rows} rows; nothing was written (--dry-run).",
            count,
        )
        style = "yellow"
    elif count:
        head = ngettext(
            "Recorded {count} reading from {rows} rows.",
            "Recorded {count} readings from {rows} rows.",
            count,
        )
        style = "green"
    else:
        head = _("Nothing recorded: no row of the {rows} read gives a new reading.")
        style = "yellow"
    console.print(Text(head.format(count=f"{count:,}", rows=f"{rows:,}"), style=style))
    for candidate in plan.recorded[:LISTED]:
        line = _reading_line(candidate, indicators, geography)
        console.print(Text("  " + line), soft_wrap=True)
    if count > LISTED:
        more = count - LISTED
        console.print(Text("  " + _("… and {count} more").format(count=f"{more:,}"), style="dim"))
    _print_skipped(console, summary)
    for candidate, others in plan.conflicts:
        indicator = indicators[candidate.reading.indicator]
        console.print(
            Text(_("Conflict "), style="yellow")
            + Text(f"{_where(candidate)}: {conflict_sentence(others, indicator)}"),
            soft_wrap=True,
        )
    if summary.ignored:
        console.print(
            Text(
                _("Columns not read: {names}; name one with --map HEADER=FIELD to read it.").format(
                    names=list_separator().join(summary.ignored)
                ),
                style="dim",
            )
        )
    for note in summary.notes:
        console.print(Text(note, style="dim"))


def _reading_line(
    candidate: Candidate, indicators: Mapping[str, Indicator], geography: Geography | None
) -> str:
    reading = candidate.reading
    region = geography.key(reading.region) if geography is not None else None
    words = (
        _("{key}: {indicator} = {value} for {period} (row {row})")
        if region is None or geography is None
        else _("{key}: {indicator} = {value} for {region}, {period} (row {row})")
    )
    return words.format(
        key=reading.key,
        indicator=reading.indicator,
        value=value_words(reading, indicators[reading.indicator]),
        period=numbers.period(reading.date),
        row=candidate.row,
        region=geography.name(region) if geography is not None else "",
    )


def _where(candidate: Candidate) -> str:
    return f"{candidate.file}:{candidate.row}"


def _print_skipped(console: Console, summary: ImportSummary) -> None:
    plan = summary.plan
    if plan.already:
        examples = [_row(summary, c, _("row {row} as {id}"), _("{file}, row {row} as {id}"),
                         id=entry.id) for c, entry in plan.already[:5]]  # fmt: skip
        line = ngettext(
            "Skipped {count} row already recorded ({examples}).",
            "Skipped {count} rows already recorded ({examples}).",
            len(plan.already),
        )
        _print_skip_line(console, line, examples, len(plan.already))
    if plan.repeated:
        examples = [
            _row(summary, c, _("row {row} repeats row {earlier}"),
                 _("{file}, row {row} repeats row {earlier}"), earlier=earlier.row)
            for c, earlier in plan.repeated[:5]
        ]  # fmt: skip
        line = ngettext(
            "Skipped {count} row that repeats an earlier one ({examples}).",
            "Skipped {count} rows that repeat earlier ones ({examples}).",
            len(plan.repeated),
        )
        _print_skip_line(console, line, examples, len(plan.repeated))


def _row(
    summary: ImportSummary, candidate: Candidate, one: str, several: str, **values: object
) -> str:
    """A row named by its number, and by its file's name too when several files were read."""
    if len(summary.files) > 1:
        name = Path(candidate.file).name
        return several.format(file=name, row=candidate.row, **values)
    return one.format(row=candidate.row, **values)


def _print_skip_line(console: Console, line: str, examples: Sequence[str], count: int) -> None:
    """A "Skipped N rows … (row 2 as r-…; …)" line: its first examples, "…" for the rest."""
    shown = list_separator().join(examples)
    if count > len(examples):
        shown += list_separator() + "…"
    console.print(Text(line.format(count=f"{count:,}", examples=shown)))
