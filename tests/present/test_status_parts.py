"""The status in parts, one per indicator, put back together as the whole report says it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sdtrack.core.choices import Method
from sdtrack.core.language import language_named, use
from sdtrack.present.documents import status_json
from sdtrack.present.report import Standing, build_status
from sdtrack.present.status_parts import IndicatorPart, assemble, parts_of, status_in_parts
from sdtrack.present.status_rows import status_view
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_workspace

from ..conftest import TODAY


def _plain(data: object) -> object:
    return json.loads(json.dumps(data))


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(
    ("as_of", "method"),
    [(TODAY, None), (dt.date(2024, 6, 30), None), (TODAY, "projection"), (TODAY, "linear-trend")],
)
def test_the_parts_put_together_are_the_whole_report(
    workspace: Path, language: str, as_of: dt.date, method: Method | None
) -> None:
    """Targets, trends, totals, waiting lines and plans: the same document and view as
    the report computed whole, in either language, on any day, by any method."""
    use(language_named(language))
    try:
        loaded = load_workspace(locate_workspace(workspace, None, workspace))
        report = build_status(loaded, as_of, (), method)
        order = [i.id for i in loaded.indicators]
        parts = parts_of(report)
        document, view = assemble(report, order, parts)
        assert _plain(document) == _plain(status_json(report))
        assert _plain(view) == _plain(status_view(report).to_data())
        assert any(p.trends for p in parts.values())
        assert any(p.targets for p in parts.values())
    finally:
        use(language_named("en"))


def test_a_part_survives_its_json(workspace: Path) -> None:
    """A part saved as JSON and read back puts together the same document."""
    location = locate_workspace(workspace, None, workspace)
    computed = status_in_parts(location, TODAY, None)
    loaded = load_workspace(location)
    report = build_status(loaded, TODAY)
    saved = {i: IndicatorPart.from_data(_plain(p.to_data())) for i, p in computed.parts.items()}
    document, view = assemble(report, [i.id for i in loaded.indicators], saved)
    assert _plain(document) == _plain(computed.document)
    assert _plain(view) == _plain(computed.view)


def test_the_totals_count_the_standings_of_the_parts_chosen(workspace: Path) -> None:
    """Leaving an indicator's part out leaves its targets out of the totals too."""
    location = locate_workspace(workspace, None, workspace)
    loaded = load_workspace(location)
    report = build_status(loaded, TODAY)
    parts = parts_of(report)
    order = [i for i in (i.id for i in loaded.indicators) if i != "5g-base-stations"]
    document, _view = assemble(report, order, parts)
    kept = [a for a in report.assessments if a.indicator.id != "5g-base-stations"]
    assert sum(document["summary"].values()) == len(kept) == len(document["targets"])


def test_a_standing_survives_its_data(workspace: Path) -> None:
    loaded = load_workspace(locate_workspace(workspace, None, workspace))
    for assessment in build_status(loaded, TODAY).assessments:
        standing = Standing.of(assessment)
        assert Standing.from_data(_plain(standing.to_data())) == standing  # type: ignore[arg-type]
