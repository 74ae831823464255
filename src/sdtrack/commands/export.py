"""`sdtrack export`: the progress report in one of the formats of `present.exporters`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import as_of_day
from sdtrack.commands.loading import load
from sdtrack.commands.spec import (
    as_of_option,
    directory_option,
    ids_argument,
    method_option,
    option,
)
from sdtrack.core import clock
from sdtrack.core.choices import Method
from sdtrack.core.language import N_, _
from sdtrack.present.exporters import ExportContext, ExportOptions, choose_format, export
from sdtrack.present.render import terminal
from sdtrack.present.report import build_status
from sdtrack.store.writes import refuse_taken_output, write_files


@dataclass(frozen=True, kw_only=True)
class ExportParameters:
    ids: list[str] | None = ids_argument()
    format_name: str | None = option(
        "--format",
        "-f",
        help=N_("md, csv, json, xlsx, html or open-sdg. Default: from -o's extension."),
        default=None,
        show_default=False,
        complete="formats",
    )
    output: Path | None = option(
        "--output",
        "-o",
        help=N_("File to write (a directory for open-sdg). Text formats go to stdout without it."),
        default=None,
        show_default=False,
    )
    force: bool = option("--force", help=N_("Overwrite existing files."), default=False)
    readings: bool = option(
        "--readings", help=N_("CSV: the long table of every reading instead."), default=False
    )
    excel: bool = option(
        "--excel", help=N_("CSV: UTF-8 with a byte-order mark, for Excel."), default=False
    )
    directory: Path | None = directory_option()
    as_of: str | None = as_of_option()
    method: Method | None = method_option()


HELP = N_(
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
)


def run(p: ExportParameters) -> None:
    options = ExportOptions(readings=p.readings, excel=p.excel)
    chosen = choose_format(p.format_name, p.output, options)
    if p.output is not None:
        refuse_taken_output(p.output, directory=chosen.directory, force=p.force)
    workspace = load(p.directory)
    report = build_status(workspace, as_of_day(p.as_of), p.ids or (), p.method)
    with terminal.progress_on_stderr(
        _("Writing the {format} report").format(format=chosen.name)
    ) as progress:
        context = ExportContext.of(workspace, report, clock.now(), progress)
        files = export(context, chosen, options)
    if p.output is None:
        terminal.write_bytes(files[0].content)
        return
    written = write_files(files, p.output, force=p.force)
    terminal.print_written(terminal.make_console(stderr=True), written)


COMMAND = Command("export", ExportParameters, run, HELP)
