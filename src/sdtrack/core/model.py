"""The data model: indicators, their targets, and recorded readings.

These pydantic models are the schema of `targets.toml` and `readings.toml`; they forbid
unknown keys so that a typo is an error, not a silently ignored line.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from sdtrack.core.choices import DEFAULT_METHOD, Method, Qualifier
from sdtrack.core.domains import DEADLINE_BEFORE_BASELINE, Domain, IndicatorKind
from sdtrack.core.errors import name_list
from sdtrack.core.fields import (
    Comparison,
    PeriodField,
    Slug,
    Text,
    Unparsed,
    ValueField,
    declared_domain,
    read_target_values,
    valid_request_key,
    word_from_value,
)
from sdtrack.core.formulas import Condition, Formula
from sdtrack.core.language import N_, _, current
from sdtrack.core.qualifiers import split_qualifier
from sdtrack.core.quantities import (
    QuantityError,
    Unit,
    parse_quantity,
    plain_number,
)
from sdtrack.core.regions import UNKNOWN_REGION, Region
from sdtrack.core.sources import Plan, Source, Strict

SCHEMA_VERSION = 1

TargetKind = Literal["level", "growth", "recurring"]
Direction = Literal["higher", "lower"]

LOWER_IS_BETTER: frozenset[str] = frozenset({"at_most", "less_than"})
COMPARISON_SYMBOLS: dict[str, str] = {
    "at_least": "≥",
    "more_than": ">",
    "about": "≈",
    "at_most": "≤",
    "less_than": "<",
}
COMPARISON_WORDS: dict[str, str] = {
    "at_least": "at least",
    "more_than": "more than",
    "about": "about",
    "at_most": "at most",
    "less_than": "less than",
}

# `about` targets count as met within this share of the target value unless the target
# sets its own `tolerance`. There is no published standard for "about"; 5 % is the
# rounding margin of a figure quoted to two significant digits (e.g. "about 20,000").
DEFAULT_ABOUT_TOLERANCE = Decimal("0.05")
# Annual figures are published months after the year ends; a reading more than 15 months
# older than the as-of date means at least one annual release has been missed.
DEFAULT_STALE_AFTER_MONTHS = 15
# What a target of each kind lacks without a deadline or a start.
NEEDS_DEADLINE = {
    "level": N_("a level target needs a deadline"),
    "growth": N_("a growth target needs a deadline"),
}
DERIVED_NOT_RECORDED = N_(
    "{id!r} is computed by sdtrack ({inputs}) and cannot be recorded; record its inputs"
)
NEEDS_START = {
    "growth": N_("a growth target needs a start (its first year)"),
    "recurring": N_("a recurring target needs a start (its first year)"),
}


class Baseline(Strict):
    """The value a target starts from. `derived` marks a value computed, not quoted."""

    value: ValueField
    date: PeriodField
    derived: bool = False
    note: Text | None = None


class Target(Strict):
    """One commitment on one indicator.

    kind = "level": the indicator reaches `value` by `deadline` (compared by `comparison`).
    kind = "growth": the indicator grows by `value` percent each year from `start` to
    `deadline` (a flow's year-on-year growth).
    kind = "recurring": `value` is reached in each year from `start`, until `deadline` if
    one is given.
    """

    id: Slug
    kind: TargetKind = "level"
    comparison: Comparison
    value: ValueField
    deadline: PeriodField | None = None
    start: PeriodField | None = None
    baseline: Baseline | None = None
    tolerance: Annotated[Decimal, Field(gt=0, lt=1)] | None = None
    method: Method | None = None
    source: Source
    plan: Slug | None = None
    """The `[[plan]]` that declared it."""
    region: Slug | None = None
    """The region it is for; None: the workspace's own."""
    each: Condition | None = None
    """A count-of-regions target: `value` regions (of `among`'s) must each meet `each`."""
    among: Slug | None = None
    """Whose regions a count-of-regions target counts; None: the target's region."""
    note: Text | None = None

    @model_validator(mode="after")
    def _kind_fields(self) -> Target:
        if self.kind in ("level", "growth") and self.deadline is None:
            raise ValueError(_(NEEDS_DEADLINE[self.kind]))
        if self.kind in ("growth", "recurring") and self.start is None:
            raise ValueError(_(NEEDS_START[self.kind]))
        if self.kind == "level" and self.start is not None:
            raise ValueError(_("start is only for growth and recurring targets; use baseline"))
        if self.start is not None and self.deadline is not None and self.start > self.deadline:
            raise ValueError(
                _("start {start} is after deadline {deadline}").format(
                    start=self.start, deadline=self.deadline
                )
            )
        if self.each is not None and self.kind != "level":
            raise ValueError(_("a count-of-regions target (each) is a level target"))
        if self.each is not None and self.value != self.value.to_integral_value():
            raise ValueError(
                _("a count-of-regions target's value is a number of regions, a whole number")
            )
        if self.among is not None and self.each is None:
            raise ValueError(_("among is only for a count-of-regions target (each)"))
        if self.tolerance is not None and self.comparison != "about":
            raise ValueError(_("tolerance is only for comparison = 'about'"))
        if self.baseline is not None and self.kind != "level":
            raise ValueError(_("baseline is only for level targets"))
        baseline, deadline = self.baseline, self.deadline
        if baseline is not None and deadline is not None and deadline.end < baseline.date.end:
            raise ValueError(
                _(DEADLINE_BEFORE_BASELINE).format(deadline=deadline, date=baseline.date)
            )
        return self

    @property
    def lower_is_better(self) -> bool:
        return self.comparison in LOWER_IS_BETTER

    @property
    def about_tolerance(self) -> Decimal:
        return self.tolerance if self.tolerance is not None else DEFAULT_ABOUT_TOLERANCE


class Indicator(Strict):
    """A measured series: base stations in service, revenue per year, a share of GDP.

    Its `domain` is the values that can exist (`core.domains`): a share lies between 0
    and 100 %; a count (a unit that is neither money nor %) is a whole number, unless
    `integer = false` (a measured unit: km, tonnes); nothing is negative, unless
    `negative = true` (a net flow, a balance). `limit`, above 0 and itself possible, caps
    it (16 gigabit cities). Readings, targets and baselines outside it are refused.
    """

    id: Slug
    name: Text
    name_zh: Text | None = None
    unit: Text
    unit_one: Text | None = None
    """The unit for one ('city' beside unit = 'cities'); without it a rule makes one."""
    unit_zh: Text | None = None
    """The Chinese measure word or unit of a count (个, 座, 户); None for 元, % and the like."""
    kind: IndicatorKind
    better: Direction | Literal["neither"] | None = None
    """Which way is progress; "neither" for a context series (population, GDP) that other
    indicators are computed from: its movement is shown, never judged."""
    limit: ValueField | None = None
    """The most the indicator can ever reach (16 cities); a share's is 100 % unless set."""
    negative: bool = False
    """Whether values below zero can exist (a net flow, a balance)."""
    integer: bool | None = None
    """Whether only whole numbers can exist; None: a count's are, money and % are not."""
    stale_after_months: Annotated[int, Field(ge=1, le=240)] = DEFAULT_STALE_AFTER_MONTHS
    release_lag_months: Annotated[int, Field(ge=0, le=36)] | None = None
    """Months after a period ends by which its figure is published (`core.releases`)."""
    description: Text | None = None
    formula: Formula | None = None
    """A derived indicator: computed from two others, never recorded."""
    weights: Slug | None = None
    """A share's weights over regions: its roll-up is the mean weighted by this indicator."""
    targets: list[Target] = Field(default_factory=list, alias="target")

    @model_validator(mode="before")
    @classmethod
    def _read_values_in_unit(cls, data: Any) -> Any:
        """Read the limit, target and baseline values in this indicator's unit, before the
        targets, marking each one outside the indicator's domain to be reported in place."""
        if not isinstance(data, dict) or not isinstance(data.get("unit"), str):
            return data
        unit = Unit.parse(data["unit"])
        data = dict(data)
        domain = declared_domain(data, unit)
        targets = data.get("target")
        if isinstance(targets, list):
            data["target"] = [read_target_values(t, unit, domain) for t in targets]
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.kind == "share" and Unit.parse(self.unit).family != "percent":
            raise ValueError(
                _("a share indicator is measured in %, not {unit!r}").format(unit=self.unit)
            )
        directions = {
            "lower" if t.lower_is_better else "higher"
            for t in self.targets
            if t.kind == "level" and t.comparison != "about"
        }
        if len(directions) > 1:
            raise ValueError(_("targets disagree on whether higher or lower is better"))
        if self.better == "neither" and self.targets:
            raise ValueError(_("better = 'neither' is for an indicator without targets"))
        if self.better is not None and directions and directions != {self.better}:
            raise ValueError(
                _("better = {better!r} contradicts the targets' comparisons").format(
                    better=self.better
                )
            )
        ids = [t.id for t in self.targets]
        if len(ids) != len(set(ids)):
            raise ValueError(_("two targets share an id"))
        if self.weights is not None and self.kind != "share":
            raise ValueError(_("weights are only for a share indicator"))
        if self.formula is not None and self.formula.kind == "share" and self.kind != "share":
            raise ValueError(_("a share formula makes a share indicator: kind = 'share'"))
        if self.formula is not None and self.id in self.formula.inputs:
            raise ValueError(_("a derived indicator cannot be computed from itself"))
        return self

    @property
    def judged(self) -> bool:
        """Whether its movement is progress or regress (not a context series)."""
        return self.better != "neither"

    @property
    def derived(self) -> bool:
        return self.formula is not None

    @property
    def display_name(self) -> str:
        """The name in the language in use: `name_zh` in Chinese when it is set, else `name`."""
        if current() == "zh" and self.name_zh is not None:
            return self.name_zh
        return self.name

    @property
    def unit_info(self) -> Unit:
        return Unit.parse(self.unit)

    @property
    def direction(self) -> Direction:
        if self.better in ("higher", "lower"):
            return "lower" if self.better == "lower" else "higher"
        lower = any(t.lower_is_better for t in self.targets if t.kind == "level")
        return "lower" if lower else "higher"

    @property
    def natural_limit(self) -> Decimal | None:
        """The most the indicator can reach: its `limit`, a share's 100 %, else None."""
        return self.domain.maximum

    @property
    def domain(self) -> Domain:
        """The values that can exist for this indicator (see the class docstring)."""
        # A ratio of two counts is not a count: 22.2 base stations per 10,000 people.
        integer = False if self.formula is not None else self.integer
        declared = Domain.of(
            self.kind,
            self.unit_info,
            negative=self.negative,
            integer=integer,
            indicator=self.id,
        )
        return declared if self.limit is None else declared.limited_to(self.limit)


class TargetsFile(Strict):
    """`targets.toml`: the hand-edited list of indicators and targets."""

    schema_version: Literal[1] = Field(alias="schema")
    title: Text
    description: Text | None = None
    method: Method = DEFAULT_METHOD
    region: Slug | None = None
    """The workspace's own region: readings and targets without a region are its."""
    plans: list[Plan] = Field(default_factory=list, alias="plan")
    regions: list[Region] = Field(default_factory=list, alias="regions")
    indicators: list[Indicator] = Field(default_factory=list, alias="indicator")

    @model_validator(mode="after")
    def _unique_ids(self) -> TargetsFile:
        seen: set[str] = set()
        for indicator in self.indicators:
            for item_id in (indicator.id, *(t.id for t in indicator.targets)):
                if item_id in seen:
                    raise ValueError(
                        _("id {id!r} is used twice; ids must be unique").format(id=item_id)
                    )
                seen.add(item_id)
        return self

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


class Reading(Strict):
    """One dated, sourced value of an indicator, as appended to `readings.toml`."""

    id: Slug | None = None
    indicator: Slug
    value: ValueField
    date: PeriodField
    qualifier: Qualifier | None = None
    derived: bool = False
    region: Slug | None = None
    """The region the value is for; None: the workspace's own."""
    source: Text
    url: Text | None = None
    quote: Text | None = None
    note: Text | None = None
    recorded: dt.datetime | None = None
    corrects: Slug | None = None
    request_key: Annotated[str, AfterValidator(valid_request_key)] | None = Field(
        default=None, alias="key"
    )
    batch: Slug | None = None
    """The import that appended it with others, all in one write (`batch_size` of them)."""
    batch_size: Annotated[int, Field(ge=2, le=10_000_000)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _qualifier_from_value(cls, data: Any, info: ValidationInfo) -> Any:
        """A value that says its qualifier ('超过22万', 'over 220,000') supplies it; it must
        agree with `qualifier` (`--qualifier`) when that is given too."""
        if not isinstance(data, dict) or not isinstance(data.get("value"), str):
            return data
        indicator, units = data.get("indicator"), _context_units(info) or {}
        unit = units.get(indicator) if isinstance(indicator, str) else None
        return word_from_value(data, split_qualifier, unit, "qualifier")

    @field_validator("source", "url")
    @classmethod
    def _one_copy(cls, value: str | None) -> str | None:
        # A ledger cites the same few sources many times: keep one copy of each in memory.
        return None if value is None else sys.intern(value)

    @field_validator("indicator")
    @classmethod
    def _known_indicator(cls, value: str, info: ValidationInfo) -> str:
        units = _context_units(info)
        if units is not None and value not in units:
            known = name_list(sorted(units))
            raise ValueError(
                _("unknown indicator {value!r}; known indicators: {known}").format(
                    value=value, known=known
                )
            )
        derived = info.context.get("derived") if isinstance(info.context, dict) else None
        if derived and value in derived:
            raise ValueError(_(DERIVED_NOT_RECORDED).format(id=value, inputs=derived[value]))
        return sys.intern(value)

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str | None, info: ValidationInfo) -> str | None:
        regions = info.context.get("regions") if isinstance(info.context, dict) else None
        if value is not None and regions is not None and value not in regions:
            known = name_list(sorted(regions))
            raise ValueError(_(UNKNOWN_REGION).format(value=value, known=known))
        return None if value is None else sys.intern(value)

    @field_validator("value", mode="before")
    @classmethod
    def _value_in_unit(cls, value: object, info: ValidationInfo) -> object:
        """The value read in its indicator's unit, refused outside its domain when the
        context gives the domains (`reading_context`)."""
        units = _context_units(info)
        indicator = info.data.get("indicator")
        if units is None or indicator not in units or isinstance(value, Unparsed):
            return value
        try:
            number = parse_quantity(value, units[indicator])
        except QuantityError as error:
            raise ValueError(str(error)) from None
        domains = info.context.get("domains") if isinstance(info.context, dict) else None
        domain = domains.get(indicator) if domains else None
        if domain is not None and (reason := domain.refusal(number)) is not None:
            raise ValueError(reason)
        return number

    @property
    def key(self) -> str:
        """The reading's id: its own, or one derived from what it says."""
        if self.id is not None:
            return self.id
        return reading_id(self.indicator, str(self.date), self.value, self.source, self.region)


def content_id(
    indicator: str, date: str, value: Decimal, source: str, region: str | None = None
) -> str:
    """A short, stable id for a reading, derived from its content (a regional reading's
    from its region too). `reading_id` remembers the last ones; this is for ids asked once
    each (an import's 100,000 rows, where remembering cost a third of the hashing)."""
    parts = (indicator, date, plain_number(value), source, *((region,) if region else ()))
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"r-{digest[:10]}"


# Planning an append asks for a new reading's id three times (its key, its content, its
# id): equal values give equal ids (`plain_number` writes them alike), so one is kept.
reading_id = functools.lru_cache(maxsize=4096)(content_id)


def reading_context(
    indicators: Iterable[Indicator], regions: Iterable[str] | None = None
) -> dict[str, Any]:
    """The context that validates readings of `indicators`: each value read in its
    indicator's unit (`units`) and refused outside its domain (`domains`), a derived
    indicator refused (`derived`), and, given `regions`, a region that is not one."""
    listed = list(indicators)
    context: dict[str, Any] = {
        "units": {i.id: i.unit_info for i in listed},
        "domains": {i.id: i.domain for i in listed},
        "derived": {i.id: " ÷ ".join(i.formula.inputs) for i in listed if i.formula is not None},
    }
    if regions is not None:
        context["regions"] = frozenset(regions)
    return context


def _context_units(info: ValidationInfo) -> dict[str, Unit] | None:
    context = info.context
    if isinstance(context, dict):
        units = context.get("units")
        if isinstance(units, dict):
            return units
    return None


class Retraction(Strict):
    """A `[[retraction]]` entry: the reading it withdraws, why, and when."""

    reading: Slug
    reason: Text
    recorded: dt.datetime | None = None


class ReadingsFile(Strict):
    """`readings.toml`: the append-only ledger of readings, corrections and retractions.

    A reading with `corrects = "r-…"` supersedes the reading it names; a retraction
    withdraws one. Nothing is ever edited or deleted, so the whole history stays readable.
    """

    schema_version: Literal[1] = Field(alias="schema")
    readings: list[Reading] = Field(default_factory=list, alias="reading")
    retractions: list[Retraction] = Field(default_factory=list, alias="retraction")
