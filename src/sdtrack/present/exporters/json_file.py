"""JSON: the versioned envelope, with every target, trend, reading and gap paragraph; the
workspace's region, the plans the targets belong to, and each indicator's breakdown over
the region's children (`present.regional`: each one's latest reading, every roll-up).

Its JSON Schema is docs/report.schema.json.
"""

from __future__ import annotations

from collections.abc import Sequence

from sdtrack.present.documents import envelope
from sdtrack.present.exporters.base import ExportContext, ExportFile, ExportOptions
from sdtrack.present.exporters.regions import breakdown_dict, plan_dict
from sdtrack.present.json_text import EncodedItems, write_json


def report_json(context: ExportContext, readings: EncodedItems | None = None) -> dict[str, object]:
    """The export's document; its readings as records, or as `readings`' JSON texts (the
    same document, written without a record for each)."""
    return envelope(
        "export",
        context.as_of,
        {
            "title": context.title,
            "workspace": context.workspace,
            "region": context.geography.own,
            "generated_at": context.generated_at.isoformat(),
            "method": context.method,
            "summary": context.summary(),
            "outlook_summary": context.outlook_summary(),
            "targets": context.target_records(),
            "indicators_without_target": context.trend_records(),
            "readings": context.reading_records() if readings is None else readings,
            "plans": [plan_dict(plan, targets) for plan, targets in context.reported_plans()],
            "breakdowns": [breakdown_dict(b, context) for b in context.reported_breakdowns()],
        },
    )


def render(context: ExportContext, options: ExportOptions) -> Sequence[ExportFile]:
    pieces: list[bytes] = []
    document = report_json(context, context.reading_texts())
    write_json(document, lambda piece: pieces.append(piece.encode("utf-8")))
    pieces.append(b"\n")
    return [ExportFile("", b"".join(pieces))]
