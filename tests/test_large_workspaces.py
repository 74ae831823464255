"""Large workspaces: the summary view, batched ledger validation, and its progress."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.core.errors import name_list
from sdtrack.present.render import status as render
from sdtrack.present.render import terminal as terminal_output
from sdtrack.present.status_rows import status_view
from sdtrack.present.status_view import StatusRow, StatusView
from sdtrack.store import validation as workspace_module
from sdtrack.store.locations import READINGS_FILE, locate_workspace
from sdtrack.store.validation import validate_ledger_text
from sdtrack.store.workspace import load_workspace

from .conftest import TODAY

SOURCE = '{ document = "Plan", publisher = "Test", date = 2020-01-01, quote = "Reach it." }'


def _big_workspace(directory: Path, indicators: int, readings: int = 3) -> Path:
    """Indicators whose odd members fall (off track) and even members rise (on track)."""
    directory.mkdir()
    targets = ['schema = 1\ntitle = "Large"\n']
    ledger = ["schema = 1\n"]
    for n in range(indicators):
        targets.append(
            f'\n[[indicator]]\nid = "ind-{n:04d}"\nname = "Indicator {n}"\nname_zh = "指标{n}"\n'
            f'unit = "units"\nkind = "stock"\n\n[[indicator.target]]\nid = "ind-{n:04d}-2030"\n'
            f'comparison = "at_least"\nvalue = 200\ndeadline = 2030\nsource = {SOURCE}\n'
        )
        for year in range(readings):
            value = 100 + (year * 30 if n % 2 == 0 else -year * 10)
            ledger.append(
                f'\n[[reading]]\nindicator = "ind-{n:04d}"\nvalue = {value}\n'
                f'date = {2023 + year}\nsource = "Bulletin {year}"\n'
            )
    (directory / "targets.toml").write_text("".join(targets), encoding="utf-8")
    (directory / READINGS_FILE).write_text("".join(ledger), encoding="utf-8")
    return directory


def test_a_large_workspace_shows_a_summary_and_the_rows_needing_attention(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Over the threshold: counts by status, the off-track rows (capped), and how to see all."""
    count = render.SUMMARY_THRESHOLD + 40
    directory = _big_workspace(tmp_path / "big", count)
    result = runner.invoke(app, ["status", "--dir", str(directory)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"{count} targets as of 2026-11-22" in out
    assert "Status" in out
    assert "Share" in out
    off_track = count // 2
    assert f"Needing attention: {off_track} target(s), the first {render.ATTENTION_ROWS}" in out
    shown = [line for line in out.splitlines() if line.strip().startswith("ind-")]
    assert len(shown) == render.ATTENTION_ROWS
    assert "ind-0001-2030" in out
    assert "ind-0000-2030" not in out
    assert "`sdtrack status --all` prints every row" in out


def test_all_prints_every_row(runner: CliRunner, tmp_path: Path) -> None:
    """--all prints one row per target however many there are."""
    count = render.SUMMARY_THRESHOLD + 5
    directory = _big_workspace(tmp_path / "big", count)
    result = runner.invoke(app, ["status", "--all", "--dir", str(directory)])
    assert result.exit_code == 0, result.output
    for n in range(count):
        assert f"ind-{n:04d}-2030" in result.stdout
    assert "--all` prints" not in result.stdout


def test_a_workspace_at_the_threshold_prints_every_row(runner: CliRunner, tmp_path: Path) -> None:
    """Up to the threshold, the full table is the default."""
    directory = _big_workspace(tmp_path / "small", render.SUMMARY_THRESHOLD)
    result = runner.invoke(app, ["status", "--dir", str(directory)])
    assert "Needing attention" not in result.stdout
    assert f"ind-{render.SUMMARY_THRESHOLD - 1:04d}-2030" in result.stdout


def test_a_status_view_survives_its_json_form(tmp_path: Path) -> None:
    """The cached form of the view reads back equal to the view."""
    from sdtrack.present.report import build_status

    directory = _big_workspace(tmp_path / "w", 6)
    report = build_status(load_workspace(locate_workspace(directory, None, directory)), TODAY)
    view = status_view(report)
    assert StatusView.from_data(view.to_data()) == view


def test_batched_validation_equals_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches of two give the same ledger as one parse of the whole file, in the same order."""
    directory = _big_workspace(tmp_path / "w", 7, readings=5)
    location = locate_workspace(directory, None, directory)
    batched = load_workspace(location)
    monkeypatch.setattr(workspace_module, "_validate_batches", lambda *args: None)
    whole = load_workspace(location)
    assert batched.ledger == whole.ledger
    assert batched.readings == whole.readings
    assert len(whole.readings) == 35


def test_a_header_line_inside_a_string_does_not_split_an_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `[[reading]]` line inside a multi-line note stays part of the note."""
    monkeypatch.setattr(workspace_module, "LEDGER_BATCH", 1)
    directory = _big_workspace(tmp_path / "w", 1, readings=1)
    ledger = directory / READINGS_FILE
    note = 'note = """\nsee below\n[[reading]]\nend of note"""\n'
    ledger.write_text(ledger.read_text(encoding="utf-8") + note, encoding="utf-8")
    readings = load_workspace(locate_workspace(directory, None, directory)).readings
    assert len(readings) == 1
    assert readings[0].note == "see below\n[[reading]]\nend of note"


def test_progress_is_reported_up_to_the_whole_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The progress callback sees growing counts that end at the text's length."""
    monkeypatch.setattr(workspace_module, "LEDGER_BATCH", 4)
    directory = _big_workspace(tmp_path / "w", 5, readings=4)
    location = locate_workspace(directory, None, directory)
    seen: list[tuple[int, int]] = []
    load_workspace(location, progress=lambda done, total: seen.append((done, total)))
    total = len((directory / READINGS_FILE).read_text(encoding="utf-8"))
    assert len(seen) == 5
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (total, total)


def test_a_broken_ledger_is_still_reported_with_its_line(tmp_path: Path) -> None:
    """When a batch fails, the whole-file parse names the line, as it always did."""
    directory = _big_workspace(tmp_path / "w", 3)
    ledger = directory / READINGS_FILE
    text = ledger.read_text(encoding="utf-8").replace("value = 130", "value = oops", 1)
    label = Path("readings.toml")
    targets = load_workspace(locate_workspace(directory, None, directory)).targets
    _, problems = validate_ledger_text(text, label, targets)
    line = text.splitlines().index("value = oops") + 1
    assert [p.line for p in problems] == [line]


def test_long_id_lists_are_cut_short() -> None:
    """A message lists a dozen names and how many there are, not a thousand."""
    names = [f"ind-{n}" for n in range(1000)]
    assert name_list(names[:3]) == "ind-0, ind-1, ind-2"
    assert name_list(names).endswith("ind-11, … (1,000 in all)")
    assert name_list([]) == "none"


def test_a_progress_bar_is_drawn_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slow work draws a bar on a terminal's stderr; piped, nothing is written at all."""
    from rich.console import Console

    monkeypatch.setattr(terminal_output, "PROGRESS_AFTER_SECONDS", 0.0)
    monkeypatch.setenv("TERM", "xterm")  # Rich draws no live bar on a dumb terminal
    for terminal in (True, False):
        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=terminal, width=80)
        monkeypatch.setattr(terminal_output, "make_console", lambda stderr=False, c=console: c)
        with terminal_output.progress_on_stderr("Reading the ledger") as progress:
            progress(1, 4)
            progress(2, 4)
        assert ("Reading the ledger" in buffer.getvalue()) is terminal
        assert terminal or buffer.getvalue() == ""


def test_piped_status_of_a_large_ledger_writes_nothing_on_stderr(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No progress output when stderr is not a terminal, however long the parse."""
    monkeypatch.setattr(terminal_output, "PROGRESS_AFTER_SECONDS", 0.0)
    monkeypatch.setattr(workspace_module, "LEDGER_BATCH", 3)
    directory = _big_workspace(tmp_path / "w", 10, readings=6)
    result = runner.invoke(app, ["status", "--dir", str(directory)])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_counts_in_the_summary_have_thousands_separators() -> None:
    """A workspace of thousands of targets reads `1,200 targets`, never `1200 targets`."""
    row = StatusRow(
        target_id="t",
        indicator_name="Indicator",
        superseded=False,
        declared="≥ 200 units by end-2030",
        time_left="4 years left",
        latest=None,
        latest_period=None,
        progress=None,
        gap=None,
        status="no data",
        stale=True,
    )
    view = StatusView("w", "2026-11-22", [("no data", 1200)], [], [row] * 1200, [])
    buffer = io.StringIO()
    render.print_status(Console(file=buffer, width=100, color_system=None), view)
    out = buffer.getvalue()
    assert "1,200 targets as of 2026-11-22: 1,200 no data" in out
    assert "1,200 latest reading(s) are stale" in out


@pytest.mark.parametrize(
    ("argv", "whole_reads"),
    [
        (["check"], 1),
        (["record", "ind-0001", "150", "--date", "2020", "--source", "Bulletin"], 1),
        (["correct", "READING", "160"], 2),  # loaded, then read again under the lock
        (["retract", "READING", "--reason", "Wrong series"], 2),
    ],
)
def test_every_whole_ledger_read_reports_progress(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    whole_reads: int,
) -> None:
    """check, record (without an index), correct and retract drive a bar for each read."""
    directory = _big_workspace(tmp_path / "w", 3)
    monkeypatch.setenv("SDTRACK_NO_CACHE", "1")
    reading_id = load_workspace(locate_workspace(directory, None, directory)).readings[0].key
    total = len((directory / READINGS_FILE).read_text(encoding="utf-8"))
    bars: list[list[tuple[int, int]]] = []

    @contextlib.contextmanager
    def recording(description: str) -> Iterator[Callable[[int, int], None]]:
        calls: list[tuple[int, int]] = []
        bars.append(calls)
        yield lambda done, whole: calls.append((done, whole))

    monkeypatch.setattr(terminal_output, "progress_on_stderr", recording)
    arguments = [reading_id if a == "READING" else a for a in argv]
    result = runner.invoke(app, [*arguments, "--dir", str(directory)])
    assert result.exit_code == 0, result.output
    finished = [calls for calls in bars if calls and calls[-1] == (total, total)]
    assert len(finished) == whole_reads, bars
