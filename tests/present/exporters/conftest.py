"""Shared for the exporter tests: the export context of the shipped dataset."""

from __future__ import annotations

import pytest

from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.report import StatusReport
from sdtrack.store.workspace import Workspace

from ...conftest import NOW


@pytest.fixture
def context(shipped: Workspace, report: StatusReport) -> ExportContext:
    """Everything the shipped dataset's report says on 2026-11-22, generated at noon."""
    return ExportContext.of(shipped, report, NOW)
