"""`check`'s warnings: current readings of one moment that cannot both be true.

A conflict is not a problem in a file (the ledger is valid; one of two sources is wrong),
so `check` lists it as a warning with the lines of both readings, and exits 0 unless
`--strict`. Which readings conflict, and which one counts meanwhile, is
`core.conflicts`'s rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.core.conflicts import ReadingGroup, find_conflicts
from sdtrack.core.ledger import Ledger
from sdtrack.core.model import Indicator, Reading, TargetsFile
from sdtrack.store.files import read_text
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.toml_lines import TomlLines
from sdtrack.store.validation import validate_readings, validate_targets


@dataclass(frozen=True)
class Located:
    """A reading and the line of its `[[reading]]` header in the ledger (None: unknown)."""

    reading: Reading
    line: int | None


@dataclass(frozen=True)
class Conflict:
    """One reading that conflicts with the reading that counts for its moment."""

    indicator: Indicator
    file: Path
    counted: Located
    other: Located

    @property
    def code(self) -> str:
        return "conflict"


def ledger_conflicts(
    targets: TargetsFile, ledger: Ledger
) -> list[tuple[Indicator, ReadingGroup, list[int]]]:
    """Each disputed moment: its indicator, its group, and each reading's ledger index
    (in the group's `readings` order)."""
    current: dict[str, list[tuple[int, Reading]]] = {}
    for entry in ledger.entries:
        if entry.is_current:
            current.setdefault(entry.reading.indicator, []).append((entry.index, entry.reading))
    found = []
    for indicator in targets.indicators:
        indexed = current.get(indicator.id, [])
        position = {id(reading): index for index, reading in indexed}
        for group in find_conflicts(indicator, [reading for _index, reading in indexed]):
            found.append((indicator, group, [position[id(r)] for r in group.readings]))
    return found


def locate_conflicts(
    location: WorkspaceLocation, targets: TargetsFile, ledger: Ledger
) -> list[Conflict]:
    """Every conflict in the ledger, each reading with its line in the file."""
    found = ledger_conflicts(targets, ledger)
    if not found:
        return []
    path = location.readings_path
    lines = TomlLines(read_text(location, path) or "")
    label = Path(location.label(path))
    conflicts = []
    for indicator, group, indices in found:
        pairs = zip(group.readings, indices, strict=True)
        line_of = {id(r): lines.locate(("reading", i)) for r, i in pairs}

        def located(reading: Reading, line_of: dict[int, int | None] = line_of) -> Located:
            return Located(reading, line_of[id(reading)])

        counted = located(group.chosen)
        conflicts += [
            Conflict(indicator, label, counted, located(other)) for other in group.conflicting
        ]
    return conflicts


def check_conflicts(location: WorkspaceLocation) -> list[Conflict]:
    """The conflicts of a workspace that `check_workspace` found valid (else none)."""
    targets, problems = validate_targets(location)
    if problems or targets is None:
        return []
    ledger, problems = validate_readings(location, targets)
    return [] if problems else locate_conflicts(location, targets, ledger)
