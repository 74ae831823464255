"""Corrections, retractions and idempotent recording: history is appended, never rewritten."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import threading
import time
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.core.errors import DataError
from sdtrack.core.model import Reading
from sdtrack.store import ledger_file
from sdtrack.store.append import correct_reading, record_reading
from sdtrack.store.locations import READINGS_FILE, locate_workspace
from sdtrack.store.workspace import load_workspace

from ..conftest import NOW, append_reading, make_reading, tree_hashes

RECORD = ["record", "5g-base-stations", "23.5万", "--date", "2024", "--source", "Bulletin"]


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def record_id(runner: CliRunner, workspace: Path, *args: str) -> str:
    code, out, err = run(runner, *args, "--dir", str(workspace), "--json")
    assert code == 0, err
    return str(json.loads(out)["reading"]["id"])


def show_json(runner: CliRunner, workspace: Path) -> dict[str, object]:
    code, out, err = run(runner, "show", "5g-base-stations", "--json", "--dir", str(workspace))
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


def test_correct_appends_a_reading_that_supersedes_the_old_one(
    runner: CliRunner, workspace: Path
) -> None:
    """correct appends; the old bytes stay; show counts the correction and lists the old one."""
    old = record_id(runner, workspace, *RECORD)
    ledger = workspace / READINGS_FILE
    before = ledger.read_bytes()
    code, out, err = run(
        runner, "correct", old, "23.6万", "--note", "revised bulletin", "--dir", str(workspace)
    )
    assert code == 0, err
    assert f"correcting {old}" in out
    assert "236,000 base stations (was 235,000 base stations)" in out
    after = ledger.read_bytes()
    assert after.startswith(before)
    last = tomllib.loads(after.decode())["reading"][-1]
    assert last["corrects"] == old
    assert last["value"] == 236000
    assert last["source"] == "Bulletin"
    assert last["note"] == "revised bulletin"
    data = show_json(runner, workspace)
    values = [r["value"] for r in data["readings"]]  # type: ignore[attr-defined]
    assert 236000 in values
    assert 235000 not in values
    (replaced,) = data["replaced"]  # type: ignore[misc]
    assert replaced["id"] == old
    assert replaced["superseded_by"] == last["id"]


def test_correct_with_a_new_source_drops_the_old_url_and_quote(
    runner: CliRunner, workspace: Path
) -> None:
    """A correction from another source does not keep the old source's url and quote."""
    old = record_id(runner, workspace, *RECORD, "--url", "https://a.example", "--quote", "q")
    code, _, err = run(
        runner, "correct", old, "236000", "--source", "Yearbook", "--dir", str(workspace)
    )
    assert code == 0, err
    last = tomllib.loads((workspace / READINGS_FILE).read_text("utf-8"))["reading"][-1]
    assert last["source"] == "Yearbook"
    assert "url" not in last
    assert "quote" not in last


def test_a_superseded_reading_cannot_be_corrected_again(runner: CliRunner, workspace: Path) -> None:
    """Correcting an already corrected reading is refused, pointing at its successor."""
    old = record_id(runner, workspace, *RECORD)
    assert run(runner, "correct", old, "236000", "--dir", str(workspace))[0] == 0
    before = tree_hashes(workspace)
    code, _, err = run(runner, "correct", old, "237000", "--dir", str(workspace))
    assert code == 2
    assert f"{old} is already superseded by r-" in err
    assert tree_hashes(workspace) == before


def test_retract_withdraws_a_reading_and_keeps_it_in_the_history(
    runner: CliRunner, workspace: Path
) -> None:
    """retract appends a [[retraction]]; the reading no longer counts but is still listed."""
    old = record_id(runner, workspace, *RECORD)
    before = (workspace / READINGS_FILE).read_bytes()
    code, out, err = run(
        runner, "retract", old, "--reason", "wrong province", "--dir", str(workspace)
    )
    assert code == 0, err
    assert f"Retracted {old}: wrong province" in out
    after = (workspace / READINGS_FILE).read_bytes()
    assert after.startswith(before)
    retraction = tomllib.loads(after.decode())["retraction"][-1]
    assert retraction == {"reading": old, "reason": "wrong province", "recorded": NOW}
    data = show_json(runner, workspace)
    assert all(r["id"] != old for r in data["readings"])  # type: ignore[attr-defined]
    code, out, _ = run(runner, "readings", old, "--dir", str(workspace))
    assert code == 0
    assert "retracted: wrong province" in out
    code, out, _ = run(runner, "show", "5g-base-stations", "--dir", str(workspace))
    assert "Replaced readings (1)" in out


def test_readings_lists_history_and_current(runner: CliRunner, workspace: Path) -> None:
    """readings ID shows a correction chain oldest first; --current hides replaced ones."""
    first = record_id(runner, workspace, *RECORD)
    code, out, _ = run(runner, "correct", first, "236000", "--dir", str(workspace), "--json")
    second = json.loads(out)["reading"]["id"]
    code, out, _ = run(runner, "readings", second, "--json", "--dir", str(workspace))
    assert code == 0
    chain = json.loads(out)["readings"]
    assert [r["id"] for r in chain] == [first, second]
    assert chain[0]["current"] is False
    assert chain[1]["corrects"] == first
    code, out, _ = run(
        runner, "readings", "5g-base-stations", "--current", "--json", "--dir", str(workspace)
    )
    ids = [r["id"] for r in json.loads(out)["readings"]]
    assert second in ids
    assert first not in ids
    code, out, _ = run(runner, "readings", "--dir", str(workspace))
    assert code == 0
    assert "superseded by" in out


def test_record_key_makes_a_repeated_run_a_no_op(runner: CliRunner, workspace: Path) -> None:
    """A second record with the same --key writes nothing, says so, and exits 0."""
    args = [*RECORD, "--key", "bulletin-2024", "--dir", str(workspace)]
    assert run(runner, *args)[0] == 0
    before = tree_hashes(workspace)
    code, out, _ = run(runner, *args)
    assert code == 0
    assert "Already recorded under key 'bulletin-2024'" in out
    assert "nothing written" in out
    code, out, _ = run(runner, *args, "--json")
    assert json.loads(out)["already_recorded"] is True
    assert tree_hashes(workspace) == before


def test_exact_duplicate_is_refused_even_under_another_id(
    runner: CliRunner, workspace: Path
) -> None:
    """A reading equal to one with a hand-given id is still recognised as a duplicate."""
    code, _, err = run(
        runner, "record", "smart-communities", "301", "--date", "2021-07-19", "--source",
        "The seanews, \"Shandong's Digital Economy Gets Off to Flying Start with Output "
        "Value of Over 3 Trillion Yuan\", 19 July 2021", "--dir", str(workspace),
    )  # fmt: skip
    assert code == 2
    assert "already recorded as seed-smart-communities-2021" in err


def test_decisions_see_what_others_appended_since_loading(workspace: Path) -> None:
    """A stale workspace still sees a key another process recorded: the check is locked."""
    location = locate_workspace(workspace, None, workspace)
    stale = load_workspace(location)
    reading = make_reading(key="job-7")
    fresh = load_workspace(location)
    first = record_reading(location, fresh.targets, reading, allow_duplicate=False)
    assert first.plan.existing is None
    again = record_reading(location, stale.targets, reading, allow_duplicate=False)
    assert again.plan.existing is not None
    ledger = tomllib.loads((workspace / READINGS_FILE).read_text("utf-8"))
    assert sum(r.get("key") == "job-7" for r in ledger["reading"]) == 1


def test_nothing_is_appended_to_a_ledger_broken_since_loading(workspace: Path) -> None:
    """If the ledger became invalid after loading, the append is refused and nothing written."""
    location = locate_workspace(workspace, None, workspace)
    loaded = load_workspace(location)
    ledger = workspace / READINGS_FILE
    ledger.write_text(ledger.read_text("utf-8") + "\n[[reading]\n", encoding="utf-8")
    before = tree_hashes(workspace)
    with pytest.raises(DataError, match="TOML syntax error"):
        record_reading(location, loaded.targets, make_reading(), allow_duplicate=False)
    assert tree_hashes(workspace) == before


def test_lock_timeout_is_a_clear_error(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While another process holds the lock, a writer gives up with a message, writing nothing."""
    monkeypatch.setattr(ledger_file, "LOCK_TIMEOUT_SECONDS", 0.2)
    location = locate_workspace(workspace, None, workspace)
    before = tree_hashes(workspace)
    with (workspace / READINGS_FILE).open("rb") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)
        with pytest.raises(DataError, match="another sdtrack command has held the lock"):
            append_reading(location, make_reading())
    assert tree_hashes(workspace) == before


def test_short_entries_get_their_own_table_header(workspace: Path) -> None:
    """A short entry gets a [[reading]] header, not an inline array that joins the last table."""
    location = locate_workspace(workspace, None, workspace)
    append_reading(location, Reading.model_validate(
        {"indicator": "iot-terminals", "value": 1, "date": "2024", "source": "s"}
    ))  # fmt: skip
    append_reading(location, Reading.model_validate(
        {"indicator": "iot-terminals", "value": 2, "date": "2024", "source": "s"}
    ))  # fmt: skip
    readings = load_workspace(location).readings
    assert [r.value for r in readings if r.indicator == "iot-terminals"][-2:] == [1, 2]


def test_unreadable_file_is_reported_even_when_running_as_root(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    """Permission denied (simulated, since root reads chmod-000 files) is a clean exit 1."""
    real_open = Path.open

    def denying_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "targets.toml":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", denying_open)
    code, _, err = run(runner, "check", "--dir", str(workspace))
    assert code == 1
    assert f"{workspace / 'targets.toml'}: cannot be read (permission denied)" in err


@pytest.mark.parametrize("command", ["readings", "correct", "retract"])
def test_new_commands_have_help_with_examples(runner: CliRunner, command: str) -> None:
    """readings, correct and retract explain themselves with examples."""
    code, out, _ = run(runner, command, "--help")
    assert code == 0
    assert "Examples" in out
    assert f"sdtrack {command}" in out


def test_a_ledger_replaced_while_waiting_for_the_lock_gets_the_append(workspace: Path) -> None:
    """If an editor saves the ledger by rename while a writer waits, the append is not lost."""
    location = locate_workspace(workspace, None, workspace)
    ledger = workspace / READINGS_FILE
    saved = workspace / "editor-save.tmp"
    saved.write_bytes(ledger.read_bytes() + b"\n# saved by an editor\n")
    holder = ledger.open("rb")
    fcntl.flock(holder, fcntl.LOCK_EX)

    def editor_saves_then_releases() -> None:
        time.sleep(0.3)
        os.replace(saved, ledger)
        holder.close()

    thread = threading.Thread(target=editor_saves_then_releases)
    thread.start()
    append_reading(location, make_reading(source="written while an editor saved"))
    thread.join()
    text = ledger.read_text("utf-8")
    assert "# saved by an editor" in text
    assert load_workspace(location).readings[-1].source == "written while an editor saved"


def test_a_failed_flush_to_disk_leaves_the_ledger_as_it_was(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An I/O error on fsync cuts the ledger back and is a clean error, not a traceback."""
    location = locate_workspace(workspace, None, workspace)
    before = tree_hashes(workspace)

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(DataError, match="Input/output error; nothing was recorded"):
        append_reading(location, make_reading())
    assert tree_hashes(workspace) == before


def test_recorded_holds_the_indicators_readings_of_every_region(workspace: Path) -> None:
    """`record` judges its region's targets from `Recorded.earlier`: the indicator's
    current readings of every region, as the ledger was under the lock."""
    where = locate_workspace(workspace, None, workspace)
    targets = load_workspace(where).targets
    city = make_reading(id="r-city", region="qingdao", source="City report")
    append_reading(where, city)
    recorded = record_reading(
        where, targets, make_reading(source="Province report"), allow_duplicate=False
    )
    assert "r-city" in {r.key for r in recorded.earlier}
    assert {r.region for r in recorded.earlier} >= {None, "qingdao"}


def test_a_correction_keeps_or_moves_the_region(workspace: Path) -> None:
    where = locate_workspace(workspace, None, workspace)
    targets = load_workspace(where).targets
    append_reading(where, make_reading(id="r-city", region="qingdao", source="City report"))
    _old, kept = correct_reading(
        where, targets, "r-city", "23万", source=None, note=None, recorded=NOW
    )
    assert kept.region == "qingdao"
    _old, moved = correct_reading(
        where, targets, kept.key, "23万", source=None, note="Jinan's", recorded=NOW,
        region="jinan",
    )  # fmt: skip
    assert moved.region == "jinan"
    _old, own = correct_reading(
        where, targets, moved.key, "23万", source=None, note="the province's", recorded=NOW,
        region=None,
    )  # fmt: skip
    assert own.region is None


class _Observer:
    """Keeps what `append` tells it."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[Reading], tuple[object, ...], int, int]] = []

    def appended(self, previous, entries, before, fd):  # type: ignore[no-untyped-def]
        size_now = os.fstat(fd).st_size
        self.calls.append((list(previous("5g-base-stations")), tuple(entries), before.st_size,
                           size_now))  # fmt: skip
        return True


def test_the_observer_is_told_of_the_append_with_the_ledger_before_it(workspace: Path) -> None:
    """Under the lock, after the write: the indicator's readings before the append, the
    entries written, and the ledger's size before and after."""
    location = locate_workspace(workspace, None, workspace)
    before = load_workspace(location).ledger.current_readings("5g-base-stations")
    size = location.readings_path.stat().st_size
    observer = _Observer()
    reading = make_reading(value=250000, date="2025")
    record_reading(location, load_workspace(location).targets, reading, allow_duplicate=False,
                   observer=observer)  # fmt: skip
    ((previous, entries, size_before, size_after),) = observer.calls
    assert [r.key for r in previous] == [r.key for r in before]
    assert [e.value for e in entries] == [reading.value]  # type: ignore[union-attr]
    assert size_before == size
    assert size_after == location.readings_path.stat().st_size > size


def test_nothing_appended_tells_the_observer_nothing(workspace: Path) -> None:
    location = locate_workspace(workspace, None, workspace)
    targets = load_workspace(location).targets
    reading = make_reading(value=250000, date="2025", key="once")
    record_reading(location, targets, reading, allow_duplicate=False)
    observer = _Observer()
    record_reading(location, targets, reading, allow_duplicate=False, observer=observer)
    assert observer.calls == []
