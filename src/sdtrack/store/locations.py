"""Where a workspace's files are: found the way git finds a repository.

`--dir`, then `$SDTRACK_DIR`, then the nearest `targets.toml` upward from the current
directory, else the read-only Shandong dataset embedded in the package. Standard library
only: a cached `status` needs the location before anything heavy is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.core.errors import UsageError
from sdtrack.core.language import _

TARGETS_FILE = "targets.toml"
READINGS_FILE = "readings.toml"
EMBEDDED_LABEL = "<embedded Shandong dataset>"


@dataclass(frozen=True)
class WorkspaceLocation:
    """Where a workspace's files are, and how it was found."""

    targets_path: Path
    readings_path: Path
    found_by: str
    embedded: bool = False

    @property
    def root(self) -> Path:
        return self.targets_path.parent

    def label(self, path: Path) -> str:
        if self.embedded:
            return f"{EMBEDDED_LABEL}/{path.name}"
        return str(path)

    def require_writable(self) -> None:
        if self.embedded:
            raise UsageError(
                _("the embedded Shandong dataset is read-only"),
                hint=_(
                    "start a workspace of your own with `sdtrack init DIR`, then "
                    "run commands inside DIR or pass --dir DIR"
                ),
            )


def _embedded_location() -> WorkspaceLocation:
    data = Path(__file__).parent.parent / "data"
    return WorkspaceLocation(
        targets_path=data / TARGETS_FILE,
        readings_path=data / READINGS_FILE,
        found_by="embedded default",
        embedded=True,
    )


def _location_in(directory: Path, found_by: str) -> WorkspaceLocation:
    if not directory.exists():
        raise UsageError(
            _("{directory}: no such directory").format(directory=directory),
            hint=_("create a workspace there with `sdtrack init {directory}`").format(
                directory=directory
            ),
        )
    if not directory.is_dir():
        raise UsageError(
            _("{directory}: not a directory; give the workspace's directory").format(
                directory=directory
            )
        )
    targets = directory / TARGETS_FILE
    if not targets.exists() and not targets.is_symlink():
        raise UsageError(
            _("{directory}: no {file} here").format(directory=directory, file=TARGETS_FILE),
            hint=_("create one with `sdtrack init {directory}`").format(directory=directory),
        )
    return WorkspaceLocation(targets, directory / READINGS_FILE, found_by)


def locate_workspace(explicit: Path | None, env_dir: str | None, cwd: Path) -> WorkspaceLocation:
    """Find the workspace: --dir, then $SDTRACK_DIR, then upward from cwd, else embedded."""
    if explicit is not None:
        return _location_in(explicit, "--dir")
    if env_dir:
        return _location_in(Path(env_dir), "SDTRACK_DIR")
    for directory in (cwd, *cwd.parents):
        candidate = directory / TARGETS_FILE
        if candidate.is_file():
            return WorkspaceLocation(candidate, directory / READINGS_FILE, "nearest targets.toml")
    return _embedded_location()
