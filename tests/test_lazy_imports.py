"""Heavy libraries load only on the paths that use them, so every other command starts fast."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("matplotlib", "numpy", "jinja2", "openpyxl", "xlsxwriter", "yaml")

# Run one command line through the console-script entry point, then name the heavy
# libraries that ended up imported.
SCRIPT = """
import json, sys
from sdtrack.entry import main
argv, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["sdtrack", *argv]
try:
    main()
except SystemExit:
    pass
print("LOADED " + json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


def loaded_heavy_modules(argv: list[str], tmp_path: Path, names: tuple[str, ...]) -> list[str]:
    environment = {
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "NO_COLOR": "1",
        "COLUMNS": "120",
        "SDTRACK_NO_CACHE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(argv), json.dumps(names)],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    marker = [line for line in result.stderr.splitlines() if line.startswith("LOADED ")]
    assert marker, result.stderr
    loaded: list[str] = json.loads(marker[-1].removeprefix("LOADED "))
    return loaded


AS_OF = ["--as-of", "2026-11-22"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["status", *AS_OF],
        ["status", "--json", *AS_OF],
        ["gap", *AS_OF],
        ["show", "5g-base-stations", "--chart"],
        ["targets"],
        ["readings"],
        ["check"],
        ["export", "--format", "md", *AS_OF],
        ["export", "--format", "csv", *AS_OF],
        ["export", "--format", "json", *AS_OF],
    ],
)
def test_commands_that_draw_no_file_chart_load_no_heavy_library(
    argv: list[str], tmp_path: Path
) -> None:
    """Plotting, templating, spreadsheet and YAML libraries stay unloaded off their paths."""
    assert loaded_heavy_modules(argv, tmp_path, HEAVY) == []


@pytest.mark.parametrize(
    ("export_format", "needed"),
    [("html", {"jinja2"}), ("xlsx", set()), ("open-sdg", {"yaml"})],
)
def test_each_export_loads_only_the_library_it_needs(
    export_format: str, needed: set[str], tmp_path: Path
) -> None:
    """An export format loads its own library and none of the others."""
    output = tmp_path / "out"
    argv = ["export", "--format", export_format, "-o", str(output), *AS_OF]
    loaded = set(loaded_heavy_modules(argv, tmp_path, HEAVY))
    assert output.exists()
    assert needed <= loaded
    assert loaded - needed == set()
