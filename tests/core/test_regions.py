"""The regions table, finding a region by what was typed, and roll-ups over regions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sdtrack.core import language
from sdtrack.core.errors import UsageError
from sdtrack.core.periods import Period
from sdtrack.core.regions import (
    BUILT_IN_REGIONS,
    Geography,
    Region,
    children,
    find_region,
    region_table,
    roll_up_rule,
    roll_ups,
    table_problems,
)

CITIES = [
    "jinan", "qingdao", "zibo", "zaozhuang", "dongying", "yantai", "weifang", "jining",
    "taian", "weihai", "rizhao", "linyi", "dezhou", "liaocheng", "binzhou", "heze",
]  # fmt: skip
Y2023, Y2024 = Period.year(2023), Period.year(2024)


def test_the_built_in_table_is_china_shandong_and_its_sixteen_cities_in_code_order() -> None:
    table = region_table()
    assert [r.id for r in children(table, "shandong")] == CITIES
    assert table["shandong"].parent == "china"
    assert table["jinan"].code == "370100"
    assert table["heze"].code == "371700"
    assert all(r.name_zh for r in BUILT_IN_REGIONS)
    assert len({r.code for r in BUILT_IN_REGIONS}) == len(BUILT_IN_REGIONS)


@pytest.mark.parametrize("typed", ["jinan", "Jinan", "济南", "济南市", " JINAN ", "Jinan City"])
def test_a_region_is_found_by_its_id_or_either_name(typed: str) -> None:
    assert find_region(region_table(), typed).id == "jinan"


def test_a_name_with_an_apostrophe_is_found_without_it() -> None:
    table = region_table()
    assert find_region(table, "Taian").id == "taian"
    assert find_region(table, "Tai'an").id == "taian"
    assert find_region(table, "泰安").id == "taian"


def test_an_unknown_region_is_refused_with_the_list_and_a_suggestion() -> None:
    with pytest.raises(UsageError) as refused:
        find_region(region_table(), "jinna")
    message = str(refused.value.problems[0].message)
    assert "unknown region 'jinna'" in message
    assert "qingdao (Qingdao)" in message
    assert "jinan" in (refused.value.hint or "")


def test_the_display_name_follows_the_language() -> None:
    region = region_table()["qingdao"]
    assert region.display_name == "Qingdao"
    language.use("zh")
    try:
        assert region.display_name == "青岛市"
    finally:
        language.use("en")


def test_declared_regions_extend_the_table_and_are_checked() -> None:
    jiangsu = Region(
        id="jiangsu", name="Jiangsu", name_zh="江苏省", parent="china", level="province"
    )
    nanjing = Region(id="nanjing", name="Nanjing", parent="jiangsu")
    assert table_problems([jiangsu, nanjing]) == []
    assert [r.id for r in children(region_table([jiangsu, nanjing]), "china")] == [
        "shandong",
        "jiangsu",
    ]
    twice = table_problems([jiangsu, jiangsu.model_copy(), Region(id="jinan", name="J")])
    assert [(i, f) for i, f, _m in twice] == [(1, "id"), (2, "id")]
    lost = table_problems([Region(id="x", name="X", parent="nowhere")])
    assert lost[0][1] == "parent"
    assert "unknown region 'nowhere'" in lost[0][2]
    loop = table_problems(
        [Region(id="a", name="A", parent="b"), Region(id="b", name="B", parent="a")]
    )
    assert [f for _i, f, _m in loop] == ["parent", "parent"]


def test_geography_keys_the_own_region_as_none() -> None:
    geography = Geography.of((), "shandong")
    assert geography.key(None) is None
    assert geography.key("shandong") is None
    assert geography.key("jinan") == "jinan"
    assert len(geography.children(None)) == 16
    assert geography.name(None) == "Shandong"


def test_stocks_and_flows_add_only_when_every_region_reported() -> None:
    values = {"a": {Y2023: Decimal(2), Y2024: Decimal(3)}, "b": {Y2023: Decimal(5)}}
    own = {Y2023: Decimal(8)}
    first, second = roll_ups("sum", ["a", "b"], values, own)
    assert first.period == Y2023
    assert first.total == 7
    assert first.complete
    assert first.own == 8
    assert first.differs
    assert second.total is None
    assert second.missing == ("b",)
    assert [v.region for v in second.reported] == ["a"]
    assert not second.differs


def test_a_share_is_never_added_and_weighted_only_with_weights() -> None:
    assert roll_up_rule("share", derived=False, weighted=False) == "none"
    assert roll_up_rule("share", derived=False, weighted=True) == "weighted"
    assert roll_up_rule("stock", derived=True, weighted=False) == "none"
    assert roll_up_rule("flow", derived=False, weighted=False) == "sum"
    values = {"a": {Y2023: Decimal(40)}, "b": {Y2023: Decimal(60)}}
    (unweighted,) = roll_ups("none", ["a", "b"], values, {})
    assert unweighted.total is None
    assert unweighted.complete
    weights = {"a": {Y2023: Decimal(1)}, "b": {Y2023: Decimal(3)}}
    (weighted,) = roll_ups("weighted", ["a", "b"], values, {}, weights)
    assert weighted.total == Decimal(55)
    assert weighted.weighted
    (no_weight,) = roll_ups("weighted", ["a", "b"], values, {}, {"a": weights["a"]})
    assert no_weight.total is None
