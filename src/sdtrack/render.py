"""All terminal output: the only module that uses Rich.

Functions take a Console made per call by `make_console`, never one made at import time,
so that tests (and Typer's CliRunner) see what is printed. The model, assessment and
report modules are imported inside the functions that use them: a cached `status`
renders its plain `StatusView` without loading them.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sdtrack.errors import Problem, SdtrackError
from sdtrack.status_view import StatusRow, StatusView, TrendRow

if TYPE_CHECKING:
    from sdtrack.assessment import Assessment, TrendAssessment
    from sdtrack.ledger import Entry
    from sdtrack.model import Indicator, Reading, Retraction, Target
    from sdtrack.report import StatusReport
    from sdtrack.terminal_chart import ChartGrid

# Width used when output is piped and $COLUMNS is not set: wide enough that a status row
# stays on one line, so that grep and diff see stable rows.
PIPED_WIDTH = 160

STATUS_STYLES: dict[str, str] = {
    "achieved": "bold green",
    "on track": "green",
    "behind": "yellow",
    "off track": "bold red",
    "missed": "red",
    "deadline passed — awaiting data": "magenta",
    "no data": "dim",
    "not assessable": "dim",
}
# More targets than this and `status` shows a summary by status and the rows that need
# attention (at most ATTENTION_ROWS of them), unless --all: Rich takes most of a second to
# lay out a thousand rows, and nobody reads them at the prompt.
SUMMARY_THRESHOLD = 60
ATTENTION_ROWS = 25

SPARK_CHARS = "▁▂▃▄▅▆▇█"


def make_console(*, stderr: bool = False) -> Console:
    """A console for this call; honours NO_COLOR, and is plain and wide when piped."""
    stream = sys.stderr if stderr else sys.stdout
    console = Console(file=stream, stderr=stderr, highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPED_WIDTH
    return console


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
    """JSON alone on stdout, never styled or wrapped."""
    console.file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_error(console: Console, error: SdtrackError) -> None:
    for problem in error.problems:
        console.print(Text("error: ", style="bold red") + Text(str(problem)), soft_wrap=True)
    if error.hint:
        console.print(Text("hint: ", style="cyan") + Text(error.hint), soft_wrap=True)


def print_problems(console: Console, problems: Sequence[Problem]) -> None:
    for problem in problems:
        console.print(Text(str(problem)), soft_wrap=True)


def status_text(status: str | None, band: str = "") -> Text:
    if status is None:
        return Text(band)
    return Text(status, style=STATUS_STYLES.get(status, ""))


def progress_bar(progress: float | None, width: int = 8) -> Text:
    if progress is None:
        return Text("—", style="dim")
    shown = max(0.0, min(progress, 1.0))
    filled = round(shown * width)
    bar = Text(f"{round(progress * 100)} %\n")  # round(): never "-0 %"
    bar.append("█" * filled, style="green" if progress >= 1 else "cyan")
    bar.append("░" * (width - filled), style="dim")
    return bar


def sparkline(values: Sequence[Decimal]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARK_CHARS[len(SPARK_CHARS) // 2] * len(values)
    scale = (len(SPARK_CHARS) - 1) / (high - low)
    return "".join(SPARK_CHARS[int((v - low) * scale)] for v in values)


def _latest_cell(latest: str | None, period: str | None) -> Text:
    if latest is None:
        return Text("no reading", style="dim")
    text = Text(latest)
    text.append(f"\n{period}", style="dim")
    return text


# Below this width the status table drops the gap column and stacks the declared target
# under the id, so that ids (which users copy) are never folded.
WIDE_TABLE = 140


def status_table(rows: Sequence[StatusRow], width: int) -> Table:
    wide = width >= WIDE_TABLE
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False)
    longest_id = max((len(row.target_id) for row in rows), default=6)
    if wide:
        table.add_column("Target", overflow="fold", min_width=longest_id, max_width=36)
    else:
        table.add_column("Target · declared · time left · gap", no_wrap=True)
    if wide:
        table.add_column("Declared · time left", overflow="fold")
    table.add_column("Latest", overflow="fold")
    table.add_column("Progress", no_wrap=True, width=8)
    if wide:
        table.add_column("Gap", overflow="fold")
    table.add_column("Status", overflow="fold")
    for row in rows:
        name = Text(row.target_id, style="bold")
        if row.superseded:
            name.append(" (superseded)", style="dim")
        declared = Text(row.declared)
        declared.append(f"\n{row.time_left}", style="dim")
        status = status_text(row.status)
        if row.stale:
            status.append("\nstale data", style="yellow")
        latest = _latest_cell(row.latest, row.latest_period)
        if wide:
            name.append(f"\n{row.indicator_name}", style="dim")
            gap = Text(row.gap or "—", style="" if row.gap is not None else "dim")
            cells = [name, declared, latest, progress_bar(row.progress), gap, status]
        else:
            name.append("\n")
            name.append_text(declared)
            if row.gap is not None:
                name.append(f"\ngap: {row.gap}", style="dim")
            cells = [name, latest, progress_bar(row.progress), status]
        table.add_row(*cells)
    return table


def trend_table(trends: Sequence[TrendRow]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    table.add_column("Indicator without a target", overflow="fold")
    table.add_column("Latest", overflow="fold")
    table.add_column("Trend", overflow="fold")
    for trend in trends:
        name = Text(trend.indicator_id, style="bold")
        name.append(f"\n{trend.indicator_name}  {trend.indicator_name_zh}", style="dim")
        trend_cell = status_text(trend.status, trend.band)
        if trend.stale:
            trend_cell.append("\nstale data", style="yellow")
        table.add_row(name, _latest_cell(trend.latest, trend.latest_period), trend_cell)
    return table


def _summary_line(view: StatusView) -> Text:
    count = len(view.rows)
    text = Text(f"{count:,} target{'s' if count != 1 else ''} as of {view.as_of}: ")
    parts = [
        Text(f"{n:,} {status}", style=STATUS_STYLES.get(status, "")) for status, n in view.summary
    ]
    return text + Text(", ").join(parts) if parts else text + Text("none")


def summary_table(view: StatusView) -> Table:
    """Targets counted by status, with each status's share of the whole."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Status")
    table.add_column("Targets", justify="right")
    table.add_column("Share", justify="right")
    total = len(view.rows)
    for status, n in view.summary:
        table.add_row(status_text(status), f"{n:,}", f"{n / total * 100:.0f} %")
    return table


def print_status(console: Console, view: StatusView, *, show_all: bool = False) -> None:
    console.print(Text("Workspace: ", style="bold") + Text(view.workspace))
    console.print(_summary_line(view))
    if view.methods:
        label = "Method" if len(view.methods) == 1 else "Methods"
        console.print(
            Text(f"{label}: {', '.join(view.methods)} (see docs/methodology.md)", style="dim")
        )
    if show_all or len(view.rows) <= SUMMARY_THRESHOLD:
        if view.rows:
            console.print(status_table(view.rows, console.width))
        if view.trends:
            console.print(trend_table(view.trends))
    else:
        _print_large_status(console, view)
    if view.awaiting:
        console.print(
            Text(
                f"{view.awaiting:,} deadline(s) have passed with no reading at or after them: "
                "record the published figure with `sdtrack record` to settle them.",
                style="magenta",
            )
        )
    if view.stale:
        console.print(
            Text(
                f"{view.stale:,} latest reading(s) are stale (older than their indicator's "
                "reporting period allows): a newer figure has probably been published.",
                style="yellow",
            )
        )


def _print_large_status(console: Console, view: StatusView) -> None:
    """A summary by status, then the rows a reader has to act on, most urgent first."""
    console.print(summary_table(view))
    attention = view.attention_rows()
    shown = attention[:ATTENTION_ROWS]
    if shown:
        console.print(
            Text(
                f"Needing attention: {len(attention):,} target(s)"
                + (f", the first {len(shown)} shown" if len(shown) < len(attention) else ""),
                style="bold",
            )
        )
        console.print(status_table(shown, console.width))
    else:
        console.print(Text("No target needs attention.", style="green"))
    hidden = len(view.rows) - len(shown)
    trends = f" and {len(view.trends):,} indicator(s) without a target" if view.trends else ""
    console.print(
        Text(
            f"{hidden:,} more target row(s){trends} not shown: `sdtrack status --all` prints "
            "every row (slower), `sdtrack status ID …` only the ones named, and "
            "`sdtrack export` writes them all to a file.",
            style="dim",
        ),
        soft_wrap=False,
    )


def _source_block(target: Target) -> Text:
    source = target.source
    text = Text(f"“{source.quote}”\n", style="italic")
    text.append(f"— {source.citation()}", style="dim")
    if source.url:
        text.append(f"\n  {source.url}", style="dim underline")
    return text


def _readings_table(readings: Sequence[Reading], indicator: Indicator) -> Table:
    from sdtrack.report import quantity

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Value", overflow="fold")
    table.add_column("Source", overflow="fold")
    table.add_column("Id", style="dim", overflow="fold")
    for reading in readings:
        value = quantity(reading.value, indicator)
        if reading.qualifier:
            value = f"{reading.qualifier} {value}"
        if reading.derived:
            value += " (derived)"
        source = Text(reading.source)
        if reading.url:
            source.append(f"\n{reading.url}", style="dim underline")
        if reading.note:
            source.append(f"\nnote: {reading.note}", style="dim")
        table.add_row(str(reading.date), value, source, reading.key)
    return table


def _assessment_lines(a: Assessment) -> Text:
    from sdtrack.report import gap_phrase, point_phrase, time_left_phrase

    text = Text("Standing: ", style="bold") + status_text(a.status)
    detail = a.band if a.band != a.status.value else ""
    text.append(f" ({detail + '; ' if detail else ''}method {a.method})", style="dim")
    if a.latest is not None:
        text.append(f"\nLatest: {point_phrase(a.latest, a.indicator)} ({a.latest.period})")
    if a.progress is not None:
        text.append(f"\nProgress: {a.progress * 100:.0f} % of the way from the base value")
    gap = gap_phrase(a)
    if gap is not None:
        text.append(f"\nStill to go: {gap}")
    text.append(f"\nTime: {time_left_phrase(a.as_of, a.deadline)}")
    if a.ratio is not None and a.cagr_observed is not None and a.cagr_required is not None:
        text.append(
            f"\nGrowth: observed {a.cagr_observed * 100:.2f} % a year, required "
            f"{a.cagr_required * 100:.2f} % a year (ratio {a.ratio:.3f})"
        )
    for period in a.periods:
        verdict = "no figure" if period.met is None else ("met" if period.met else "missed")
        value = "" if period.value is None else f" ({period.value:.1f})"
        text.append(f"\n  {period.year}: {verdict}{value}")
    for warning in a.warnings:
        text.append(f"\nwarning: {warning}", style="yellow")
    return text


def print_indicator(
    console: Console,
    indicator: Indicator,
    readings: Sequence[Reading],
    assessments: Sequence[Assessment],
    trend: TrendAssessment | None,
    changes: Mapping[str, str | None] | None = None,
    current: frozenset[str] = frozenset(),
) -> None:
    from sdtrack.report import quantity, target_phrase

    header = Text(indicator.name, style="bold")
    header.append(f"  {indicator.name_zh}")
    header.append(f"\nid {indicator.id} · {indicator.kind} · unit: {indicator.unit}", style="dim")
    if indicator.description:
        header.append(f"\n{indicator.description}")
    console.print(Panel(header, expand=False))
    several = len(assessments) > 1
    for a in assessments:
        title = Text(f"Target {a.target.id}: ", style="bold")
        title.append(target_phrase(a.target, indicator))
        if several:
            title.append(
                " (current)" if a.target.id in current else " (superseded)",
                style="green" if a.target.id in current else "dim",
            )
        parts: list[Text] = [title]
        change = (changes or {}).get(a.target.id)
        if change:
            parts.append(Text(f"Revision: {change}", style="cyan"))
        if a.target.baseline is not None:
            base = a.target.baseline
            line = f"Baseline: {quantity(base.value, indicator)} ({base.date})"
            if base.derived:
                line += " — derived"
            if base.note:
                line += f"\n  {base.note}"
            parts.append(Text(line))
        if a.target.note:
            parts.append(Text(f"Note: {a.target.note}", style="dim"))
        parts.append(_source_block(a.target))
        parts.append(_assessment_lines(a))
        console.print(Panel(Group(*parts), expand=False, box=box.ROUNDED))
    if trend is not None:
        console.print(Text("Trend: ", style="bold") + status_text(trend.status, trend.band))
    values = [r.value for r in readings]
    console.print(Text(f"Readings ({len(readings)})  ", style="bold") + Text(sparkline(values)))
    if readings:
        console.print(_readings_table(readings, indicator))
    else:
        console.print(Text("no readings yet: add one with `sdtrack record`", style="dim"))


CHART_STYLES = {"●": "bold cyan", "★": "bold red", "·": "dim", "-": "cyan"}


def print_chart(console: Console, grid: ChartGrid | None) -> None:
    """The indicator's chart as coloured characters, with axes and a legend."""
    if grid is None:
        console.print(Text("nothing to chart yet: no readings and no level target", style="dim"))
        return
    label_width = max(len(label) for label in grid.y_labels)
    for label, row in zip(grid.y_labels, grid.rows, strict=True):
        line = Text(f"{label:>{label_width}} │", style="dim")
        for char, symbol in row:
            line.append(char, style=CHART_STYLES.get(symbol, ""))
        console.print(line, soft_wrap=True)
    width = len(grid.rows[0])
    console.print(Text(" " * label_width + " └" + "─" * width, style="dim"), soft_wrap=True)
    gap = max(width - len(grid.x_start) - len(grid.x_end), 1)
    console.print(
        Text(" " * (label_width + 2) + grid.x_start + " " * gap + grid.x_end, style="dim"),
        soft_wrap=True,
    )
    legend = Text(" " * (label_width + 2))
    for char, symbol, words in grid.legend:
        legend.append(char, style=CHART_STYLES.get(symbol, ""))
        legend.append(f" {words}   ", style="dim")
    console.print(legend, soft_wrap=True)


def print_gap_report(console: Console, report: StatusReport) -> None:
    """One heading and paragraph per target, plain enough to paste into a briefing."""
    from sdtrack.briefing import gap_paragraph

    console.print(
        Text(f"Gap report as of {report.as_of.isoformat()}", style="bold")
        + Text(f" · {report.workspace}", style="dim")
    )
    for a in report.assessments:
        heading = Text(f"\n{a.target.id}", style="bold")
        heading.append("  ")
        heading.append_text(status_text(a.status))
        if not report.is_current(a):
            heading.append("  (superseded)", style="dim")
        console.print(heading)
        console.print(Text(gap_paragraph(a)), soft_wrap=True)


def print_targets(console: Console, indicators: Sequence[Indicator]) -> None:
    from sdtrack.report import target_phrase

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", overflow="fold")
    table.add_column("Indicator / target", overflow="fold")
    table.add_column("Unit · kind", overflow="fold")
    table.add_column("Source", overflow="fold")
    for indicator in indicators:
        name = Text(indicator.name, style="bold")
        name.append(f"  {indicator.name_zh}")
        table.add_row(indicator.id, name, f"{indicator.unit} · {indicator.kind}", "")
        for target in indicator.targets:
            table.add_row(
                Text(f"  {target.id}", style="cyan"),
                Text(f"  {target_phrase(target, indicator, symbols=True)}"),
                target.kind,
                Text(target.source.citation(), style="dim"),
            )
    console.print(table)


def print_recorded(console: Console, reading: Reading, indicator: Indicator) -> None:
    from sdtrack.report import quantity

    value = quantity(reading.value, indicator)
    console.print(
        Text("Recorded ", style="green")
        + Text(f"{reading.key}: {indicator.id} = {value} for {reading.date}")
    )
    console.print(Text(f"  source: {reading.source}", style="dim"))


def print_standing(console: Console, assessments: Sequence[Assessment]) -> None:
    for a in assessments:
        line = Text(f"  {a.target.id}: ") + status_text(a.status)
        if a.band != a.status.value:
            line.append(f" ({a.band})", style="dim")
        console.print(line, soft_wrap=True)


def write_bytes(content: bytes) -> None:
    """Raw report bytes on stdout (a text format exported without -o)."""
    sys.stdout.buffer.write(content)
    sys.stdout.flush()


def print_written(console: Console, paths: Sequence[Any]) -> None:
    count = len(paths)
    if count == 1:
        console.print(Text("wrote ", style="green") + Text(str(paths[0])))
    else:
        console.print(
            Text(f"wrote {count} files under ", style="green") + Text(str(paths[0].parent.parent))
        )


def print_created(console: Console, paths: Sequence[Any]) -> None:
    for path in paths:
        console.print(Text("created ", style="green") + Text(str(path)))


# ---------------------------------------------------------------------------------------
# The ledger's history: readings, corrections, retractions


def _entry_state(entry: Entry) -> Text:
    style = "green" if entry.is_current else "yellow"
    text = Text(entry.state, style=style)
    if entry.reading.corrects is not None:
        text.append(f"\ncorrects {entry.reading.corrects}", style="dim")
    return text


def entries_table(entries: Sequence[Entry], indicators: dict[str, Indicator]) -> Table:
    from sdtrack.report import quantity

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Indicator", overflow="fold")
    table.add_column("Date", no_wrap=True)
    table.add_column("Value", overflow="fold")
    table.add_column("Source", overflow="fold")
    table.add_column("State", overflow="fold")
    for entry in entries:
        reading = entry.reading
        indicator = indicators[reading.indicator]
        value = quantity(reading.value, indicator)
        if reading.qualifier:
            value = f"{reading.qualifier} {value}"
        style = "" if entry.is_current else "dim"
        source = Text(reading.source, style=style)
        if reading.note:
            source.append(f"\nnote: {reading.note}", style="dim")
        table.add_row(
            Text(entry.id, style="bold" if entry.is_current else "dim"),
            reading.indicator,
            str(reading.date),
            Text(value, style=style),
            source,
            _entry_state(entry),
        )
    return table


def print_entries(
    console: Console, entries: Sequence[Entry], indicators: dict[str, Indicator]
) -> None:
    if not entries:
        console.print(Text("no readings yet: add one with `sdtrack record`", style="dim"))
        return
    current = sum(e.is_current for e in entries)
    console.print(
        Text(f"{len(entries)} reading(s), {current} current, {len(entries) - current} replaced")
    )
    console.print(entries_table(entries, indicators))


def print_history(console: Console, entries: Sequence[Entry], indicator: Indicator) -> None:
    """In `show`: the readings a correction superseded or a retraction withdrew."""
    if not entries:
        return
    console.print(
        Text(f"Replaced readings ({len(entries)}), kept in the ledger's history", style="bold")
    )
    console.print(entries_table(entries, {indicator.id: indicator}))


def print_already_recorded(console: Console, reading: Reading, indicator: Indicator) -> None:
    from sdtrack.report import quantity

    value = quantity(reading.value, indicator)
    console.print(
        Text("Already recorded ", style="yellow")
        + Text(
            f"under key {reading.request_key!r} as {reading.key}: {indicator.id} = {value} "
            f"for {reading.date}; nothing written"
        ),
        soft_wrap=True,
    )


def print_corrected(
    console: Console, old: Reading, correction: Reading, indicator: Indicator
) -> None:
    from sdtrack.report import quantity

    console.print(
        Text("Recorded ", style="green")
        + Text(
            f"{correction.key}, correcting {old.key}: {indicator.id} for {correction.date} = "
            f"{quantity(correction.value, indicator)} (was {quantity(old.value, indicator)})"
        ),
        soft_wrap=True,
    )
    console.print(Text(f"  source: {correction.source}", style="dim"), soft_wrap=True)


def print_retracted(console: Console, old: Reading, retraction: Retraction) -> None:
    console.print(
        Text("Retracted ", style="yellow") + Text(f"{old.key}: {retraction.reason}"),
        soft_wrap=True,
    )
