"""Exporters: every report format, each a module whose `render` turns one computed context
into files.

`FORMAT_LIST` is the table of formats: a format's name, the extensions that imply it, and
the module that renders it, imported only when that format is asked for (so Jinja
and PyYAML load only on their own paths). To add a format, add its module
here and its row below.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sdtrack.core.errors import Problem, UsageError
from sdtrack.core.language import _
from sdtrack.present.exporters.base import ExportContext, Exporter, ExportFile, ExportOptions


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    module: str
    binary: bool = False
    directory: bool = False

    def exporter(self) -> Exporter:
        render: Exporter = importlib.import_module(f"{__name__}.{self.module}").render
        return render


FORMAT_LIST: tuple[Format, ...] = (
    Format("md", (".md", ".markdown"), "markdown"),
    Format("csv", (".csv",), "csv_file"),
    Format("json", (".json",), "json_file"),
    Format("xlsx", (".xlsx",), "xlsx", binary=True),
    Format("html", (".html", ".htm"), "html_report"),
    Format("open-sdg", (), "open_sdg", directory=True),
)
FORMATS = {f.name: f for f in FORMAT_LIST}
NAMES = "|".join(FORMATS)


def format_for_path(path: Path) -> Format:
    suffix = path.suffix.lower()
    for candidate in FORMAT_LIST:
        if suffix in candidate.suffixes:
            return candidate
    if not suffix:
        raise UsageError(
            _("cannot tell the format of {path}: it has no extension").format(path=path),
            hint=_("pass --format {names}").format(names=NAMES),
        )
    raise UsageError(
        _("cannot tell the format of {path} from {suffix!r}").format(path=path, suffix=suffix),
        hint=_("use .md, .csv, .json, .xlsx or .html, or pass --format"),
    )


def choose_format(name: str | None, output: Path | None, options: ExportOptions) -> Format:
    """The format asked for by --format, else by -o's extension, checked against the rest
    of the command line."""
    if name is None:
        if output is None:
            raise UsageError(_("give --format or an -o path whose extension names the format"))
        chosen = format_for_path(output)
    elif name in FORMATS:
        chosen = FORMATS[name]
    else:
        raise UsageError(
            [Problem(_("unknown format {name!r}").format(name=name), field="--format")],
            hint=_("choose md, csv, json, xlsx, html or open-sdg"),
        )
    if (chosen.binary or chosen.directory) and output is None:
        raise UsageError(
            _("the {format} format needs -o PATH").format(format=chosen.name),
            hint=_("e.g. -o report.{format}").format(format=chosen.name),
        )
    if (options.readings or options.excel) and chosen.name != "csv":
        raise UsageError(_("--readings and --excel are for the csv format"))
    return chosen


def export(context: ExportContext, chosen: Format, options: ExportOptions) -> Sequence[ExportFile]:
    """Render the context in the chosen format."""
    return chosen.exporter()(context, options)


__all__ = [
    "FORMATS",
    "FORMAT_LIST",
    "ExportContext",
    "ExportFile",
    "ExportOptions",
    "Exporter",
    "Format",
    "choose_format",
    "export",
    "format_for_path",
]
