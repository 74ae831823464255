"""Shell completion: ids and choices in bash, zsh and fish; nothing at all when broken."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sdtrack.commands import completion
from sdtrack.commands.app import app

ENTRY = [
    sys.executable,
    "-c",
    "import sys; from sdtrack.entry import main; sys.argv[0] = 'sdtrack'; main()",
]


def environment(shell: str, words: str, tmp_path: Path) -> dict[str, str]:
    """The variables a shell's completion script sets for the command line `words`."""
    env = {"_SDTRACK_COMPLETE": f"complete_{shell}", "SDTRACK_CACHE_DIR": str(tmp_path / "c")}
    if shell == "bash":
        env["COMP_WORDS"] = words
        env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


def complete(shell: str, words: str, tmp_path: Path) -> tuple[int, str, str]:
    """Click's completion, in this process, as the shell's script would drive it."""
    result = CliRunner().invoke(
        app, [], env=environment(shell, words, tmp_path), prog_name="sdtrack"
    )
    return result.exit_code, result.stdout, result.stderr


def complete_in_a_process(shell: str, words: str, tmp_path: Path) -> tuple[int, str, str]:
    """The same through the console script's entry point, in a process of its own."""
    env = {**os.environ, **environment(shell, words, tmp_path)}
    env.pop("SDTRACK_DIR", None)
    done = subprocess.run(ENTRY, env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


CASES = [
    ("sdtrack show 5g-base", "5g-base-stations"),
    ("sdtrack status 5g-base-stations-20", "5g-base-stations-2025"),
    ("sdtrack gap it-", "it-industry-revenue"),
    ("sdtrack due smart-c", "smart-communities"),
    ("sdtrack record smart-c", "smart-communities"),
    ("sdtrack export 5g-base-stations gig", "gigabit-cities"),
    ("sdtrack correct seed-smart", "seed-smart-communities-2021"),
    ("sdtrack retract seed-smart", "seed-smart-communities-2021"),
    ("sdtrack readings seed-smart", "seed-smart-communities-2021"),
    ("sdtrack readings 5g-base", "5g-base-stations"),
    ("sdtrack export --format ", "open-sdg"),
    ("sdtrack export -f x", "xlsx"),
    ("sdtrack status --method ", "linear-trend"),
    ("sdtrack gap --method proj", "projection"),
    ("sdtrack status --lang ", "zh"),
    ("sdtrack --lang ", "zh"),
    ("sdtrack record x 1 --qualifier ", "nearly"),
    ("sdtrack status --region qin", "qingdao"),
    ("sdtrack status --plan scio", "scio-2024-04-10"),
    ("sdtrack targets --plan scio", "scio-2024-04-10"),
    ("sdtrack status --by ", "region"),
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(("words", "expected"), CASES)
def test_ids_and_choices_complete_in_every_shell(
    shell: str, words: str, expected: str, tmp_path: Path
) -> None:
    """Every id argument and every choice completes, in each shell's own format."""
    code, out, err = complete(shell, words, tmp_path)
    assert (code, err) == (0, "")
    if shell == "zsh":
        assert out.startswith("_arguments")
        assert f'"{expected}"' in out
    else:
        assert expected in out.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_console_script_completes_ids(shell: str, tmp_path: Path) -> None:
    """Through the entry point (which leaves completion to Typer), ids come back too."""
    code, out, err = complete_in_a_process(shell, "sdtrack show 5g-base", tmp_path)
    assert (code, err) == (0, "")
    assert "5g-base-stations" in out


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_broken_workspace_completes_to_nothing(shell: str, tmp_path: Path) -> None:
    """A workspace whose targets.toml is broken gives no completions, and no traceback."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "targets.toml").write_text("[[indicator\n", encoding="utf-8")
    (workspace / "readings.toml").write_text("oops = \n", encoding="utf-8")
    for words in (f"sdtrack show --dir {workspace} ", f"sdtrack correct --dir {workspace} r"):
        code, out, err = complete(shell, words, tmp_path)
        assert (code, err) == (0, "")
        assert "Traceback" not in out
        assert "seed" not in out
        assert "5g" not in out


def test_a_completer_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever goes wrong in finding ids, the completer returns an empty list."""

    def broken(where: object) -> list[str]:
        raise RuntimeError("boom")

    assert completion.quiet(broken)(None, "") == []


def test_only_plain_words_are_offered() -> None:
    """An id that would break the shell's list (a space, a control character) is left out."""
    assert completion._offered(["a b", "a\x1b[2J", "ab", "ab", "ba"], "a") == ["ab"]


def test_reading_ids_come_from_the_index_when_it_matches(tmp_path: Path) -> None:
    """After a `record` built the ledger index, reading ids are read from it."""
    from .conftest import run

    workspace = tmp_path / "ws"
    runner = CliRunner()
    assert run(runner, "init", str(workspace))[0] == 0
    env = {"SDTRACK_CACHE_DIR": str(tmp_path / "cache")}
    old = dict(os.environ)
    os.environ.update(env)
    try:
        result = runner.invoke(
            app,
            ["record", "smart-communities", "999", "--date", "2023", "--source", "s",
             "--key", "k1", "--dir", str(workspace)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        from sdtrack.store.locations import locate_workspace

        where = locate_workspace(workspace, None, tmp_path)
        indexed = completion._indexed_reading_ids(where)
        assert indexed is not None
        assert "seed-smart-communities-2021" in indexed
        assert len(indexed) == len(completion.reading_ids(lambda: where))
    finally:
        os.environ.clear()
        os.environ.update(old)


def test_regions_and_plans_complete_from_the_workspace(tmp_path: Path) -> None:
    """The workspace's own region first, then the rest; its plans, oldest first."""
    from sdtrack.store.locations import locate_workspace

    from ..present.test_regional import CITIES, write_regional

    directory = write_regional(tmp_path / "regions")
    where = locate_workspace(directory, None, directory)
    regions = completion.region_ids(lambda: where)
    assert regions[:2] == ["shandong", "china"]
    assert regions[2:] == CITIES
    assert completion.plan_ids(lambda: where) == ["plan-a", "plan-b"]
    code, out, _ = complete("bash", f"sdtrack status --dir {directory} --plan plan-", tmp_path)
    assert (code, out.splitlines()) == (0, ["plan-a", "plan-b"])
