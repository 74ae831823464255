"""The `--json` documents: one versioned envelope, and the same fields in every command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sdtrack import __version__
from sdtrack.core.assessment import Outlook, PaceNote, Status
from sdtrack.core.import_plan import ImportPlan, ImportSummary
from sdtrack.core.importing import Candidate
from sdtrack.core.ledger import Ledger
from sdtrack.core.model import Retraction
from sdtrack.core.periods import Period
from sdtrack.present.briefing import gap_paragraph
from sdtrack.present.documents import (
    JSON_SCHEMA_VERSION,
    assessment_dict,
    entry_dict,
    envelope,
    import_document,
    outlook_summary,
    reading_dict,
    record_document,
    retraction_document,
    show_document,
    status_json,
    summary_dict,
    targets_document,
    trend_dict,
    verdict_fields,
)
from sdtrack.present.phrases import status_words
from sdtrack.present.region_documents import breakdown_dict
from sdtrack.present.regional import breakdown
from sdtrack.present.report import StatusReport, build_status, named_plans, revision_order
from sdtrack.store.workspace import Workspace

from ..conftest import TODAY, make_reading
from .conftest import assessment_of
from .test_regional import AS_OF as REGIONAL_DAY
from .test_regional import load_regional, write_regional


@pytest.fixture
def regional(tmp_path: Path) -> Workspace:
    """The workspace of Shandong's cities (`test_regional.write_regional`)."""
    return load_regional(write_regional(tmp_path / "regions"))


SCHEMA = json.loads(
    (Path(__file__).parents[2] / "docs" / "report.schema.json").read_text(encoding="utf-8")
)
STATUS_CODES = {
    "achieved", "on_track", "behind", "off_track", "missed", "awaiting_data", "overdue",
    "not_yet_due", "no_data", "not_assessable",
}  # fmt: skip


def conforms(data: object, definition: str) -> None:
    """`data` is valid as the schema's `$defs/<definition>`."""
    schema = {"$ref": f"#/$defs/{definition}", "$defs": SCHEMA["$defs"]}
    Draft202012Validator(schema).validate(data)


def test_envelope_keys_and_schema_version() -> None:
    """Every document starts with the schema and sdtrack versions, the command and the day."""
    document = envelope("status", TODAY, {"targets": []})
    assert list(document) == ["schema_version", "sdtrack_version", "command", "as_of", "targets"]
    assert document["schema_version"] == JSON_SCHEMA_VERSION == 2
    assert SCHEMA["properties"]["schema_version"] == {"const": JSON_SCHEMA_VERSION}
    assert document["sdtrack_version"] == __version__
    assert document["as_of"] == "2026-11-22"
    assert envelope("targets", None, {})["as_of"] is None


def test_status_json_is_json_and_summarises(report: StatusReport) -> None:
    """The status document survives a JSON round trip and counts the statuses."""
    document = status_json(report)
    assert json.loads(json.dumps(document)) == document
    assert document["summary"] == {s.value: n for s, n in report.counts().items()}
    assert sum(document["summary"].values()) == len(report.assessments)
    waiting = report.waiting_counts()
    assert set(document["outlook_summary"]) == set(waiting)
    for status, counts in waiting.items():
        assert sum(document["outlook_summary"][status].values()) == sum(counts.values())
    assert len(document["targets"]) == len(report.assessments)


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


def test_a_worded_gap_paragraph_is_used_as_given(report: StatusReport) -> None:
    """An export words each gap paragraph once and hands it to `assessment_dict`; without
    one, the record words its own, the same text."""
    assessment = report.assessments[0]
    worded = gap_paragraph(assessment)
    assert assessment_dict(assessment)["gap_paragraph"] == worded
    assert assessment_dict(assessment, paragraph="given")["gap_paragraph"] == "given"


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


# The contract: every field of every target object, its type, and the codes it holds.


@pytest.mark.parametrize(
    ("definition", "make"),
    [
        ("target", lambda r: assessment_dict(r.assessments[0])),
        ("trend", lambda r: trend_dict(r.trends[0])),
        ("point", lambda r: assessment_dict(r.assessments[0])["latest"]),
    ],
)
def test_every_field_is_in_the_schema_and_required(
    report: StatusReport, definition: str, make: Any
) -> None:
    """The schema lists exactly the fields the documents write, each required: a field that
    disappears, or appears without being described, fails here."""
    described = SCHEMA["$defs"][definition]
    assert set(make(report)) == set(described["properties"]) == set(described["required"])
    assert described["additionalProperties"] is False


def test_reading_fields_are_in_the_schema(shipped: Workspace) -> None:
    indicator = shipped.indicators[0]
    described = SCHEMA["$defs"]["reading"]
    data = reading_dict(make_reading(indicator=indicator.id), indicator)
    assert set(data) == set(described["required"])
    # A derived value adds the two readings it was computed from.
    assert set(described["properties"]) - set(data) == {"inputs"}
    conforms(data, "reading")


def test_a_derived_reading_cites_its_inputs_in_the_schema(shipped: Workspace) -> None:
    """Every derived value of the shipped per-10,000 indicator names both inputs."""
    indicator = shipped.indicator("5g-base-stations-per-10k")
    (first, *_rest) = shipped.readings_for(indicator.id)
    data = reading_dict(first, indicator)
    assert data["derived"] is True
    assert [i["indicator_id"] for i in data["inputs"]] == [
        "5g-base-stations",
        "resident-population",
    ]
    conforms(data, "reading")


@pytest.mark.parametrize("day", [TODAY, dt.date(2023, 1, 1), dt.date(2025, 6, 30)])
def test_every_json_output_carries_the_same_target_objects(
    shipped: Workspace, day: dt.date
) -> None:
    """status, gap, show and record --json all give targets that the schema accepts, with
    status_code and outlook (the types pinned by the schema, on several days)."""
    report = build_status(shipped, day)
    indicator = shipped.indicators[0]
    mine = [a for a in report.assessments if a.indicator.id == indicator.id]
    documents = [
        status_json(report),
        status_json(report, command="gap"),
        show_document(indicator, report, revision_order(indicator, mine), [], []),
        record_document(make_reading(indicator=indicator.id), indicator, day, mine),
    ]
    for document in documents:
        assert document["targets"]
        for target in document["targets"]:
            # A report's targets say what superseded them; show's, what a revision changed.
            target = {k: v for k, v in target.items() if k not in ("revision", "superseded_by")}
            conforms(target, "target")
            assert target["status_code"] in STATUS_CODES
            assert target["status"] == target["status_code"]
            assert target["outlook"] in ("likely_met", "likely_missed", None)
    for trend in documents[0]["indicators_without_target"]:
        conforms(trend, "trend")
    for field in ("summary", "outlook_summary"):
        described = {**SCHEMA["properties"][field], "$defs": SCHEMA["$defs"]}
        Draft202012Validator(described).validate(documents[0][field])


def test_the_schema_names_every_status_code() -> None:
    """The schema's status codes are `Status`'s, and its outlooks `Outlook`'s."""
    assert set(SCHEMA["$defs"]["status_code"]["enum"]) == {s.value for s in Status} == STATUS_CODES
    assert set(SCHEMA["$defs"]["outlook"]["enum"]) == {o.value for o in Outlook} | {None}
    notes = SCHEMA["$defs"]["target"]["properties"]["pace_notes"]["items"]["enum"]
    assert set(notes) == {n.value for n in PaceNote}


def test_verdict_fields_keep_codes_and_words_apart(report: StatusReport) -> None:
    """The codes are English and stable; the words are the reader's, in their own fields."""
    assessment = dataclasses.replace(report.assessments[0], outlook=Outlook.LIKELY_MISSED)
    fields = verdict_fields(assessment)
    assert fields == {
        "status": "overdue",
        "status_code": "overdue",
        "status_text": "overdue",
        "outlook": "likely_missed",
        "outlook_text": "likely missed",
    }
    bare = verdict_fields(dataclasses.replace(assessment, status=Status.ON_TRACK, outlook=None))
    assert (bare["status_code"], bare["status_text"]) == ("on_track", "on track")
    assert (bare["outlook"], bare["outlook_text"]) == (None, None)


def test_verdict_words_follow_the_language(report: StatusReport, marked: None) -> None:
    """In Chinese the display fields change; the codes do not."""
    record = assessment_dict(report.assessments[0])
    assert record["status_code"] == "overdue"
    assert record["status_text"] == status_words("overdue") == "⟪overdue⟫"
    assert record["band"] != record["band_text"]


def test_the_new_facts_are_data(report: StatusReport) -> None:
    """Waiting, bounded, fragile and disputed verdicts say so in fields, not only in words."""
    base = assessment_of(report, "5g-base-stations-2025")
    assessment = dataclasses.replace(
        base,
        awaited=Period.year(2025),
        expected_by=dt.date(2026, 3, 31),
        gap_bound="at_most",
        progress_bound="at_least",
        pace_notes=(PaceNote.SHORT_SPAN, PaceNote.FROM_DERIVED),
        disputed=("r-a", "r-b"),
    )
    record = assessment_dict(assessment)
    assert record["awaited"] == "2025"
    assert record["expected_by"] == "2026-03-31"
    assert (record["gap_bound"], record["progress_bound"]) == ("at_most", "at_least")
    assert record["pace_notes"] == ["short_span", "from_derived"]
    assert record["indicative"] is True
    assert record["disputed"] == ["r-a", "r-b"]
    conforms(record, "target")
    plain = assessment_dict(
        dataclasses.replace(base, pace_notes=(), awaited=None, expected_by=None)
    )
    assert (plain["indicative"], plain["awaited"], plain["expected_by"]) == (False, None, None)
    if base.pace_start is not None:
        assert record["pace_start"]["date"] == base.pace_start.date.isoformat()


def test_summaries_are_keyed_by_code(report: StatusReport) -> None:
    """`summary` counts by status code; `outlook_summary` the waiting ones by outlook, all
    three outlook counts always there."""
    waiting = [
        dataclasses.replace(report.assessments[0], status=Status.AWAITING_DATA, outlook=o)
        for o in (Outlook.LIKELY_MET, Outlook.LIKELY_MET, None)
    ]
    done = dataclasses.replace(report.assessments[0], status=Status.ACHIEVED, outlook=None)
    mixed = dataclasses.replace(report, assessments=(*waiting, done))
    assert summary_dict(mixed) == {"achieved": 1, "awaiting_data": 3}
    assert outlook_summary(mixed) == {
        "awaiting_data": {"likely_met": 2, "likely_missed": 0, "unknown": 1}
    }
    assert outlook_summary(dataclasses.replace(report, assessments=(done,))) == {}


def test_numbers_carry_the_stated_precision(report: StatusReport) -> None:
    """Values exact; estimates, rates and ratios to 6 significant digits, no float noise."""
    base = assessment_of(report, "5g-base-stations-2025")
    assessment = dataclasses.replace(
        base,
        gap=Decimal("26000.25"),
        progress=0.8266666666666667,
        ratio=1.4791564711415437,
        pace_required=Decimal("1055.4676923076925"),
        projected=Decimal("562874.9764271774"),
    )
    record = assessment_dict(assessment)
    assert record["gap"] == 26000.25
    assert record["progress"] == 0.826667
    assert record["ratio"] == 1.47916
    assert record["pace_required"] == 1055.47
    assert record["projected"] == 562875
    assert isinstance(record["projected"], int)
    text = json.dumps(record)
    assert "0.8266666" not in text
    assert "1055.4676" not in text
    fine = make_reading(value=Decimal("0.1234567890123456789"))
    indicator = base.indicator
    assert reading_dict(fine, indicator)["value"] == "0.1234567890123456789"


IMPORT_KEYS = [
    "schema_version", "sdtrack_version", "command", "as_of", "dry_run", "files", "rows_read",
    "recorded", "skipped_already_recorded", "skipped_repeated", "conflicts", "ignored_columns",
    "notes", "readings", "already_recorded", "repeated", "conflicting",
]  # fmt: skip


def test_the_import_document_is_pinned(shipped: Workspace) -> None:
    """`import --json`: counts, then each row's reading, skip or conflict, located by row."""
    indicator = shipped.indicator("5g-base-stations")
    new = Candidate(make_reading(id="r-new", value=Decimal(230000)), "b.csv", 3, "B")
    old = make_reading(id="r-old")
    plan = ImportPlan(
        recorded=[new],
        already=[(Candidate(old, "b.csv", 2, "B"), Ledger.build([old], []).entries[0])],
        repeated=[(Candidate(old, "b.csv", 4, "B"), new)],
        conflicts=[(new, [old])],
    )
    summary = ImportSummary(plan, ("b.csv",), 3, ("Population",), ("a note",))
    document = import_document(summary, {indicator.id: indicator})
    assert list(document) == IMPORT_KEYS
    assert document["command"] == "import"
    assert document["as_of"] is None
    counts = [document[k] for k in IMPORT_KEYS[6:11]]
    assert counts == [3, 1, 1, 1, 1]
    (reading,) = document["readings"]
    assert (reading["file"], reading["row"], reading["column"]) == ("b.csv", 3, "B")
    conforms(reading["reading"], "reading")
    assert document["already_recorded"] == [
        {"file": "b.csv", "row": 2, "column": "B", "as": "r-old"}
    ]
    assert document["repeated"][0]["repeats_row"] == 3
    assert document["conflicting"][0]["conflicts_with"] == ["r-old"]
    json.dumps(document)


# ---------------------------------------------------------------------------------------
# Regions and plans: the matrix of `status --by region --json`, and the plans


def test_the_status_document_names_its_region_plan_and_plans(regional: Workspace) -> None:
    document = status_json(build_status(regional, REGIONAL_DAY, region="jinan"))
    assert document["region"]["id"] == "jinan"
    assert document["plan"] is None
    assert document["plans"] == []  # Jinan's target names no plan
    chosen = status_json(build_status(regional, REGIONAL_DAY, plan="plan-b"))
    assert chosen["region"] is None
    assert chosen["plan"]["document"] == "鲁通信〔2024〕1号"
    assert [p["id"] for p in chosen["plans"]] == ["plan-b"]
    whole = status_json(build_status(regional, REGIONAL_DAY))
    superseded = {t["target_id"]: t["superseded_by"] for t in whole["targets"]}
    assert superseded["stations-2025-first"] == "stations-2025"
    assert superseded["stations-2025"] is None


def test_show_gives_the_plans_the_breakdown_and_derived_inputs(regional: Workspace) -> None:
    report = build_status(regional, REGIONAL_DAY, ["stations-per-10k"])
    indicator = regional.indicator("stations-per-10k")
    revised = revision_order(indicator, report.assessments)
    found = breakdown(regional, indicator, REGIONAL_DAY)
    assert found is not None
    readings = regional.readings_for(indicator.id)
    document = show_document(
        indicator, report, revised, readings, [], breakdown_dict(found, [], report)
    )
    assert document["indicator"]["formula"]["per"] == "10000"
    assert [p["id"] for p in document["plans"]] == ["plan-b"]
    assert document["breakdown"]["rule"] == "none"
    (derived,) = document["readings"]
    assert derived["derived"] is True
    assert [i["indicator_id"] for i in derived["inputs"]] == ["stations", "population"]
    assert show_document(indicator, report, revised, readings, [])["breakdown"] is None


def test_the_targets_document_lists_the_plans(regional: Workspace) -> None:
    plans = named_plans(regional.targets, regional.indicators)
    document = targets_document(regional.indicators, plans)
    assert list(document)[-2:] == ["indicators", "plans"]
    assert [p["id"] for p in document["plans"]] == ["plan-a", "plan-b"]
    assert targets_document(regional.indicators)["plans"] == []
