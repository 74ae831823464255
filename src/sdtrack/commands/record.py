"""`sdtrack record`: validate one reading and append it to the ledger."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import as_of_day, cache_directory, emit, location
from sdtrack.commands.spec import (
    argument,
    directory_option,
    json_option,
    option,
    region_option,
)
from sdtrack.core import clock
from sdtrack.core.arguments import region_argument, require_recorded
from sdtrack.core.assessment import Assessment
from sdtrack.core.choices import Qualifier
from sdtrack.core.conflicts import agrees_with, conflicts_with
from sdtrack.core.errors import DataError
from sdtrack.core.language import N_, _
from sdtrack.core.ledger import reading_to_record
from sdtrack.core.regions import Geography
from sdtrack.fast.ledger_index import CachedLedgerIndex
from sdtrack.fast.status_refresh import refresher
from sdtrack.fast.targets_cache import cached_targets
from sdtrack.present.documents import already_recorded_document, record_document
from sdtrack.present.render import ledger as ledger_render
from sdtrack.present.render import terminal
from sdtrack.present.report import standing
from sdtrack.store.append import Recorded, record_reading
from sdtrack.store.workspace import Workspace, broken_workspace_first


@dataclass(frozen=True, kw_only=True)
class RecordParameters:
    indicator: str = argument(
        metavar="INDICATOR", help=N_("Indicator id (see `sdtrack targets`)."), complete="indicators"
    )
    value: str = argument(
        metavar="VALUE", help=N_("The value as printed: 224000, 22.4万, 2.4 trillion, 47%.")
    )
    date: str = option(
        "--date", help=N_("Day, month or year the value is for: 2024-06-30, 2024-06, 2024.")
    )
    region: str | None = region_option(
        N_(
            "The region the value is for: an id or a name (qingdao, 青岛, 青岛市, Qingdao); "
            "default: the workspace's own."
        )
    )
    source: str = option("--source", help=N_("Where the value was published."))
    url: str | None = option("--url", help=N_("Address of the source."), default=None)
    quote: str | None = option(
        "--quote", help=N_("The sentence that states the value."), default=None
    )
    note: str | None = option("--note", help=N_("Anything a reader should know."), default=None)
    qualifier: Qualifier | None = option(
        "--qualifier", help=N_("How the source words it: over, about, nearly, under."), default=None
    )
    allow_duplicate: bool = option(
        "--allow-duplicate",
        help=N_("Record even if the same reading is already there."),
        default=False,
    )
    key: str | None = option(
        "--key",
        help=N_(
            "A name for this recording, unique in the ledger: if a reading with this "
            "key is already recorded, nothing is written (for scripts that may run twice)."
        ),
        default=None,
        show_default=False,
    )
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""Record a new reading: a dated, sourced value of an indicator.

The value may be written the way the source prints it. The reading is validated in
full before anything is written, then appended to readings.toml. A city's figure takes
`--region CITY`; without it, the value is the workspace's own region's. A derived
indicator (one with a formula) is computed from its inputs: record those instead.

[bold]Examples[/bold]

  sdtrack record 5g-base-stations 22.4万 --date 2024 --source "Provincial bulletin"

  sdtrack record digital-economy-gdp-share 48% --date 2024 --source "SCIO, 2025-04-01"

  sdtrack record it-industry-revenue "2.1 trillion" --date 2024 --source "Bulletin" \\
    --url https://example.org/bulletin --quote "…revenue reached 2.1 trillion yuan…"

  sdtrack record iot-terminals 2.3亿 --date 2024 --source "Bulletin" --key bulletin-2024-iot

  sdtrack record gigabit-cities 1 --date 2021 --region 济南 --source "MIIT list, 2021"
""")


# The parameters that are fields of the reading, as typed.
READING_FIELDS = ("value", "date", "qualifier", "source", "url", "quote", "note", "key")


def run(p: RecordParameters) -> None:
    # Only targets.toml is read before the ledger is locked; the ledger is then read through
    # its index when that is valid, so that a large ledger does not slow `record` down.
    where, cache = location(p.directory), cache_directory()
    with broken_workspace_first(where):
        where.require_writable()
        workspace = Workspace(where, cached_targets(where, cache))
        indicator = workspace.indicator(p.indicator)
        require_recorded(indicator, "INDICATOR")
        units = {i.id: i.unit_info for i in workspace.indicators}
        fields = {name: getattr(p, name) for name in READING_FIELDS}
        fields["indicator"] = indicator.id
        fields["region"] = region_argument(workspace.geography, p.region, "--region")
        recorded_at = clock.now()
        domains = {i.id: i.domain for i in workspace.indicators}
        reading = reading_to_record(fields, units, recorded_at, domains=domains)
    index = CachedLedgerIndex(cache, where.readings_path, units) if cache else None
    with (
        broken_workspace_first(where, DataError),
        terminal.progress_on_stderr(_("Reading the ledger")) as progress,
    ):
        recorded = record_reading(
            where, workspace.targets, reading, allow_duplicate=p.allow_duplicate,
            index=index, progress=progress,
            observer=refresher(cache, where, workspace.targets, as_of_day(None)),
        )  # fmt: skip
    _show(p, workspace, recorded, recorded_at.date())


def _show(p: RecordParameters, workspace: Workspace, recorded: Recorded, today: date) -> None:
    """The confirmation: what was recorded, what it conflicts or agrees with, the standing."""
    reading, indicator = recorded.plan.reading, workspace.indicator(recorded.plan.reading.indicator)
    if recorded.plan.existing is not None:
        emit(
            p.json,
            lambda: already_recorded_document(reading, indicator),
            lambda console: ledger_render.print_already_recorded(console, reading, indicator),
        )
        return
    region = workspace.geography.key(reading.region)
    every = standing(workspace.targets, indicator, [*recorded.earlier, reading], today)
    assessments = concerning(every, region, workspace.geography)
    # The current readings as they were under the lock, before this one was appended.
    against = conflicts_with(indicator, reading, recorded.earlier)
    agreeing = agrees_with(indicator, reading, recorded.earlier)
    place = workspace.geography.name(region) if region is not None else None
    emit(
        p.json,
        lambda: record_document(
            reading, indicator, today, assessments, conflicts=against, agreeing=agreeing
        ),
        lambda console: ledger_render.print_recorded(
            console, reading, indicator, assessments, conflicts=against, agreeing=agreeing,
            region=place,
        ),
    )  # fmt: skip


def concerning(
    assessments: Sequence[Assessment], region: str | None, geography: Geography
) -> list[Assessment]:
    """The targets a reading of `region` (None: the workspace's own) bears on: those for
    that region, and those counting regions that count it."""
    return [
        a
        for a in assessments
        if (
            any(s.region == region for s in a.region_count.standings)
            if a.region_count is not None
            else geography.key(a.target.region) == region
        )
    ]


COMMAND = Command("record", RecordParameters, run, HELP)
