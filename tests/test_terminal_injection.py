"""Hostile stored text reaches the terminal inert, whatever command prints it.

A source, a note, a quote, an indicator's name, a path, `$SDTRACK_DIR`, an `-o` name:
any of them may hold ESC sequences (clear the screen, set the window title, an OSC 8
link), 8-bit C1 controls or bidi overrides. On a colour terminal the only escape
sequences sdtrack writes are the SGR codes (and OSC 8 links) Rich makes itself; piped
with NO_COLOR it writes no ESC at all. Each command runs through Typer's CliRunner in
both modes; the start-up path and a real terminal (a pty) run as subprocesses.
"""

from __future__ import annotations

import itertools
import json
import os
import pty
import re
import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.fast.cache import store_entry
from sdtrack.fast.help_cache import CACHE_KIND, help_key, saved_help
from sdtrack.store.locations import locate_workspace

from .conftest import append_reading, make_reading
from .core.test_inert import CONTROLS, HOSTILE_TEXT, SEQUENCES

# The escape sequences Rich writes itself: SGR, and the OSC 8 links it makes.
RICH_ESCAPE = re.compile(
    r"\x1b\[[0-9;]*m|\x1b\]8;id=[0-9]+;[^\x00-\x1f\x7f-\x9f]*\x1b\\|\x1b\]8;;\x1b\\"
)
MODES = ("piped", "colour")
VALUES = itertools.count(300_000)  # each appended reading its own value, so its own id
# Hostile text a field accepts (not blank) and an environment or a path can hold (no NUL).
FIELD_TEXT = HOSTILE_TEXT.map(lambda text: "\x1b[2J" + text + " S")
PATH_TEXT = HOSTILE_TEXT.map(
    lambda text: ("\x1b]0;t\x07" + text).replace("\x00", "").replace("/", "")[:60]
)
PROPERTY = settings(
    max_examples=8,
    phases=(
        Phase.explicit,
        Phase.reuse,
        Phase.generate,
    ),  # a failure is shown, not shrunk for minutes
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_inert(written: str, mode: str) -> None:
    """Only Rich's own escapes; no other ESC, C0 (but newline and tab), DEL, C1 or bidi."""
    if mode == "piped":
        assert "\x1b" not in written, repr(written)
    rest = RICH_ESCAPE.sub("", written)
    bad = sorted({c for c in rest if c in CONTROLS})
    assert not bad, (bad, repr(rest)[:2000])


def invoke(runner: CliRunner, args: list[str], mode: str, **env: str) -> tuple[int, str, str]:
    """Run `sdtrack ARGS` piped with NO_COLOR, or as on a colour terminal (FORCE_COLOR)."""
    colour = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": None}
    environment: dict[str, str | None] = {**(colour if mode == "colour" else {}), **env}
    result = runner.invoke(app, args, env=environment)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, every character but letters and digits escaped."""
    return (
        '"' + "".join(c if c.isascii() and c.isalnum() else f"\\U{ord(c):08X}" for c in text) + '"'
    )


def with_name(workspace: Path, original: str, name: str) -> None:
    """targets.toml with its first indicator's name replaced by `name`."""
    first = re.search(r'(?m)^name = ".*"$', original)
    assert first is not None
    replaced = original[: first.start()] + f"name = {toml_string(name)}" + original[first.end() :]
    (workspace / "targets.toml").write_text(replaced, encoding="utf-8")


@PROPERTY
@given(source=FIELD_TEXT, note=FIELD_TEXT, quote=FIELD_TEXT)
def test_show_and_readings_print_stored_text_inert(
    runner: CliRunner, workspace: Path, source: str, note: str, quote: str
) -> None:
    """A reading's source, note, quote and url, shown by `show` and `readings`."""
    location = locate_workspace(workspace, None, workspace)
    reading = make_reading(
        source=source, note=note, quote=quote, url="https://x/" + note, value=Decimal(next(VALUES))
    )
    append_reading(location, reading)
    for mode in MODES:
        for args in (["show", "5g-base-stations"], ["readings"], ["readings", "5g-base-stations"]):
            code, out, err = invoke(runner, [*args, "--dir", str(workspace)], mode)
            assert code == 0, err
            assert "^[[2J" in out  # shown, not dropped
            assert_inert(out + err, mode)


@PROPERTY
@given(name=FIELD_TEXT)
def test_status_and_targets_print_a_hostile_name_inert(
    runner: CliRunner, workspace: Path, name: str
) -> None:
    """An indicator's name from targets.toml, in `status`, `status --all`, `targets`, `show`."""
    original = (workspace / "targets.toml").read_text(encoding="utf-8")
    with_name(workspace, original, name)
    assert (
        tomllib.loads((workspace / "targets.toml").read_text("utf-8"))["indicator"][0]["name"]
        == name
    )
    for mode in MODES:
        for args in (["status"], ["status", "--all"], ["targets"], ["show", "smart-communities"]):
            code, out, err = invoke(runner, [*args, "--dir", str(workspace)], mode)
            assert code == 0, err
            assert_inert(out + err, mode)


@PROPERTY
@given(source=FIELD_TEXT, note=FIELD_TEXT)
def test_record_confirms_inert(runner: CliRunner, workspace: Path, source: str, note: str) -> None:
    """`record`'s confirmation names the source it was given, inert."""
    for mode in MODES:
        args = ["record", "iot-terminals", "2.3亿", "--date", "2024", "--source", source]
        args += ["--note", note, "--allow-duplicate", "--dir", str(workspace)]
        code, out, err = invoke(runner, args, mode)
        assert code == 0, err
        assert "^[[2J" in out
        assert_inert(out + err, mode)


@PROPERTY
@given(value=FIELD_TEXT, indicator=FIELD_TEXT)
def test_check_errors_are_inert(
    runner: CliRunner, workspace: Path, value: str, indicator: str
) -> None:
    """`check` quoting a bad value and an unknown indicator id, and `status` refusing them."""
    ledger = workspace / "readings.toml"
    shipped = ledger.read_text(encoding="utf-8").split("\n#HOSTILE\n")[0]
    bad = (
        f"\n[[reading]]\nindicator = 'iot-terminals'\nvalue = {toml_string(value)}\ndate = 2024\n"
        f"source = {toml_string(value)}\n"
        f"\n[[reading]]\nindicator = {toml_string(indicator)}\nvalue = 1\ndate = 2024\n"
        "source = 's'\n"
    )
    ledger.write_text(shipped + "\n#HOSTILE\n" + bad, encoding="utf-8")
    for mode in MODES:
        for args in (["check"], ["status"], ["readings"]):
            code, out, err = invoke(runner, [*args, "--dir", str(workspace)], mode)
            assert code == 1, (args, out, err)
            assert_inert(out + err, mode)


@pytest.mark.parametrize("sequence", SEQUENCES)
def test_check_errors_on_raw_control_bytes_are_inert(
    runner: CliRunner, workspace: Path, sequence: str
) -> None:
    """A ledger holding raw control characters (bad TOML) is refused with an inert message."""
    ledger = workspace / "readings.toml"
    ledger.write_text(
        ledger.read_text("utf-8") + f'\n[[reading]]\nsource = "{sequence}"\n', "utf-8"
    )
    for mode in MODES:
        code, out, err = invoke(runner, ["check", "--dir", str(workspace)], mode)
        assert code == 1, err
        assert_inert(out + err, mode)


@PROPERTY
@given(name=PATH_TEXT)
def test_a_hostile_workspace_path_is_named_inert(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    """An error naming `$SDTRACK_DIR` or `--dir`, a directory that does not exist."""
    missing = str(tmp_path / "absent" / name)
    for mode in MODES:
        for args, env in (
            (["status"], {"SDTRACK_DIR": missing}),
            (["status", "--dir", missing], {}),
        ):
            code, out, err = invoke(runner, args, mode, **env)
            assert code in (1, 2), err
            assert "^[]0;t" in err
            assert_inert(out + err, mode)


@pytest.mark.parametrize("sequence", SEQUENCES)
def test_export_names_a_hostile_output_inert(
    runner: CliRunner, workspace: Path, tmp_path: Path, sequence: str
) -> None:
    """`export -o` says what it wrote, naming the file inert; the file has its real name."""
    name = (sequence + "report.md").replace("/", "")
    for mode in MODES:
        target = tmp_path / mode / name
        target.parent.mkdir()
        code, out, err = invoke(
            runner, ["export", "-o", str(target), "--dir", str(workspace)], mode
        )
        assert code == 0, err
        assert target.is_file()
        assert "wrote" in err
        assert_inert(out + err, mode)


@pytest.mark.parametrize(
    "args",
    [
        ["\x1b[2Jstatus"],
        ["status", "--\x1b]0;t\x07"],
        ["show", "a", "\x9b2J\u202e"],
        ["--lang", "\x1b]8;;https://x\x1b\\", "status"],
        ["export", "--format", "\x1b[2J"],
        ["status", "\x1b]0;t\x07no-such-id"],
    ],
)
@pytest.mark.parametrize("mode", MODES)
def test_argument_errors_are_inert(runner: CliRunner, args: list[str], mode: str) -> None:
    """Typer's error box and sdtrack's argument errors quote a hostile argument inert."""
    code, out, err = invoke(runner, args, mode)
    assert code == 2
    assert_inert(out + err, mode)


def test_json_output_is_inert(runner: CliRunner, workspace: Path) -> None:
    """`--json` escapes every control (C1 and bidi too) inside its strings: the same data."""
    source = "".join(SEQUENCES) + "\x7f\u2066 S"
    append_reading(locate_workspace(workspace, None, workspace), make_reading(source=source))
    code, out, err = invoke(runner, ["readings", "--json", "--dir", str(workspace)], "colour")
    assert code == 0, err
    assert "\x1b" not in out
    assert_inert(out, "piped")
    assert source in [reading["source"] for reading in json.loads(out)["readings"]]


def test_a_tampered_help_cache_is_replayed_inert(tmp_path: Path) -> None:
    """A help entry that holds escape sequences is served with its styles only."""
    argv = ["status", "--help"]
    store_entry(
        tmp_path, CACHE_KIND, help_key(argv), [], "\x1b[1mUsage\x1b[0m \x1b]0;t\x07\x9b2J\n"
    )
    assert saved_help(tmp_path, argv) == "\x1b[1mUsage\x1b[0m ^[]0;t^G<U+009B>2J\n"


def run_in_terminal(args: list[str], environment: dict[str, str]) -> bytes:
    """`sdtrack ARGS` through the console-script entry point, its stdout a real terminal."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "sdtrack", *args],
            stdin=subprocess.DEVNULL,
            stdout=terminal,
            stderr=terminal,
            env=environment,
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the command is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    finally:
        os.close(controller)
    return b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_real_terminal_sees_only_rich_escapes(workspace: Path, tmp_path: Path) -> None:
    """On a pty (`status` on the start-up path, `show` through Typer, an error naming
    `$SDTRACK_DIR`), with and without the cache, only Rich's own escapes are written."""
    hostile = "".join(SEQUENCES) + "\x7f\u2066 S"
    with_name(workspace, (workspace / "targets.toml").read_text("utf-8"), hostile)
    append_reading(locate_workspace(workspace, None, workspace), make_reading(source=hostile))
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "COLUMNS": "200",
        "SDTRACK_CACHE_DIR": str(tmp_path / "cache"),
    }
    runs = [
        (["status", "--dir", str(workspace)], environment),
        (["status", "--dir", str(workspace)], environment),  # from the cache
        (["show", "5g-base-stations", "--dir", str(workspace)], environment),
        (["status"], {**environment, "SDTRACK_DIR": str(tmp_path / "\x1b]0;t\x07\u009b2J")}),
        (["status", "--help"], environment),
        (["status", "--help"], environment),  # from the help cache
    ]
    for args, env in runs:
        written = run_in_terminal(args, env).decode("utf-8", "replace")
        assert "\x1b[" in written or args[-1] == "--help" or "SDTRACK_DIR" in env
        assert_inert(written.replace("\r\n", "\n"), "colour")
