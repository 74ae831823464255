"""`sdtrack readings [ID]`: ledger entries with their ids and state, or one's history."""

from __future__ import annotations

import datetime as dt
import os
import select
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sdtrack.commands.base import Command
from sdtrack.commands.common import (
    Output,
    as_of_day,
    cache_directory,
    emit_cached,
    location,
    period_day,
)
from sdtrack.commands.spec import (
    argument,
    directory_option,
    json_option,
    option,
    region_option,
)
from sdtrack.core.errors import Problem, SdtrackError, UsageError
from sdtrack.core.language import N_, _
from sdtrack.fast import read_cache
from sdtrack.present.render import terminal
from sdtrack.store import ledger_stream
from sdtrack.store.files import read_text
from sdtrack.store.locations import WorkspaceLocation

if TYPE_CHECKING:
    from rich.console import Console

    from sdtrack.core.ledger import Entry
    from sdtrack.core.model import Indicator, TargetsFile
    from sdtrack.core.regions import Geography


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
    if not p.json and not p.newest and p.limit != 0 and _streamed(p, where, since):
        return

    def compute() -> Output:  # on a miss of the read cache only
        from sdtrack.present.documents import readings_document
        from sdtrack.present.render import ledger as ledger_render

        entries, indicators, geography = whole_selection(p, where, since)
        return Output(
            lambda: readings_document(entries, indicators),
            lambda console: ledger_render.print_entries(console, entries, indicators, geography),
        )

    emit_cached("readings", p, where, as_of_day(None), p.json, compute)


def whole_selection(
    p: ReadingsParameters, where: WorkspaceLocation, since: dt.date | None
) -> tuple[list[Entry], dict[str, Indicator], Geography]:
    """The entries to list, read from the whole validated workspace (DataError if it is
    not valid), with the indicators and the geography their rows are worded with."""
    from sdtrack.commands.loading import load_from
    from sdtrack.core.arguments import region_argument

    workspace = load_from(where)
    geography = workspace.geography
    entries = workspace.select_entries(p.item_id)
    if p.region is not None:
        region = region_argument(geography, p.region, "--region")
        entries = [e for e in entries if geography.key(e.reading.region) == region]
    entries = selected(entries, p.current, since, p.newest, p.limit)
    return entries, {i.id: i for i in workspace.indicators}, geography


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


# A listing is printed as the ledger is read (`_streamed`) from a ledger of more readings
# than this: a smaller one is read whole first, as every read command does.
STREAM_ABOVE = 1_000


def _streamed(p: ReadingsParameters, where: WorkspaceLocation, since: dt.date | None) -> bool:
    """Print the listing as the ledger is read, exactly as reading it whole prints it, and
    keep it in the read cache; False, having printed nothing, when that cannot be done.

    A ledger in the plain shape sdtrack writes has an outline (`store.ledger_stream`):
    its readings counted and the corrections and retractions that decide their states,
    found without parsing it. With no filter but --current, the first line (the counts)
    is printed from the outline at once; with --limit N, once N entries are chosen; else
    once the whole ledger is read. Rows are printed a table of ROWS_AT_ONCE at a time,
    as `print_entries` prints them, each once its entries are valid (an import's, once
    its whole batch is). At the first problem the listing stops, and the problems are
    reported as reading the whole workspace reports them."""
    console = terminal.make_console()
    cache = cache_directory()
    signature = {**terminal.console_signature(console), "json": False}
    key = read_cache.read_key("readings", p, where, as_of_day(None), signature)
    found = read_cache.replay(cache, key)
    if found is not None:
        terminal.write_rendered(console, found.stdout)
        return True
    stamps = read_cache.workspace_stamps(where) if cache is not None else []
    try:
        text = read_text(where, where.readings_path)
    except SdtrackError:
        return False  # reported as reading the whole workspace reports it
    plan = None if text is None else ledger_stream.outline(text, STREAM_ABOVE)
    if text is None or plan is None:
        return False
    if p.item_id is not None and ledger_stream.may_name_a_reading(text, p.item_id):
        return False  # a reading's history
    listing = _Listing(console, p.limit, keep=cache is not None)
    if (p.item_id, p.region, since, p.limit) == (None, None, None, None):
        current = plan.readings - plan.replaced
        listing.summary(current if p.current else plan.readings, current)
    try:
        if listing.wrote and reader_gone(console, READER_WAIT_MS):
            raise BrokenPipeError  # `| head -1` has what it wanted
        chosen = _Chosen.of(p, where, since, text)
        if listing.wrote and reader_gone(console):
            raise BrokenPipeError
        preamble, batches = ledger_stream.split(text, plan.readings, ledger_stream.ENTRIES_AT_ONCE)
        del text  # each batch is let go once read, as store.validation does
        listing.list_from(chosen, preamble, batches, plan)
    except (ledger_stream.Unstreamable, SdtrackError):
        if not listing.wrote:
            return False
        listing.finish_whole(p, where, since)
        return True
    read_cache.keep(cache, key, stamps, read_cache.Printed("".join(listing.pieces)))
    return True


@dataclass(frozen=True)
class _Chosen:
    """What a streamed listing needs of targets.toml: which entries to list, and the
    words of their rows."""

    keep: Callable[[Entry], bool]
    targets: TargetsFile
    indicators: dict[str, Indicator]
    geography: Geography

    @classmethod
    def of(
        cls, p: ReadingsParameters, where: WorkspaceLocation, since: dt.date | None, text: str
    ) -> _Chosen:
        """Raises Unstreamable when targets.toml is not valid, SdtrackError when an
        argument names nothing (both then reported as reading the whole workspace does)."""
        from sdtrack.core.arguments import region_argument
        from sdtrack.core.regions import Geography
        from sdtrack.store.validation import validate_targets
        from sdtrack.store.workspace import Workspace

        targets, problems = validate_targets(where)
        if problems or targets is None or ledger_stream.duplicate_ids(text):
            raise ledger_stream.Unstreamable
        geography = Geography.of(targets.regions, targets.region)
        indicator = None
        if p.item_id is not None:
            indicator = Workspace(where, targets).find(p.item_id)[0].id
        region = region_argument(geography, p.region, "--region")
        current = p.current

        def keep(e: Entry) -> bool:
            r = e.reading
            return (
                (indicator is None or r.indicator == indicator)
                and (p.region is None or geography.key(r.region) == region)
                and (not current or e.is_current)
                and (since is None or r.date.end >= since)
            )

        return cls(keep, targets, {i.id: i for i in targets.indicators}, geography)


class _Listing:
    """The entries chosen, printed as `ledger.print_entries` prints them, a table at a
    time, as they come; `pieces` is what was printed, if it is to be kept."""

    def __init__(self, console: Console, limit: int | None, *, keep: bool) -> None:
        self.console = console
        self.limit = limit
        self.keep = keep
        self.wrote = False
        self.pieces: list[str] = []
        self.counted: tuple[int, int] | None = None  # the first line's counts, once printed
        self.taken = 0
        self.current = 0
        self.pending: list[Entry] = []
        self.printed = 0

    def write(self, draw: Callable[[Console], None]) -> None:
        if self.wrote and reader_gone(self.console):
            raise BrokenPipeError  # as writing would, without rendering first
        text = terminal.rendered(self.console, draw)
        terminal.write_rendered(self.console, text)
        self.wrote = True
        if self.keep:
            self.pieces.append(text)

    def summary(self, count: int, current: int) -> None:
        self.write(lambda console: terminal.print_reading_counts(console, count, current))
        self.counted = (count, current)

    def list_from(
        self, chosen: _Chosen, preamble: str, batches: list[str], plan: ledger_stream.Outline
    ) -> None:
        """List the chosen entries of the ledger's `batches` (`ledger_stream.split`);
        raises Unstreamable at its first problem."""
        from sdtrack.present.render import ledger as ledger_render

        rows = ledger_render.ROWS_AT_ONCE
        words = (chosen.indicators, chosen.geography)
        for entry in ledger_stream.entries(preamble, batches, plan, chosen.targets):
            if not chosen.keep(entry) or self.taken == self.limit:
                continue
            self.taken += 1
            self.current += entry.is_current
            self.pending.append(entry)
            if self.counted is None and self.taken == self.limit:
                self.summary(self.taken, self.current)
            while self.counted is not None and len(self.pending) >= rows:
                self.write(_table(self.pending[:rows], *words))
                del self.pending[:rows]
                self.printed += rows
        if self.counted is None and not self.pending:
            self.write(lambda c: ledger_render.print_entries(c, [], chosen.indicators))
            return
        if self.counted is None:
            self.summary(self.taken, self.current)
        elif self.counted != (self.taken, self.current):
            raise ledger_stream.Unstreamable
        for start in range(0, len(self.pending), rows):
            self.write(_table(self.pending[start : start + rows], *words))

    def finish_whole(
        self, p: ReadingsParameters, where: WorkspaceLocation, since: dt.date | None
    ) -> None:
        """After a problem: report it as reading the whole workspace does (DataError);
        should the whole workspace be valid, print the rows not printed yet from it."""
        from sdtrack.present.render import ledger as ledger_render

        entries, indicators, geography = whole_selection(p, where, since)
        rows = ledger_render.ROWS_AT_ONCE
        for start in range(self.printed, len(entries), rows):
            self.write(_table(entries[start : start + rows], indicators, geography))


def _table(
    entries: list[Entry], indicators: dict[str, Indicator], geography: Geography
) -> Callable[[Console], None]:
    """One of the tables `ledger.print_entries` prints."""
    from sdtrack.present.render import ledger as ledger_render

    return lambda console: console.print(
        ledger_render.entries_table(entries, indicators, geography)
    )


# How long, after the first line, to wait for a pipe's reader that wanted only that line
# (`| head -1` is gone within a tenth of a millisecond); a reader that stays costs this once.
READER_WAIT_MS = 5


def reader_gone(console: Console, wait_ms: int = 0) -> bool:
    """Whether the console writes to a pipe whose reader has closed it (`sdtrack readings
    | head -1`), waiting up to `wait_ms` for it to: the next write would fail, so the
    work before it need not be done."""
    try:
        descriptor = console.file.fileno()
        if not hasattr(select, "poll") or not stat.S_ISFIFO(os.fstat(descriptor).st_mode):
            return False
        poller = select.poll()
        poller.register(descriptor, 0)  # no event asked for: only an error or a hang-up
        return any(event & (select.POLLERR | select.POLLHUP) for _, event in poller.poll(wait_ms))
    except (OSError, ValueError, AttributeError):
        return False


COMMAND = Command("readings", ReadingsParameters, run, HELP)
