"""What the status table shows, as plain data: every phrase already worded.

A `StatusView` is built from a computed report once (by `status_rows`) and saved in the
cache; a later `sdtrack status` on unchanged files renders it without loading the model or
the assessment. It needs only the standard library.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

AWAITING_DATA = "deadline passed — awaiting data"
# The statuses a reader has to act on, most urgent first; other rows need attention only
# when their latest reading is stale.
ATTENTION_ORDER = ("off track", "missed", "behind", AWAITING_DATA)


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

    @property
    def status_shown(self) -> str:
        return self.status_word or self.status

    @property
    def needs_attention(self) -> bool:
        return self.status in ATTENTION_ORDER or self.stale


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

    def status_shown(self, status: str) -> str:
        return self.status_words.get(status, status)

    @property
    def awaiting(self) -> int:
        return sum(row.status == AWAITING_DATA for row in self.rows)

    @property
    def stale(self) -> int:
        return sum(row.stale for row in self.rows) + sum(trend.stale for trend in self.trends)

    def attention_rows(self) -> list[StatusRow]:
        """Rows a reader has to act on, most urgent status first, stale ones last."""
        rank = {status: n for n, status in enumerate(ATTENTION_ORDER)}
        chosen = [row for row in self.rows if row.needs_attention]
        return sorted(chosen, key=lambda row: rank.get(row.status, len(rank)))

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> StatusView:
        return cls(
            workspace=data["workspace"],
            as_of=data["as_of"],
            summary=[(str(status), int(n)) for status, n in data["summary"]],
            methods=list(data["methods"]),
            rows=[StatusRow(**row) for row in data["rows"]],
            trends=[TrendRow(**trend) for trend in data["trends"]],
            status_words=dict(data.get("status_words", {})),
            as_of_text=str(data.get("as_of_text", "")),
        )
