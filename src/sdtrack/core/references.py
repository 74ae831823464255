"""What targets.toml names that must exist: each target's plan and region, a derived
indicator's inputs, a share's weights, a count-of-regions target's regions, and the
regions it declares. Each problem is located by its field path, as pydantic's are."""

from __future__ import annotations

from dataclasses import dataclass

from sdtrack.core.errors import name_list
from sdtrack.core.language import _
from sdtrack.core.model import TargetsFile
from sdtrack.core.regions import UNKNOWN_REGION, children, region_table, table_problems

Location = tuple[str | int, ...]


@dataclass(frozen=True)
class ReferenceProblem:
    path: Location
    message: str


def reference_problems(targets: TargetsFile) -> list[ReferenceProblem]:
    """Every name in `targets` that does not name what it should, located."""
    problems = [
        ReferenceProblem(("regions", index, field), message)
        for index, field, message in table_problems(targets.regions)
    ]
    regions = region_table(targets.regions)
    known_regions = name_list(sorted(regions))

    def unknown_region(path: Location, value: str) -> None:
        if value not in regions:
            message = _(UNKNOWN_REGION).format(value=value, known=known_regions)
            problems.append(ReferenceProblem(path, message))

    if targets.region is not None:
        unknown_region(("region",), targets.region)
    plans = {p.id for p in targets.plans}
    if len(plans) != len(targets.plans):
        problems.append(ReferenceProblem(("plan",), _("two plans share an id")))
    indicators = {i.id: i for i in targets.indicators}
    for i, indicator in enumerate(targets.indicators):
        base: Location = ("indicator", i)
        if indicator.formula is not None:
            for name in ("numerator", "denominator"):
                wanted = getattr(indicator.formula, name)
                source = indicators.get(wanted)
                if source is None:
                    message = _("unknown indicator {value!r}; known indicators: {known}")
                    known = name_list(sorted(indicators))
                    problems.append(
                        ReferenceProblem(
                            (*base, "formula", name), message.format(value=wanted, known=known)
                        )
                    )
                elif source.formula is not None:
                    message = _("{id!r} is itself derived; a formula's inputs are recorded")
                    problems.append(
                        ReferenceProblem((*base, "formula", name), message.format(id=wanted))
                    )
        if indicator.weights is not None and indicator.weights not in indicators:
            message = _("unknown indicator {value!r}; known indicators: {known}")
            known = name_list(sorted(indicators))
            problems.append(
                ReferenceProblem(
                    (*base, "weights"), message.format(value=indicator.weights, known=known)
                )
            )
        for t, target in enumerate(indicator.targets):
            at: Location = (*base, "target", t)
            if target.plan is not None and target.plan not in plans:
                message = _("unknown plan {value!r}; plans: {known}; declare it as a [[plan]]")
                known = name_list(sorted(plans)) if plans else _("none")
                problems.append(
                    ReferenceProblem((*at, "plan"), message.format(value=target.plan, known=known))
                )
            if target.region is not None:
                unknown_region((*at, "region"), target.region)
            if target.each is None:
                continue
            among = target.among or target.region or targets.region
            if target.among is not None:
                unknown_region((*at, "among"), target.among)
            if among is None:
                message = _(
                    "a count-of-regions target needs the region whose regions it counts: "
                    "set among, or the workspace's region"
                )
                problems.append(ReferenceProblem((*at, "each"), message))
            elif among in regions:
                count = len(children(regions, among))
                if target.value > count:
                    message = _("{region} has {count} regions; a target cannot count {value}")
                    problems.append(
                        ReferenceProblem(
                            (*at, "value"),
                            message.format(
                                region=regions[among].display_name,
                                count=count,
                                value=target.value,
                            ),
                        )
                    )
    return problems
