"""The console-script entry point, and the `status` command, runnable before Typer loads.

Typer builds a Pydantic adapter for every option it converts, which costs more than the
rest of a cached `status` together, and its memory counts against a large workspace's
first run. So a `status` command line whose every argument this module understands runs
from here; anything else (help, completion, an unknown or repeated option, a method
that does not exist, every other command) goes to the Typer app in `cli`, whose `status`
calls the same `run_status`. A test holds the two option lists and outputs the same.
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


def as_of_day(text: str | None) -> dt.date:
    """The day to judge on: `--as-of`, else today."""
    from sdtrack import clock

    if text is None:
        return clock.now().date()
    from sdtrack.errors import Problem, UsageError
    from sdtrack.periods import PeriodError, parse_day

    try:
        return parse_day(text)
    except PeriodError as error:
        raise UsageError([Problem(str(error), field="--as-of")]) from None


def run_status(request: StatusRequest) -> None:
    """Print the status table (or `--json` document), from the cache when it can."""
    from sdtrack import render
    from sdtrack.locations import locate_workspace
    from sdtrack.status_cache import cached_status, status_cache_directory

    location = locate_workspace(request.directory, os.environ.get("SDTRACK_DIR"), Path.cwd())
    with render.progress_on_stderr("Reading the ledger") as progress:
        result = cached_status(
            location,
            as_of_day(request.as_of),
            request.ids,
            request.method,
            status_cache_directory(os.environ),
            progress,
        )
    console = render.make_console()
    if request.json:
        render.print_json(console, result.document)
    else:
        render.print_status(console, result.view, show_all=request.show_all)


def run_status_command(request: StatusRequest) -> int:
    """`run_status` with the command line's handling of errors, Ctrl-C and closed pipes.

    The same as Typer's: an expected error is one clean message and its exit code; Ctrl-C
    exits 130; a reader that closes the pipe early (`| head`) ends the command quietly.
    """
    from sdtrack import render
    from sdtrack.errors import SdtrackError

    try:
        run_status(request)
        sys.stdout.flush()
    except SdtrackError as error:
        render.print_error(render.make_console(stderr=True), error)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def main() -> None:
    """Console-script entry point."""
    request = parse_status_request(sys.argv[1:])
    if request is not None and "_SDTRACK_COMPLETE" not in os.environ:
        sys.exit(run_status_command(request))
    from sdtrack.cli import main as full_main

    full_main()
