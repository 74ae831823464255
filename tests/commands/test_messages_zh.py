"""Commands in Chinese: help, option help, progress and printed words go through the
catalog; an error still names the argument at fault; English help is unchanged.

The Chinese catalog is assembled later, so these tests speak a marking catalog (each
message comes back as ⟪message⟫), as tests/core/test_messages_zh.py does.
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sdtrack.commands import registry, spec
from sdtrack.commands.app import build_app
from sdtrack.commands.status import StatusParameters
from sdtrack.present.render.status import SUMMARY_THRESHOLD

from .conftest import run


def test_every_command_help_keeps_its_examples_verbatim() -> None:
    """Each HELP has its examples heading and `sdtrack …` command lines, unchanged."""
    for name in registry.COMMANDS:
        text = registry.load(name).help
        assert "\n[bold]Examples[/bold]\n\n  sdtrack " + name in text, name


def test_the_all_option_states_the_summary_threshold() -> None:
    """The help's literal number (a msgid has no f-string) is the renderer's threshold."""
    (field,) = [f for f in spec.fields_of(StatusParameters) if f.name == "show_all"]
    assert f"(over {SUMMARY_THRESHOLD} targets)" in field.parameter.help


def test_a_usage_error_in_chinese_still_names_its_option(
    runner: CliRunner, workspace: Path, marked: None
) -> None:
    code, _, err = run(
        runner, "record", "5g-base-stations", "22.4万", "--date", "2199",
        "--source", "S", "--dir", str(workspace),
    )  # fmt: skip
    assert code == 2
    assert "--date" in err
    assert "⟪2199 has not ended yet" in err


def test_an_unknown_id_in_chinese_is_refused_in_the_catalog_words(
    runner: CliRunner, workspace: Path, marked: None
) -> None:
    code, _, err = run(runner, "show", "nope", "--dir", str(workspace))
    assert code == 2
    assert "⟪no indicator or target has the id 'nope'⟫" in err


def test_help_and_option_help_are_looked_up(runner: CliRunner, marked: None) -> None:
    result = runner.invoke(
        build_app(),
        ["record", "--help"],
        terminal_width=240,
    )
    assert result.exit_code == 0
    assert "⟪Record a new reading" in result.stdout
    assert "⟪Address of the source.⟫" in result.stdout
    assert "⟪Workspace directory." in result.stdout


def test_init_says_what_to_do_next_in_the_language(
    runner: CliRunner, tmp_path: Path, marked: None
) -> None:
    code, out, _ = run(runner, "init", str(tmp_path / "ws"))
    assert code == 0
    assert f"⟪Next: cd {tmp_path / 'ws'} && sdtrack status⟫" in out.replace("\n", "")


def test_init_in_english_is_unchanged(runner: CliRunner, tmp_path: Path) -> None:
    code, out, _ = run(runner, "init", str(tmp_path / "ws"))
    assert code == 0
    assert f"Next: cd {tmp_path / 'ws'} && sdtrack status" in out.replace("\n", "")
