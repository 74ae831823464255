"""The entry point's own `status`: the same options and output as the Typer command."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from sdtrack import entry as launcher
from sdtrack.commands.app import app
from sdtrack.commands.spec import command_fields, parse_fast
from sdtrack.commands.status import StatusParameters as StatusRequest


def parse_status_request(argv: list[str]) -> StatusRequest | None:
    """What the start-up path reads of a `status` command line (None: Typer reads it)."""
    if not argv or argv[0] != "status":
        return None
    return parse_fast(StatusRequest, argv[1:])


def _run_entry_point(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["sdtrack", *argv])
    with pytest.raises(SystemExit) as exited:
        launcher.main()
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def test_status_options_are_the_typer_commands_options() -> None:
    """The fast parser knows every option of `status` (bar --help), and no other."""
    command = get_command(app)
    status = command.commands["status"]  # type: ignore[attr-defined]
    declared = {name for p in status.params if p.param_type_name == "option" for name in p.opts}
    known = {name for f in command_fields(StatusRequest) for name in f.parameter.names}
    assert known == declared


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["status"], StatusRequest()),
        (["status", "a", "b"], StatusRequest(ids=["a", "b"])),
        (["status", "--json", "--all"], StatusRequest(json=True, show_all=True)),
        (
            ["status", "-d", "ws", "--as-of=2025-01-01"],
            StatusRequest(directory=Path("ws"), as_of="2025-01-01"),
        ),
        (["status", "--method", "projection"], StatusRequest(method="projection")),
        (["status", "--", "--odd-id"], StatusRequest(ids=["--odd-id"])),
    ],
)
def test_status_command_lines_it_understands(argv: list[str], expected: StatusRequest) -> None:
    """Ids, flags, values with a space or `=`, and `--` are read as Typer reads them."""
    assert parse_status_request(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["show", "x"],
        ["status", "--help"],
        ["status", "--method", "guess"],
        ["status", "--as-of"],
        ["status", "--as-of", "2025-01-01", "--as-of", "2025-02-01"],
        ["status", "-d=ws"],
        ["status", "--json=yes"],
        ["status", "--unknown"],
    ],
)
def test_anything_else_goes_to_typer(argv: list[str]) -> None:
    """Help, other commands, unknown or repeated options and bad choices are Typer's."""
    assert parse_status_request(argv) is None


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--json"],
        ["--all"],
        ["--as-of", "2025-06-30", "--method", "projection"],
        ["5g-base-stations", "it-industry-revenue-2025"],
        ["no-such-id"],
        ["--as-of", "2025-02-30"],
        ["--dir", "/nonexistent/place"],
    ],
)
def test_entry_point_and_typer_print_the_same(
    args: list[str],
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Output, errors and exit code are the same by either path, cold and then cached."""
    typer_result = runner.invoke(app, ["status", *args])
    for _ in range(2):
        code, out, err = _run_entry_point(["status", *args], monkeypatch, capsys)
        assert (code, out, err) == (
            typer_result.exit_code,
            typer_result.stdout,
            typer_result.stderr,
        )


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "md", "--as-of", "2025-06-30"],
        ["--format", "json", "5g-base-stations"],
        ["--format", "xlsx"],
        ["--format", "nope"],
        ["--as-of", "2025-02-30", "--format", "csv"],
    ],
)
def test_an_export_from_the_entry_point_is_typers(
    args: list[str],
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An export read by the start-up path, without Typer, writes what Typer's does, its
    refusals included; a line it cannot read goes to Typer."""
    typer_result = runner.invoke(app, ["export", *args])
    code, out, err = _run_entry_point(["export", *args], monkeypatch, capsys)
    assert (code, out, err) == (typer_result.exit_code, typer_result.stdout, typer_result.stderr)


def test_other_commands_go_through_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`targets` from the entry point is the Typer command's output."""
    code, out, _ = _run_entry_point(["targets"], monkeypatch, capsys)
    assert code == 0
    assert "5g-base-stations-2025" in out


def test_a_cached_status_loads_neither_typer_nor_pydantic(tmp_path: Path) -> None:
    """The start-up budget: a cached status imports Rich, and not Typer, Pydantic or the model."""
    script = (
        "import sys\n"
        "from sdtrack.entry import main\n"
        "sys.argv = ['sdtrack', 'status', '--as-of', '2026-11-22']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('typer', 'pydantic', 'sdtrack.core.model', 'sdtrack.core.assessment')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "120"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert all(run.returncode == 0 for run in runs), runs[-1].stderr
    assert "'pydantic'" in runs[0].stderr  # the first run computes
    assert "HEAVY []" in runs[1].stderr
    assert runs[0].stdout == runs[1].stdout


@pytest.mark.parametrize("argv", [["--help"], ["status", "--help"], ["record", "--help"]])
def test_help_is_typers_help_first_and_from_the_cache(
    argv: list[str],
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The entry point prints Typer's help, then the same text from the cache."""
    expected = runner.invoke(app, argv).stdout
    outputs = []
    for _ in range(2):
        monkeypatch.setattr(sys, "argv", ["sdtrack", *argv])
        launcher.main()
        outputs.append(capsys.readouterr().out)
    assert outputs == [expected, expected]


def test_cached_help_follows_the_terminal_width(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Help cached at one width is not served at another."""
    widths = {}
    for columns in ("120", "60", "120"):
        monkeypatch.setenv("COLUMNS", columns)
        monkeypatch.setattr(sys, "argv", ["sdtrack", "status", "--help"])
        launcher.main()
        out = capsys.readouterr().out
        widths.setdefault(columns, out)
        assert max(len(line) for line in out.splitlines()) <= int(columns)
        assert out == widths[columns]


def test_cached_help_follows_the_output_encoding(tmp_path: Path) -> None:
    """Help cached for a UTF-8 stream is not served to an ASCII one, which gets its own."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "SDTRACK_CACHE_DIR": str(tmp_path / "cache"),
        "COLUMNS": "100",
    }

    def status_help(encoding: str, cache: bool = True) -> subprocess.CompletedProcess[bytes]:
        extra = {} if cache else {"SDTRACK_NO_CACHE": "1"}
        return subprocess.run(
            [sys.executable, "-m", "sdtrack", "status", "--help"],
            env={**environment, **extra, "PYTHONIOENCODING": encoding},
            capture_output=True,
            check=False,
        )

    assert status_help("utf-8").returncode == 0
    ascii_help = status_help("ascii")
    assert ascii_help.returncode == 0, ascii_help.stderr.decode()
    assert ascii_help.stdout == status_help("ascii", cache=False).stdout


def test_only_plain_help_command_lines_are_cached() -> None:
    """`--help` and `COMMAND --help` only: a --help that is some option's value is not help."""
    assert launcher.is_help_request(["--help"])
    assert launcher.is_help_request(["gap", "--help"])
    assert not launcher.is_help_request([])
    assert not launcher.is_help_request(["record", "x", "1", "--source", "--help"])
    assert not launcher.is_help_request(["status", "--", "--help"])


def test_version_from_the_entry_point(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--version` prints what the Typer app prints."""
    monkeypatch.setattr(sys, "argv", ["sdtrack", "--version"])
    launcher.main()
    assert capsys.readouterr().out == runner.invoke(app, ["--version"]).stdout


# ---------------------------------------------------------------------------------------
# `-h`, and a reader that closes the pipe early (issue 14)

ENTRY_SCRIPT = "import sys; from sdtrack.entry import main; sys.argv[0] = 'sdtrack'; main()"


def _sdtrack(*argv: str, tmp_path: Path) -> list[str]:
    return [sys.executable, "-c", ENTRY_SCRIPT, *argv]


@pytest.mark.parametrize(
    "argv", [["-h"], ["status", "-h"], ["show", "-h"], ["record", "-h"], ["export", "-h"]]
)
def test_dash_h_is_help_on_the_app_and_every_command(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-h` prints the same help as `--help`, through the help cache or Typer."""
    env = {**os.environ, "SDTRACK_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}
    short = subprocess.run(
        _sdtrack(*argv, tmp_path=tmp_path), env=env, capture_output=True, text=True
    )
    long = [*argv[:-1], "--help"]
    full = subprocess.run(
        _sdtrack(*long, tmp_path=tmp_path), env=env, capture_output=True, text=True
    )
    assert short.returncode == 0, short.stderr
    assert short.stdout == full.stdout
    assert "Usage:" in short.stdout
    again = subprocess.run(
        _sdtrack(*argv, tmp_path=tmp_path), env=env, capture_output=True, text=True
    )
    assert again.stdout == short.stdout  # from the help cache this time


def test_every_command_takes_dash_h() -> None:
    from sdtrack.commands.registry import COMMANDS

    runner = CliRunner()
    for name in COMMANDS:
        result = runner.invoke(app, [name, "-h"])
        assert result.exit_code == 0, (name, result.output)
        assert "Usage:" in result.stdout


@pytest.mark.parametrize(
    "argv",
    [["status"], ["status", "--all"], ["readings"], ["targets"], ["--help"], ["-h"], ["--version"]],
)
def test_a_closed_pipe_ends_quietly(argv: list[str], tmp_path: Path) -> None:
    """`sdtrack status | head -1`: no message on stderr, and exit 141 (SIGPIPE's), never 1."""
    env = {**os.environ, "SDTRACK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("SDTRACK_DIR", None)
    for _attempt in range(2):  # the second run takes the cached (start-up) path
        process = subprocess.Popen(
            _sdtrack(*argv, tmp_path=tmp_path), env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, cwd=tmp_path,
        )  # fmt: skip
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # the reader went away before anything was written
        err = process.stderr.read()
        code = process.wait(timeout=120)
        process.stderr.close()
        assert err == b""
        assert code == 141


def test_a_pipe_closed_after_the_first_line_ends_quietly(tmp_path: Path) -> None:
    """The shell's own `| head -1`, on output longer than one line."""
    env = {**os.environ, "SDTRACK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("SDTRACK_DIR", None)
    command = f'{sys.executable} -c "{ENTRY_SCRIPT}" readings | head -1; echo ${{PIPESTATUS[0]}}'
    done = subprocess.run(
        ["bash", "-c", command], env=env, capture_output=True, text=True, cwd=tmp_path
    )
    first, status = done.stdout.splitlines()
    assert first.startswith("29 reading(s)") or "reading(s)" in first
    assert status in ("0", "141")  # 0 when all was written before head closed the pipe
    assert done.stderr == ""


def test_the_command_line_collects_garbage_seldom() -> None:
    """A command's objects live until it exits: the collector runs at mypy's threshold,
    not the default, in the process `sdtrack` starts (never in a library's)."""
    code = (
        "import gc, json, sys\n"
        "from sdtrack import entry\n"
        "before = gc.get_threshold()\n"
        "sys.argv = ['sdtrack', '--version']\n"
        "entry.main()\n"
        "print(json.dumps([before, gc.get_threshold()]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    before, after = json.loads(result.stdout.splitlines()[-1])
    assert tuple(before) != launcher.COLLECTOR_THRESHOLD
    assert tuple(after) == launcher.COLLECTOR_THRESHOLD


def test_the_objects_a_command_leaves_are_frozen_before_the_interpreter_exits(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last collection at exit then skips what the command built (it is only freed),
    whether the command returned or exited with its code."""
    for argv, ending in (
        (["sdtrack", "--version"], contextlib.nullcontext()),
        (["sdtrack", "--lang", "xx", "status"], pytest.raises(SystemExit)),
    ):
        gc.unfreeze()
        monkeypatch.setattr(sys, "argv", argv)
        with ending:
            launcher.main()
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
    capsys.readouterr()
