"""What the status table shows, as plain data: every phrase already worded.

A `StatusView` is built from a computed report once (by `status_rows`) and saved in the
cache; a later `sdtrack status` on unchanged files renders it without loading the model or
the assessment. It needs only the standard library.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

AWAITING_DATA = "awaiting_data"
OVERDUE = "overdue"
# The statuses a reader has to act on, most urgent first; other rows need attention only
# when their latest reading is stale.
ATTENTION_ORDER = ("off_track", "missed", OVERDUE, "behind", AWAITING_DATA)


@dataclass(frozen=True)
class StatusRow:
    """One target's row: what it declares, where it stands and how far it has to go."""

    target_id: str
    indicator_name: str
    superseded: bool
    declared: str
    time_left: str
    latest: str | None
    latest_period: str | None
    progress: float | None
    gap: str | None
    status: str
    stale: bool
    # The status as the reader's language words it; `status` stays the English code that
    # picks the colour and the order. Empty in entries cached before it existed.
    status_word: str = ""
    # What the trend says of a waiting target: its code (likely_met, likely_missed) and
    # its words; empty when there is none (and in entries cached before they existed).
    outlook: str = ""
    outlook_word: str = ""
    # Marks beside the status, worded; empty when they do not apply: the verdict's pace is
    # indicative (bounds, derived values, under a year), the period's readings disagree.
    indicative: str = ""
    disputed: str = ""
    # The progress as shown when it is a bound ("≥ 67 %"), and a note when there is no
    # progress to show because nothing was read since the base.
    progress_text: str = ""
    progress_note: str = ""
    # How many sources give the latest value, worded ("2 sources"); empty for one.
    latest_sources: str = ""
    # The plan that declared the target (its id), and, when a later target revised it,
    # that one worded: "superseded by 5g-base-stations-2025 (SCIO, 2024)".
    plan: str = ""
    superseded_by: str = ""
    # The target's region, when it is not the workspace's own ("Jinan").
    region: str = ""

    @property
    def status_shown(self) -> str:
        return self.status_word or self.status

    @property
    def needs_attention(self) -> bool:
        return self.status in ATTENTION_ORDER or self.stale or bool(self.disputed)

    @property
    def attention_rank(self) -> tuple[int, int]:
        """Urgent statuses first, in ATTENTION_ORDER; disputed rows before others alike."""
        order = ATTENTION_ORDER.index(self.status) if self.status in ATTENTION_ORDER else None
        return (len(ATTENTION_ORDER) if order is None else order, 0 if self.disputed else 1)

    def to_data(self) -> dict[str, Any]:
        """`asdict(self)`: every field is a string, a number, a flag or None, so that a
        copy of the fields is the deep copy `asdict` makes, at a tenth of its cost."""
        return dict(vars(self))


@dataclass(frozen=True)
class TrendRow:
    """An indicator without a target: its latest value and the direction it moves."""

    indicator_id: str
    indicator_name: str
    indicator_name_zh: str
    latest: str | None
    latest_period: str | None
    status: str | None
    band: str
    stale: bool
    status_word: str = ""  # as for `StatusRow.status_word`


@dataclass(frozen=True)
class RegionRow:
    """One region of a breakdown: its latest value, and its standing towards each
    count-of-regions target of the breakdown (a code and its words, in their order)."""

    region_id: str
    name: str
    latest: str | None
    period: str | None
    standings: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class RollUpLine:
    """One period's roll-up, worded: the total or why there is none, the parent's own
    figure, and the difference when they disagree ("" when they agree)."""

    period: str
    total: str
    own: str
    difference: str = ""


@dataclass(frozen=True)
class BreakdownTarget:
    """A target of a broken-down indicator: what it declares and where it stands; for a
    count-of-regions target, how many regions meet it and which are still missing."""

    target_id: str
    declared: str
    status: str
    status_word: str
    counts: str = ""
    missing: str = ""
    superseded: bool = False


@dataclass(frozen=True)
class BreakdownView:
    """An indicator's readings across the workspace region's children, worded."""

    indicator_id: str
    indicator_name: str
    level: str
    """The regions' level as a column heads them: "City"."""
    reported: str
    rows: list[RegionRow]
    targets: list[BreakdownTarget]
    rollups: list[RollUpLine]
    note: str = ""
    """Why there is no roll-up at all (a ratio, a share without weights); "" otherwise."""

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> BreakdownView:
        return cls(
            **{
                **_known(cls, data),
                "rows": [
                    RegionRow(
                        **{
                            **_known(RegionRow, row),
                            "standings": [(str(c), str(w)) for c, w in row.get("standings", [])],
                        }
                    )
                    for row in data["rows"]
                ],
                "targets": [BreakdownTarget(**_known(BreakdownTarget, t)) for t in data["targets"]],
                "rollups": [RollUpLine(**_known(RollUpLine, r)) for r in data["rollups"]],
            }
        )


@dataclass(frozen=True)
class RegionMatrix:
    """`status --by region`: each broken-down indicator, and one line for the targets
    whose indicators have no regional readings."""

    region: str
    breakdowns: list[BreakdownView]
    without: str = ""

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RegionMatrix:
        return cls(
            region=str(data["region"]),
            breakdowns=[BreakdownView.from_data(b) for b in data["breakdowns"]],
            without=str(data.get("without", "")),
        )


@dataclass(frozen=True)
class StatusView:
    workspace: str
    as_of: str
    summary: list[tuple[str, int]]
    methods: list[str]
    rows: list[StatusRow]
    trends: list[TrendRow]
    # Each status code of `summary` as the reader's language words it.
    status_words: dict[str, str] = field(default_factory=dict)
    # The as-of day as the reader's language writes it (2026年12月1日); "" for `as_of`.
    as_of_text: str = ""
    # Each waiting status (awaiting_data, overdue) with its targets counted by outlook,
    # worded: ("overdue", "9 overdue: 2 likely met, 7 unknown").
    waiting: list[tuple[str, str]] = field(default_factory=list)
    # What the rows were chosen by, worded, a line each ("Region: Jinan", "Plan: …").
    scope: list[str] = field(default_factory=list)
    # The plans of the rows shown: each id with its line ("Title — issuer, day").
    plans: list[tuple[str, str]] = field(default_factory=list)
    # `status --by region`: the regional breakdowns instead of the rows.
    matrix: RegionMatrix | None = None

    def status_shown(self, status: str) -> str:
        return self.status_words.get(status, status)

    @property
    def awaiting(self) -> int:
        return sum(row.status in (AWAITING_DATA, OVERDUE) for row in self.rows)

    @property
    def stale(self) -> int:
        return sum(row.stale for row in self.rows) + sum(trend.stale for trend in self.trends)

    def attention_rows(self) -> list[StatusRow]:
        """Rows a reader has to act on, most urgent status first (disputed ones first among
        rows of one status), then disputed rows of other statuses, stale ones last."""
        chosen = [row for row in self.rows if row.needs_attention]
        return sorted(chosen, key=lambda row: row.attention_rank)

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> StatusView:
        return cls(
            workspace=data["workspace"],
            as_of=data["as_of"],
            summary=[(str(status), int(n)) for status, n in data["summary"]],
            methods=list(data["methods"]),
            rows=[StatusRow(**_known(StatusRow, row)) for row in data["rows"]],
            trends=[TrendRow(**_known(TrendRow, trend)) for trend in data["trends"]],
            status_words=dict(data.get("status_words", {})),
            as_of_text=str(data.get("as_of_text", "")),
            waiting=[(str(status), str(line)) for status, line in data.get("waiting", [])],
            scope=[str(line) for line in data.get("scope", [])],
            plans=[(str(plan), str(line)) for plan, line in data.get("plans", [])],
            matrix=RegionMatrix.from_data(data["matrix"]) if data.get("matrix") else None,
        )


def _known(kind: type, data: dict[str, Any]) -> dict[str, Any]:
    """The entries of `data` that `kind` has fields for: a row saved by another version
    with a field this one lacks still loads (a missing one takes its default)."""
    names = {f.name for f in fields(kind)}
    return {name: value for name, value in data.items() if name in names}
