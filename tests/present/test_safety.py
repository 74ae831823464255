"""Links only to the web, and Markdown that stays text: `present.safety`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from sdtrack.present.safety import markdown_inline, markdown_text, plain_line, safe_url

COMMONMARK = MarkdownIt("commonmark").enable("table")

# Any character at all: controls, line breaks, surrogates, the Markdown punctuation.
any_text = st.text(st.characters(codec=None), max_size=40) | st.text(
    st.sampled_from("\\`*_[]()#+-!|<>&~$=.:;0123456789 \t\n\r\x00\x1b\x85\u2028\xa0aZ中"),
    max_size=30,
)

HOSTILE_URLS = (
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01\x02 javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "&#106;avascript:alert(1)",
    "javascript&#58;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "%6Aavascript:alert(1)",
    "\u00a0javascript:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "mailto:a@b.example",
    "ftp://x.example",
    "https",
    "https:",
    "http//x.example",
    "/relative/path",
    "",
)


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_web_addresses_are_links(url: str) -> None:
    """No scheme but http and https, however it is spelt, padded or encoded, is a link."""
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://www.gov.cn/a?b=1&c=2#d", "https://www.gov.cn/a?b=1&c=2#d"),
        (" HTTP://x.example/ ", "HTTP://x.example/"),
        ("\x00ht\ttps://x.example/a\nb", "https://x.example/ab"),
        ("https://x.example/a b(c)'\"<>`\\", "https://x.example/a%20b%28c%29%27%22%3C%3E%60%5C"),
        ("https://例子.中国/路径", "https://例子.中国/路径"),
        ("https://x.example/\u202eevil\u200b", "https://x.example/%E2%80%AEevil%E2%80%8B"),
    ],
)
def test_web_addresses_come_back_as_a_browser_reads_them(url: str, link: str) -> None:
    """Trimmed as a browser trims, without tabs or line breaks, and with anything that could
    end an attribute or a Markdown link, or hide, percent-encoded."""
    assert safe_url(url) == link


def browser_scheme(text: str) -> str | None:
    """The scheme a browser finds (WHATWG URL): C0 controls and spaces trimmed, tabs and
    line breaks removed, then letters, digits, + - . up to a colon."""
    url = re.sub("[\t\n\r]", "", text.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return match.group(1).lower() if match else None


schemes = st.from_regex(r"\A[A-Za-z][A-Za-z0-9+.\-]{0,12}\Z")
noise = st.text(st.sampled_from(" \t\n\r\x00\x01\x1f\x7f\xa0"), max_size=3)


@given(scheme=schemes, before=noise, inside=noise, rest=any_text)
def test_any_scheme_is_a_link_only_when_http_or_https(
    scheme: str, before: str, inside: str, rest: str
) -> None:
    """Whatever the scheme, its case, and the blanks and controls around or inside it, a
    link is made exactly when the browser would read http or https."""
    half = len(scheme) // 2
    url = f"{before}{scheme[:half]}{inside}{scheme[half:]}:{rest}"
    link = safe_url(url)
    if browser_scheme(url) not in ("http", "https"):
        assert link is None
    else:
        assert link is None or browser_scheme(link) in ("http", "https")


@given(any_text)
def test_a_link_is_web_and_has_nothing_that_ends_an_attribute(text: str) -> None:
    link = safe_url(text)
    if link is not None:
        assert browser_scheme(link) in ("http", "https")
        assert re.match(r"(?i)https?:", link)
        assert not set(link) & set(" \t\n\r\"'<>()`\\\x00")
        assert all(ord(ch) > 0x20 and ch != "\x7f" for ch in link)


def inline_children(source: str) -> list[Token]:
    """The inline tokens of a document that is exactly one paragraph."""
    tokens = COMMONMARK.parse(source)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], source
    return tokens[1].children or []


def only_text(children: list[Token]) -> str:
    assert {c.type for c in children} <= {"text"}, [c.type for c in children]
    return "".join(c.content for c in children)


@given(any_text)
def test_inline_text_reads_back_as_itself(text: str) -> None:
    """Inside a line, escaped text is one run of text, read back as it was (on one line):
    no emphasis, code, link, image, HTML, entity or line break of its own."""
    source = f"x {markdown_inline(text)} y"
    assert only_text(inline_children(source)) == f"x {plain_line(text)} y"


@given(any_text)
def test_text_at_a_line_start_opens_no_block(text: str) -> None:
    """At the start of a line too: no heading, list, quote, rule, fence, table or HTML."""
    escaped = markdown_text(text)
    if not plain_line(text):
        assert escaped == ""
        return
    assert only_text(inline_children(escaped + "\n")) == plain_line(text)
    # Nor inside a list item or a quote, nor after a paragraph line (a setext underline).
    for prefix, blocks in (("1. ", "ordered_list_open"), ("> ", "blockquote_open")):
        tokens = COMMONMARK.parse(prefix + escaped)
        assert tokens[0].type == blocks
        assert "bullet_list_open" not in [t.type for t in tokens[1:]]
        assert [t.type for t in tokens].count("paragraph_open") == 1
    assert [t.type for t in COMMONMARK.parse("x\n" + escaped)].count("paragraph_open") == 1


@given(any_text)
def test_a_table_cell_stays_one_cell(text: str) -> None:
    source = f"| h | i |\n| --- | --- |\n| {markdown_inline(text)} | z |\n"
    tokens = COMMONMARK.parse(source)
    cells = [t for t in tokens if t.type == "inline"]
    assert [t.type for t in tokens].count("td_open") == 2
    assert only_text(cells[2].children or []) == plain_line(text)
    assert cells[3].content == "z"


def test_plain_line_is_one_line_without_controls() -> None:
    assert plain_line(" a\r\nb\tc\x1bd\u2028e\x9b ") == "a b c\ufffdd e\ufffd"
    assert markdown_inline("x](javascript:alert(2))") == "x\\](javascript:alert(2))"
    assert markdown_inline("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown_text("# heading") == "\\# heading"
    assert markdown_text("- item") == "\\- item"
    assert markdown_text("2024. year") == "2024\\. year"
