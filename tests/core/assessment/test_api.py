"""The assessment's entry points: which rules judge a target, and by which method."""

from __future__ import annotations

import datetime as dt

from sdtrack.core.assessment import PERIODIC_METHOD, assess_target, choose_method
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import load_workspace

from ...conftest import REPO

AS_OF = dt.date(2026, 11, 22)


def test_the_method_is_the_override_then_the_targets_own_then_the_workspaces() -> None:
    """--method wins over a target's own method, which wins over the workspace's."""
    workspace = load_workspace(locate_workspace(REPO, None, REPO))
    target = workspace.indicators[0].targets[0]
    assert choose_method(target, "projection", "linear-trend") == "linear-trend"
    assert choose_method(target, "projection") == (target.method or "projection")


def test_growth_targets_are_judged_year_by_year_and_level_targets_by_the_method() -> None:
    """A level target gets the chosen method; a growth target the per-year rule."""
    workspace = load_workspace(locate_workspace(REPO, None, REPO))
    found = {t.id: (i, t) for i in workspace.indicators for t in i.targets}
    indicator, level = found["5g-base-stations-2025"]
    level_result = assess_target(
        indicator, level, workspace.readings_for(indicator.id), AS_OF, "projection"
    )
    assert level_result.method == "projection"
    indicator, growth = found["it-industry-revenue-growth"]
    growth_result = assess_target(
        indicator, growth, workspace.readings_for(indicator.id), AS_OF, "projection"
    )
    assert growth_result.method == PERIODIC_METHOD
