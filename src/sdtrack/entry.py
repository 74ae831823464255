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

import gc
import importlib
import os
import sys

from sdtrack import __version__
from sdtrack.commands.base import closed_pipe, guarded, rich_closed_pipe
from sdtrack.commands.registry import COMMANDS, load
from sdtrack.commands.spec import parse_fast
from sdtrack.core.errors import Problem, UsageError
from sdtrack.core.language import LANGUAGE_ENV, LanguageError, language_from, use
from sdtrack.fast.cache import cache_in_use
from sdtrack.fast.help_cache import copying_stdout, is_help_request, save_help, saved_help

COMPLETION_VARIABLE = "_SDTRACK_COMPLETE"
# A command builds up to millions of objects that live until it exits, and none of them in
# cycles that matter: the default threshold (700) makes the collector walk them all again
# and again, a quarter of a cold status on W1. mypy's build sets the same threshold.
COLLECTOR_THRESHOLD = (200_000, 30, 30)


def language_asked(argv: list[str]) -> str | None:
    """The value of the last `--lang` before any `--`, wherever it stands."""
    asked = None
    for position, item in enumerate(argv):
        if item == "--":
            break
        if item == "--lang" and position + 1 < len(argv):
            asked = argv[position + 1]
        elif item.startswith("--lang="):
            asked = item.partition("=")[2]
    return asked


def without_leading_language(argv: list[str]) -> list[str]:
    """The command line without a `--lang X` given before the command name."""
    if argv[:1] == ["--lang"] and len(argv) > 1:
        return argv[2:]
    if argv and argv[0].startswith("--lang="):
        return argv[1:]
    return argv


def choose_language(argv: list[str]) -> None:
    """Speak the language asked for before anything is printed, Typer's help included.

    A `--lang` value that is no language is left to Typer, which says which are."""
    try:
        chosen = language_from(language_asked(argv), os.environ)
    except LanguageError:
        try:
            chosen = language_from(None, os.environ)
        except LanguageError as error:
            raise UsageError([Problem(str(error), field=LANGUAGE_ENV)]) from None
    use(chosen)


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
    """Console-script entry point. A reader that closes the pipe early (`sdtrack --help |
    head -1`) ends it quietly, as `guarded` ends a command's body (`base.closed_pipe`)."""
    gc.set_threshold(*COLLECTOR_THRESHOLD)
    try:
        _main(sys.argv[1:])
        sys.stdout.flush()
    except BrokenPipeError:
        sys.exit(closed_pipe())
    except SystemExit as exited:
        if rich_closed_pipe(exited):  # Typer's help, printed by Rich, met a closed pipe
            sys.exit(closed_pipe())
        raise
    finally:
        # The interpreter's last collection walks every object still alive, a tenth of a
        # second after a large status; frozen, they are only freed, as they would be.
        gc.freeze()


def _main(argv: list[str]) -> None:
    if argv == ["--version"]:
        print(f"sdtrack {__version__}")
        return
    code = guarded(lambda: choose_language(argv))
    if code:
        sys.exit(code)
    if COMPLETION_VARIABLE not in os.environ:
        if is_help_request(argv):
            run_help(argv)
            return
        words = without_leading_language(argv)
        listed = COMMANDS.get(words[0]) if words else None
        if listed is not None and listed.fast:
            command = load(words[0])
            parameters = parse_fast(command.parameters, words[1:])
            if parameters is not None:
                sys.exit(guarded(lambda: command.run(parameters)))
    full_app()
