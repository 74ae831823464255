"""Importing sheets: read the files, check every row, append the batch in one locked write.

Nothing is written unless every row of every file is a valid reading: the problems of all
of them are raised together. The batch is planned under the ledger's lock (so that a
concurrent `record` or `import` is seen) and appended through `append.append`, the one
append, in one write whose readings carry the batch's id and size.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from sdtrack.core.errors import DataError, Problem
from sdtrack.core.import_plan import ImportPlan, ImportSummary, plan_import
from sdtrack.core.importing import Candidate, Defaults, read_sheet_readings
from sdtrack.core.language import N_, _
from sdtrack.core.ledger import RecordLookups
from sdtrack.core.model import TargetsFile
from sdtrack.core.regions import Geography
from sdtrack.store.append import AppendObserver, Decision, append
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.sheets import Sheet, read_sheet

NOTHING_WRITTEN = N_(
    "nothing was recorded; fix these rows (or give the missing defaults) and run it again"
)


def read_sheets(
    paths: Sequence[Path],
    *,
    encoding: str | None,
    sheet_name: str | None,
    geography: Geography | None = None,
) -> list[Sheet]:
    """The sheets of every file: Open SDG data by its layout (its regions those of
    `geography`), a workbook by its suffix, else CSV."""
    from sdtrack.store.open_sdg_sheets import is_open_sdg, read_open_sdg

    sheets: list[Sheet] = []
    for path in paths:
        if is_open_sdg(path):
            sheets.extend(read_open_sdg(path, path, geography))
        else:
            sheets.append(read_sheet(path, path, encoding=encoding, sheet_name=sheet_name))
    return sheets


def sheet_candidates(
    sheets: Sequence[Sheet],
    targets: TargetsFile,
    defaults: Defaults,
    recorded_at: dt.datetime,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Candidate], list[str], list[Problem]]:
    """Every sheet's checked readings, the columns nothing read, and every problem."""
    geography = Geography.of(targets.regions, targets.region)
    total = sum(len(sheet.rows) for sheet in sheets)
    done = 0
    candidates: list[Candidate] = []
    ignored: list[str] = []
    problems: list[Problem] = []
    for sheet in sheets:
        base = done

        def advanced(count: int, base: int = base) -> None:
            if progress is not None:
                progress(base + count, total)

        found = read_sheet_readings(
            str(sheet.label),
            sheet.header.cells,
            ((row.number, row.cells) for row in sheet.rows),
            sheet.column_name,
            targets.indicators,
            _with_sheet_defaults(defaults, sheet),
            recorded_at,
            advanced,
            geography,
        )
        done += len(sheet.rows)
        candidates.extend(found.candidates)
        problems.extend(found.problems)
        ignored.extend(name for name in found.ignored if name not in ignored)
    return candidates, ignored, problems


def _with_sheet_defaults(defaults: Defaults, sheet: Sheet) -> Defaults:
    if not sheet.defaults:
        return defaults
    return Defaults({**dict(sheet.defaults), **defaults.values}, defaults.mapping, defaults.wide)


def _without_computed(sheet: Sheet, targets: TargetsFile) -> Sheet:
    """An Open SDG sheet of a derived indicator, without its rows: sdtrack's export wrote
    the values it computed, which are never recorded (its inputs are)."""
    from sdtrack.store.open_sdg_sheets import OpenSdgSheet

    if not isinstance(sheet, OpenSdgSheet) or not sheet.rows:
        return sheet
    indicator = targets.indicator(sheet.rows[0].cells[0])
    if indicator is None or indicator.formula is None:
        return sheet
    note = _(
        "the values of {id} are computed by sdtrack from {numerator} and {denominator}, "
        "so they were not imported: import its inputs"
    ).format(id=indicator.id, numerator=indicator.formula.numerator,
             denominator=indicator.formula.denominator)  # fmt: skip
    return dataclasses.replace(sheet, rows=(), notes=(*sheet.notes, note))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: an import makes some ten objects a row that
    all live until the write, and even at the threshold `entry.py` sets, the collector's
    full passes over them, which find nothing (readings hold no cycles), cost a tenth of a
    100,000-row import. Reference counting still frees everything else."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@_collector_paused()
def import_sheets(
    location: WorkspaceLocation,
    targets: TargetsFile,
    sheets: Sequence[Sheet],
    defaults: Defaults,
    recorded_at: dt.datetime,
    *,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    observer: AppendObserver | None = None,
) -> ImportSummary:
    """Check every row of `sheets`, then append the new readings at once (unless
    `dry_run`): all of them, or, on any problem, none. `observer` is told of the append."""
    sheets = [_without_computed(sheet, targets) for sheet in sheets]
    candidates, ignored, problems = sheet_candidates(
        sheets, targets, defaults, recorded_at, progress
    )
    if problems:
        raise DataError(problems, hint=_(NOTHING_WRITTEN))
    indicators = {i.id: i for i in targets.indicators}

    def decide(lookups: RecordLookups) -> Decision[ImportPlan]:
        plan = plan_import(lookups, candidates, indicators)
        if dry_run or not plan.recorded:
            return Decision(None, plan)
        readings = plan.mark_batch()
        return Decision(readings if len(readings) > 1 else readings[0], plan)

    if dry_run:
        from sdtrack.store.workspace import load_workspace

        plan = decide(load_workspace(location).ledger).result
    else:
        plan = append(location, targets, decide, observer=observer)
    rows = sum(len(sheet.rows) for sheet in sheets)
    notes = tuple(f"{sheet.label}: {note}" for sheet in sheets for note in sheet.notes)
    files = tuple(dict.fromkeys(str(sheet.label) for sheet in sheets))
    return ImportSummary(plan, files, rows, tuple(ignored), notes, dry_run)
