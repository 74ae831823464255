"""What a command is, and the one boundary where expected errors are caught.

A command is its parameters dataclass (see `spec`), the help text and `run`, the body
that parses, calls the library and renders. `guarded` runs a body, on either path (the
Typer app or the start-up path): an expected error (`SdtrackError`) is printed once, as
one clean message per problem on stderr, and becomes the exit code (1 for a bad file, 2
for a bad argument); Ctrl-C exits 130; a reader that closes the pipe early (`| head`)
ends the command quietly, with exit code 141 (`closed_pipe`). Any other exception is a
bug and keeps its traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sdtrack.core.errors import SdtrackError
from sdtrack.present.render import terminal

P = TypeVar("P")


@dataclass(frozen=True)
class Command(Generic[P]):
    name: str
    parameters: type[P]
    run: Callable[[P], int | None]
    """The body: None on success, else the exit code (after printing why)."""
    help: str


def guarded(body: Callable[[], int | None]) -> int:
    """Run a command's body; the exit code, after printing any expected error."""
    try:
        code = body() or 0
        sys.stdout.flush()
    except SdtrackError as error:
        terminal.print_error(terminal.make_console(stderr=True), error)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return closed_pipe()
    except SystemExit as exited:
        if rich_closed_pipe(exited):
            return closed_pipe()
        raise
    return code


# A reader that closed the pipe early (`sdtrack status | head -1`): the exit code a shell
# reports for a program that SIGPIPE ended (128 + 13), as for `cat` or `seq` in the same
# place; never 1, which means a bad file.
EXIT_CLOSED_PIPE = 141


def closed_pipe() -> int:
    """End quietly after stdout's reader went away: point stdout at the null device, so
    that the interpreter's last flush finds nowhere to fail (Python's documented way to
    avoid "Exception ignored ... BrokenPipeError" at exit), and give EXIT_CLOSED_PIPE."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # a stdout without a file (a test's)
        pass
    return EXIT_CLOSED_PIPE


def rich_closed_pipe(exited: SystemExit) -> bool:
    """Whether `exited` is Rich's answer to a closed pipe: `Console.on_broken_pipe` points
    stdout at the null device and exits 1, which here would read as "a bad file"."""
    if exited.code != 1:
        return False
    try:
        stdout, devnull = os.fstat(sys.stdout.fileno()), os.stat(os.devnull)
    except (OSError, ValueError, AttributeError):
        return False
    return (stdout.st_dev, stdout.st_ino) == (devnull.st_dev, devnull.st_ino)
