"""Sources and plans: who declared a target, and the plan it belongs to."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from sdtrack.core import language
from sdtrack.core.sources import ChineseSource, Plan, Source


def test_a_plan_is_titled_in_the_readers_language() -> None:
    plan = Plan.model_validate(
        {"id": "p", "title": "5G plan", "title_zh": "5G行动方案", "issuer": "SCA",
         "date": "2025-06-18"}
    )  # fmt: skip
    assert plan.date == dt.date(2025, 6, 18)
    assert (plan.display_title, plan.display_issuer) == ("5G plan", "SCA")
    language.use("zh")
    try:
        assert (plan.display_title, plan.display_issuer) == ("5G行动方案", "SCA")
    finally:
        language.use("en")


def test_a_plan_needs_a_title_an_issuer_and_a_day() -> None:
    with pytest.raises(ValidationError) as refused:
        Plan.model_validate({"id": "p", "date": "2025"})
    assert {e["loc"][0] for e in refused.value.errors()} == {"title", "issuer", "date"}


def test_a_source_needs_someone_and_a_chinese_quote_its_page() -> None:
    with pytest.raises(ValidationError, match="a publisher or a speaker"):
        Source.model_validate({"document": "d", "date": "2024-04-10", "quote": "q"})
    with pytest.raises(ValidationError, match="needs the url"):
        ChineseSource.model_validate({"quote": "引文"})
