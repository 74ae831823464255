"""The console-script entry point: a cached `sdtrack status` is answered before Typer loads.

Typer builds a Pydantic adapter for every option it converts, which costs more than the
rest of a cached `status` together. So when the command line is a `status` whose every
argument this module understands, and the cache holds the answer for unchanged files, the
answer is printed from here. Anything else (help, completion, an argument this parser
does not know, a value it cannot read, an error, a cache miss) goes to the full command
line in `cli`, which then says exactly what Typer would. Both paths render through the
same functions, and a test holds their output and their option lists the same.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from sdtrack.choices import Method


@dataclass
class StatusRequest:
    """A `status` command line, as the fast path reads it."""

    ids: list[str] = field(default_factory=list)
    directory: Path | None = None
    as_of: str | None = None
    method: Method | None = None
    show_all: bool = False
    json: bool = False


# Every option of `sdtrack status`, as `cli.status` declares it (a test compares the two).
VALUE_OPTIONS = {"--dir": "directory", "-d": "directory", "--as-of": "as_of", "--method": "method"}
FLAG_OPTIONS = {"--all": "show_all", "--json": "json"}


def parse_status_request(argv: Sequence[str]) -> StatusRequest | None:
    """The request, if `argv` is a `status` command this module fully understands."""
    if not argv or argv[0] != "status":
        return None
    request = StatusRequest()
    values: dict[str, str] = {}
    arguments = list(argv[1:])
    only_ids = False
    while arguments:
        argument = arguments.pop(0)
        if argument == "--" and not only_ids:
            only_ids = True
            continue
        if only_ids or not argument.startswith("-"):
            request.ids.append(argument)
            continue
        name, equals, inline = (
            argument.partition("=")
            if argument.startswith("--")
            else (
                argument,
                "",
                "",
            )
        )
        if name in FLAG_OPTIONS and not equals:
            setattr(request, FLAG_OPTIONS[name], True)
        elif name in VALUE_OPTIONS:
            if equals:
                value = inline
            elif arguments:
                value = arguments.pop(0)
            else:
                return None
            if VALUE_OPTIONS[name] in values:
                return None  # repeated: let the full parser decide what that means
            values[VALUE_OPTIONS[name]] = value
        else:
            return None
    if "directory" in values:
        request.directory = Path(values["directory"])
    request.as_of = values.get("as_of")
    if "method" in values:
        method = values["method"]
        if method not in get_args(Method):
            return None
        request.method = method  # type: ignore[assignment]  # checked against Method above
    return request


def cached_answer(request: StatusRequest) -> bool:
    """Print the cached answer to `request` and return True; False when there is none."""
    from sdtrack import clock, render
    from sdtrack.cache import load_entry
    from sdtrack.errors import SdtrackError
    from sdtrack.locations import locate_workspace
    from sdtrack.periods import PeriodError, parse_day
    from sdtrack.status_cache import CACHE_KIND, status_cache_directory, status_key
    from sdtrack.status_view import StatusView

    cache = status_cache_directory(os.environ)
    if cache is None:
        return False
    try:
        location = locate_workspace(request.directory, os.environ.get("SDTRACK_DIR"), Path.cwd())
        as_of: dt.date = (
            parse_day(request.as_of) if request.as_of is not None else clock.now().date()
        )
    except (SdtrackError, PeriodError):
        return False
    saved = load_entry(cache, CACHE_KIND, status_key(location, as_of, request.ids, request.method))
    if not isinstance(saved, dict) or not isinstance(saved.get("json"), dict):
        return False
    console = render.make_console()
    if request.json:
        render.print_json(console, saved["json"])
        return True
    try:
        view = StatusView.from_data(saved["view"])
    except (KeyError, TypeError, ValueError):
        return False
    render.print_status(console, view, show_all=request.show_all)
    return True


def main() -> None:
    """Console-script entry point."""
    request = parse_status_request(sys.argv[1:])
    completing = "_SDTRACK_COMPLETE" in os.environ
    if request is not None and not completing and cached_answer(request):
        return
    from sdtrack.cli import main as full_main

    full_main()
