"""The readings command: every reading with its id and state, or one reading's history."""

from __future__ import annotations

import io
import json
import tomllib
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sdtrack.core.ledger import Entry
from sdtrack.core.model import Reading, Retraction
from sdtrack.core.periods import Period
from sdtrack.store.ledger_file import READINGS_HEADER, reading_block, retraction_block

from .conftest import run
from .test_record import REGIONAL_TARGETS, regional

__all__ = ["regional"]  # the fixture, shared with test_record

LATEST_5G = "cited-5g-base-stations-2024-06"


def _count(workspace: Path, item_id: str | None = None) -> int:
    """How many readings the shipped ledger (which the dataset's authors extend) lists."""
    from sdtrack.commands.loading import load

    return len(load(workspace).select_entries(item_id))


def test_readings_of_an_indicator(runner: CliRunner, workspace: Path) -> None:
    """An indicator's readings are listed with their ids and counted by state."""
    code, out, err = run(runner, "readings", "5g-base-stations", "--dir", str(workspace))
    assert code == 0, err
    n = _count(workspace, "5g-base-stations")
    assert out.startswith(f"{n} reading(s), {n} current, 0 replaced\n")
    assert LATEST_5G in out


def test_a_corrected_reading_shows_its_history(runner: CliRunner, workspace: Path) -> None:
    """After a correction, the old reading's history shows it superseded; --current hides it."""
    before = _count(workspace, "5g-base-stations")
    assert run(runner, "correct", LATEST_5G, "23万", "--dir", str(workspace))[0] == 0
    code, out, _ = run(runner, "readings", LATEST_5G, "--dir", str(workspace))
    assert code == 0
    assert out.startswith("2 reading(s), 1 current, 1 replaced\n")
    assert "superseded by" in out
    code, out, _ = run(runner, "readings", LATEST_5G, "--json", "--dir", str(workspace))
    old, new = json.loads(out)["readings"]
    assert old["id"] == LATEST_5G
    assert old["superseded_by"] == new["id"]
    assert new["corrects"] == LATEST_5G
    code, out, _ = run(
        runner, "readings", "5g-base-stations", "--current", "--json", "--dir", str(workspace)
    )
    ids = [r["id"] for r in json.loads(out)["readings"]]
    assert LATEST_5G not in ids
    assert len(ids) == before  # the correction replaced one: the count is unchanged


def test_limit_since_and_newest(runner: CliRunner, workspace: Path) -> None:
    """--newest lists the latest period first, --since keeps later periods, --limit cuts."""
    code, out, err = run(runner, "readings", "--newest", "--json", "--dir", str(workspace))
    assert code == 0, err
    assert json.loads(out)["readings"]
    code, out, _ = run(
        runner, "readings", "--newest", "--limit", "2", "--json", "--dir", str(workspace)
    )
    assert len(json.loads(out)["readings"]) == 2
    code, out, _ = run(
        runner, "readings", "5g-base-stations", "--since", "2024", "--json", "--dir", str(workspace)
    )
    assert code == 0
    kept = json.loads(out)["readings"]
    assert kept
    assert all(str(r["date"]) >= "2024" for r in kept)
    code, out, _ = run(runner, "readings", "--limit", "0", "--dir", str(workspace))
    assert code == 0


def test_bad_limit_and_since_are_usage_errors(runner: CliRunner, workspace: Path) -> None:
    code, _, err = run(runner, "readings", "--limit", "-1", "--dir", str(workspace))
    assert code == 2
    assert "--limit" in err
    code, _, err = run(runner, "readings", "--since", "soon", "--dir", str(workspace))
    assert code == 2
    assert "a day (2024-04-10), a month (2024-06) or a year (2023)" in err


def test_the_selection_orders_ties_latest_recorded_first(workspace: Path) -> None:
    from sdtrack.commands.loading import load
    from sdtrack.commands.readings import selected

    entries = load(workspace).select_entries("5g-base-stations")
    newest = selected(entries, current=False, since=None, newest=True, limit=None)
    keys = [(e.reading.date, e.index) for e in newest]
    assert keys == sorted(keys, reverse=True)


def test_a_long_listing_is_printed_in_tables_of_a_few_hundred_rows(
    runner: CliRunner, workspace: Path, monkeypatch: object
) -> None:
    """Rows come out a table at a time, each with its header, not as one giant table."""
    import pytest

    from sdtrack.present.render import ledger

    tables = -(-_count(workspace) // 5)
    patch = pytest.MonkeyPatch()
    patch.setattr(ledger, "ROWS_AT_ONCE", 5)
    try:
        code, out, _ = run(runner, "readings", "--dir", str(workspace))
    finally:
        patch.undo()
    assert code == 0
    assert out.count(" Id ") == tables  # tables of at most five rows


def _record_cities(runner: CliRunner, regional: Path) -> None:
    for region, value in (("jinan", "3.1万"), ("青岛", "3.3万"), (None, "20万")):
        where = ["--region", region] if region else []
        code, _, err = run(
            runner, "record", "stations", value, "--date", "2024", *where,
            "--source", "Bulletin", "--dir", str(regional),
        )  # fmt: skip
        assert code == 0, err


def test_each_readings_region_is_named_and_filtered_by(runner: CliRunner, regional: Path) -> None:
    """A city's reading has the city's name under its indicator (the own region's none);
    --region, by id or name, keeps one region's readings, the own region's included."""
    _record_cities(runner, regional)
    code, out, err = run(runner, "readings", "--dir", str(regional))
    assert code == 0, err
    assert out.startswith("3 reading(s), 3 current, 0 replaced\n")
    under = [line.split() for line in out.splitlines() if line.startswith("  ")]
    assert [words[0] for words in under if words] == ["Jinan", "Qingdao"]
    code, out, _ = run(runner, "readings", "--region", "青岛市", "--json", "--dir", str(regional))
    assert [(r["region"], r["value"]) for r in json.loads(out)["readings"]] == [("qingdao", 33000)]
    code, out, _ = run(runner, "readings", "--region", "Shandong", "--json", "--dir", str(regional))
    assert [(r["region"], r["value"]) for r in json.loads(out)["readings"]] == [(None, 200000)]
    code, out, err = run(runner, "readings", "--region", "Atlantis", "--dir", str(regional))
    assert code == 2
    assert "--region: unknown region 'Atlantis'" in err


def test_regions_are_named_in_chinese(runner: CliRunner, regional: Path) -> None:
    _record_cities(runner, regional)
    code, out, err = run(runner, "readings", "stations", "--lang", "zh", "--dir", str(regional))
    assert code == 0, err
    assert "济南市" in out
    assert "青岛市" in out
    assert "Jinan" not in out


# ---------------------------------------------------------------------------------------
# A listing printed as the ledger is read: the same bytes as reading the ledger whole.


@pytest.fixture
def streaming(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """No read cache, tables of three rows, the ledger validated two entries at a time;
    `stream(on)` lets a listing of any ledger be printed as it is read (on) or only after
    it is read whole (off)."""
    from sdtrack.commands import readings
    from sdtrack.present.render import ledger
    from sdtrack.store import ledger_stream

    monkeypatch.setenv("SDTRACK_NO_CACHE", "1")
    monkeypatch.setattr(ledger, "ROWS_AT_ONCE", 3)
    monkeypatch.setattr(ledger_stream, "ENTRIES_AT_ONCE", 2)
    outlined = ledger_stream.outline
    STREAMS.clear()

    def counted(text: str, more_than: int = 0) -> ledger_stream.Outline | None:
        plan = outlined(text, more_than)
        STREAMS.append(plan is not None)
        return plan

    monkeypatch.setattr(ledger_stream, "outline", counted)

    def stream(on: bool) -> None:
        monkeypatch.setattr(readings, "STREAM_ABOVE", 0 if on else 10**9)

    return stream


STREAMS: list[bool] = []  # each outline `streaming` saw: whether the ledger had one


def _both(
    runner: CliRunner, stream: Callable[[bool], None], *args: str
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """What `readings ARGS` prints streamed, and read whole."""
    stream(True)
    streamed = run(runner, "readings", *args)
    stream(False)
    return streamed, run(runner, "readings", *args)


def _reading(number: int, indicator: str = "stations", **fields: Any) -> Reading:
    values = {"indicator": indicator, "value": Decimal(number), "date": Period.year(2024)}
    values["source"] = f"Bulletin {number}"
    return Reading.model_validate({"id": f"x{number}", **values, **fields})


def _write(directory: Path, *items: Reading | Retraction | str) -> Path:
    """A workspace of REGIONAL_TARGETS whose ledger holds `items` (text as it is)."""
    directory.mkdir(exist_ok=True)
    (directory / "targets.toml").write_text(REGIONAL_TARGETS, encoding="utf-8")
    blocks = [
        i if isinstance(i, str) else reading_block(i) if isinstance(i, Reading) else
        retraction_block(i)
        for i in items
    ]  # fmt: skip
    (directory / "readings.toml").write_text(READINGS_HEADER + "".join(blocks), "utf-8")
    return directory


# Plain, Chinese and hostile text, brackets and braces.
SOURCES = ["Bulletin", "Bulletin 2", "Bulletin 3", "大众日报", "A\x1b]8;;http://x\x07B"]
SOURCES += ["bidi \u202e end", "tab\tand\x7f", "Bulletin 4", "Table [3]", "{x} y"]


@st.composite
def ledgers(draw: st.DrawFn) -> list[Reading | Retraction]:
    """Readings of cities and of the province, corrections, retractions and imports."""
    items: list[Reading | Retraction] = []
    readings: list[Reading] = []
    replaced: set[str] = set()
    for step in range(draw(st.integers(1, 14))):
        kind = draw(st.sampled_from(["reading"] * 4 + ["correction", "retraction", "import"]))
        open_ = [r for r in readings if r.key not in replaced]
        if kind in ("correction", "retraction") and open_:
            old = draw(st.sampled_from(open_))
            replaced.add(old.key)
            if kind == "retraction":
                items.append(Retraction(reading=old.key, reason=draw(st.sampled_from(SOURCES))))
                continue
            update = {"id": f"c{step}", "value": old.value + 1, "batch": None, "batch_size": None}
            new = old.model_copy(update=update)
            items.append(new.model_copy(update={"corrects": old.key}))
            readings.append(items[-1])  # type: ignore[arg-type]
            continue
        size = draw(st.integers(2, 4)) if kind == "import" else 1
        for part in range(size):
            fields: dict[str, Any] = {
                "indicator": draw(st.sampled_from(["stations", "gigabit", "people"])),
                "value": Decimal(draw(st.integers(0, 16))),
                "date": draw(st.sampled_from(["2021", "2023-06", "2024", "2025-01-31"])),
                "region": draw(st.sampled_from([None, None, "jinan", "qingdao", "shandong"])),
                "source": draw(st.sampled_from(SOURCES)),
                "id": f"r{step}-{part}",
            }
            if draw(st.integers(0, 3)) == 0:
                fields["note"] = draw(st.sampled_from(SOURCES))
            if size > 1:
                fields.update(batch=f"imp-{step}", batch_size=size)
            items.append(Reading.model_validate({k: v for k, v in fields.items() if v is not None}))
            readings.append(items[-1])  # type: ignore[arg-type]
    return items


ARGUMENTS = [
    [],
    ["--current"],
    ["--limit", "4"],
    ["--limit", "40"],
    ["--current", "--limit", "2"],
    ["--since", "2024"],
    ["stations"],
    ["jinan-stations-2025", "--limit", "3"],
    ["gigabit", "--current"],
    ["--region", "jinan"],
    ["--region", "Shandong", "--current"],
    ["--region", "青岛", "--since", "2023-01"],
    ["--lang", "zh"],
    ["--lang", "zh", "--current", "--limit", "5"],
]


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=ledgers(), args=st.sampled_from(ARGUMENTS))
def test_a_streamed_listing_is_the_listing_read_whole(
    streaming: Callable[[bool], None],
    tmp_path_factory: pytest.TempPathFactory,
    items: list[Reading | Retraction],
    args: list[str],
) -> None:
    """For random ledgers (cities, corrections, retractions, imports, hostile text) and
    filters, the streamed listing prints the bytes that reading the ledger whole prints."""
    directory = _write(tmp_path_factory.mktemp("ledger") / "ws", *items)
    STREAMS.clear()
    streamed, whole = _both(CliRunner(), streaming, *args, "--dir", str(directory))
    assert streamed == whole
    assert whole[0] == 0, whole[2]
    assert STREAMS[0]  # the streamed run's ledger had an outline: it was streamed
    assert "\x1b" not in whole[1]
    assert "\u202e" not in whole[1]


def test_a_streamed_listing_is_written_as_it_goes(
    runner: CliRunner, streaming: Callable[[bool], None], tmp_path: Path, monkeypatch: Any
) -> None:
    """The first line is out before targets.toml (and so the ledger) is validated."""
    from sdtrack.store import validation

    directory = _write(tmp_path / "ws", *(_reading(n) for n in range(7)))

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(validation, "validate_targets", interrupted)
    streaming(True)
    code, out, _ = run(runner, "readings", "--dir", str(directory))
    assert code == 130
    assert out == "7 reading(s), 7 current, 0 replaced\n"


def test_the_streamed_first_line_is_the_listings_in_each_language(chinese: None) -> None:
    from rich.console import Console

    from sdtrack.present.render.ledger import print_entries
    from sdtrack.present.render.terminal import print_reading_counts

    for count, current in ((1, 1), (7, 3)):
        entries = [Entry(_reading(n), n, None if n < current else "x") for n in range(count)]
        whole, alone = Console(width=60, record=True), Console(width=60, record=True)
        print_entries(whole, entries, {"stations": _indicator()})
        print_reading_counts(alone, count, current)
        first = alone.export_text()
        assert first.count("\n") == 1
        assert whole.export_text().startswith(first)
        assert first.startswith(f"共{count}条")


def _indicator() -> Any:
    from sdtrack.core.model import TargetsFile

    return TargetsFile.model_validate(tomllib.loads(REGIONAL_TARGETS)).indicators[0]


def test_an_import_cut_short_is_never_listed(
    runner: CliRunner, streaming: Callable[[bool], None], tmp_path: Path
) -> None:
    """Readings before the cut-off import are listed; the import's never are, nor
    anything after it; the problem is reported as reading the whole ledger reports it."""
    cut = [_reading(n, batch="imp-1", batch_size=3) for n in (10, 11)]
    directory = _write(tmp_path / "ws", *(_reading(n) for n in range(4)), *cut, _reading(20))
    (code, out, err), whole = _both(runner, streaming, "--dir", str(directory))
    assert (code, err) == (whole[0], whole[2]) == (1, whole[2])
    assert "import imp-1 was cut off: 2 of its 3 readings are here" in err
    assert out.startswith("7 reading(s), 7 current, 0 replaced\n")
    assert "x2" in out  # the whole tables before the import
    assert "x3" not in out  # its table is not whole
    assert "x10" not in out
    assert "x11" not in out
    assert "x20" not in out
    assert whole[1] == ""


def test_an_import_cut_short_at_the_end_prints_nothing(
    runner: CliRunner, streaming: Callable[[bool], None], tmp_path: Path
) -> None:
    cut = [_reading(n, batch="imp-1", batch_size=3) for n in (10, 11)]
    directory = _write(tmp_path / "ws", *(_reading(n) for n in range(4)), *cut)
    streamed, whole = _both(runner, streaming, "--dir", str(directory))
    assert streamed == whole
    assert whole[:2] == (1, "")


def test_a_bad_entry_late_in_the_ledger_is_located(
    runner: CliRunner, streaming: Callable[[bool], None], tmp_path: Path
) -> None:
    """The rows before it are printed; then the located problem, and exit 1, as ever."""
    bad = '\n[[reading]]\nid = "bad"\nindicator = "stations"\nvalue = "N/A"\ndate = 2024\n'
    bad += 'source = "s"\n'
    directory = _write(tmp_path / "ws", *(_reading(n) for n in range(9)), bad, _reading(30))
    (code, out, err), whole = _both(runner, streaming, "--dir", str(directory))
    assert code == whole[0] == 1
    assert err == whole[2]
    assert "readings.toml:" in err
    assert "reading[9].value" in err
    assert "'N/A'" in err
    assert out.startswith("11 reading(s), 11 current, 0 replaced\n")
    assert "x2" in out  # whole tables of valid entries before the bad one's batch
    assert "x30" not in out
    assert whole[1] == ""


@pytest.mark.parametrize("problem", ["duplicate id", "broken targets"])
def test_a_problem_found_before_any_row_leaves_the_first_line_alone(
    runner: CliRunner, streaming: Callable[[bool], None], tmp_path: Path, problem: str
) -> None:
    """A duplicate id, or a broken targets.toml, is found before any row is printed."""
    items = [_reading(n) for n in range(5)]
    if problem == "duplicate id":
        items.append(_reading(2).model_copy(update={"value": Decimal(9)}))
    directory = _write(tmp_path / "ws", *items)
    if problem == "broken targets":
        (directory / "targets.toml").write_text("schema = 1\ntitle = \n", encoding="utf-8")
    (code, out, err), whole = _both(runner, streaming, "--dir", str(directory))
    assert (code, err) == (whole[0], whole[2])
    assert code == 1
    assert out == f"{len(items)} reading(s), {len(items)} current, 0 replaced\n"


def test_hostile_text_stays_inert_when_streamed(
    runner: CliRunner, streaming: Callable[[bool], None], tmp_path: Path
) -> None:
    hostile = _reading(1, source="evil \x1b]8;;http://x\x07link\x1b]8;;\x07 \x9b2J \u202eRTL")
    directory = _write(tmp_path / "ws", _reading(0), hostile)
    streamed, whole = _both(runner, streaming, "--dir", str(directory))
    assert streamed == whole
    assert "\x1b" not in streamed[1]
    assert "\x9b" not in streamed[1]
    assert "^[" in streamed[1]
    assert "<U+202E>" in streamed[1]


def test_a_streamed_listing_on_a_terminal_is_the_listing_read_whole(
    runner: CliRunner, streaming: Callable[[bool], None], tmp_path: Path, monkeypatch: Any
) -> None:
    """Each table is laid out alone either way: colours and a narrow width included."""
    from sdtrack.present.render import terminal

    made = terminal.make_console

    def coloured(*, stderr: bool = False) -> Any:
        console = made(stderr=stderr)
        console._force_terminal = True  # what FORCE_COLOR sets
        console._color_system = console._detect_color_system()
        console.width = 70
        return console

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(terminal, "make_console", coloured)
    items = [_reading(n, region="jinan" if n % 2 else None) for n in range(8)]
    directory = _write(tmp_path / "ws", *items, Retraction(reading="x3", reason="wrong"))
    streamed, whole = _both(runner, streaming, "--dir", str(directory))
    assert streamed == whole
    assert "\x1b[" in whole[1]  # coloured


def test_a_streamed_listing_is_kept_in_the_read_cache(
    runner: CliRunner, streaming: Callable[[bool], None], tmp_path: Path, monkeypatch: Any
) -> None:
    """Warm, it is printed again from the cache, byte for byte, without reading the ledger."""
    from sdtrack.fast import read_cache
    from sdtrack.store import ledger_stream

    monkeypatch.setattr(read_cache, "code_stamp", list)  # others may be editing the code
    monkeypatch.delenv("SDTRACK_NO_CACHE")
    monkeypatch.setenv("SDTRACK_CACHE_DIR", str(tmp_path / "cache"))
    directory = _write(tmp_path / "ws", *(_reading(n) for n in range(8)))
    streaming(True)
    first = run(runner, "readings", "--dir", str(directory))
    monkeypatch.setattr(ledger_stream, "outline", None)  # a call would fail
    assert run(runner, "readings", "--dir", str(directory)) == first
    assert first[0] == 0
    assert first[1].startswith("8 reading(s)")


def test_a_reader_gone_is_seen_before_the_next_write() -> None:
    """`| head -1` closes the pipe after the first line: the listing stops there, without
    the work before its next write (which would fail: exit 141, as ever)."""
    import os

    from rich.console import Console

    from sdtrack.commands.readings import reader_gone

    read, write = os.pipe()
    with os.fdopen(write, "w") as stream:
        console = Console(file=stream)
        assert not reader_gone(console)
        assert not reader_gone(console, 1)
        os.close(read)
        assert reader_gone(console)
    assert not reader_gone(Console(file=io.StringIO()))
