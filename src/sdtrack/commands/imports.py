"""`sdtrack import FILE…`: a bulletin's table of readings, checked whole, appended at once."""

from __future__ import annotations

from dataclasses import dataclass
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
from sdtrack.core.arguments import region_argument
from sdtrack.core.choices import Qualifier
from sdtrack.core.errors import DataError
from sdtrack.core.import_headers import parse_mapping
from sdtrack.core.import_plan import ImportSummary
from sdtrack.core.importing import Defaults
from sdtrack.core.language import N_, _
from sdtrack.fast.status_refresh import refresher
from sdtrack.fast.targets_cache import cached_targets
from sdtrack.present.documents import import_document
from sdtrack.present.render import imports as imports_render
from sdtrack.present.render import terminal
from sdtrack.store.importing import import_sheets, read_sheets
from sdtrack.store.workspace import Workspace, broken_workspace_first


@dataclass(frozen=True, kw_only=True)
class ImportParameters:
    files: list[str] = argument(
        metavar="FILE",
        help=N_(
            "CSV or Excel files, or Open SDG data (a data CSV, or a folder holding data/ "
            "and meta/)."
        ),
    )
    wide: bool = option(
        "--wide",
        help=N_("One row per indicator and one column per period, as bulletins print tables."),
        default=False,
    )
    mapping: list[str] | None = option(
        "--map",
        metavar="HEADER=FIELD",
        help=N_(
            "Read the column headed HEADER as FIELD (indicator, value, date, source, url, quote, "
            "note, qualifier, key, derived, region); may be given several times."
        ),
        default=None,
        show_default=False,
    )
    encoding: str | None = option(
        "--encoding",
        help=N_(
            "The CSV files' encoding (default: from the byte-order mark, else UTF-8, else GB18030)."
        ),
        default=None,
        show_default=False,
    )
    sheet: str | None = option(
        "--sheet", help=N_("The workbook sheet to read (default: the first)."), default=None,
        show_default=False,
    )  # fmt: skip
    indicator: str | None = option(
        "--indicator", help=N_("The indicator of rows that name none."), default=None,
        show_default=False, complete="indicators",
    )  # fmt: skip
    date: str | None = option(
        "--date", help=N_("The period of rows that give none: 2024-06-30, 2024-06, 2024."),
        default=None, show_default=False,
    )  # fmt: skip
    region: str | None = region_option(
        N_(
            "The region of rows that name none: an id or a name (qingdao, 青岛, 青岛市); "
            "default: the workspace's own."
        )
    )
    source: str | None = option(
        "--source", help=N_("The source of rows that give none."), default=None,
        show_default=False,
    )  # fmt: skip
    url: str | None = option(
        "--url", help=N_("The address of rows that give none."), default=None, show_default=False
    )
    quote: str | None = option(
        "--quote", help=N_("The quote of rows that give none."), default=None, show_default=False
    )
    note: str | None = option(
        "--note", help=N_("A note for rows that give none."), default=None, show_default=False
    )
    qualifier: Qualifier | None = option(
        "--qualifier", help=N_("The qualifier of rows that give none: over, about, nearly, under."),
        default=None, show_default=False,
    )  # fmt: skip
    dry_run: bool = option(
        "--dry-run", help=N_("Check every row and show what would be recorded; write nothing."),
        default=False,
    )  # fmt: skip
    directory: Path | None = directory_option()
    json: bool = json_option()


HELP = N_("""Import readings from a bulletin's table: CSV, Excel or Open SDG data.

Every row is checked before anything is written; one bad row and nothing is recorded,
and every problem is listed as file:row:column. The readings are appended in one
write. Each row gets a key (its key column, or one made from what it says), so that
importing the same table again records nothing twice.

Headers may be in English or Chinese: indicator (指标), value (数值), date or period
(日期), source (来源), url, quote, note (备注), qualifier, key, region (地区, 城市).
A region is named by id, by name (青岛, 青岛市, Qingdao) or by its division code (370200);
rows without one are the workspace's own region's.

[bold]Examples[/bold]

  sdtrack import bulletin.csv

  sdtrack import bulletin.xlsx --sheet 2024 --dry-run

  sdtrack import table.csv --wide --source "Statistical bulletin 2024"

  sdtrack import cities.csv --wide --indicator gigabit-cities

  sdtrack import qingdao.csv --region 青岛

  sdtrack import export.csv --map 项目名称=indicator --encoding gb18030

  sdtrack import open-sdg-data/
""")


DEFAULTED = ("indicator", "date", "region", "source", "url", "quote", "note", "qualifier")


def run(p: ImportParameters) -> None:
    where, cache = location(p.directory), cache_directory()
    defaults = Defaults(
        {name: str(getattr(p, name)) for name in DEFAULTED if getattr(p, name) is not None},
        parse_mapping(p.mapping or []),
        p.wide,
    )
    with broken_workspace_first(where):
        if not p.dry_run:
            where.require_writable()
        workspace = Workspace(where, cached_targets(where, cache))
    region_argument(workspace.geography, p.region, "--region")
    paths = [Path(f) for f in p.files]
    sheets = read_sheets(
        paths, encoding=p.encoding, sheet_name=p.sheet, geography=workspace.geography
    )
    with (
        broken_workspace_first(where, DataError),
        terminal.progress_on_stderr(_("Checking rows")) as progress,
    ):
        summary = import_sheets(
            where, workspace.targets, sheets, defaults, clock.now(), dry_run=p.dry_run,
            progress=progress, observer=refresher(cache, where, workspace.targets, as_of_day(None)),
        )  # fmt: skip
    _show(p.json, summary, workspace)


def _show(as_json: bool, summary: ImportSummary, workspace: Workspace) -> None:
    indicators = {i.id: i for i in workspace.indicators}
    emit(
        as_json,
        lambda: import_document(summary, indicators),
        lambda console: imports_render.print_import(
            console, summary, indicators, workspace.geography
        ),
    )


COMMAND = Command("import", ImportParameters, run, HELP)
