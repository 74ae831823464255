"""The `--json` documents: one versioned envelope, and the same fields in every command."""

from __future__ import annotations

import dataclasses
import json

from sdtrack import __version__
from sdtrack.core.ledger import Ledger
from sdtrack.core.model import Retraction
from sdtrack.present.documents import (
    JSON_SCHEMA_VERSION,
    assessment_dict,
    entry_dict,
    envelope,
    reading_dict,
    retraction_document,
    status_json,
    targets_document,
    trend_dict,
)
from sdtrack.present.report import StatusReport
from sdtrack.store.workspace import Workspace

from ..conftest import TODAY, make_reading


def test_envelope_keys_and_schema_version() -> None:
    """Every document starts with the schema and sdtrack versions, the command and the day."""
    document = envelope("status", TODAY, {"targets": []})
    assert list(document) == ["schema_version", "sdtrack_version", "command", "as_of", "targets"]
    assert document["schema_version"] == JSON_SCHEMA_VERSION == 1
    assert document["sdtrack_version"] == __version__
    assert document["as_of"] == "2026-11-22"
    assert envelope("targets", None, {})["as_of"] is None


def test_status_json_is_json_and_summarises(report: StatusReport) -> None:
    """The status document survives a JSON round trip and counts the statuses."""
    document = status_json(report)
    assert json.loads(json.dumps(document)) == document
    assert document["summary"] == {"deadline passed — awaiting data": 9}
    assert len(document["targets"]) == 9


def test_reading_and_entry_dicts(shipped: Workspace) -> None:
    """A reading gives its value as a number and as text; an entry adds its state."""
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    reading = make_reading(id="r-a")
    data = reading_dict(reading, indicator)
    assert (data["id"], data["value"], data["text"]) == ("r-a", 224000, "224,000 base stations")
    assert data["period_end"] == "2024-12-31"
    ledger = Ledger.build([reading], [Retraction(reading="r-a", reason="typo")])
    entry = entry_dict(ledger.entries[0], indicator)
    assert entry["current"] is False
    assert entry["retraction"] == {"reason": "typo", "recorded": None}
    document = retraction_document(reading, Retraction(reading="r-a", reason="typo"), indicator)
    assert (document["command"], document["reason"]) == ("retract", "typo")


def test_targets_document_lists_every_indicator(shipped: Workspace) -> None:
    """targets --json holds every indicator, as declared."""
    document = targets_document(shipped.indicators)
    assert document["command"] == "targets"
    assert "iot-terminals" in [i["id"] for i in document["indicators"]]


def test_indicator_zh_falls_back_to_the_name(report: StatusReport) -> None:
    """An indicator without a Chinese name still gives a string as `indicator_zh`."""
    assessment = report.assessments[0]
    unnamed = assessment.indicator.model_copy(update={"name_zh": None})
    record = assessment_dict(dataclasses.replace(assessment, indicator=unnamed))
    assert record["indicator_zh"] == unnamed.name
    assert assessment_dict(assessment)["indicator_zh"] == assessment.indicator.name_zh
    trend = report.trends[0]
    bare = trend_dict(dataclasses.replace(trend, indicator=unnamed))
    assert bare["indicator_zh"] == unnamed.name
