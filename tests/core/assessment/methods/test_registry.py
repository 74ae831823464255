"""The registry: one method per name in `Method`, each judging through one interface."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import get_args

from sdtrack.core.assessment.evidence import observed_points
from sdtrack.core.assessment.methods import REGISTRY, CannotJudge, LevelFacts, Verdict, method_for
from sdtrack.core.assessment.results import Status
from sdtrack.core.assessment.rules import growth_rates
from sdtrack.core.choices import DEFAULT_METHOD, Method

from ....test_assessment import indicator, readings

DEADLINE = dt.date(2030, 12, 31)
AS_OF = dt.date(2023, 1, 1)


def facts(*pairs: tuple[object, object]) -> LevelFacts:
    ind = indicator({"comparison": "at_least", "value": 300, "deadline": 2030})
    target = ind.targets[0]
    points = tuple(observed_points(readings(*pairs), AS_OF, ind))
    base, latest = points[0], points[-1]
    rates = growth_rates(base, latest, target, DEADLINE)
    return LevelFacts(ind, target, DEADLINE, points, base, latest, rates, 0.6, AS_OF)


def test_the_registry_has_exactly_the_method_names() -> None:
    """Every name of the Method vocabulary has a method, in order, and no other name does."""
    assert tuple(REGISTRY) == get_args(Method)
    assert DEFAULT_METHOD in REGISTRY


def test_each_method_is_found_by_its_own_name() -> None:
    """method_for returns the registered method, which carries the name it is filed under."""
    for name in get_args(Method):
        assert method_for(name) is REGISTRY[name]
        assert method_for(name).name == name


def test_each_method_judges_a_small_case() -> None:
    """+10 a year from 100 (2018) toward 300 by 2030: each method gives its own band."""
    case = facts((2018, 100), (2019, 110), (2020, 120), (2021, 130), (2022, 140))
    verdicts = {name: method.judge(case) for name, method in REGISTRY.items()}
    assert verdicts["cagr-ratio"] == Verdict(Status.BEHIND, "moderate progress")
    assert verdicts["projection"] == Verdict(Status.BEHIND, "moderate progress")
    assert verdicts["linear-trend"] == Verdict(
        Status.BEHIND, "behind", Decimal(10), 0.5, Decimal(220), intervals=4
    )


def test_only_linear_trend_falls_back_to_the_default() -> None:
    """With two readings linear-trend defers to the default; the others judge or refuse."""
    case = facts((2020, 100), (2022, 110))
    judgements = {name: method.judge(case) for name, method in REGISTRY.items()}
    assert judgements["linear-trend"] == CannotJudge(
        "linear-trend needs at least 4 readings (there are 2)", fall_back=True
    )
    assert not any(
        isinstance(j, CannotJudge) and j.fall_back
        for name, j in judgements.items()
        if name != "linear-trend"
    )
