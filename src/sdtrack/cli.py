"""The command line: parse, call the library, render. Nothing else lives here.

Only light modules are imported here: each command imports what it needs. The console
script enters through `launcher.py`, which runs `status`, `--version` and cached help
without Typer and hands every other command line to `app`.

Expected errors (`SdtrackError`) are caught once, in `_expected_errors`, and printed as one
clean message per problem on stderr with exit code 1 (bad files) or 2 (bad arguments).
Any other exception is a bug and keeps its traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from sdtrack import __version__, clock, render
from sdtrack.choices import Method, Qualifier
from sdtrack.errors import Problem, SdtrackError, UsageError
from sdtrack.locations import WorkspaceLocation, locate_workspace

if TYPE_CHECKING:
    from sdtrack.workspace import Workspace

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="sdtrack",
    help=(
        "Track declared public targets against recorded, sourced progress.\n\n"
        "Ships with Shandong province's digital-economy targets. Run `sdtrack status` "
        "to see where each one stands today."
    ),
    epilog=(
        "Examples:  sdtrack status  ·  sdtrack show 5g-base-stations  ·  "
        "sdtrack init my-workspace  ·  sdtrack record 5g-base-stations 22.4万 --date 2024 "
        "--source 'Shandong Communications Administration'"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _expected_errors(command: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except SdtrackError as error:
            render.print_error(render.make_console(stderr=True), error)
            raise typer.Exit(error.exit_code) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        render.make_console().print(f"sdtrack {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Track declared public targets against recorded, sourced progress."""


DirOption = Annotated[
    Path | None,
    typer.Option(
        "--dir",
        "-d",
        help="Workspace directory. Default: $SDTRACK_DIR, else the nearest targets.toml "
        "upward from here, else the embedded Shandong dataset.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge as of this day (YYYY-MM-DD), ignoring later readings. Default: today.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (and only JSON) on stdout.")]
IdsArgument = Annotated[
    list[str] | None,
    typer.Argument(help="Only these indicators or targets (default: all).", show_default=False),
]
MethodOption = Annotated[
    Method | None,
    typer.Option(
        "--method",
        help="Judge every target by this method (default: each target's own method, else "
        "the workspace's, else cagr-ratio). See docs/methodology.md.",
        show_default=False,
    ),
]


def _location(directory: Path | None) -> WorkspaceLocation:
    return locate_workspace(directory, os.environ.get("SDTRACK_DIR"), Path.cwd())


def _workspace(directory: Path | None) -> Workspace:
    return _load(_location(directory))


def _load(location: WorkspaceLocation) -> Workspace:
    """The validated workspace, with a progress bar while a large ledger is read."""
    from sdtrack.workspace import load_workspace

    with render.progress_on_stderr("Reading the ledger") as progress:
        return load_workspace(location, progress)


def _as_of(text: str | None) -> dt.date:
    from sdtrack.launcher import as_of_day

    return as_of_day(text)


@app.command()
@_expected_errors
def status(
    ids: IdsArgument = None,
    directory: DirOption = None,
    as_of: AsOfOption = None,
    method: MethodOption = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Print every target's row. Large workspaces (over "
            f"{render.SUMMARY_THRESHOLD} targets) otherwise show a summary by status and "
            "the rows that need attention.",
        ),
    ] = False,
    json: JsonOption = False,
) -> None:
    """Show where every target stands: progress, gap, time left and status.

    Results are cached (in $SDTRACK_CACHE_DIR, else ~/.cache/sdtrack) and reused while
    the workspace's files are unchanged; the cache can be deleted at any time.

    [bold]Examples[/bold]

      sdtrack status

      sdtrack status --as-of 2025-12-31

      sdtrack status --all --dir big-workspace

      sdtrack status 5g-base-stations --json | jq '.targets[0].status'
    """
    from sdtrack.launcher import StatusRequest, run_status

    run_status(StatusRequest(ids or [], directory, as_of, method, show_all, json))


@app.command()
@_expected_errors
def record(
    indicator: Annotated[
        str, typer.Argument(metavar="INDICATOR", help="Indicator id (see `sdtrack targets`).")
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE", help="The value as printed: 224000, 22.4万, 2.4 trillion, 47%."
        ),
    ],
    date: Annotated[
        str,
        typer.Option(
            "--date", help="Day, month or year the value is for: 2024-06-30, 2024-06, 2024."
        ),
    ],
    source: Annotated[str, typer.Option("--source", help="Where the value was published.")],
    url: Annotated[str | None, typer.Option("--url", help="Address of the source.")] = None,
    quote: Annotated[
        str | None, typer.Option("--quote", help="The sentence that states the value.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Anything a reader should know.")
    ] = None,
    qualifier: Annotated[
        Qualifier | None,
        typer.Option("--qualifier", help="How the source words it: over, about, nearly, under."),
    ] = None,
    allow_duplicate: Annotated[
        bool,
        typer.Option("--allow-duplicate", help="Record even if the same reading is already there."),
    ] = False,
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            help="A name for this recording, unique in the ledger: if a reading with this "
            "key is already recorded, nothing is written (for scripts that may run twice).",
            show_default=False,
        ),
    ] = None,
    directory: DirOption = None,
    json: JsonOption = False,
) -> None:
    """Record a new reading: a dated, sourced value of an indicator.

    The value may be written the way the source prints it. The reading is validated in
    full before anything is written, then appended to readings.toml.

    [bold]Examples[/bold]

      sdtrack record 5g-base-stations 22.4万 --date 2024 --source "Provincial bulletin"

      sdtrack record digital-economy-gdp-share 48% --date 2024 --source "SCIO, 2025-04-01"

      sdtrack record it-industry-revenue "2.1 trillion" --date 2024 --source "Bulletin" \\
        --url https://example.org/bulletin --quote "…revenue reached 2.1 trillion yuan…"

      sdtrack record iot-terminals 2.3亿 --date 2024 --source "Bulletin" --key bulletin-2024-iot
    """
    from pydantic import ValidationError

    from sdtrack.assessment import assess_target, choose_method
    from sdtrack.cache import cache_in_use
    from sdtrack.errors import DataError
    from sdtrack.model import Reading
    from sdtrack.periods import PeriodError, parse_period
    from sdtrack.report import assessment_dict, envelope, reading_dict
    from sdtrack.workspace import Workspace, load_targets, record_reading_indexed

    # Only targets.toml is read before the ledger is locked; the ledger is then read through
    # its index when that is valid, so that a large ledger does not slow `record` down.
    location = _location(directory)
    try:
        location.require_writable()
        workspace = Workspace(location, load_targets(location, cache_in_use(os.environ)))
        found = workspace.indicator(indicator)
        recorded_at = clock.now()
        try:
            period = parse_period(date)
        except PeriodError as error:
            raise UsageError([Problem(str(error), field="--date")]) from None
        if period.end > recorded_at.date():
            raise UsageError(
                [
                    Problem(
                        f"{period} has not ended yet (today is {recorded_at.date()})",
                        field="--date",
                    )
                ],
                hint="a reading is for a day, month or year that is over; give a past date",
            )
        raw = {
            "indicator": found.id,
            "value": value,
            "date": str(period),
            "qualifier": qualifier,
            "source": source,
            "url": url,
            "quote": quote,
            "note": note,
            "recorded": recorded_at,
            "key": key,
        }
        units = {i.id: i.unit_info for i in workspace.indicators}
        try:
            reading = Reading.model_validate(
                {k: v for k, v in raw.items() if v is not None}, context={"units": units}
            )
        except ValidationError as error:
            names = {"value": "VALUE", "indicator": "INDICATOR"}
            raise UsageError(
                [
                    Problem(
                        str(e["msg"]).removeprefix("Value error, "),
                        field=names.get(str(e["loc"][0]), f"--{e['loc'][0]}"),
                    )
                    for e in error.errors(include_url=False)
                ]
            ) from None
    except SdtrackError:
        _load(location)  # a broken workspace is reported first, as it always was
        raise
    try:
        with render.progress_on_stderr("Reading the ledger") as progress:
            plan, earlier = record_reading_indexed(
                location,
                workspace.targets,
                reading,
                allow_duplicate=allow_duplicate,
                cache_directory=cache_in_use(os.environ),
                progress=progress,
            )
    except DataError:
        _load(location)
        raise
    reading = plan.reading
    if plan.existing is not None:
        if json:
            data = {"reading": reading_dict(reading, found), "already_recorded": True}
            render.print_json(render.make_console(), envelope("record", None, data))
        else:
            render.print_already_recorded(render.make_console(), reading, found)
        return

    readings = [*earlier, reading]
    today = recorded_at.date()
    assessments = [
        assess_target(found, t, readings, today, choose_method(t, workspace.targets.method))
        for t in found.targets
    ]
    console = render.make_console()
    if json:
        render.print_json(
            console,
            envelope(
                "record",
                today,
                {
                    "reading": reading_dict(reading, found),
                    "targets": [assessment_dict(a) for a in assessments],
                },
            ),
        )
        return
    render.print_recorded(console, reading, found)
    render.print_standing(console, assessments)


@app.command()
@_expected_errors
def targets(directory: DirOption = None, json: JsonOption = False) -> None:
    """List indicators and the targets declared for them.

    [bold]Examples[/bold]

      sdtrack targets

      sdtrack targets --json | jq '.indicators[].id'
    """
    from sdtrack.report import envelope

    workspace = _workspace(directory)
    console = render.make_console()
    if json:
        data = [
            indicator.model_dump(mode="json", by_alias=True) for indicator in workspace.indicators
        ]
        render.print_json(console, envelope("targets", None, {"indicators": data}))
        return
    render.print_targets(console, workspace.indicators)


@app.command()
@_expected_errors
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="An indicator or target id.")],
    directory: DirOption = None,
    as_of: AsOfOption = None,
    method: MethodOption = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="Draw readings, targets and projection in the terminal.")
    ] = False,
    json: JsonOption = False,
) -> None:
    """Show one indicator or target: definition, source quote, readings and standing.

    [bold]Examples[/bold]

      sdtrack show 5g-base-stations

      sdtrack show it-industry-revenue-2025 --as-of 2025-06-30

      sdtrack show 5g-base-stations --chart
    """
    from sdtrack.report import (
        assessment_dict,
        build_status,
        entry_dict,
        envelope,
        reading_dict,
        revisions,
        trend_dict,
    )
    from sdtrack.workspace import replaced_entries

    workspace = _workspace(directory)
    indicator, _ = workspace.find(item_id)
    day = _as_of(as_of)
    readings = workspace.readings_for(indicator.id)
    report = build_status(workspace, day, [item_id], method)
    order = {t.id: n for n, (t, _) in enumerate(revisions(indicator))}
    assessments = sorted(report.assessments, key=lambda a: order[a.target.id])
    changes = {t.id: change for t, change in revisions(indicator)}
    trend = report.trends[0] if report.trends else None
    console = render.make_console()
    if json:
        data = {
            "indicator": indicator.model_dump(mode="json", by_alias=True),
            "targets": [
                {
                    **assessment_dict(a, current=report.is_current(a)),
                    "revision": changes[a.target.id],
                }
                for a in assessments
            ],
            "trend": trend_dict(trend) if trend else None,
            "readings": [reading_dict(r, indicator) for r in readings],
            "replaced": [
                entry_dict(e, indicator) for e in replaced_entries(workspace, indicator.id)
            ],
        }
        render.print_json(console, envelope("show", day, data))
        return
    render.print_indicator(
        console, indicator, readings, assessments, trend, changes, report.current
    )
    render.print_history(console, replaced_entries(workspace, indicator.id), indicator)
    if chart:
        from sdtrack.terminal_chart import chart_grid

        visible = [r for r in readings if r.date.end <= day]
        render.print_chart(console, chart_grid(indicator, visible, assessments))


@app.command()
@_expected_errors
def check(directory: DirOption = None) -> None:
    """Validate the workspace: silent when all is well, else every problem and exit 1.

    Each problem names the file, the line where it can be found, the field and what is
    wrong.

    [bold]Examples[/bold]

      sdtrack check && echo valid

      sdtrack check --dir my-workspace
    """
    from sdtrack.workspace import check_workspace

    with render.progress_on_stderr("Checking the ledger") as progress:
        problems = check_workspace(_location(directory), progress)
    if problems:
        render.print_problems(render.make_console(stderr=True), problems)
        raise typer.Exit(1)


@app.command()
@_expected_errors
def init(
    directory: Annotated[
        Path, typer.Argument(help="Where to create the workspace (created if missing).")
    ] = Path("."),
    empty: Annotated[
        bool, typer.Option("--empty", help="A blank workspace with a commented example.")
    ] = False,
) -> None:
    """Create a workspace: the Shandong dataset (or --empty), ready to record into.

    Never overwrites existing files.

    [bold]Examples[/bold]

      sdtrack init my-workspace && cd my-workspace && sdtrack status

      sdtrack init --empty ~/targets/beijing
    """
    from sdtrack.workspace import init_workspace

    created = init_workspace(directory, empty=empty)
    console = render.make_console()
    render.print_created(console, created)
    console.print(f"Next: cd {directory} && sdtrack status")


ReadingIdArgument = Annotated[
    str,
    typer.Argument(metavar="READING-ID", help="The reading's id (see `sdtrack readings`)."),
]


@app.command()
@_expected_errors
def readings(
    item_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="A reading id (its history), or an indicator or target id (its readings).",
            show_default=False,
        ),
    ] = None,
    current: Annotated[
        bool, typer.Option("--current", help="Only current readings: hide superseded ones.")
    ] = False,
    directory: DirOption = None,
    json: JsonOption = False,
) -> None:
    """List recorded readings with their ids, and which are corrected or retracted.

    With a reading id, show that reading's history: the reading it corrects, and the
    readings that superseded it.

    [bold]Examples[/bold]

      sdtrack readings

      sdtrack readings 5g-base-stations --current

      sdtrack readings r-fc377d884a --json
    """
    from sdtrack.report import entry_dict, envelope
    from sdtrack.workspace import select_entries

    workspace = _workspace(directory)
    entries = select_entries(workspace, item_id)
    if current:
        entries = [e for e in entries if e.is_current]
    indicators = {i.id: i for i in workspace.indicators}
    console = render.make_console()
    if json:
        data = {"readings": [entry_dict(e, indicators[e.reading.indicator]) for e in entries]}
        render.print_json(console, envelope("readings", None, data))
        return
    render.print_entries(console, entries, indicators)


@app.command()
@_expected_errors
def correct(
    reading_id: ReadingIdArgument,
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The correct value, as printed: 22.4万, 47%.")
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Where the correct value was published (default: the old reading's source).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", help="Why the reading was corrected.", show_default=False),
    ] = None,
    directory: DirOption = None,
    json: JsonOption = False,
) -> None:
    """Correct a reading: append a reading that supersedes it; nothing is rewritten.

    The correction keeps the old reading's indicator and date; the old reading stays in
    the ledger, marked as superseded, and `sdtrack readings ID` shows the history.

    [bold]Examples[/bold]

      sdtrack correct r-fc377d884a 23.6万 --note "Bulletin revised on 2025-03-01"

      sdtrack correct r-fc377d884a 236000 --source "Statistical yearbook 2025"
    """
    from sdtrack.report import envelope, reading_dict
    from sdtrack.workspace import correct_reading

    workspace = _workspace(directory)
    workspace.location.require_writable()
    with render.progress_on_stderr("Reading the ledger under its lock") as progress:
        old, correction = correct_reading(
            workspace,
            reading_id,
            value,
            source=source,
            note=note,
            recorded=clock.now(),
            progress=progress,
        )
    indicator = workspace.indicator(correction.indicator)
    console = render.make_console()
    if json:
        data = {
            "reading": reading_dict(correction, indicator),
            "corrects": reading_dict(old, indicator),
        }
        render.print_json(console, envelope("correct", None, data))
        return
    render.print_corrected(console, old, correction, indicator)


@app.command()
@_expected_errors
def retract(
    reading_id: ReadingIdArgument,
    reason: Annotated[
        str, typer.Option("--reason", help="Why the reading is withdrawn (kept in the ledger).")
    ],
    directory: DirOption = None,
    json: JsonOption = False,
) -> None:
    """Retract a reading: append a retraction; the reading stays in the ledger's history.

    A retracted reading no longer counts in status or show.

    [bold]Examples[/bold]

      sdtrack retract r-fc377d884a --reason "Recorded for the wrong indicator"
    """
    from sdtrack.report import envelope, reading_dict
    from sdtrack.workspace import retract_reading

    workspace = _workspace(directory)
    workspace.location.require_writable()
    with render.progress_on_stderr("Reading the ledger under its lock") as progress:
        old, retraction = retract_reading(workspace, reading_id, reason, clock.now(), progress)
    indicator = workspace.indicator(old.indicator)
    console = render.make_console()
    if json:
        data = {"retracted": reading_dict(old, indicator), "reason": retraction.reason}
        render.print_json(console, envelope("retract", None, data))
        return
    render.print_retracted(console, old, retraction)


@app.command()
@_expected_errors
def gap(
    ids: IdsArgument = None,
    directory: DirOption = None,
    as_of: AsOfOption = None,
    method: MethodOption = None,
    json: JsonOption = False,
) -> None:
    """The gap report: for each target, a paragraph to paste into a briefing.

    Where it stands (value, date, source), what remains, the pace required against the
    pace observed, the projected value at the deadline and when the target would be
    reached, the verdict with its method, and any warning.

    [bold]Examples[/bold]

      sdtrack gap 5g-base-stations-2025 it-industry-revenue-2025

      sdtrack gap --as-of 2025-06-30 --method projection

      sdtrack gap --json | jq -r '.targets[].gap_paragraph'
    """
    from sdtrack.report import build_status, status_json

    report = build_status(_workspace(directory), _as_of(as_of), ids or (), method)
    console = render.make_console()
    if json:
        render.print_json(console, status_json(report, command="gap"))
        return
    render.print_gap_report(console, report)


@app.command()
@_expected_errors
def export(
    ids: IdsArgument = None,
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="md, csv, json, xlsx, html or open-sdg. Default: from -o's extension.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (a directory for open-sdg). Text formats go to stdout without it.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    readings: Annotated[
        bool, typer.Option("--readings", help="CSV: the long table of every reading instead.")
    ] = False,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV: UTF-8 with a byte-order mark, for Excel.")
    ] = False,
    directory: DirOption = None,
    as_of: AsOfOption = None,
    method: MethodOption = None,
) -> None:
    """Export a progress report: Markdown, CSV, JSON, Excel, HTML with charts, or Open SDG data.

    Every format renders the same computed report, stating the as-of date, the generation
    time, the method and the sdtrack version.

    [bold]Examples[/bold]

      sdtrack export -o report.html

      sdtrack export --format md > report.md

      sdtrack export -o targets.xlsx

      sdtrack export --format csv --readings --excel -o readings.csv

      sdtrack export --format open-sdg -o open-sdg-data/
    """
    from sdtrack.exporters import FORMATS, ExportContext, format_for_path
    from sdtrack.exporters import export as render_export
    from sdtrack.exporters.output import write_export
    from sdtrack.report import build_status

    if format_name is None:
        if output is None:
            raise UsageError("give --format or an -o path whose extension names the format")
        chosen = format_for_path(output)
    elif format_name in FORMATS:
        chosen = FORMATS[format_name]
    else:
        raise UsageError(
            [Problem(f"unknown format {format_name!r}", field="--format")],
            hint="choose md, csv, json, xlsx, html or open-sdg",
        )
    if (chosen.binary or chosen.directory) and output is None:
        raise UsageError(
            f"the {chosen.name} format needs -o PATH", hint=f"e.g. -o report.{chosen.name}"
        )
    if (readings or excel) and chosen.name != "csv":
        raise UsageError("--readings and --excel are for the csv format")
    workspace = _workspace(directory)
    report = build_status(workspace, _as_of(as_of), ids or (), method)
    with render.progress_on_stderr(f"Writing the {chosen.name} report") as progress:
        context = ExportContext.of(workspace, report, clock.now(), progress)
        files = render_export(context, chosen.name, readings=readings, excel=excel)
    if output is None:
        render.write_bytes(files[0].content)
        return
    written = write_export(files, output, force=force)
    render.print_written(render.make_console(stderr=True), written)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="sdtrack")
