"""Names in targets.toml that must name something: plans, regions, formula inputs."""

from __future__ import annotations

from typing import Any

from sdtrack.core.model import TargetsFile
from sdtrack.core.references import reference_problems

SOURCE = {"document": "d", "publisher": "p", "date": "2024-04-10", "quote": "q"}


def targets(**top: Any) -> TargetsFile:
    indicators = top.pop("indicator", [])
    return TargetsFile.model_validate({"schema": 1, "title": "t", "indicator": indicators, **top})


def indicator(id: str = "a", **fields: Any) -> dict[str, Any]:
    return {"id": id, "name": id, "unit": "cities", "kind": "stock", **fields}


def target(**fields: Any) -> dict[str, Any]:
    return {"id": "t1", "comparison": "at_least", "value": 16, "deadline": 2024,
            "source": SOURCE, **fields}  # fmt: skip


def found(file: TargetsFile) -> list[tuple[tuple[str | int, ...], str]]:
    return [(p.path, p.message) for p in reference_problems(file)]


def test_a_complete_file_has_no_problem() -> None:
    plan = {"id": "p1", "title": "T", "issuer": "I", "date": "2024-04-10"}
    each = {"comparison": "at_least", "value": 1}
    file = targets(
        region="shandong",
        plan=[plan],
        indicator=[indicator(target=[target(plan="p1", each=each)])],
    )
    assert found(file) == []


def test_an_unknown_plan_is_located_and_the_plans_listed() -> None:
    plan = {"id": "p1", "title": "T", "issuer": "I", "date": "2024-04-10"}
    file = targets(plan=[plan], indicator=[indicator(target=[target(plan="p2")])])
    ((path, message),) = found(file)
    assert path == ("indicator", 0, "target", 0, "plan")
    assert "unknown plan 'p2'" in message
    assert "p1" in message


def test_unknown_regions_are_located_wherever_they_are_named() -> None:
    each = {"comparison": "at_least", "value": 1}
    file = targets(
        region="atlantis",
        indicator=[indicator(target=[target(region="nowhere", each=each, among="void")])],
    )
    paths = [path for path, _m in found(file)]
    assert ("region",) in paths
    assert ("indicator", 0, "target", 0, "region") in paths
    assert ("indicator", 0, "target", 0, "among") in paths


def test_a_count_cannot_exceed_the_regions_counted_or_lack_them() -> None:
    each = {"comparison": "at_least", "value": 1}
    over = targets(region="shandong", indicator=[indicator(target=[target(value=17, each=each)])])
    ((path, message),) = found(over)
    assert path[-1] == "value"
    assert "has 16 regions" in message
    nowhere = targets(indicator=[indicator(target=[target(each=each)])])
    ((path, message),) = found(nowhere)
    assert path[-1] == "each"
    assert "set among" in message


def test_a_formula_needs_recorded_inputs_and_weights_an_indicator() -> None:
    formula = {"kind": "ratio", "numerator": "a", "denominator": "missing"}
    nested = {"kind": "ratio", "numerator": "a", "denominator": "r"}
    file = targets(
        indicator=[
            indicator("a"),
            indicator("r", formula=formula),
            indicator("q", formula=nested),
            indicator("s", unit="%", kind="share", weights="nothing"),
        ]
    )
    problems = found(file)
    assert [p for p, _m in problems] == [
        ("indicator", 1, "formula", "denominator"),
        ("indicator", 2, "formula", "denominator"),
        ("indicator", 3, "weights"),
    ]
    assert "'r' is itself derived" in problems[1][1]


def test_declared_regions_and_plans_are_checked() -> None:
    plan = {"id": "p1", "title": "T", "issuer": "I", "date": "2024-04-10"}
    file = targets(
        plan=[plan, plan],
        regions=[{"id": "jinan", "name": "Jinan"}, {"id": "x", "name": "X", "parent": "y"}],
    )
    paths = [p for p, _m in found(file)]
    assert paths == [("regions", 0, "id"), ("regions", 1, "parent"), ("plan",)]
