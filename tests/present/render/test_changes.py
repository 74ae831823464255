"""`changes` laid out: the terminal's briefing section, inert to hostile text, and the
Markdown to paste, with every piece of file text escaped and only safe links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

from sdtrack.present.render import terminal
from sdtrack.present.render.changes import changes_markdown, item_text, print_changes
from sdtrack.present.safety import plain_line

from ..conftest import recording_console
from ..test_changes import LEDGER, changes_of, write_workspace

HOSTILE = """
[[reading]]
id = "r-hostile"
indicator = "widgets"
value = 130
date = 2025
source = "<script>alert(1)</script> **bold** [click](javascript:alert(1)) | cell \\u001b[31mred"
url = "javascript:alert(1)"
note = "line one\\n# not a heading\\n- not an item"
recorded = 2026-01-22T00:00:00Z

[[reading]]
id = "r-linked"
indicator = "widgets"
value = 140
date = 2025
source = "Bulletin ] (x) [y"
url = "https://example.org/a b?x=1&y=<2>"
recorded = 2026-01-23T00:00:00Z

[[retraction]]
reading = "r-widgets-2023"
reason = "# Heading\\n1. list | pipe ` tick <b>html</b>"
recorded = 2026-01-26T00:00:00Z
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    return write_workspace(tmp_path / "ws")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return write_workspace(tmp_path / "hostile", LEDGER + HOSTILE)


def printed(directory: Path, width: int = 160) -> str:
    console = recording_console(width)
    print_changes(console, changes_of(directory))
    return console.export_text()


def test_the_terminal_briefing_lists_each_section(scenario: Path) -> None:
    """Title, workspace, summary, then each section with its items and details."""
    text = printed(scenario)
    lines = text.splitlines()
    assert lines[0] == "Changes recorded after 2026-01-10, through 2026-02-01 (UTC days)"
    assert lines[1] == f"Workspace: {scenario}"
    assert lines[2] == (
        "1 new reading, 1 correction, 1 retraction, targets: cannot tell, 1 verdict moved"
    )
    assert "  r-widgets-2025: widgets = 120 widgets for 2025" in lines
    assert "    source: Bulletin 2025" in lines
    assert "    recorded 2026-01-20 09:00 UTC" in lines
    assert "  widgets-2025: awaiting data → achieved (new ledger entries)" in lines
    assert lines[-1].startswith("2 ledger entries carry no recorded time")
    order = [text.index(title) for title in ("New readings", "Corrections", "Retractions")]
    assert order == sorted(order)
    assert text.index("Targets in targets.toml") < text.index("Verdicts that moved")


def test_each_status_of_a_move_has_its_colour(scenario: Path) -> None:
    """The before and after statuses are styled as the status table styles them."""
    report = changes_of(scenario)
    from sdtrack.present.changes import sections

    (move,) = next(s for s in sections(report) if s.code == "verdicts").items
    line = item_text(move)
    styles = {str(span.style) for span in line.spans}
    assert {terminal.STATUS_STYLES["awaiting_data"], terminal.STATUS_STYLES["achieved"]} <= styles
    console = Console(record=True, width=120, color_system="standard", force_terminal=True)
    console.print(line)
    assert "\x1b[" in console.export_text(styles=True)


def test_control_characters_from_the_ledger_are_shown_not_obeyed(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An escape sequence in a source reaches the terminal as ^[, never as ESC."""
    print_changes(terminal.make_console(), changes_of(hostile))
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "^[[31mred" in out


def test_markdown_is_a_section_to_paste(scenario: Path) -> None:
    """A heading, the summary, a list per section, each detail nested under its item."""
    markdown = changes_markdown(changes_of(scenario))
    lines = markdown.splitlines()
    assert lines[0] == "## Changes recorded after 2026-01-10, through 2026-02-01 (UTC days)"
    assert "### New readings" in lines
    assert "- r-widgets-2025: widgets = 120 widgets for 2025" in lines
    assert "  - source: [Bulletin 2025](https://example.org/bulletin-2025)" in lines
    assert "  - recorded 2026-01-20 09:00 UTC" in lines
    assert "- widgets-2025: awaiting data → achieved (new ledger entries)" in lines
    assert markdown.endswith("so none of them shows as new.\n")


def test_markdown_escapes_hostile_text_and_links_only_the_web(hostile: Path) -> None:
    """No raw HTML, no link but to http(s), no heading, list, table cell or code of the
    file's own; every escaped line reads back as the text it escapes."""
    markdown = changes_markdown(changes_of(hostile))
    assert "<script>" not in markdown
    assert "&lt;script&gt;" in markdown
    assert "(address not linked: javascript:alert(1))" in markdown
    assert not re.search(r"(?<!\\)\]\(javascript", markdown)  # never a link to it
    assert "\\[click\\](javascript:alert(1))" in markdown
    assert "\\*\\*bold\\*\\*" in markdown
    assert "\\| cell" in markdown
    assert "\x1b" not in markdown
    # The note's line breaks do not open a heading or a list item of their own.
    assert not any(line.startswith(("# ", "- not", "1. ")) for line in markdown.splitlines())
    assert "note: line one # not a heading - not an item" in plain_line(markdown.replace("\\", ""))
    # The reason's heading, list, pipe, backtick and HTML are all inert.
    assert (
        "r-widgets-2023 retracted: \\# Heading 1. list \\| pipe \\` tick &lt;b&gt;html" in markdown
    )
    # A safe address is linked, percent-encoded; its title's brackets are escaped.
    assert "[Bulletin \\] (x) \\[y](https://example.org/a%20b?x=1&amp;y=%3C2%3E)" in markdown


def test_markdown_in_chinese_keeps_its_structure(scenario: Path, chinese: None) -> None:
    """The Chinese report keeps the same heading, lists and links."""
    markdown = changes_markdown(changes_of(scenario))
    assert markdown.startswith("## ")
    assert "https://example.org/bulletin-2025" in markdown
    assert "- r-widgets-2025" in markdown
