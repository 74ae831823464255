"""The help cache: Typer's help texts, saved once per terminal, code and environment.

Typer lays help out with Rich's Markdown, which costs more than a cached `status`. A
help text is reused only when everything that changes its layout is the same: the
command line, the terminal's size and streams, the layout variables, the output
encoding, and sdtrack's, Typer's and Rich's code.

Help reaches the terminal inert, whether Typer writes it or the cache replays it: its
SGR styles are kept, any other control character is shown (`core.inert.inert_but_styles`),
so a saved entry that was tampered with cannot drive the terminal.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sdtrack import __version__
from sdtrack.core.inert import inert_but_styles
from sdtrack.core.language import current
from sdtrack.fast.cache import code_stamp, load_entry, store_entry

CACHE_KIND = "help"


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


# The options that ask for help, on the app and on every command (`commands.app`).
HELP_OPTIONS = ("-h", "--help")


def is_help_request(argv: Sequence[str]) -> bool:
    """`--help`, or `COMMAND --help` (or `-h`): the forms whose whole output is a help text."""
    return (len(argv) == 1 and argv[0] in HELP_OPTIONS) or (
        len(argv) == 2 and argv[1] in HELP_OPTIONS and COMMAND_NAME.fullmatch(argv[0]) is not None
    )


def help_key(argv: Sequence[str]) -> dict[str, object]:
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
        "language": current(),
        "sdtrack": __version__,
        "code": code_stamp(),
        "libraries": libraries,
    }


class Tee(io.TextIOBase):
    """A text stream that writes through to another, inert but for its styles, and keeps a
    copy."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str | bytes) -> int:
        if isinstance(text, bytes):  # Click writes bytes where it finds no binary buffer
            text = text.decode(self.encoding, "replace")
        text = inert_but_styles(text)
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


def saved_help(cache: Path, argv: Sequence[str]) -> str | None:
    """The help text saved for this command line and terminal, if any, inert but for its
    styles."""
    saved = load_entry(cache, CACHE_KIND, help_key(argv))
    return inert_but_styles(saved) if isinstance(saved, str) else None


def copying_stdout() -> Tee:
    """Replace stdout with a stream that writes through and keeps a copy (see `save_help`)."""
    tee = Tee(sys.stdout)
    sys.stdout = tee
    return tee


def save_help(cache: Path, argv: Sequence[str], tee: Tee) -> None:
    """Save what was written through `tee` as this command line's help."""
    store_entry(cache, CACHE_KIND, help_key(argv), [], "".join(tee.parts))
