"""What a command is, and the one boundary where expected errors are caught.

A command is its parameters dataclass (see `spec`), the help text and `run`, the body
that parses, calls the library and renders. `guarded` runs a body, on either path (the
Typer app or the start-up path): an expected error (`SdtrackError`) is printed once, as
one clean message per problem on stderr, and becomes the exit code (1 for a bad file, 2
for a bad argument); Ctrl-C exits 130; a reader that closes the pipe early (`| head`)
ends the command quietly. Any other exception is a bug and keeps its traceback.
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
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code
