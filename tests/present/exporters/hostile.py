"""Hostile text in every text field of a workspace, for the report formats' property tests.

The shipped dataset cut down to one indicator (with its targets and readings), each text
field of the title, the indicator, its targets' sources (English and Chinese), the plans,
its readings, and a city the workspace declares (its names and code, and a copy of every
reading for it) replaced, past validation, by text an attacker chose."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from hypothesis import strategies as st

from sdtrack.core.recorded import WholeLedger
from sdtrack.core.regions import Region
from sdtrack.core.sources import ChineseSource
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.report import build_status
from sdtrack.store.workspace import Workspace

from ...conftest import NOW, TODAY

INDICATOR = "5g-base-stations"
HOSTILE_CITY = "hostile-city"

ATTACKS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><a href="javascript:alert(1)">x</a>',
    "' onmouseover='alert(1)",
    "x](javascript:alert(2))",
    "[x](javascript:alert(3))",
    "![x](https://evil.example/i.png)",
    "<https://evil.example>",
    "quote”\n# Injected heading\n> more",
    "\n\n- item\n1. item\n---\n",
    "| a | b |\n| --- | --- |",
    "```\ncode\n```",
    "&lt;script&gt; &#106;avascript:",
    "*em* _em_ **strong** `code` ~~del~~ $x$",
    "\\",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example",
    "\x1b]0;title\x07\x1b[2J\x9b31m\x00",
    "https://ok.example/a?b=1&c=<2>",
)

FIELDS = (
    "title",
    "workspace",
    "name",
    "name_zh",
    "description",
    "unit_zh",
    "document",
    "publisher",
    "speaker",
    "quote",
    "url",
    "zh_document",
    "zh_publisher",
    "zh_speaker",
    "zh_quote",
    "zh_url",
    "target_note",
    "reading_source",
    "reading_url",
    "reading_quote",
    "reading_note",
    "plan_title",
    "plan_title_zh",
    "plan_issuer",
    "plan_issuer_zh",
    "plan_document",
    "plan_url",
    "plan_note",
    "region_name",
    "region_name_zh",
    "region_code",
)
URL_FIELDS = ("url", "zh_url", "reading_url", "plan_url")
"""The fields whose text may become a link (when it is an http or https address)."""

pieces = st.sampled_from(ATTACKS) | st.text(max_size=12)
hostile_text = (
    st.sampled_from(ATTACKS)
    | st.text(min_size=1, max_size=30)
    | st.lists(pieces, min_size=1, max_size=4).map("".join)
).filter(str.strip)
hostile_fields = st.fixed_dictionaries(dict.fromkeys(FIELDS, hostile_text))
BENIGN = {name: f"plain {name.replace('_', ' ')}" for name in FIELDS}


def hostile_context(shipped: Workspace, text: Mapping[str, str]) -> ExportContext:
    """The report of `shipped`'s one indicator, every text field from `text`."""
    indicator = next(i for i in shipped.indicators if i.id == INDICATOR)
    targets = []
    for target in indicator.targets:
        zh = (target.source.zh or ChineseSource()).model_copy(
            update={key: text[f"zh_{key}"] for key in ("document", "publisher", "speaker", "quote")}
            | {"url": text["zh_url"]}
        )
        source = target.source.model_copy(
            update={key: text[key] for key in ("document", "publisher", "speaker", "quote", "url")}
            | {"zh": zh}
        )
        targets.append(target.model_copy(update={"source": source, "note": text["target_note"]}))
    indicator = indicator.model_copy(
        update={key: text[key] for key in ("name", "name_zh", "description", "unit_zh")}
        | {"targets": targets}
    )
    readings = tuple(
        r.model_copy(
            update={key: text[f"reading_{key}"] for key in ("source", "url", "quote", "note")}
        )
        for r in shipped.readings
        if r.indicator == INDICATOR and r.region is None
    )
    city = Region.model_construct(
        id=HOSTILE_CITY,
        name=text["region_name"],
        name_zh=text["region_name_zh"],
        parent=shipped.targets.region,
        level="city",
        code=text["region_code"],
    )
    regional = tuple(r.model_copy(update={"id": None, "region": HOSTILE_CITY}) for r in readings)
    plans = [
        plan.model_copy(
            update={
                key: text[f"plan_{key}"]
                for key in ("title", "title_zh", "issuer", "issuer_zh", "document", "url", "note")
            }
        )
        for plan in shipped.targets.plans
    ]
    workspace = dataclasses.replace(
        shipped,
        targets=shipped.targets.model_copy(
            update={
                "title": text["title"],
                "indicators": [indicator],
                "plans": plans,
                "regions": [city],
            }
        ),
        recorded=WholeLedger(readings=readings + regional),
    )
    context = ExportContext.of(workspace, build_status(workspace, TODAY), NOW)
    return dataclasses.replace(context, workspace=text["workspace"])
