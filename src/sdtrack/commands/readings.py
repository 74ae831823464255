"""`sdtrack readings [ID]`: ledger entries with their ids and state, or one's history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sdtrack.commands.base import Command
from sdtrack.commands.common import Output, as_of_day, emit_cached, location, period_day
from sdtrack.commands.spec import (
    argument,
    directory_option,
    json_option,
    option,
    region_option,
)
from sdtrack.core.errors import Problem, UsageError
from sdtrack.core.language import N_, _

if TYPE_CHECKING:
    from sdtrack.core.ledger import Entry


@dataclass(frozen=True, kw_only=True)
class ReadingsParameters:
    item_id: str | None = argument(
        metavar="ID",
        help=N_("A reading id (its history), or an indicator or target id (its readings)."),
        default=None,
        show_default=False,
        complete="readings-or-items",
    )
    current: bool = option(
        "--current", help=N_("Only current readings: hide superseded ones."), default=False
    )
    since: str | None = option(
        "--since",
        help=N_(
            "Only readings for this day or later: a day (2024-06-30), a month (2024-06) or a "
            "year (2024), from its first day."
        ),
        default=None,
        show_default=False,
    )
    region: str | None = region_option(
        N_("Only readings of this region: an id or a name (qingdao, 青岛, 青岛市).")
    )
    newest: bool = option(
        "--newest", help=N_("Newest first: by date, the latest recorded first."), default=False
    )
    limit: int | None = option(
        "--limit",
        metavar="N",
        help=N_("At most N readings (after --current, --since and --newest)."),
        default=None,
        show_default=False,
    )
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""List recorded readings with their ids, and which are corrected or retracted.

With a reading id, show that reading's history: the reading it corrects, and the
readings that superseded it. A reading of a region other than the workspace's own (a
city's) has the region's name under its indicator.

[bold]Examples[/bold]

  sdtrack readings

  sdtrack readings 5g-base-stations --current

  sdtrack readings r-fc377d884a --json

  sdtrack readings --newest --limit 20

  sdtrack readings 5g-base-stations --since 2024

  sdtrack readings gigabit-cities --region 青岛
""")


def run(p: ReadingsParameters) -> None:
    since = _since(p.since)
    if p.limit is not None and p.limit < 0:
        raise UsageError(
            [Problem(_("{n} is not a number of readings; give 0 or more").format(n=p.limit),
                     field="--limit")]
        )  # fmt: skip
    where = location(p.directory)

    def compute() -> Output:  # on a miss of the read cache only
        from sdtrack.commands.loading import load_from
        from sdtrack.core.arguments import region_argument
        from sdtrack.present.documents import readings_document
        from sdtrack.present.render import ledger as ledger_render

        workspace = load_from(where)
        geography = workspace.geography
        entries = workspace.select_entries(p.item_id)
        if p.region is not None:
            region = region_argument(geography, p.region, "--region")
            entries = [e for e in entries if geography.key(e.reading.region) == region]
        entries = selected(entries, p.current, since, p.newest, p.limit)
        indicators = {i.id: i for i in workspace.indicators}
        return Output(
            lambda: readings_document(entries, indicators),
            lambda console: ledger_render.print_entries(console, entries, indicators, geography),
        )

    emit_cached("readings", p, where, as_of_day(None), p.json, compute)


def _since(text: str | None) -> dt.date | None:
    """The first day `--since` keeps: a day, or the first day of a month or a year."""
    if text is None:
        return None
    return period_day(text, "--since", first=True)


def selected(
    entries: Sequence[Entry], current: bool, since: dt.date | None, newest: bool, limit: int | None
) -> list[Entry]:
    """The entries to list: current ones only, those whose period ends on or after
    `since`, newest first (by period, then the latest recorded first), at most `limit`."""
    chosen = [
        e
        for e in entries
        if (not current or e.is_current) and (since is None or e.reading.date.end >= since)
    ]
    if newest:
        chosen = sorted(chosen, key=lambda e: (e.reading.date, e.index), reverse=True)
    return chosen if limit is None else chosen[:limit]


COMMAND = Command("readings", ReadingsParameters, run, HELP)
