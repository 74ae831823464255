"""The console-script entry point: `status`, `--version` and help without loading Typer.

Typer builds a Pydantic adapter for every option it converts and lays help out with
Rich's Markdown: either costs more than the rest of a cached `status` together. So a
`status` command line whose every argument this module understands runs from here;
`--version` is answered here; `--help` and `COMMAND --help` are printed from the cache
when Typer rendered them before for the same terminal and code. Anything else (an unknown
or repeated option, a method that does not exist, completion, every other command) goes
to the Typer app in `cli`, whose `status` calls the same `run_status`. Tests hold the
option lists and the outputs of both paths the same.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, get_args

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
    from sdtrack.cache import cache_in_use
    from sdtrack.locations import locate_workspace
    from sdtrack.status_cache import cached_status

    location = locate_workspace(request.directory, os.environ.get("SDTRACK_DIR"), Path.cwd())
    with render.progress_on_stderr("Reading the ledger") as progress:
        result = cached_status(
            location,
            as_of_day(request.as_of),
            request.ids,
            request.method,
            cache_in_use(os.environ),
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


# What changes how Typer and Rich lay out help, besides the terminal's size and whether
# the streams are terminals: a cached help text is reused only when all of it is the same.
HELP_ENVIRONMENT = (
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "PY_COLORS",
    "GITHUB_ACTIONS",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "TERMINAL_WIDTH",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "TYPER_USE_RICH",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
)
COMMAND_NAME = re.compile(r"[a-z]+")


def is_help_request(argv: Sequence[str]) -> bool:
    """`--help`, or `COMMAND --help`: the forms whose whole output is a help text."""
    return argv == ["--help"] or (
        len(argv) == 2 and argv[1] == "--help" and COMMAND_NAME.fullmatch(argv[0]) is not None
    )


def help_key(argv: Sequence[str]) -> dict[str, object]:
    from sdtrack import __version__
    from sdtrack.cache import code_stamp

    size: tuple[int, int] | None = None
    for descriptor in (0, 1, 2):  # Rich asks stdin, stdout, then stderr for the size
        try:
            size = tuple(os.get_terminal_size(descriptor))  # type: ignore[assignment]
            break
        except OSError:
            continue
    libraries = []
    for name in ("typer", "rich"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        stat = os.stat(origin) if origin else None
        libraries.append([name, origin, stat.st_mtime_ns if stat else None])
    return {
        "argv": list(argv),
        "environment": {name: os.environ.get(name) for name in HELP_ENVIRONMENT},
        "terminals": [stream.isatty() for stream in (sys.stdout, sys.stderr)],
        "encoding": [sys.stdout.encoding, sys.stdout.errors],  # Rich draws ASCII where needed
        "size": size,
        "sdtrack": __version__,
        "code": code_stamp(),
        "libraries": libraries,
    }


class _Tee(io.TextIOBase):
    """A text stream that writes through to another and keeps a copy."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str | bytes) -> int:
        if isinstance(text, bytes):  # Click writes bytes where it finds no binary buffer
            text = text.decode(self.encoding, "replace")
        self.parts.append(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


def run_help(argv: Sequence[str]) -> None:
    """Print Typer's help for `argv`, from the cache when it was rendered alike before."""
    from sdtrack.cache import cache_in_use, load_entry, store_entry

    cache = cache_in_use(os.environ)
    key = help_key(argv)
    saved = load_entry(cache, "help", key) if cache is not None else None
    if isinstance(saved, str):
        sys.stdout.write(saved)
        return
    from sdtrack.cli import main as full_main

    tee = _Tee(sys.stdout)
    sys.stdout = tee
    try:
        full_main()
    except SystemExit as exited:
        if exited.code not in (0, None):
            raise
    finally:
        sys.stdout = tee.stream
    if cache is not None:
        store_entry(cache, "help", key, [], "".join(tee.parts))


def main() -> None:
    """Console-script entry point."""
    argv = sys.argv[1:]
    if argv == ["--version"]:
        from sdtrack import __version__

        print(f"sdtrack {__version__}")
        return
    completing = "_SDTRACK_COMPLETE" in os.environ
    if is_help_request(argv) and not completing:
        run_help(argv)
        return
    request = parse_status_request(argv)
    if request is not None and not completing:
        sys.exit(run_status_command(request))
    from sdtrack.cli import main as full_main

    full_main()
