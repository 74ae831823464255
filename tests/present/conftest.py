"""Shared for the presentation tests: the shipped dataset, assessed on the pinned day."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from sdtrack.core.assessment import Assessment
from sdtrack.present.report import StatusReport, build_status
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import Workspace, load_workspace

from ..conftest import TODAY


@pytest.fixture
def shipped(tmp_path: Path) -> Workspace:
    """The embedded Shandong dataset, as loaded with no workspace around."""
    return load_workspace(locate_workspace(None, None, tmp_path))


@pytest.fixture
def report(shipped: Workspace) -> StatusReport:
    """Every shipped target assessed on 2026-11-22."""
    return build_status(shipped, TODAY)


def assessment_of(report: StatusReport, target_id: str) -> Assessment:
    return next(a for a in report.assessments if a.target.id == target_id)


def recording_console(width: int = 120) -> Console:
    """A plain console that records what is printed (read it with `export_text`)."""
    return Console(file=io.StringIO(), width=width, record=True, color_system=None)
