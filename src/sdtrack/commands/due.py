"""`sdtrack due [ID…]`: the figures expected and overdue on a day, so a user knows what to
look up next."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import Output, as_of_day, emit_cached, location
from sdtrack.commands.spec import (
    as_of_option,
    directory_option,
    ids_argument,
    json_option,
    option,
)
from sdtrack.core.language import N_


@dataclass(frozen=True, kw_only=True)
class DueParameters:
    ids: list[str] | None = ids_argument()
    directory: Path | None = directory_option()
    as_of: str | None = as_of_option(
        N_(
            "The day to look from, ignoring later readings: a day (2026-12-01), a month "
            "(2026-12: its last day) or a year (2026: 31 December). Default: today."
        )
    )
    show_all: bool = option(
        "--all",
        help=N_("List every upcoming figure, not only those whose period ends within a year."),
        default=False,
    )
    json: bool = json_option()


HELP = N_("""The figures to look up next: those the targets need, not yet recorded.

Each is overdue (by the release calendar it should be out by now: a year's
figure by 31 March of the next year, unless the indicator sets
release_lag_months), expected (its period has ended; it may come out any
day) or upcoming (its period has not ended). An indicator without a target
lists its last year's figure, marked as a trend.

[bold]Examples[/bold]

  sdtrack due

  sdtrack due --as-of 2026-12-01

  sdtrack due 5g-base-stations --all

  sdtrack due --json | jq -r '.figures[] | select(.state == "overdue") | .indicator'
""")


def run(p: DueParameters) -> None:
    where, day = location(p.directory), as_of_day(p.as_of)

    def compute() -> Output:  # on a miss of the read cache only
        from sdtrack.commands.loading import load_from
        from sdtrack.core.due import due_figures, named
        from sdtrack.present.documents import due_document
        from sdtrack.present.render import due as due_render

        workspace = load_from(where)
        for item_id in p.ids or ():
            workspace.find(item_id)  # an unknown id is a usage error naming the known ones
        readings = [r for i in workspace.indicators for r in workspace.all_readings_for(i.id)]
        figures = due_figures(
            workspace.indicators,
            readings,
            day,
            every_upcoming=p.show_all,
            geography=workspace.geography,
        )
        if p.ids:
            figures = named(figures, p.ids)
        return Output(
            lambda: due_document(figures, day),
            lambda console: due_render.print_due(console, figures, day, every_upcoming=p.show_all),
        )

    emit_cached("due", p, where, day, p.json, compute)


COMMAND = Command("due", DueParameters, run, HELP)
