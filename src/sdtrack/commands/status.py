"""`sdtrack status`: one row per target; the start-up path runs it without Typer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sdtrack.commands.base import Command
from sdtrack.commands.common import as_of_day, cache_directory, location, period_day
from sdtrack.commands.spec import (
    as_of_option,
    directory_option,
    ids_argument,
    json_option,
    method_option,
    option,
    plan_option,
    region_option,
)
from sdtrack.core import clock
from sdtrack.core.choices import Method
from sdtrack.core.errors import UsageError
from sdtrack.core.language import N_, _
from sdtrack.fast.status_cache import (
    KnownAt,
    Scope,
    StatusResult,
    cached_status,
    cached_text,
    store_text,
)
from sdtrack.present.render import status as status_render
from sdtrack.present.render import terminal

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True, kw_only=True)
class StatusParameters:
    ids: list[str] | None = ids_argument()
    directory: Path | None = directory_option()
    as_of: str | None = as_of_option()
    method: Method | None = method_option()
    show_all: bool = option(
        "--all",
        # The number is status_render.SUMMARY_THRESHOLD (tests/commands/test_status.py checks).
        help=N_(
            "Print every target's row. Large workspaces (over "
            "60 targets) otherwise show a summary by status and "
            "the rows that need attention."
        ),
        default=False,
    )
    known_at: str | None = option(
        "--known-at",
        metavar="DAY",
        help=N_(
            "Show the standing as sdtrack knew it at the end of this day (UTC): only entries "
            "recorded by then, targets.toml as committed by then (from git), judged as of that "
            "day unless --as-of says otherwise. A day, a month or a year (its last day)."
        ),
        default=None,
        show_default=False,
    )
    region: str | None = region_option(
        N_(
            "Only the targets for this region (its id, or its English or Chinese name), and "
            "the latest readings there of indicators without a target there."
        )
    )
    plan: str | None = plan_option(N_("Only the targets this plan declared."))
    by: Literal["region"] | None = option(
        "--by",
        help=N_(
            "Break the figures down by region: each indicator with regional readings, the "
            "latest of each of the workspace region's regions, how many reported, their total "
            "beside the region's own figure, and who meets each count-of-regions target."
        ),
        default=None,
        show_default=False,
    )
    json: bool = json_option()


HELP = N_("""Show where every target stands: progress, gap, time left and status.

Results are cached (in $SDTRACK_CACHE_DIR, else ~/.cache/sdtrack) and reused while
the workspace's files are unchanged; the cache can be deleted at any time.

[bold]Examples[/bold]

  sdtrack status

  sdtrack status --as-of 2025-12-31

  sdtrack status --known-at 2026-11-20

  sdtrack status --all --dir big-workspace

  sdtrack status --region qingdao

  sdtrack status --plan scio-2024-04-10

  sdtrack status --by region

  sdtrack status 5g-base-stations --json | jq '.targets[0].status'
""")


def run(parameters: StatusParameters) -> None:
    where = location(parameters.directory)
    known = known_at(parameters.known_at)
    scope = status_scope(parameters, known)
    as_of = parameters.as_of
    day = known.day if known is not None and as_of is None else as_of_day(as_of)
    ids, method = parameters.ids or [], parameters.method
    with terminal.progress_on_stderr(_("Reading the ledger")) as progress:
        result = cached_status(
            where, day, ids, method, cache_directory(), progress, known, scope=scope
        )
    console = terminal.make_console()
    if parameters.json:
        terminal.print_json(console, result.document)
    elif result.notes:  # --known-at: already past the light path, and never cached
        from sdtrack.present.render.changes import print_notes

        print_notes(console, result.notes)
        status_render.print_status(console, result.view, show_all=parameters.show_all)
    else:
        _print_table(console, result, parameters.show_all)


def _print_table(console: Console, result: StatusResult, show_all: bool) -> None:
    """The table, as this console printed it before from the same files if it did."""
    signature = {**terminal.console_signature(console), "all": show_all}
    text = cached_text(cache_directory(), result, signature)
    if text is None:
        text = terminal.rendered(
            console, lambda c: status_render.print_status(c, result.view, show_all=show_all)
        )
        store_text(cache_directory(), result, signature, text)
    terminal.write_rendered(console, text)


def status_scope(parameters: StatusParameters, known: KnownAt | None) -> Scope:
    """What the rows are chosen by; --known-at and --by region take none of it."""
    scope = Scope(parameters.region, parameters.plan, parameters.by)
    if known is not None and scope != Scope():
        raise UsageError(_("--known-at shows every target: it takes no --region, --plan or --by"))
    if scope.by == "region" and scope.region is not None:
        raise UsageError(
            _(
                "`--by region` breaks the workspace's own region down into its regions; "
                "for one region's targets use `--region` alone"
            )
        )
    return scope


def known_at(text: str | None) -> KnownAt | None:
    """`--known-at`: a day, or the last day of a month or a year; with today's date."""
    if text is None:
        return None
    return KnownAt(period_day(text, "--known-at"), clock.now().date())


COMMAND = Command("status", StatusParameters, run, HELP)
