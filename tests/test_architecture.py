"""The architecture of docs/architecture.md holds: its floors, and modules of a readable size."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "src" / "sdtrack"
# docs/architecture.md: no module over about 500 lines, no command body over about 40.
MAX_MODULE_LINES = 500
MAX_COMMAND_BODY_LINES = 40


def test_import_contracts_are_kept() -> None:
    """import-linter's contracts in pyproject.toml (floors, no cycles, Typer and Rich kept
    in their floors, a pure core) all hold."""
    if importlib.util.find_spec("importlinter") is None:
        pytest.fail("import-linter is not installed; install the test extras")
    result = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
         "lint_imports_command()"],
        capture_output=True, text=True, cwd=REPO, check=False, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("module", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_too_long_to_read(module: Path) -> None:
    """Every module stays under the size a reader takes in at once."""
    lines = module.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{module.name}: {lines} lines"


@pytest.mark.parametrize(
    "module",
    sorted((PACKAGE / "commands").glob("*.py")),
    ids=lambda p: p.name,
)
def test_command_bodies_are_short(module: Path) -> None:
    """A command's `run` parses, calls the library and renders: a few lines, no more."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "run":
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_COMMAND_BODY_LINES, f"{module.name}: run is {length} lines"


def mirrored_test(module: Path) -> Path:
    """tests/<floor>/…/test_<module>.py for src/sdtrack/<floor>/…/<module>.py."""
    relative = module.relative_to(PACKAGE)
    return REPO / "tests" / relative.parent / f"test_{relative.stem}.py"


@pytest.mark.parametrize(
    "module",
    [m for m in modules() if m.name not in ("__init__.py", "__main__.py")],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_every_module_has_its_mirrored_test_file(module: Path) -> None:
    """Tests mirror the modules: each module has tests/<same path>/test_<module>.py."""
    assert mirrored_test(module).is_file(), f"no {mirrored_test(module).relative_to(REPO)}"
