"""The console-script entry point: argv → the start-up path, or the Typer app.

Typer builds a Pydantic adapter for every option it converts and lays help out with
Rich's Markdown: either costs more than the rest of a cached `status` together. So:
`--version` is answered here; `--help` and `COMMAND --help` are printed from the help
cache when Typer rendered them before for the same terminal and code; a command that the
registry marks `fast`, on a command line that `spec.parse_fast` reads exactly as Typer
would, runs its body here (through the same `guarded` boundary). Anything else (an
unknown or repeated option, a choice that does not exist, completion, every other
command) goes to the Typer app. Nothing imports this module.
"""

from __future__ import annotations

import importlib
import os
import sys

from sdtrack import __version__
from sdtrack.commands.base import guarded
from sdtrack.commands.registry import COMMANDS, load
from sdtrack.commands.spec import parse_fast
from sdtrack.fast.cache import cache_in_use
from sdtrack.fast.help_cache import copying_stdout, is_help_request, save_help, saved_help

COMPLETION_VARIABLE = "_SDTRACK_COMPLETE"


def full_app() -> None:
    """The Typer app on the process's command line (imported only when it is needed)."""
    importlib.import_module("sdtrack.commands.app").main()


def run_help(argv: list[str]) -> None:
    """Print Typer's help for `argv`, from the cache when it was rendered alike before."""
    cache = cache_in_use(os.environ)
    text = saved_help(cache, argv) if cache is not None else None
    if text is not None:
        sys.stdout.write(text)
        return
    tee = copying_stdout()
    try:
        full_app()
    except SystemExit as exited:
        if exited.code not in (0, None):
            raise
    finally:
        sys.stdout = tee.stream
    if cache is not None:
        save_help(cache, argv, tee)


def main() -> None:
    """Console-script entry point."""
    argv = sys.argv[1:]
    if argv == ["--version"]:
        print(f"sdtrack {__version__}")
        return
    if COMPLETION_VARIABLE not in os.environ:
        if is_help_request(argv):
            run_help(argv)
            return
        listed = COMMANDS.get(argv[0]) if argv else None
        if listed is not None and listed.fast:
            command = load(argv[0])
            parameters = parse_fast(command.parameters, argv[1:])
            if parameters is not None:
                sys.exit(guarded(lambda: command.run(parameters)))
    full_app()
