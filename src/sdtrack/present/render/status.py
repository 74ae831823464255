"""The status table, from its plain `StatusView`: no model or assessment is loaded, so a
cached `status` renders without them."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sdtrack.core.language import _, ngettext
from sdtrack.present.render.terminal import STATUS_STYLES, status_text
from sdtrack.present.status_view import OVERDUE, StatusRow, StatusView, TrendRow

# More targets than this and `status` shows a summary by status and the rows that need
# attention (at most ATTENTION_ROWS of them), unless --all: Rich takes most of a second to
# lay out a thousand rows, and nobody reads them at the prompt.
SUMMARY_THRESHOLD = 60


ATTENTION_ROWS = 25


def progress_bar(progress: float | None, width: int = 8, shown_as: str = "") -> Text:
    """The share of the way over a bar; `shown_as` words it instead when it is a bound
    ("≥ 67 %")."""
    if progress is None:
        return Text("—", style="dim")
    shown = max(0.0, min(progress, 1.0))
    filled = round(shown * width)
    # round(): never "-0 %"
    words = shown_as or _("{percent} %").format(percent=round(progress * 100))
    bar = Text(words + "\n")
    bar.append("█" * filled, style="green" if progress >= 1 else "cyan")
    bar.append("░" * (width - filled), style="dim")
    return bar


def _latest_cell(
    latest: str | None, period: str | None, sources: str = "", base: bool = False
) -> Text:
    if latest is None:
        return Text(_("no reading"), style="dim")
    text = Text(latest)
    when = _("{period} (the base)").format(period=period) if base else str(period)
    text.append(f"\n{when}", style="dim")
    if sources:
        text.append(" · " + sources, style="dim")
    return text


OUTLOOK_STYLES = {"likely_met": "green", "likely_missed": "red"}


def _status_cell(row: StatusRow) -> Text:
    """ "overdue · likely met", and under it the marks: indicative, disputed, stale data."""
    status = status_text(row.status, words=row.status_shown)
    if row.outlook_word:
        status.append(" · ")
        status.append(row.outlook_word, style=OUTLOOK_STYLES.get(row.outlook, ""))
    marks = [
        (row.indicative, "dim"),
        (row.disputed, "bold yellow"),
        (_("stale data") if row.stale else "", "yellow"),
    ]
    for words, style in marks:
        if words:  # one a line: a narrow status column folds none of them
            status.append("\n" + words, style=style)
    return status


# Below this width the status table drops the gap column and stacks the declared target
# under the id, so that ids (which users copy) are never folded.
WIDE_TABLE = 140


def status_table(rows: Sequence[StatusRow], width: int) -> Table:
    wide = width >= WIDE_TABLE
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, pad_edge=False)
    longest_id = max((len(row.target_id) for row in rows), default=6)
    if wide:
        table.add_column(_("Target"), overflow="fold", min_width=longest_id, max_width=36)
    else:
        table.add_column(_("Target · declared · time left · gap"), no_wrap=True)
    if wide:
        table.add_column(_("Declared · time left"), overflow="fold")
    table.add_column(_("Latest"), overflow="fold")
    table.add_column(_("Progress"), no_wrap=True, width=8)
    if wide:
        table.add_column(_("Gap"), overflow="fold")
    table.add_column(_("Status"), overflow="fold")
    for row in rows:
        name = Text(row.target_id, style="bold")
        if row.superseded:
            name.append(" " + _("(superseded)"), style="dim")
        declared = Text(row.declared)
        declared.append(f"\n{row.time_left}", style="dim")
        status = _status_cell(row)
        latest = _latest_cell(
            row.latest, row.latest_period, row.latest_sources, bool(row.progress_note)
        )
        progress = progress_bar(row.progress, shown_as=row.progress_text)
        if wide:
            name.append(f"\n{row.indicator_name}", style="dim")
            gap = Text(row.gap or "—", style="" if row.gap is not None else "dim")
            cells = [name, declared, latest, progress, gap, status]
        else:
            name.append("\n")
            name.append_text(declared)
            if row.gap is not None:
                name.append("\n" + _("gap: {gap}").format(gap=row.gap), style="dim")
            cells = [name, latest, progress, status]
        table.add_row(*cells)
    return table


def trend_table(trends: Sequence[TrendRow]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title_justify="left")
    table.add_column(_("Indicator without a target"), overflow="fold")
    table.add_column(_("Latest"), overflow="fold")
    table.add_column(_("Trend"), overflow="fold")
    for trend in trends:
        name = Text(trend.indicator_id, style="bold")
        names = [n for n in (trend.indicator_name, trend.indicator_name_zh) if n]
        name.append("\n" + "  ".join(names), style="dim")
        trend_cell = status_text(trend.status, trend.band, trend.status_word)
        if trend.stale:
            trend_cell.append("\n" + _("stale data"), style="yellow")
        table.add_row(name, _latest_cell(trend.latest, trend.latest_period), trend_cell)
    return table


def _summary_line(view: StatusView) -> Text:
    count = len(view.rows)
    text = Text(
        ngettext("{count} target as of {day}: ", "{count} targets as of {day}: ", count).format(
            count=f"{count:,}", day=view.as_of_text or view.as_of
        )
    )
    parts = [
        Text(
            _("{count} {status}").format(count=f"{n:,}", status=view.status_shown(status)),
            style=STATUS_STYLES.get(status, ""),
        )
        for status, n in view.summary
    ]
    return text + Text(_(", ")).join(parts) if parts else text + Text(_("none"))


def summary_table(view: StatusView) -> Table:
    """Targets counted by status, with each status's share of the whole."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_("Status"))
    table.add_column(_("Targets"), justify="right")
    table.add_column(_("Share"), justify="right")
    total = len(view.rows)
    for status, n in view.summary:
        share = _("{percent} %").format(percent=f"{n / total * 100:.0f}")
        table.add_row(status_text(status, words=view.status_shown(status)), f"{n:,}", share)
    return table


def print_status(console: Console, view: StatusView, *, show_all: bool = False) -> None:
    console.print(Text(_("Workspace: "), style="bold") + Text(view.workspace))
    console.print(_summary_line(view))
    if view.methods:
        label = ngettext(
            "Method: {methods} (see docs/methodology.md)",
            "Methods: {methods} (see docs/methodology.md)",
            len(view.methods),
        )
        console.print(Text(label.format(methods=", ".join(view.methods)), style="dim"))
    if show_all or len(view.rows) <= SUMMARY_THRESHOLD:
        if view.rows:
            console.print(status_table(view.rows, console.width))
        if view.trends:
            console.print(trend_table(view.trends))
    else:
        _print_large_status(console, view)
    _print_waiting(console, view)
    if view.stale:
        console.print(
            Text(
                _(
                    "{count} latest reading(s) are stale (older than their indicator's "
                    "reporting period allows): a newer figure has probably been published."
                ).format(count=f"{view.stale:,}"),
                style="yellow",
            )
        )


def _print_waiting(console: Console, view: StatusView) -> None:
    """The targets whose deciding figure is not in, counted by outlook, and what to do."""
    if not view.waiting:
        return
    for status, line in view.waiting:
        console.print(Text(line, style=STATUS_STYLES.get(status, "")))
    if any(status == OVERDUE for status, _line in view.waiting):
        hint = _(
            "`sdtrack due` lists the figures awaited; record each with `sdtrack record` once "
            "it is published (an overdue one should be out by now)."
        )
    else:
        hint = _(
            "`sdtrack due` lists the figures awaited; record each with `sdtrack record` once "
            "it is published."
        )
    console.print(Text(hint, style="magenta"))


def _print_large_status(console: Console, view: StatusView) -> None:
    """A summary by status, then the rows a reader has to act on, most urgent first."""
    console.print(summary_table(view))
    attention = view.attention_rows()
    shown = attention[:ATTENTION_ROWS]
    if shown:
        heading = (
            _("Needing attention: {count} target(s), the first {shown} shown")
            if len(shown) < len(attention)
            else _("Needing attention: {count} target(s)")
        )
        console.print(
            Text(heading.format(count=f"{len(attention):,}", shown=len(shown)), style="bold")
        )
        console.print(status_table(shown, console.width))
    else:
        console.print(Text(_("No target needs attention."), style="green"))
    hidden = f"{len(view.rows) - len(shown):,}"
    if view.trends:
        message = _(
            "{hidden} more target row(s) and {trends} indicator(s) without a target not shown: "
            "`sdtrack status --all` prints every row (slower), `sdtrack status ID …` only the "
            "ones named, and `sdtrack export` writes them all to a file."
        ).format(hidden=hidden, trends=f"{len(view.trends):,}")
    else:
        message = _(
            "{hidden} more target row(s) not shown: `sdtrack status --all` prints every row "
            "(slower), `sdtrack status ID …` only the ones named, and `sdtrack export` writes "
            "them all to a file."
        ).format(hidden=hidden)
    console.print(Text(message, style="dim"), soft_wrap=False)
