""" "Did you mean": the known ids closest to a mistyped one, for an unknown-id message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from sdtrack.core.language import _

# How close a known id must be to be suggested (difflib's ratio), and how many at most.
CUTOFF = 0.6
MOST = 3


def close_ids(typed: str, known: Iterable[str]) -> list[str]:
    """The known ids closest to `typed`, closest first (case aside); none if none is close."""
    candidates = {item.lower(): item for item in known}
    matches = difflib.get_close_matches(typed.lower(), candidates, n=MOST, cutoff=CUTOFF)
    return [candidates[match] for match in matches]


def did_you_mean(typed: str, known: Iterable[str]) -> str | None:
    """`did you mean '5g-base-stations'?`, or None when no known id is close to `typed`."""
    found = close_ids(typed, known)
    if not found:
        return None
    return _("did you mean {ids}?").format(ids=_(" or ").join(repr(item) for item in found))


def with_suggestion(hint: str | None, typed: str, known: Iterable[str]) -> str | None:
    """`hint`, preceded by a "did you mean" when a known id is close to `typed`."""
    suggestion = did_you_mean(typed, known)
    if suggestion is None:
        return hint
    return (
        suggestion
        if hint is None
        else _("{suggestion} {hint}").format(suggestion=suggestion, hint=hint)
    )
