"""When a bound settles a target: a verdict on "over 2 trillion" holds only if it holds
for every value the interval allows (`core.intervals`; docs/methodology.md, "Bounds")."""

from __future__ import annotations

from decimal import Decimal

from sdtrack.core.intervals import Interval, interval_of
from sdtrack.core.model import Target

__all__ = ["Interval", "gap_bound", "interval_of", "met_set", "progress_bound", "settles"]


def met_set(target: Target) -> Interval:
    """The values that meet the target: its comparison, `about` within its tolerance."""
    goal = target.value
    match target.comparison:
        case "at_least":
            return Interval(goal, None)
        case "more_than":
            return Interval(goal, None, low_open=True)
        case "at_most":
            return Interval(None, goal)
        case "less_than":
            return Interval(None, goal, high_open=True)
        case "about":
            margin = abs(goal) * target.about_tolerance
            return Interval(goal - margin, goal + margin)
    raise AssertionError(target.comparison)  # pragma: no cover


def settles(value: Decimal, qualifier: str | None, target: Target) -> bool | None:
    """True when every value the figure allows meets the target, False when none does,
    None when the bound does not settle it ("over 2.3 trillion" against "over 2.4")."""
    allowed, met = interval_of(value, qualifier), met_set(target)
    if allowed.within(met):
        return True
    if allowed.meet(met) is None:
        return False
    return None


def gap_bound(qualifier: str | None, target: Target) -> str | None:
    """Whether the gap from a qualified figure is a most or a least: the gap from
    "over X" towards a higher target is at most target − X."""
    if qualifier is None:
        return None
    if qualifier == "about":
        return "about"
    rising = qualifier == "over"
    toward_higher = not target.lower_is_better
    return "at_most" if rising == toward_higher else "at_least"


def progress_bound(
    qualifier: str | None, target: Target, base_qualifier: str | None = None
) -> str | None:
    """The share of the way from the base to a qualified figure: the mirror of its gap's
    bound. A bound on the base pushes the other way (a higher base leaves less of the way
    done); when the two push apart the share is "unknown"."""
    pushes = set()
    for bound, sign in ((gap_bound(qualifier, target), 1), (gap_bound(base_qualifier, target), -1)):
        if bound == "about":
            pushes.add("about")
        elif bound is not None:
            pushes.add("at_least" if (bound == "at_most") == (sign == 1) else "at_most")
    if not pushes:
        return None
    return pushes.pop() if len(pushes) == 1 else "unknown"
