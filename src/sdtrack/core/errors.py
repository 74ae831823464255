"""The one family of expected errors.

Every error a user can cause (a bad file, a bad argument, a read-only workspace) is a
`SdtrackError`. The CLI catches this family once, prints one message per problem on stderr
and exits with the error's code; anything else is a bug and keeps its traceback.

Exit codes: 1 for problems in workspace files (`DataError`), 2 for problems with what was
typed on the command line (`UsageError`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sdtrack.core.language import _

EXIT_DATA_ERROR = 1
EXIT_USAGE_ERROR = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as the input allows."""

    message: str
    file: Path | None = None
    line: int | None = None
    field: str | None = None
    column: str | None = None
    """A sheet's column (`C` in a workbook, `3` in a CSV): shown as file:row:column."""

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
        parts = [p for p in (where, self.field) if p]
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class SdtrackError(Exception):
    """An expected error: shown as one clean message, never as a traceback."""

    exit_code = EXIT_DATA_ERROR

    def __init__(self, problems: Sequence[Problem] | str, hint: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.hint = hint
        super().__init__("; ".join(str(p) for p in self.problems))


class DataError(SdtrackError):
    """A workspace file is unreadable, malformed or inconsistent."""

    exit_code = EXIT_DATA_ERROR


class UsageError(SdtrackError):
    """A command-line argument is wrong: an unknown id, a malformed value or date."""

    exit_code = EXIT_USAGE_ERROR


def name_list(names: Sequence[str], limit: int = 12) -> str:
    """Names for a message: all of a few, or the first `limit` and how many there are."""
    if len(names) <= limit:
        return ", ".join(names) or _("none")
    return _("{names}, … ({count} in all)").format(
        names=", ".join(names[:limit]), count=f"{len(names):,}"
    )
