"""Who declared a target, and in which plan: the source of a declaration as English and
Chinese pages word it, and the plans (or other documents) that targets belong to."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

from sdtrack.core.fields import DayField, Slug, Text
from sdtrack.core.language import _, current


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


class ChineseSource(Strict):
    """The declaration as Chinese sources word it. `quote` is the sentence as a Chinese
    page prints it, at `url`; without one, Chinese readers are told that the only quote
    is the English source's."""

    document: Text | None = None
    publisher: Text | None = None
    speaker: Text | None = None
    quote: Text | None = None
    url: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _quote_has_its_page(self) -> ChineseSource:
        if self.quote is not None and self.url is None:
            raise ValueError(_("a Chinese quote needs the url of the page that prints it"))
        return self


class Source(Strict):
    """Where a target was declared: the document, who said it, when, and the exact words."""

    document: Text
    publisher: Text | None = None
    speaker: Text | None = None
    date: DayField
    url: Text | None = None
    quote: Text
    zh: ChineseSource | None = None

    @model_validator(mode="after")
    def _someone_said_it(self) -> Source:
        if self.publisher is None and self.speaker is None:
            raise ValueError(_("a source needs a publisher or a speaker"))
        return self

    def _chinese(self, name: str) -> str | None:
        if current() != "zh" or self.zh is None:
            return None
        value: str | None = getattr(self.zh, name)
        return value

    @property
    def display_document(self) -> str:
        return self._chinese("document") or self.document

    @property
    def display_who(self) -> str:
        """Who declared it: the speaker, else the publisher, as the reader's language has it."""
        speaker = self._chinese("speaker") or self.speaker
        return speaker or self._chinese("publisher") or self.publisher or ""

    @property
    def display_quote(self) -> tuple[str, str | None, bool]:
        """The quote to show, its page, and whether it is in the reader's language."""
        quote = self._chinese("quote")
        if quote is not None:
            return quote, self._chinese("url"), True
        return self.quote, self.url, current() != "zh"

    def citation(self) -> str:
        """Document (speaker, publisher, date), in the reader's language where it can be."""
        if current() == "zh":
            names = (self._chinese("speaker") or self.speaker, self._chinese("publisher"))
            who = "，".join(p for p in (*names, self.publisher if not names[1] else None) if p)
            day = f"{self.date.year}年{self.date.month}月{self.date.day}日"
            return f"{self.display_document}（{who}，{day}）"
        who = ", ".join(p for p in (self.speaker, self.publisher) if p)
        return f"{self.document} ({who}, {self.date.isoformat()})"


class Plan(Strict):
    """A plan, or another document declaring targets: declared once, named by its targets.
    Plans follow one another; a target of a later plan revises the one it replaces."""

    id: Slug
    title: Text
    title_zh: Text | None = None
    issuer: Text
    issuer_zh: Text | None = None
    date: DayField
    document: Text | None = None
    """The document's number (鲁通信〔2025〕…号), when it has one."""
    url: Text | None = None
    note: Text | None = None

    @property
    def display_title(self) -> str:
        return self.title_zh if current() == "zh" and self.title_zh else self.title

    @property
    def display_issuer(self) -> str:
        return self.issuer_zh if current() == "zh" and self.issuer_zh else self.issuer
