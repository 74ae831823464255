"""An append brings today's cached status up to date: equal to a full re-read, always."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdtrack.core.import_plan import ImportPlan
from sdtrack.core.importing import Candidate
from sdtrack.core.model import Reading, Retraction
from sdtrack.core.periods import Period
from sdtrack.fast import status_refresh
from sdtrack.fast.cache import load_checked
from sdtrack.fast.ledger_index import CachedLedgerIndex
from sdtrack.fast.status_cache import CACHE_KIND, cached_status, status_key
from sdtrack.fast.status_refresh import StatusRefresher, refresher
from sdtrack.present.status_parts import status_in_parts
from sdtrack.store.append import Decision, append, record_reading
from sdtrack.store.locations import WorkspaceLocation, locate_workspace
from sdtrack.store.workspace import init_workspace, load_targets

from ..conftest import TODAY

RECORDED = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)

# Indicators of the shipped dataset, each with values it accepts and regions it has:
# targets of the province and of a city, an input of a derived indicator, a growth target,
# percentages, and indicators without a target (trends).
VALUES: dict[str, tuple[st.SearchStrategy[Decimal], tuple[str | None, ...]]] = {
    "5g-base-stations": (st.integers(100_000, 400_000).map(Decimal), (None, "jinan", "qingdao")),
    "resident-population": (st.integers(100_000_000, 103_000_000).map(Decimal), (None,)),
    "it-industry-revenue": (st.integers(10, 30).map(lambda n: Decimal(n) * 10**11), (None,)),
    "5g-network-camping-ratio": (st.integers(30, 99).map(Decimal), (None,)),
    "iot-terminals": (st.integers(1, 30).map(lambda n: Decimal(n) * 10**7), (None,)),
    "smart-communities": (st.integers(1000, 6000).map(Decimal), (None,)),
}


@st.composite
def readings(draw: st.DrawFn) -> Reading:
    indicator = draw(st.sampled_from(sorted(VALUES)))
    values, regions = VALUES[indicator]
    year = draw(st.integers(2019, 2025))
    month = draw(st.none() | st.integers(1, 12))
    return Reading.model_validate(
        {
            "indicator": indicator,
            "value": draw(values),
            "date": Period.year(year) if month is None else Period.month(year, month),
            "region": draw(st.sampled_from(regions)),
            "source": f"Bulletin {draw(st.integers(1, 3))}",
            "recorded": RECORDED,
        }
    )


# Each step appends one reading (through the index, or the whole ledger) or a batch.
steps = st.lists(
    st.tuples(st.sampled_from(["index", "ledger", "batch"]), st.lists(readings(), min_size=1,
              max_size=3)),
    min_size=1,
    max_size=3,
)  # fmt: skip


def _plain(data: object) -> Any:
    return json.loads(json.dumps(data))


def _setup(directory: Path) -> tuple[WorkspaceLocation, Path]:
    init_workspace(directory / "ws", empty=False)
    location = locate_workspace(directory / "ws", None, directory / "ws")
    cache = directory / "cache"
    cached_status(location, TODAY, [], None, cache)  # today's status, kept with its parts
    return location, cache


def _append(location: WorkspaceLocation, cache: Path, how: str, new: list[Reading]) -> None:
    targets = load_targets(location)
    observer = StatusRefresher(cache, location, targets, TODAY)
    if how == "batch":
        rows = [Candidate(r.model_copy(), "sheet.csv", n, "value") for n, r in enumerate(new, 2)]
        entries = ImportPlan(rows).mark_batch()  # copies: the plan marks its own
        append(location, targets, lambda _: Decision(entries, None), observer=observer)
        return
    units = {i.id: i.unit_info for i in targets.indicators}
    index = CachedLedgerIndex(cache, location.readings_path, units) if how == "index" else None
    for reading in new:
        record_reading(
            location, targets, reading, allow_duplicate=True, index=index, observer=observer
        )


def _kept(location: WorkspaceLocation, cache: Path) -> Any:
    found = load_checked(cache, CACHE_KIND, status_key(location, TODAY, [], None))
    return None if found is None else found[0]


def _whole(location: WorkspaceLocation) -> Any:
    computed = status_in_parts(location, TODAY, None)
    return _plain({"json": computed.document, "view": computed.view})


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_after_any_appends_the_kept_status_is_a_full_re_read(
    appends: list[tuple[str, list[Reading]]],
) -> None:
    """Readings of cities and the province, inputs of a derived indicator, conflicting
    figures of one moment, through the index, the whole ledger or a batch: after each
    append the status kept for today is the one a full read of the files computes."""
    with tempfile.TemporaryDirectory() as temporary:
        location, cache = _setup(Path(temporary))
        for how, new in appends:
            _append(location, cache, how, new)
            assert _kept(location, cache) == _whole(location)


def test_a_derived_indicator_follows_its_input(tmp_path: Path) -> None:
    location, cache = _setup(tmp_path)

    def per_10k() -> Any:
        kept = _kept(location, cache)
        assert kept is not None
        (target,) = (t for t in kept["json"]["targets"] if t["indicator_id"].endswith("per-10k"))
        return target["latest"]

    before = per_10k()
    reading = Reading.model_validate(
        {"indicator": "resident-population", "value": Decimal(50_000_000),
         "date": Period.year(2024), "source": "Census", "recorded": RECORDED}
    )  # fmt: skip
    _append(location, cache, "ledger", [reading])
    assert _kept(location, cache) == _whole(location)
    assert per_10k() != before


def test_a_correction_or_retraction_leaves_the_entry_to_be_recomputed(tmp_path: Path) -> None:
    """Entries that change an earlier one's state are not patched in: the kept status no
    longer matches the ledger, and the next status reads it whole."""
    location, cache = _setup(tmp_path)
    targets = load_targets(location)
    observer = StatusRefresher(cache, location, targets, TODAY)
    first = location.readings_path.read_text(encoding="utf-8").split('id = "', 2)[1].split('"')[0]
    retraction = Retraction(reading=first, reason="withdrawn", recorded=RECORDED)
    append(location, targets, lambda _: Decision(retraction, None), observer=observer)
    assert _kept(location, cache) is None
    result = cached_status(location, TODAY, [], None, cache)
    assert _plain({"json": result.document, "view": result.view.to_data()}) == _whole(location)


def test_a_ledger_changed_behind_the_cache_is_not_patched(tmp_path: Path) -> None:
    """If the ledger was edited after the status was kept, the parts describe another
    file: the append leaves the entry alone."""
    location, cache = _setup(tmp_path)
    path = location.readings_path
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reading = Reading.model_validate(
        {"indicator": "smart-communities", "value": Decimal(4000), "date": Period.year(2025),
         "source": "Bulletin", "recorded": RECORDED}
    )  # fmt: skip
    _append(location, cache, "ledger", [reading])
    assert _kept(location, cache) is None


def test_changed_targets_are_not_patched(tmp_path: Path) -> None:
    location, cache = _setup(tmp_path)
    targets_path = location.targets_path
    targets_path.write_text(targets_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    reading = Reading.model_validate(
        {"indicator": "smart-communities", "value": Decimal(4000), "date": Period.year(2025),
         "source": "Bulletin", "recorded": RECORDED}
    )  # fmt: skip
    _append(location, cache, "ledger", [reading])
    assert _kept(location, cache) is None


def test_a_failing_refresh_never_fails_the_append(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    location, cache = _setup(tmp_path)

    def broken(*_: object) -> None:
        raise RuntimeError("a bug in the refresh")

    monkeypatch.setattr(status_refresh, "assemble", broken)
    reading = Reading.model_validate(
        {"indicator": "smart-communities", "value": Decimal(4000), "date": Period.year(2025),
         "source": "Bulletin", "recorded": RECORDED}
    )  # fmt: skip
    _append(location, cache, "ledger", [reading])
    assert "smart-communities" in location.readings_path.read_text(encoding="utf-8")
    assert _kept(location, cache) is None


def test_without_a_cache_there_is_no_refresher(tmp_path: Path) -> None:
    init_workspace(tmp_path / "ws", empty=False)
    location = locate_workspace(tmp_path / "ws", None, tmp_path / "ws")
    targets = load_targets(location)
    assert refresher(None, location, targets, TODAY) is None
    assert isinstance(refresher(tmp_path / "cache", location, targets, TODAY), StatusRefresher)
