"""Shared for the exporter tests: the export context of the shipped dataset."""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from sdtrack.core import language
from sdtrack.present.exporters import xlsx
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.report import StatusReport, build_status
from sdtrack.store.workspace import Workspace

from ...conftest import NOW, TODAY
from .regional import regional_context


@pytest.fixture
def context(shipped: Workspace, report: StatusReport) -> ExportContext:
    """Everything the shipped dataset's report says on 2026-11-22, generated at noon."""
    return ExportContext.of(shipped, report, NOW)


class FakeCatalog(gettext.NullTranslations):
    """A stand-in for the Chinese catalog (compiled only at build time), with a few of the
    exporters' messages: enough to see that a word goes through `_`."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        message = singular if n == 1 else plural
        return self.messages.get(message, message)


FAKE_ZH = {
    "Status": "状态",
    "Sources": "来源",
    "Summary": "摘要",
    "Targets": "目标",
    "Readings": "读数",
    "readings": "读数",
    "overdue": "逾期",
    "Target ID": "目标编号",
    "{title}: progress report": "{title}：进展报告",
    "{value} ({period})": "{value}（{period}）",
    "{who}, {date}": "{who}，{date}",
}


@pytest.fixture
def zh(chinese: None) -> None:
    """Chinese for the test, English again after it (the suite's `chinese`)."""


@pytest.fixture
def zh_catalog(zh: None) -> Iterator[None]:
    """Chinese, with `FAKE_ZH` as its catalog (English and its own catalog again after)."""
    language._State.catalog = FakeCatalog(FAKE_ZH)
    try:
        yield
    finally:
        language.use("en")


@pytest.fixture
def zh_context(zh: None, shipped: Workspace) -> ExportContext:
    """The shipped dataset's report computed and worded in Chinese."""
    return ExportContext.of(shipped, build_status(shipped, TODAY), NOW)


@pytest.fixture
def regional(tmp_path: Path) -> ExportContext:
    """A small workspace with regional readings, plans, a count-of-regions target and a
    derived indicator (`regional.py`), assessed on 2026-11-22."""
    return regional_context(tmp_path / "regional")


@pytest.fixture
def regional_zh(zh: None, tmp_path: Path) -> ExportContext:
    """The regional workspace's report computed and worded in Chinese."""
    return regional_context(tmp_path / "regional-zh")


def one_sheet(columns: Sequence[str], rows: list[dict[str, Any]]) -> io.BytesIO:
    """A workbook of one sheet of `rows`, written as the exporter writes its sheets."""
    return io.BytesIO(xlsx.one_sheet(columns, rows))
