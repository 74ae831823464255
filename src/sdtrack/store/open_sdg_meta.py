"""Open SDG metadata read for an import: `meta/CODE.yml` (or a `.md` file's YAML front
matter), the indicator it names (`sdtrack_id`), where each value comes from
(`sdtrack_values`, as sdtrack's own export writes it: each entry's year, value, region
and its reading's text) and, for another site's data, its first active source.

PyYAML is imported only when a metadata file is read. Every problem is located: the file,
the line of the entry, and the field (`sdtrack_values[2].year`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sdtrack.core.errors import DataError, Problem
from sdtrack.core.language import _
from sdtrack.store.files import read_limited, refuse_unless_regular
from sdtrack.store.sheets import decode_csv_bytes

PROVENANCE_FIELDS = ("date", "source", "url", "quote", "qualifier", "note", "derived", "id")
MAX_META_BYTES = 16 * 1024 * 1024
META_SUFFIXES = (".yml", ".yaml", ".md")
_SOURCE_FIELD = re.compile(r"source_(?:organisation|url_text|url)_(\d+)")


@dataclass(frozen=True)
class Meta:
    """A metadata file as read: its fields, where it is, and the line of each
    `sdtrack_values` entry."""

    fields: Mapping[Any, Any]
    label: Path
    data: bytes
    entry_lines: Sequence[int | None]


@dataclass(frozen=True)
class Entry:
    """One `sdtrack_values` entry: the year, value and region it describes ("" for the
    workspace's own), and its reading's text."""

    year: str
    value: str
    text: Mapping[str, str]
    region: str = ""


def refuse(
    message: str, label: Path, line: int | None = None, where: str | None = None
) -> DataError:
    return DataError([Problem(message, label, line, field=where)])


def find_meta(code: str, folders: Sequence[tuple[Path, Path]]) -> Meta | None:
    for folder, folder_label in folders:
        for suffix in META_SUFFIXES:
            path = folder / f"{code}{suffix}"
            if path.is_file():
                return read_meta(path, folder_label / path.name)
    return None


def read_meta(path: Path, label: Path) -> Meta:
    """A metadata file's fields: YAML (or, in a `.md` file, its YAML front matter)."""
    import yaml

    try:
        refuse_unless_regular(os.stat(path).st_mode, label)
        data = read_limited(path, label, MAX_META_BYTES)
    except PermissionError:
        raise refuse(
            _("cannot be read (permission denied); check its permissions"), label
        ) from None
    except OSError as error:
        raise refuse(_("cannot be read: {reason}").format(reason=error.strerror), label) from None
    text, offset = decode_csv_bytes(data, label), 0
    if path.suffix.lower() == ".md":
        text, offset = _front_matter(text, label)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        fields = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        line = mark.line + 1 + offset if mark is not None else None
        raise refuse(
            _("is not readable YAML: {reason}").format(reason=reason), label, line
        ) from None
    finally:
        loader.dispose()
    if not isinstance(fields, dict):
        message = _(
            "is not Open SDG metadata: a mapping of fields (indicator_number: …) is expected"
        )
        raise refuse(message, label, 1 + offset)
    lines: list[int] = []
    for key, value in node.value if isinstance(node, yaml.MappingNode) else ():
        if key.value == "sdtrack_values" and isinstance(value, yaml.SequenceNode):
            lines = [item.start_mark.line + 1 + offset for item in value.value]
    return Meta(fields, label, data, lines)


def _front_matter(text: str, label: Path) -> tuple[str, int]:
    """The YAML between a `.md` file's first two `---` lines, and the lines before it."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise refuse(_("has no YAML front matter (a first line ---)"), label, 1)
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "".join(lines[1:index]), 1
    raise refuse(_("its YAML front matter has no closing --- line"), label, 1)


def sdtrack_id(meta: Meta) -> str | None:
    value = meta.fields.get("sdtrack_id")
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise refuse(_("must be an indicator id (text)"), meta.label, where="sdtrack_id")
    return value.strip() if value is not None else None


EntryKey = tuple[str, str, str]
"""An entry's year and value as the data file writes them, and its region ("" for none)."""


def entries(meta: Meta, own: str | None = None) -> dict[EntryKey, Entry]:
    """The `sdtrack_values` entries by (year, value, region); an entry for `own`, the
    workspace's own region, is one without a region."""
    listed = meta.fields.get("sdtrack_values")
    if listed is None:
        return {}
    if not isinstance(listed, list):
        message = _("must be a list of values, one per year")
        raise refuse(message, meta.label, where="sdtrack_values")
    found: dict[EntryKey, Entry] = {}
    for index, item in enumerate(listed):
        line = meta.entry_lines[index] if index < len(meta.entry_lines) else None
        entry = _entry(item, meta.label, line, f"sdtrack_values[{index}]", own)
        found[entry.year, entry.value, entry.region] = entry
    return found


def _entry(item: object, label: Path, line: int | None, where: str, own: str | None) -> Entry:
    if not isinstance(item, dict):
        raise refuse(_("must be a mapping (year, date, value, source, …)"), label, line, where)
    year, value = number_text(item.get("year")), number_text(item.get("value"))
    if year is None:
        message = _("must give the year (a number such as 2024)")
        raise refuse(message, label, line, f"{where}.year")
    if value is None:
        message = _("must give the value as the data file writes it")
        raise refuse(message, label, line, f"{where}.value")
    text: dict[str, str] = {}
    for key in PROVENANCE_FIELDS:
        found = item.get(key)
        if key == "date" and isinstance(found, dt.date | int) and not isinstance(found, bool):
            found = found.isoformat() if isinstance(found, dt.date) else str(found)
        if key == "derived" and isinstance(found, bool):
            found = "true" if found else ""
        if found is not None and not isinstance(found, str):
            raise refuse(_("must be text"), label, line, f"{where}.{key}")
        if found is not None:
            text[key] = found
    region = item.get("region")
    if region is not None and (not isinstance(region, str) or not region.strip()):
        raise refuse(_("must be a region id (text)"), label, line, f"{where}.region")
    region = "" if region is None or region.strip() == own else region.strip()
    return Entry(year, value, text, region)


def number_text(value: object) -> str | None:
    """A year or a value as the data file writes it: text, or a number YAML read as one."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def open_sdg_source(fields: Mapping[Any, Any]) -> tuple[str, str]:
    """The first active source of another site's metadata (source_organisation_N and
    source_url_text_N; source_url_N), as a reading's source and url."""
    found = (_SOURCE_FIELD.fullmatch(key) for key in fields if isinstance(key, str))
    for number in sorted({int(match.group(1)) for match in found if match}):
        if fields.get(f"source_active_{number}") is False:
            continue
        parts = (fields.get(f"source_{part}_{number}") for part in ("organisation", "url_text"))
        names = [text for text in map(number_text, parts) if text]
        source = ", ".join(dict.fromkeys(names))
        url = number_text(fields.get(f"source_url_{number}")) or ""
        if source or url:
            return source, url
    return "", ""
