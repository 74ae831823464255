"""The terminal: consoles made per call, progress on stderr, errors, JSON and plain lines.

Every function takes a Console made per call by `make_console`, never one made at import
time, so that tests (and Typer's CliRunner) see what is printed. Standard library and
Rich only: a cached `status` prints through this module.

Every console it makes is an `InertConsole`: stored text (a source, a note, a name, a
path) reaches the terminal shown, never obeyed (see `sdtrack.core.inert`).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from sdtrack.core.errors import Problem, SdtrackError
from sdtrack.core.inert import HOSTILE, inert
from sdtrack.core.language import _
from sdtrack.present.json_text import json_dumps, write_json

# Width used when output is piped and $COLUMNS is not set: wide enough that a status row
# stays on one line, so that grep and diff see stable rows.
PIPED_WIDTH = 160


STATUS_STYLES: dict[str, str] = {
    "achieved": "bold green",
    "on_track": "green",
    "behind": "yellow",
    "off_track": "bold red",
    "missed": "red",
    "awaiting_data": "magenta",
    "overdue": "bold magenta",
    "not_yet_due": "dim",
    "no_data": "dim",
    "not_assessable": "dim",
}


def inert_segments(segments: Iterable[Segment]) -> Iterator[Segment]:
    """Each text segment with its text (and its link's target) made inert.

    A control segment (Rich's own cursor movement, a progress bar's redraw) is kept as it
    is: Rich wrote it, and its text is the escape sequence it means."""
    for segment in segments:
        text, style, control = segment
        if control:
            yield segment
            continue
        if style is not None and style.link and HOSTILE.search(style.link):
            style = style + Style(link=inert(style.link))
        if HOSTILE.search(text) is None and style is segment.style:
            yield segment
        else:
            yield Segment(inert(text), style, control)


class InertConsole(Console):
    """A Rich console that shows every control character in what it prints, never obeys it.

    Each text segment is made inert (`sdtrack.core.inert.inert`: C0 controls but newline
    and tab as `^[`, DEL as `^?`, C1 controls and bidi controls as `<U+009B>`) just before
    Rich wraps it in its own codes, so that Rich's styles (SGR), the OSC 8 links it makes
    and its control segments (cursor movement) are all that reach the terminal raw.

    It overrides `Console._render_buffer`, the one method through which Rich turns every
    segment it prints into text on a terminal, a pipe or Jupyter (`print`, `log`, `out`,
    a live display). Rich 15 has no public hook at that level: a render hook sees
    renderables, not the text inside a table's cells. A hostile character is replaced
    after Rich laid the line out, so a table row holding one is wider by the characters
    shown; clean text is untouched.
    """

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(inert_segments(buffer))


def make_console(*, stderr: bool = False) -> Console:
    """A console for this call; honours NO_COLOR, is plain and wide when piped, and shows
    control characters in what it prints instead of obeying them (`InertConsole`)."""
    stream = sys.stderr if stderr else sys.stdout
    console = InertConsole(file=stream, stderr=stderr, highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH
    return console


def console_signature(console: Console) -> dict[str, object]:
    """Everything about `console` that the text it prints depends on: the same signature,
    the same characters, so that a rendering may be printed again as it was."""
    return {
        "width": console.width,
        "color_system": console.color_system,
        "no_color": console.no_color,
        "is_terminal": console.is_terminal,
        "encoding": console.encoding,
        "legacy_windows": console.legacy_windows,
    }


def rendered(console: Console, draw: Callable[[Console], None]) -> str:
    """What `draw` prints on `console`, as the text it would write (codes included)."""
    with console.capture() as capture:
        draw(console)
    return capture.get()


def write_rendered(console: Console, text: str) -> None:
    """Write a rendering `rendered` made on a console of the same signature."""
    console.file.write(text)
    console.file.flush()


# A progress bar appears only once work has taken this long and is not done: short work
# stays silent, and long work (a large ledger's first parse, an export) shows it is moving.
PROGRESS_AFTER_SECONDS = 0.5


@contextlib.contextmanager
def progress_on_stderr(description: str) -> Iterator[Callable[[int, int], None]]:
    """A `(done, total)` callback drawing a bar on stderr when it is a terminal, else nothing."""
    console = make_console(stderr=True)
    if not console.is_terminal:
        yield lambda done, total: None
        return
    # Only a terminal draws a bar: piped and cached runs never pay for Rich's widgets.
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TimeRemainingColumn

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    started = time.monotonic()
    task: list[Any] = []

    def update(done: int, total: int) -> None:
        if not task:
            if done >= total or time.monotonic() - started < PROGRESS_AFTER_SECONDS:
                return
            bar.start()
            task.append(bar.add_task(description, total=total))
        bar.update(task[0], completed=done, total=total, refresh=True)

    try:
        yield update
    finally:
        if task:
            bar.stop()


def print_json(console: Console, data: dict[str, Any]) -> None:
    """JSON alone on stdout, never styled or wrapped.

    JSON escapes the C0 controls itself; DEL, the C1 controls and the bidi controls it
    would write raw are written as `\\u` escapes instead: the same document, inert on a
    terminal. Written as it is encoded, a piece at a time: a large document is never
    held whole as text beside the many small strings it is encoded in."""
    write = console.file.write
    write_json(data, lambda piece: write(HOSTILE.sub(_json_escape, piece)))
    write("\n")


def json_text(data: dict[str, Any]) -> str:
    """The text `print_json` writes for `data`, its last newline included."""
    return HOSTILE.sub(_json_escape, json_dumps(data)) + "\n"


def _json_escape(match: Any) -> str:
    return f"\\u{ord(match.group()):04x}"


def print_error(console: Console, error: SdtrackError) -> None:
    for problem in error.problems:
        console.print(Text(_("error: "), style="bold red") + Text(str(problem)), soft_wrap=True)
    if error.hint:
        console.print(Text(_("hint: "), style="cyan") + Text(error.hint), soft_wrap=True)


def print_problems(console: Console, problems: Sequence[Problem]) -> None:
    for problem in problems:
        console.print(Text(str(problem)), soft_wrap=True)


def status_text(status: str | None, band: str = "", words: str = "") -> Text:
    """A status styled by its English code `status`, showing `words` (the status in the
    reader's language) when given; a band alone when there is no status."""
    if status is None:
        return Text(band)
    return Text(words or status, style=STATUS_STYLES.get(status, ""))


def write_bytes(content: bytes) -> None:
    """Raw report bytes on stdout (a text format exported without -o)."""
    sys.stdout.buffer.write(content)
    sys.stdout.flush()


def print_written(console: Console, paths: Sequence[Any]) -> None:
    count = len(paths)
    if count == 1:
        console.print(Text(_("wrote "), style="green") + Text(str(paths[0])))
    else:
        console.print(
            Text(_("wrote {count} files under ").format(count=count), style="green")
            + Text(str(paths[0].parent.parent))
        )


def print_created(console: Console, paths: Sequence[Any]) -> None:
    for path in paths:
        console.print(Text(_("created "), style="green") + Text(str(path)))


def print_reading_counts(console: Console, count: int, current: int) -> None:
    """The first line of a listing of readings (`render.ledger.print_entries`), here where
    it can be printed before the model is imported (a streamed `readings`)."""
    words = _("{count} reading(s), {current} current, {replaced} replaced")
    line = words.format(count=count, current=current, replaced=count - current)
    console.print(line, markup=False, emoji=False, highlight=False)
