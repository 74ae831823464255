"""Exporters: every report format, each a function from one computed context to files.

`FORMATS` maps a format name to its exporter; `format_for_path` infers the format from an
output path's extension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sdtrack.errors import UsageError
from sdtrack.exporters.base import ExportContext, Exporter, ExportFile


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    binary: bool = False
    directory: bool = False


FORMAT_LIST: tuple[Format, ...] = (
    Format("md", (".md", ".markdown")),
    Format("csv", (".csv",)),
    Format("json", (".json",)),
    Format("xlsx", (".xlsx",), binary=True),
    Format("html", (".html", ".htm")),
    Format("open-sdg", (), directory=True),
)
FORMATS = {f.name: f for f in FORMAT_LIST}


def format_for_path(path: Path) -> Format:
    suffix = path.suffix.lower()
    for candidate in FORMAT_LIST:
        if suffix in candidate.suffixes:
            return candidate
    if not suffix:
        raise UsageError(
            f"cannot tell the format of {path}: it has no extension",
            hint="pass --format md|csv|json|xlsx|html|open-sdg",
        )
    raise UsageError(
        f"cannot tell the format of {path} from {suffix!r}",
        hint="use .md, .csv, .json, .xlsx or .html, or pass --format",
    )


def export(
    context: ExportContext, name: str, *, readings: bool = False, excel: bool = False
) -> Sequence[ExportFile]:
    """Render the context in the named format."""
    if name == "md":
        from sdtrack.exporters.markdown import render_markdown

        return render_markdown(context)
    if name == "csv":
        from sdtrack.exporters.csv_file import render_csv

        return render_csv(context, readings=readings, excel=excel)
    if name == "json":
        from sdtrack.exporters.json_file import render_json

        return render_json(context)
    if name == "xlsx":
        from sdtrack.exporters.xlsx import render_xlsx

        return render_xlsx(context)
    if name == "html":
        from sdtrack.exporters.html_report import render_html

        return render_html(context)
    if name == "open-sdg":
        from sdtrack.exporters.open_sdg import render_open_sdg

        return render_open_sdg(context)
    raise UsageError(
        f"unknown format {name!r}", hint="choose md, csv, json, xlsx, html or open-sdg"
    )


__all__ = [
    "FORMATS",
    "ExportContext",
    "ExportFile",
    "Exporter",
    "Format",
    "export",
    "format_for_path",
]
