"""`sdtrack targets`: every indicator and the targets declared for it, with their plans."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sdtrack.commands.base import Command
from sdtrack.commands.common import Output, as_of_day, emit_cached, location
from sdtrack.commands.spec import directory_option, json_option, plan_option
from sdtrack.core.language import N_


@dataclass(frozen=True, kw_only=True)
class TargetsParameters:
    directory: Path | None = directory_option()
    plan: str | None = plan_option(N_("Only the targets this plan declared."))
    json: bool = json_option()


HELP = N_("""List indicators and the targets declared for them, each with its plan.

[bold]Examples[/bold]

  sdtrack targets

  sdtrack targets --plan scio-2024-04-10

  sdtrack targets --json | jq '.indicators[].id'
""")


def run(p: TargetsParameters) -> None:
    where = location(p.directory)

    def compute() -> Output:  # on a miss of the read cache only
        from sdtrack.commands.loading import load_from
        from sdtrack.present.documents import targets_document
        from sdtrack.present.render import indicator as indicator_render
        from sdtrack.present.report import find_plan, named_plans, plan_indicators

        workspace = load_from(where)
        plan = find_plan(workspace.targets, p.plan) if p.plan is not None else None
        indicators = plan_indicators(workspace.targets, plan)
        plans = [plan] if plan is not None else named_plans(workspace.targets, indicators)
        return Output(
            lambda: targets_document(indicators, plans),
            lambda console: indicator_render.print_targets(
                console, indicators, plans=plans, geography=workspace.geography
            ),
        )

    emit_cached("targets", p, where, as_of_day(None), p.json, compute)


COMMAND = Command("targets", TargetsParameters, run, HELP)
