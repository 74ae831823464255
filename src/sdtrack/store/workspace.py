"""Workspaces: a validated workspace, loading one, and creating one.

A workspace is a directory holding `targets.toml` (hand-edited, never rewritten by sdtrack)
and `readings.toml` (an append-only ledger), found as `locations` says.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sdtrack.core.assessment.api import by_region
from sdtrack.core.derived import derive
from sdtrack.core.errors import DataError, Problem, SdtrackError, UsageError, name_list
from sdtrack.core.language import _
from sdtrack.core.ledger import Entry, Ledger
from sdtrack.core.model import SCHEMA_VERSION, Indicator, Reading, Target, TargetsFile
from sdtrack.core.recorded import ReadingRows, Recorded, WholeLedger
from sdtrack.core.regions import Geography
from sdtrack.core.suggestions import with_suggestion
from sdtrack.store.ledger_file import READINGS_HEADER
from sdtrack.store.locations import READINGS_FILE, TARGETS_FILE, WorkspaceLocation
from sdtrack.store.validation import CHECK_HINT, Progress, validate_recorded, validate_targets
from sdtrack.store.writes import write_atomic

EMPTY_TARGETS = f"""\
# sdtrack targets: indicators, and the targets declared for them, each with its source.
# `sdtrack check` validates this file; `sdtrack record` adds readings to readings.toml.
schema = {SCHEMA_VERSION}
title = "My targets"
# region = "shandong"                  # the region readings and targets are for, unless they
#                                      # name another (`--region qingdao`); see the README

# [[plan]]                             # a plan or statement that declares targets
# id = "scio-2024-04-10"
# title = "State Council Information Office press conference"
# issuer = "Shandong Development and Reform Commission"
# date = 2024-04-10

# [[indicator]]
# id = "5g-base-stations"              # lower-case letters, digits and hyphens
# name = "5G base stations in service"
# name_zh = "5G基站"
# unit = "base stations"               # "yuan", "%", or the thing counted
# kind = "stock"                       # stock (a level), flow (per period) or share (%)
#
# [[indicator.target]]
# id = "5g-base-stations-2025"
# plan = "scio-2024-04-10"             # optional: the [[plan]] that declared it
# comparison = "more_than"             # at_least, more_than, about, at_most, less_than
# value = "27万"                        # 270000; also 270k, 270,000
# deadline = 2025                      # a year stands for its last day
# baseline = {{ value = 200000, date = 2024-04-10 }}
# source = {{ document = "Press conference", speaker = "A. Speaker", date = 2024-04-10,
#            quote = "…" }}                # one line in a real file: TOML inline tables
"""


@dataclass(frozen=True)
class Workspace:
    """A loaded, validated workspace."""

    location: WorkspaceLocation
    targets: TargetsFile
    recorded: Recorded = field(default_factory=WholeLedger)
    """Every reading ever recorded: a whole ledger, or (a large one) as rows."""

    @functools.cached_property
    def readings(self) -> tuple[Reading, ...]:
        """The current readings: neither superseded by a correction nor retracted."""
        return self.recorded.current()

    @functools.cached_property
    def ledger(self) -> Ledger:
        """Every reading ever recorded, each with its state."""
        return self.recorded.ledger()

    @property
    def indicators(self) -> list[Indicator]:
        return self.targets.indicators

    @functools.cached_property
    def geography(self) -> Geography:
        """The regions the workspace knows, and its own."""
        return Geography.of(self.targets.regions, self.targets.region)

    @functools.cached_property
    def _groups(self) -> _KeptGroups:
        return _KeptGroups(self.recorded.readings_to_keep())

    @functools.cached_property
    def _derived(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators if i.formula is not None}

    def _group(self, indicator_id: str) -> list[Reading]:
        """Every region's current readings of the indicator, a derived one's computed,
        oldest first (by period end, then ledger order)."""
        group = self._groups.get(indicator_id)
        if group is not None:
            return group
        derived = self._derived.get(indicator_id)
        if derived is None or derived.formula is None:
            group = self.recorded.current_for(indicator_id)
        else:
            inputs = {i: self.recorded.current_for(i) for i in derived.formula.inputs}
            group = derived_readings(derived, inputs, self.geography)
        group.sort(key=lambda r: r.date.sort_key())
        self._groups.keep(indicator_id, group)
        return group

    def all_readings_for(self, indicator_id: str) -> list[Reading]:
        """The indicator's readings of every region, oldest first."""
        return list(self._group(indicator_id))

    def readings_for(self, indicator_id: str, region: str | None = None) -> list[Reading]:
        """The indicator's readings of one region (the workspace's own by default), oldest
        first (by period end, then ledger order); a derived indicator's computed."""
        wanted = self.geography.key(region)
        return [r for r in self._group(indicator_id) if self.geography.key(r.region) == wanted]

    def regional_readings(self, indicator_id: str) -> dict[str, list[Reading]]:
        """The indicator's readings by region, for every region but the workspace's own."""
        grouped: dict[str, list[Reading]] = {}
        for reading in self._group(indicator_id):
            key = self.geography.key(reading.region)
            if key is not None:
                grouped.setdefault(key, []).append(reading)
        return grouped

    def readings_by_region(
        self, indicator_id: str, as_of: dt.date
    ) -> tuple[list[Reading], dict[str, list[Reading]]]:
        """`readings_for` and `regional_readings` of the indicator in one pass, each only
        of the readings whose period has ended by `as_of`."""
        own_region = self.geography.own
        own: list[Reading] = []
        regional: dict[str, list[Reading]] = {}
        for reading in self._group(indicator_id):
            if reading.date.end > as_of:
                continue
            region = reading.region
            if region is None or region == own_region:
                own.append(reading)
            else:
                regional.setdefault(region, []).append(reading)
        return own, regional

    def find(self, item_id: str) -> tuple[Indicator, Target | None]:
        """An indicator by its id, or a target (with its indicator) by the target's id."""
        for indicator in self.indicators:
            if indicator.id == item_id:
                return indicator, None
            for target in indicator.targets:
                if target.id == item_id:
                    return indicator, target
        known = name_list([i.id for i in self.indicators])
        hint = _("indicators: {known}; `sdtrack targets` lists every id").format(known=known)
        raise UsageError(
            _("no indicator or target has the id {id!r}").format(id=item_id),
            hint=with_suggestion(hint, item_id, self.item_ids()),
        )

    def item_ids(self) -> list[str]:
        """Every indicator id, then every target id."""
        return [i.id for i in self.indicators] + [t.id for i in self.indicators for t in i.targets]

    def indicator(self, indicator_id: str) -> Indicator:
        indicator, target = self.find(indicator_id)
        if target is not None:
            raise UsageError(
                _("{id!r} is a target; readings are recorded for its indicator").format(
                    id=indicator_id
                ),
                hint=_("use the indicator id {id!r}").format(id=indicator.id),
            )
        return indicator

    def select_entries(self, item_id: str | None) -> list[Entry]:
        """Every ledger entry; a reading's history; or an indicator's (or target's) readings."""
        ledger = self.ledger
        if item_id is None:
            return list(ledger.entries)
        if ledger.entry(item_id) is not None:
            return ledger.history(item_id)
        try:
            indicator, _target = self.find(item_id)
        except UsageError:
            raise UsageError(
                [
                    Problem(
                        _("no reading, indicator or target has the id {id!r}").format(id=item_id),
                        field="ID",
                    )
                ],
                hint=with_suggestion(
                    _("`sdtrack readings` lists every reading; `sdtrack targets` every indicator"),
                    item_id,
                    [*self.item_ids(), *(e.id for e in ledger.entries)],
                ),
            ) from None
        return ledger.for_indicator(indicator.id)

    def replaced_entries(self, indicator_id: str) -> list[Entry]:
        """The indicator's readings that a correction superseded or a retraction withdrew."""
        return [e for e in self.ledger.for_indicator(indicator_id) if not e.is_current]


class _KeptGroups:
    """The indicators' readings a workspace keeps once sorted: all of them, or (`limit`)
    as many readings as that, the first asked for let go first, the last always kept."""

    def __init__(self, limit: int | None) -> None:
        self._groups: dict[str, list[Reading]] = {}
        self._limit = limit
        self._count = 0

    def get(self, indicator_id: str) -> list[Reading] | None:
        return self._groups.get(indicator_id)

    def keep(self, indicator_id: str, group: list[Reading]) -> None:
        groups = self._groups
        if self._limit is not None:
            while groups and self._count + len(group) > self._limit:
                self._count -= len(groups.pop(next(iter(groups))))
        groups[indicator_id] = group
        self._count += len(group)


def derived_readings(
    indicator: Indicator, recorded: dict[str, list[Reading]], geography: Geography
) -> list[Reading]:
    """A derived indicator's readings, region by region, from its inputs' readings."""
    assert indicator.formula is not None
    numerators, denominators = (
        by_region(sorted(recorded.get(i, []), key=lambda r: r.date.sort_key()), geography)
        for i in indicator.formula.inputs
    )
    result: list[Reading] = []
    for region, found in numerators.items():
        matched = denominators.get(region, [])
        result += derive(indicator.id, indicator.formula, found, matched, region)
    return result


def load_targets(location: WorkspaceLocation) -> TargetsFile:
    """Load and validate targets.toml alone, or raise DataError listing its problems."""
    targets, problems = validate_targets(location)
    if problems or targets is None:
        raise DataError(problems, hint=_(CHECK_HINT))
    return targets


def load_workspace(
    location: WorkspaceLocation, progress: Progress | None = None, *, single_pass: bool = False
) -> Workspace:
    """Load and validate a workspace, or raise DataError listing every problem.

    `progress`, if given, is told how much of the ledger is validated: (done, total).
    `single_pass`: the caller asks for each indicator's readings about once (a status),
    so a ledger kept as rows makes them as they are asked for and keeps none
    (`ReadingRows.single_pass`).
    """
    targets, problems = validate_targets(location)
    recorded, reading_problems = validate_recorded(location, targets, progress)
    problems += reading_problems
    if problems or targets is None:
        raise DataError(problems, hint=_(CHECK_HINT))
    if single_pass and isinstance(recorded, ReadingRows):
        recorded.single_pass()
    return Workspace(location, targets, recorded)


def embedded_text(name: str) -> str:
    return (resources.files("sdtrack") / "data" / name).read_text(encoding="utf-8")


def init_workspace(directory: Path, *, empty: bool, readings: bool = True) -> list[Path]:
    """Create a workspace: the Shandong dataset, or (`empty`) a commented template; without
    `readings`, the dataset's targets and an empty ledger."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(_("{directory} exists and is not a directory").format(directory=directory))
    existing = [directory / n for n in (TARGETS_FILE, READINGS_FILE) if (directory / n).exists()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise UsageError(
            _("{names} already exists; sdtrack init never overwrites a workspace").format(
                names=names
            ),
            hint=_("choose another directory, or move the existing files away"),
        )
    files = {
        TARGETS_FILE: EMPTY_TARGETS if empty else embedded_text(TARGETS_FILE),
        READINGS_FILE: embedded_text(READINGS_FILE) if readings and not empty else READINGS_HEADER,
    }
    missing = [d for d in (directory, *directory.parents) if not d.exists()]
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            write_atomic(directory / name, text.encode("utf-8"), overwrite=False)
            written.append(directory / name)
    except (OSError, SdtrackError) as error:
        # A failed init leaves nothing behind: not half a workspace, not empty directories.
        for path in written:
            path.unlink()
        for created in missing:
            with contextlib.suppress(OSError):
                created.rmdir()
        if isinstance(error, SdtrackError):
            raise
        raise DataError(
            [
                Problem(
                    _("cannot create the workspace: {reason}").format(reason=error.strerror),
                    directory,
                )
            ]
        ) from None
    return written


@contextlib.contextmanager
def broken_workspace_first(
    location: WorkspaceLocation, errors: type[SdtrackError] = SdtrackError
) -> Iterator[None]:
    """Report a broken workspace rather than any error of the kind `errors` raised inside.

    A command that fails for another reason (a bad argument, say) while a workspace file is
    broken reports the broken file: it is what the user must fix first.
    """
    try:
        yield
    except errors:
        load_workspace(location)
        raise
