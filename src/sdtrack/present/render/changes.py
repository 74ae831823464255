"""`sdtrack changes` laid out: in the terminal (Rich) and as Markdown to paste into a
briefing, both from the sections `present.changes` words; and the lines `status
--known-at` prints above its table.

The Markdown escapes every piece of text from the files (`present.safety`): a source is a
link only when its address is a safe web address."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from sdtrack.core.language import _
from sdtrack.present.changes import (
    ChangesReport,
    Item,
    closing_lines,
    sections,
    source_words,
    summary_words,
    title_words,
)
from sdtrack.present.render.terminal import status_text
from sdtrack.present.safety import markdown_inline, markdown_text, safe_url

# Items are indented this many cells, their details twice as many; a line too long for
# the terminal wraps under its own start.
INDENT = 2


def indented(text: Text, level: int = 0) -> Padding:
    return Padding(text, (0, 0, 0, INDENT * level), expand=False)


def item_text(item: Item) -> Text:
    """An item's line: a verdict move with each status in its colour, else plain."""
    if not item.spans:
        return Text(item.text)
    line = Text()
    for text, code in item.spans:
        line.append_text(status_text(code, words=text) if code else Text(text))
    return line


def item_lines(item: Item) -> list[Padding]:
    details = list(item.details)
    if item.source is not None:
        details.insert(0, source_words(item.source))
    return [indented(item_text(item), 1), *(indented(Text(d, style="dim"), 2) for d in details)]


def print_changes(console: Console, report: ChangesReport) -> None:
    """The title, the workspace, the summary, each section, and the closing note."""
    console.print(Text(title_words(report), style="bold"))
    console.print(Text(_("Workspace: "), style="bold") + Text(report.workspace))
    console.print(Text(summary_words(report)))
    for section in sections(report):
        console.print()
        console.print(Text(section.title, style="bold underline"))
        for lead in section.lead:
            console.print(indented(Text(lead, style="dim"), 1))
        if not section.items and section.empty:
            console.print(indented(Text(section.empty), 1))
        for item in section.items:
            for line in item_lines(item):
                console.print(line)
    closing = closing_lines(report)
    if closing:
        console.print()
    print_notes(console, closing)


def print_notes(console: Console, lines: Sequence[str]) -> None:
    """Dim lines of their own: what `status --known-at` leaves out, and which targets."""
    for line in lines:
        console.print(Text(line, style="dim"))


# ---------------------------------------------------------------------------------------
# Markdown, for pasting into a briefing


def _markdown_source(item: Item) -> str:
    """'source: [Bulletin](https://…)': a link only to a safe web address; any other
    address shown after the title as text."""
    assert item.source is not None
    url, title = safe_url(item.url), markdown_inline(item.source)
    if url is not None and title:
        shown = f"[{title}]({url.replace('&', '&amp;')})"
    elif item.url is not None:
        shown = _("{title} (address not linked: {url})").format(
            title=title, url=markdown_inline(item.url)
        )
    else:
        shown = title
    before, _marker, after = source_words("\x00").partition("\x00")
    return markdown_inline(before) + " " * before.endswith(" ") + shown + markdown_inline(after)


def changes_markdown(report: ChangesReport) -> str:
    """The report as a Markdown section: a heading, the summary, a list per section."""
    lines = [f"## {markdown_inline(title_words(report))}", ""]
    lines += [markdown_text(_("Workspace: ") + report.workspace) + "  "]
    lines += [markdown_text(summary_words(report)), ""]
    for section in sections(report):
        lines += [f"### {markdown_inline(section.title)}", ""]
        if section.lead:
            lines += ["  \n".join(markdown_text(lead) for lead in section.lead), ""]
        if not section.items and section.empty:
            lines += [markdown_text(section.empty), ""]
        for item in section.items:
            details = [markdown_text(detail) for detail in item.details]
            if item.source is not None:
                details.insert(0, _markdown_source(item))
            lines += [f"- {markdown_text(item.text)}", *(f"  - {d}" for d in details)]
        lines += [""] if section.items else []
    lines += [markdown_text(line) for line in closing_lines(report)]
    return "\n".join(lines).rstrip("\n") + "\n"
