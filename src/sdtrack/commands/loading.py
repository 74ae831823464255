"""Loading the validated workspace for a command, with a progress bar on stderr while a
large ledger is read."""

from __future__ import annotations

from pathlib import Path

from sdtrack.commands.common import location
from sdtrack.core.language import _
from sdtrack.present.render import terminal
from sdtrack.store.locations import WorkspaceLocation
from sdtrack.store.workspace import Workspace, load_workspace


def load_from(where: WorkspaceLocation) -> Workspace:
    """The validated workspace at `where`, or DataError listing every problem."""
    with terminal.progress_on_stderr(_("Reading the ledger")) as progress:
        return load_workspace(where, progress)


def load(directory: Path | None) -> Workspace:
    """The validated workspace that --dir (or the usual search) names."""
    return load_from(location(directory))
