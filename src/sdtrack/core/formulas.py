"""What a target or an indicator is defined by beyond a value: the condition each region
meets in a count-of-regions target, and a derived indicator's formula."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from sdtrack.core.fields import Comparison, Slug, Text, ValueField
from sdtrack.core.language import _, current
from sdtrack.core.sources import Strict


class Condition(Strict):
    """What each region must reach for a count-of-regions target ("every city meets the
    gigabit-city standard"): a comparison and a value in the indicator's unit."""

    comparison: Comparison
    value: ValueField
    label: Text | None = None
    """What meeting it is called ("meet the gigabit-city standard")."""
    label_zh: Text | None = None

    @property
    def display_label(self) -> str | None:
        return self.label_zh if current() == "zh" and self.label_zh else self.label


FormulaKind = Literal["ratio", "share"]


class Formula(Strict):
    """A derived indicator's definition: numerator / denominator × per (a ratio, per
    10,000 people), or × 100 (a share of a total, in %)."""

    kind: FormulaKind
    numerator: Slug
    denominator: Slug
    per: Annotated[Decimal, Field(gt=0)] | None = None

    @model_validator(mode="after")
    def _per_for_ratios(self) -> Formula:
        if self.kind == "share" and self.per is not None:
            raise ValueError(_("a share is per 100; `per` is only for a ratio"))
        if self.numerator == self.denominator:
            raise ValueError(_("a formula needs two different indicators"))
        return self

    @property
    def multiplier(self) -> Decimal:
        if self.kind == "share":
            return Decimal(100)
        return self.per if self.per is not None else Decimal(1)

    @property
    def inputs(self) -> tuple[str, str]:
        return self.numerator, self.denominator
