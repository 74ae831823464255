"""Regions: the built-in table (China, Shandong and its 16 cities), a workspace's own
region, finding a region by what a user typed, and roll-ups of readings over regions.

A reading or target without a region is the workspace's own (`TargetsFile.region`). A
roll-up adds the readings of a region's children for one period only when every child has
one: a partial sum is never passed off as a total, it is reported as "11 of 16 cities
reported". Stocks and flows add; shares are never added (a share's roll-up is weighted,
and only when a weights indicator is given); ratios are not rolled up at all (their
inputs are). A region's own reading beside the sum of its children is flagged when the
two differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sdtrack.core.errors import UsageError, name_list
from sdtrack.core.fields import Slug, Text
from sdtrack.core.language import N_, _, current
from sdtrack.core.periods import Period
from sdtrack.core.suggestions import with_suggestion

RegionLevel = Literal["country", "province", "city", "county", "district"]


class Region(BaseModel):
    """One region: its id, names, the region it belongs to, and its division code."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: Text
    name_zh: Text | None = None
    parent: Slug | None = None
    level: RegionLevel = "city"
    code: Text | None = None
    """The administrative division code (GB/T 2260): Open SDG's GeoCode."""

    @property
    def display_name(self) -> str:
        if current() == "zh" and self.name_zh is not None:
            return self.name_zh
        return self.name


# Names and codes of the People's Republic of China's administrative divisions (GB/T 2260,
# as the Ministry of Civil Affairs publishes them): Shandong's 16 prefecture-level cities,
# in code order. Laiwu (371200) was merged into Jinan in 2019.
_CITIES = (
    ("jinan", "Jinan", "济南市", "370100"),
    ("qingdao", "Qingdao", "青岛市", "370200"),
    ("zibo", "Zibo", "淄博市", "370300"),
    ("zaozhuang", "Zaozhuang", "枣庄市", "370400"),
    ("dongying", "Dongying", "东营市", "370500"),
    ("yantai", "Yantai", "烟台市", "370600"),
    ("weifang", "Weifang", "潍坊市", "370700"),
    ("jining", "Jining", "济宁市", "370800"),
    ("taian", "Tai'an", "泰安市", "370900"),
    ("weihai", "Weihai", "威海市", "371000"),
    ("rizhao", "Rizhao", "日照市", "371100"),
    ("linyi", "Linyi", "临沂市", "371300"),
    ("dezhou", "Dezhou", "德州市", "371400"),
    ("liaocheng", "Liaocheng", "聊城市", "371500"),
    ("binzhou", "Binzhou", "滨州市", "371600"),
    ("heze", "Heze", "菏泽市", "371700"),
)
BUILT_IN_REGIONS: tuple[Region, ...] = (
    Region(id="china", name="China", name_zh="中国", level="country", code="CN"),
    Region(
        id="shandong",
        name="Shandong",
        name_zh="山东省",
        parent="china",
        level="province",
        code="370000",
    ),
    *(
        Region(id=i, name=name, name_zh=zh, parent="shandong", level="city", code=code)
        for i, name, zh, code in _CITIES
    ),
)

UNKNOWN_REGION = N_("unknown region {value!r}; known regions: {known}")
LEVEL_WORDS = {
    "country": (N_("country"), N_("countries")),
    "province": (N_("province"), N_("provinces")),
    "city": (N_("city"), N_("cities")),
    "county": (N_("county"), N_("counties")),
    "district": (N_("district"), N_("districts")),
}


def region_table(declared: Iterable[Region] = ()) -> dict[str, Region]:
    """The built-in regions and those a workspace declares, by id."""
    table = {r.id: r for r in BUILT_IN_REGIONS}
    for region in declared:
        table[region.id] = region
    return table


def table_problems(declared: Sequence[Region]) -> list[tuple[int, str, str]]:
    """What is wrong with a workspace's regions, as (index, field, message): an id used
    twice or already built in, a parent that is not a region, a region inside itself."""
    problems: list[tuple[int, str, str]] = []
    built_in = {r.id for r in BUILT_IN_REGIONS}
    seen: set[str] = set()
    for index, region in enumerate(declared):
        if region.id in built_in or region.id in seen:
            message = _("region {id!r} is already defined; region ids must be unique")
            problems.append((index, "id", message.format(id=region.id)))
        seen.add(region.id)
    table = region_table(declared)
    for index, region in enumerate(declared):
        if region.parent is not None and region.parent not in table:
            message = _(UNKNOWN_REGION).format(value=region.parent, known=name_list(sorted(table)))
            problems.append((index, "parent", message))
        elif _inside_itself(region, table):
            message = _("region {id!r} lies inside itself through its parents")
            problems.append((index, "parent", message.format(id=region.id)))
    return problems


def _inside_itself(region: Region, table: Mapping[str, Region]) -> bool:
    seen = {region.id}
    parent = region.parent
    while parent is not None and parent in table:
        if parent in seen:
            return True
        seen.add(parent)
        parent = table[parent].parent
    return False


def children(table: Mapping[str, Region], parent: str | None) -> list[Region]:
    """The regions directly inside `parent`, in the table's order."""
    if parent is None:
        return []
    return [r for r in table.values() if r.parent == parent]


def _loose(text: str) -> str:
    folded = text.strip().casefold().replace("'", "").replace("’", "").replace(" ", "")
    for suffix in ("市", "省", "city", "province"):
        if folded.endswith(suffix) and len(folded) > len(suffix):
            return folded[: -len(suffix)]
    return folded


def find_region(table: Mapping[str, Region], typed: str) -> Region:
    """The region a user means by `typed`: its id, or its English or Chinese name (济南,
    济南市, Jinan, Tai'an); a UsageError listing every region otherwise."""
    if typed in table:
        return table[typed]
    wanted = _loose(typed)
    for region in table.values():
        names = (region.id, region.name, region.name_zh or "")
        if any(wanted == _loose(name) for name in names if name):
            return region
    hint = with_suggestion(
        _("`sdtrack status --by region` shows every region"),
        typed,
        [*table, *(r.name_zh for r in table.values() if r.name_zh)],
    )
    known = name_list([f"{r.id} ({r.display_name})" for r in table.values()])
    raise UsageError(_(UNKNOWN_REGION).format(value=typed, known=known), hint=hint)


@dataclass(frozen=True)
class Geography:
    """A workspace's regions and its own region, which readings without one belong to."""

    table: Mapping[str, Region]
    own: str | None = None

    @classmethod
    def of(cls, declared: Iterable[Region] = (), own: str | None = None) -> Geography:
        return cls(region_table(declared), own)

    def key(self, region: str | None) -> str | None:
        """The region a reading or target is for, None meaning the workspace's own."""
        return None if region is None or region == self.own else region

    def children(self, parent: str | None) -> list[Region]:
        return children(self.table, parent if parent is not None else self.own)

    def name(self, region: str | None) -> str:
        """A region's name in the language in use; the own region's, for None."""
        chosen = region if region is not None else self.own
        found = self.table.get(chosen) if chosen is not None else None
        return found.display_name if found is not None else (chosen or "")


@dataclass(frozen=True)
class RegionValue:
    """One region's value for a period."""

    region: str
    value: Decimal


@dataclass(frozen=True)
class RollUp:
    """The children of a region for one period: their sum when every one reported, and
    the region's own value beside it."""

    period: Period
    reported: tuple[RegionValue, ...]
    missing: tuple[str, ...]
    total: Decimal | None
    """The sum (or weighted mean of a share) over every child; None if any is missing."""
    own: Decimal | None
    """The parent region's own reading of the same period."""
    weighted: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def differs(self) -> bool:
        """The region's own reading and its children's total disagree."""
        return self.own is not None and self.total is not None and self.own != self.total


RollUpRule = Literal["sum", "weighted", "none"]


def roll_up_rule(indicator_kind: str, derived: bool, weighted: bool) -> RollUpRule:
    """How an indicator's regional values combine: stocks and flows add; a share is
    weighted when weights are given, else never combined; a ratio is not combined."""
    if derived and indicator_kind != "share":
        return "none"
    if indicator_kind == "share":
        return "weighted" if weighted else "none"
    return "sum"


def roll_ups(
    rule: RollUpRule,
    regions: Sequence[str],
    values: Mapping[str, Mapping[Period, Decimal]],
    own: Mapping[Period, Decimal],
    weights: Mapping[str, Mapping[Period, Decimal]] | None = None,
) -> list[RollUp]:
    """For every period any of `regions` reported, oldest first: who reported, who did
    not, the total when all did (by `rule`), and the parent's own value of that period."""
    periods = sorted({p for r in regions for p in values.get(r, {})})
    result: list[RollUp] = []
    for period in periods:
        reported = tuple(
            RegionValue(r, values[r][period]) for r in regions if period in values.get(r, {})
        )
        missing = tuple(r for r in regions if period not in values.get(r, {}))
        total: Decimal | None = None
        if not missing and rule == "sum":
            total = sum((v.value for v in reported), Decimal(0))
        elif not missing and rule == "weighted" and weights is not None:
            total = _weighted_mean(reported, weights, period)
        result.append(RollUp(period, reported, missing, total, own.get(period), rule == "weighted"))
    return result


def _weighted_mean(
    reported: Sequence[RegionValue], weights: Mapping[str, Mapping[Period, Decimal]], period: Period
) -> Decimal | None:
    pairs = [(v.value, weights.get(v.region, {}).get(period)) for v in reported]
    if any(w is None for _v, w in pairs):
        return None
    total_weight = sum((w for _v, w in pairs if w is not None), Decimal(0))
    if total_weight == 0:
        return None
    return sum((v * w for v, w in pairs if w is not None), Decimal(0)) / total_weight
