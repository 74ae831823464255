"""Text from files and arguments made inert in the report formats: a link only to the web,
Markdown that stays text.

`safe_url` is the one test a `url` passes before any format writes it as a link (HTML
`href`, a Markdown link): its scheme, read as a browser reads it, must be http or https;
anything else (`javascript:`, ` JaVaScRiPt:`, `java\\tscript:`, `data:`, `vbscript:`,
`file:`, `//host`, `&#106;avascript:`) is shown as text and never linked.

`markdown_inline` and `markdown_text` escape a piece of text for a Markdown line: no line
break, no raw HTML, no link, emphasis, code, table cell edge or block marker of its own.
"""

from __future__ import annotations

import re
import unicodedata

# What a browser strips from both ends of a URL (C0 controls and space), and what it
# removes anywhere in it (tab, line feed, carriage return): WHATWG URL, "basic URL parser".
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_WEB_SCHEME = re.compile(r"(?i:https?):", re.ASCII)
# Kept as they are in a link; every other ASCII character is percent-encoded. Quotes,
# parentheses, backslash, spaces, angle brackets and backticks never reach the output.
_URL_KEPT = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&*+,;=%"
)


def safe_url(text: str | None) -> str | None:
    """`text` as a link target when a browser would take it for an http or https URL,
    else None (then show it as text). The URL comes back as the browser would read it:
    trimmed, without tabs or line breaks, with spaces, quotes, parentheses, controls and
    invisible characters percent-encoded."""
    if text is None:
        return None
    url = _TAB_OR_NEWLINE.sub("", text.strip(_C0_OR_SPACE))
    match = _WEB_SCHEME.match(url)
    if match is None or len(url) == match.end():
        return None
    return "".join(_url_char(ch) for ch in url)


def _url_char(ch: str) -> str:
    if ch in _URL_KEPT or (ch > "\x7f" and unicodedata.category(ch)[0] not in "CZ"):
        return ch
    encoded = ch.encode("utf-8", "surrogatepass")
    return "".join(f"%{byte:02X}" for byte in encoded)


# Line breaks CommonMark knows (\n, \r) and those other readers might (\v, \f, NEL, the
# Unicode line and paragraph separators): each becomes a space, as do tabs.
_BREAKS = re.compile("\r\n|[\t\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# Characters that mean something inline in CommonMark or GitHub's Markdown: escapes,
# code, emphasis, strikethrough, links and images, table cells, headings' closing
# hashes, math. Each is backslash-escaped wherever it stands.
_INLINE_MARKS = frozenset("\\`*_[]|~#$")
# Raw HTML, autolinks and entities: written as entities, which every Markdown reader shows
# as the character.
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# At the start of a line these open a block: a list item, a setext underline.
_BLOCK_START = re.compile(r"[-+=]|\d{1,9}[.)]")


def plain_line(text: object) -> str:
    """`text` on one line: each line break or tab a space, every other control character
    U+FFFD, both ends trimmed. What a Markdown reader shows of `markdown_inline(text)`."""
    flat = _BREAKS.sub(" ", str(text))
    return "".join(
        "\ufffd" if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in flat
    ).strip()


def markdown_inline(text: object) -> str:
    """`text` escaped for the middle of a Markdown line (a table cell, after `# ` or
    `> `): one line, no markup of its own, read back exactly as `plain_line(text)`."""
    return "".join(
        "\\" + ch if ch in _INLINE_MARKS else _ENTITIES.get(ch, ch) for ch in plain_line(text)
    )


def markdown_text(text: object) -> str:
    """`text` escaped for anywhere on a Markdown line, its start too (a paragraph, a list
    item's text): `markdown_inline`, with a leading list or underline marker escaped."""
    escaped = markdown_inline(text)
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    end = start.end() - 1
    return escaped[:end] + "\\" + escaped[end:]
