"""Command parameters as dataclasses, and the start-up path's exact reading of argv."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdtrack.commands.spec import fields_of, parse_fast
from sdtrack.commands.status import StatusParameters


def test_fields_of_lists_the_command_line_faces() -> None:
    """Every parameter of status has its option names or is the positional argument."""
    fields = {f.name: f for f in fields_of(StatusParameters)}
    assert fields["directory"].parameter.names == ("--dir", "-d")
    assert fields["as_of"].parameter.names == ("--as-of",)
    assert not fields["ids"].parameter.is_option
    assert not any(f.required for f in fields.values())


def test_parse_fast_reads_what_typer_would() -> None:
    """Options, inline values, flags, positional ids and `--` are read as Typer reads them."""
    parsed = parse_fast(StatusParameters, ["a", "-d", "ws", "--as-of=2025-12-31", "--json"])
    assert parsed == StatusParameters(
        ids=["a"], directory=Path("ws"), as_of="2025-12-31", json=True
    )
    assert parse_fast(StatusParameters, []) == StatusParameters()
    assert parse_fast(StatusParameters, ["--", "--json"]) == StatusParameters(ids=["--json"])
    assert parse_fast(StatusParameters, ["--method", "projection"]) == StatusParameters(
        method="projection"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["--colour"],
        ["--json", "--json"],
        ["--json=yes"],
        ["--dir"],
        ["--method", "guess"],
    ],
)
def test_parse_fast_leaves_anything_else_to_typer(argv: list[str]) -> None:
    """Help, unknown, repeated or malformed options and unknown choices give None."""
    assert parse_fast(StatusParameters, argv) is None
