"""The status table, from its plain `StatusView`: no model or assessment is loaded, so a
cached `status` renders without them."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from sdtrack.core.language import _, ngettext
from sdtrack.present.render.fit import (
    Column,
    blocks,
    cut,
    field,
    fitted_table,
    joined,
    wrap,
)
from sdtrack.present.render.terminal import STATUS_STYLES, status_text
from sdtrack.present.status_view import OVERDUE, StatusRow, StatusView, TrendRow

# More targets than this and `status` shows a summary by status and the rows that need
# attention (at most ATTENTION_ROWS of them), unless --all: Rich takes most of a second to
# lay out a thousand rows, and nobody reads them at the prompt.
SUMMARY_THRESHOLD = 60


ATTENTION_ROWS = 25


def progress_bar(
    progress: float | None, width: int = 8, shown_as: str = "", separator: str = "\n"
) -> Text:
    """The share of the way over a bar (beside it with `separator` " "); `shown_as`
    words it instead when it is a bound ("≥ 67 %")."""
    if progress is None:
        return Text("—", style="dim")
    shown = max(0.0, min(progress, 1.0))
    filled = round(shown * width)
    # round(): never "-0 %"
    words = shown_as or _("{percent} %").format(percent=round(progress * 100))
    bar = Text(words + separator)
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


def _status_parts(row: StatusRow) -> list[Text]:
    """ "overdue · likely met" and the marks: indicative, disputed, stale data."""
    status = status_text(row.status, words=row.status_shown)
    if row.outlook_word:
        status.append(" · ")
        status.append(row.outlook_word, style=OUTLOOK_STYLES.get(row.outlook, ""))
    marks = [
        (row.indicative, "dim"),
        (row.disputed, "bold yellow"),
        (_("stale data") if row.stale else "", "yellow"),
    ]
    return [status] + [Text(words, style=style) for words, style in marks if words]


def _status_cell(row: StatusRow) -> Text:
    """The status and outlook, and under them the marks, one a line."""
    return Text("\n").join(_status_parts(row))


def _kept(rows: Sequence[StatusRow]) -> list[str]:
    """The phrases never broken across lines: every status, outlook and mark shown."""
    words = {_("stale data")}
    for row in rows:
        words.update((row.status_shown, row.outlook_word, row.indicative, row.disputed))
    return sorted(word for word in words if word)


# From this width the status table has a column for each part of a row; below it the
# table drops the gap column and stacks the declared target under the id; below
# BLOCKS_BELOW (or when a table's longest words cannot sit side by side) each target is
# a block of lines. No layout ever splits a word, a number or an id (which users copy).
WIDE_TABLE = 140
BLOCKS_BELOW = 100


def status_table(rows: Sequence[StatusRow], width: int) -> RenderableType:
    """The rows in the widest layout that holds their longest words at `width`."""
    keep = _kept(rows)
    if width >= WIDE_TABLE:
        table = _table(rows, width, keep, wide=True)
        if table is not None:
            return table
    if width >= BLOCKS_BELOW:
        table = _table(rows, width, keep, wide=False)
        if table is not None:
            return table
    return status_blocks(rows, width)


def _table(rows: Sequence[StatusRow], width: int, keep: list[str], *, wide: bool) -> Table | None:
    if wide:
        columns = [
            Column(_("Target"), max_width=36),
            Column(_("Declared · time left")),
            Column(_("Latest")),
            Column(_("Progress")),
            Column(_("Gap")),
            Column(_("Status")),
        ]
    else:
        columns = [
            Column(_("Target · declared · time left · gap")),
            Column(_("Latest")),
            Column(_("Progress")),
            Column(_("Status")),
        ]
    cells = [_row_cells(row, wide=wide) for row in rows]
    return fitted_table(columns, cells, width, show_lines=True, keep=keep)


def _name(row: StatusRow) -> Text:
    name = Text(row.target_id, style="bold")
    if row.superseded and not row.superseded_by:
        name.append(" " + _("(superseded)"), style="dim")
    return name


def _marks(row: StatusRow) -> list[Text]:
    """Where the target stands among plans and regions, dim: what superseded it, its
    region when not the workspace's own, its plan."""
    marks = [row.superseded_by]
    if row.region:
        marks.append(_("region: {region}").format(region=row.region))
    if row.plan:
        marks.append(_("plan: {plan}").format(plan=row.plan))
    return [Text(mark, style="dim") for mark in marks if mark]


def _with_marks(name: Text, row: StatusRow) -> Text:
    for mark in _marks(row):
        name.append("\n")
        name.append_text(mark)
    return name


def _row_latest(row: StatusRow) -> Text:
    return _latest_cell(row.latest, row.latest_period, row.latest_sources, bool(row.progress_note))


def _row_cells(row: StatusRow, *, wide: bool) -> list[Text]:
    name = _name(row)
    declared = Text(row.declared)
    declared.append(f"\n{row.time_left}", style="dim")
    progress = progress_bar(row.progress, shown_as=row.progress_text)
    if wide:
        name.append(f"\n{row.indicator_name}", style="dim")
        name = _with_marks(name, row)
        gap = Text(row.gap or "—", style="" if row.gap is not None else "dim")
        return [name, declared, _row_latest(row), progress, gap, _status_cell(row)]
    name = _with_marks(name, row)
    name.append("\n")
    name.append_text(declared)
    if row.gap is not None:
        name.append("\n" + _("gap: {gap}").format(gap=row.gap), style="dim")
    return [name, _row_latest(row), progress, _status_cell(row)]


def status_blocks(rows: Sequence[StatusRow], width: int) -> Text:
    """Each target as a block of lines, for a narrow terminal: the id; what it declares
    and the time left; the latest reading; progress and gap; status, outlook and marks.
    Each line wraps at its words, indented under the id."""
    kept = _kept(rows)
    out: list[Text] = []
    for row in rows:
        lines = [_name(row)]
        if _marks(row):
            lines.append(joined(_marks(row)))
        lines.append(joined([Text(row.declared), Text(row.time_left, style="dim")]))
        lines.append(field(_("Latest"), joined(_row_latest(row).split("\n"))))
        # Each mark ("plan: scio-2024-04-10"), the time left ("1 year 1 month left") and
        # the gap move to a line of their own rather than break, where a line holds them.
        phrases = [mark.plain for mark in _marks(row)] + [row.time_left]
        if row.progress is not None or row.gap is not None:
            bar = progress_bar(row.progress, shown_as=row.progress_text, separator=" ")
            parts = [field(_("Progress"), bar)]
            if row.gap is not None:
                parts.append(field(_("Gap"), row.gap))
                phrases.append(parts[-1].plain)
            lines.append(joined(parts))
        lines.append(joined(_status_parts(row)))
        keep = kept + [phrase for phrase in phrases if cell_len(phrase) <= width - 4]
        out.append(Text(""))
        out.append(wrap(lines[0], width, hanging="  ", keep=keep))
        out.extend(wrap(line, width, indent="  ", hanging="    ", keep=keep) for line in lines[1:])
    return Text("\n").join([*out, Text("")])


def trend_table(trends: Sequence[TrendRow], width: int = WIDE_TABLE) -> RenderableType:
    """The indicators without a target, as a table where its words fit, else blocks."""
    keep = sorted({_("stale data"), *(t.status_word or t.band for t in trends)} - {""})
    columns = [Column(_("Indicator without a target")), Column(_("Latest")), Column(_("Trend"))]
    cells: list[list[Text]] = []
    for trend in trends:
        name = Text(trend.indicator_id, style="bold")
        names = [n for n in (trend.indicator_name, trend.indicator_name_zh) if n]
        name.append("\n" + "  ".join(names), style="dim")
        trend_cell = status_text(trend.status, trend.band, trend.status_word)
        if trend.stale:
            trend_cell.append("\n" + _("stale data"), style="yellow")
        cells.append([name, _latest_cell(trend.latest, trend.latest_period), trend_cell])
    table = None
    if width >= BLOCKS_BELOW:
        table = fitted_table(columns, cells, width, keep=keep)
    if table is not None:
        return table
    heading = wrap(Text(_("Indicators without a target"), style="bold"), width)
    return Text("\n").join([Text(""), heading, blocks(columns, cells, width, keep=keep)])


def _summary_parts(view: StatusView) -> list[str]:
    """ "11 overdue", "1 not assessable": each status counted, never broken across lines."""
    return [
        _("{count} {status}").format(count=f"{n:,}", status=view.status_shown(status))
        for status, n in view.summary
    ]


def _summary_line(view: StatusView) -> Text:
    count = len(view.rows)
    text = Text(
        ngettext("{count} target as of {day}: ", "{count} targets as of {day}: ", count).format(
            count=f"{count:,}", day=view.as_of_text or view.as_of
        )
    )
    parts = [
        Text(words, style=STATUS_STYLES.get(status, ""))
        for words, (status, _n) in zip(_summary_parts(view), view.summary, strict=True)
    ]
    return text + Text(_(", ")).join(parts) if parts else text + Text(_("none"))


def summary_table(view: StatusView, width: int = WIDE_TABLE) -> RenderableType:
    """Targets counted by status, with each status's share of the whole."""
    columns = [
        Column(_("Status")),
        Column(_("Targets"), justify="right"),
        Column(_("Share"), justify="right"),
    ]
    total = len(view.rows)
    cells: list[list[Text | str]] = []
    for status, n in view.summary:
        share = _("{percent} %").format(percent=f"{n / total * 100:.0f}")
        cells.append([status_text(status, words=view.status_shown(status)), f"{n:,}", share])
    keep = [view.status_shown(status) for status, _n in view.summary]
    table = fitted_table(columns, cells, width, keep=keep)
    return table if table is not None else blocks(columns, cells, width, keep=keep)


# Up to this many plans, status lists each in full; more, one line each (`targets` has them all).
FULL_PLANS_UP_TO = 3
# Fewer cells than this beside the plans' ids, and a short legend puts each line under its id.
PLAN_LINE_ROOM = 24


def print_plans(console: Console, plans: Sequence[tuple[str, str]], *, short: bool = False) -> None:
    """The plans the rows name: each id, and its title, issuer and day; `short`: each
    plan's line cut to the width (a narrow status: `sdtrack targets` has them in full)."""
    if not plans:
        return
    longest = max(cell_len(plan) for plan, _line in plans)
    if not short:
        console.print(Text(_("Plans:"), style="bold"))
        for plan, line in plans:
            text = Text(plan.ljust(longest), style="cyan") + Text("  " + line, style="dim")
            console.print(wrap(text, console.width, indent="  ", hanging="    "))
        return
    heading = Text(_("Plans (`sdtrack targets` shows each in full):"), style="bold")
    console.print(wrap(heading, console.width, hanging="  "))
    beside = console.width - longest - 4 >= PLAN_LINE_ROOM
    for plan, line in plans:
        if beside:
            console.print(
                Text("  ") + Text(plan.ljust(longest), style="cyan") + Text("  ")
                + cut(line, console.width - longest - 4, style="dim")
            )  # fmt: skip
        else:
            console.print(Text("  ") + Text(plan, style="cyan"))
            console.print(Text("    ") + cut(line, console.width - 4, style="dim"))


def print_status(console: Console, view: StatusView, *, show_all: bool = False) -> None:
    console.print(Text(_("Workspace: "), style="bold") + Text(view.workspace))
    for line in view.scope:
        console.print(wrap(Text(line, style="bold"), console.width, hanging="  "))
    console.print(wrap(_summary_line(view), console.width, keep=_summary_parts(view)))
    if view.matrix is not None:
        from sdtrack.present.render.regions import print_matrix

        print_matrix(console, view.matrix)
        return
    if view.methods:
        label = ngettext(
            "Method: {methods} (see docs/methodology.md)",
            "Methods: {methods} (see docs/methodology.md)",
            len(view.methods),
        )
        console.print(Text(label.format(methods=", ".join(view.methods)), style="dim"))
    short = console.width < BLOCKS_BELOW or len(view.plans) > FULL_PLANS_UP_TO
    print_plans(console, view.plans, short=short)
    if show_all or len(view.rows) <= SUMMARY_THRESHOLD:
        if view.rows:
            console.print(status_table(view.rows, console.width))
        if view.trends:
            console.print(trend_table(view.trends, console.width))
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
    keep = _kept(view.rows)
    for status, line in view.waiting:
        console.print(
            wrap(Text(line, style=STATUS_STYLES.get(status, "")), console.width, keep=keep)
        )
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
    console.print(summary_table(view, console.width))
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
