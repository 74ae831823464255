"""A sheet's header row: fields named in English or Chinese, `--map`, period headers."""

from __future__ import annotations

import pytest

from sdtrack.core.errors import UsageError
from sdtrack.core.import_headers import (
    FIELDS,
    HEADER_WORDS,
    field_of,
    header_word,
    parse_mapping,
    period_header,
)


def test_headers_are_matched_in_english_and_chinese_with_units_and_case_ignored() -> None:
    assert field_of("Indicator", {}) == ("indicator", 4)
    assert field_of("指标", {})[0] == "indicator"  # type: ignore[index]
    assert field_of("数值（万个）", {})[0] == "value"  # type: ignore[index]
    assert field_of(" Period ", {})[0] == "date"  # type: ignore[index]
    assert field_of("数据来源", {})[0] == "source"  # type: ignore[index]
    assert field_of("备注", {})[0] == "note"  # type: ignore[index]
    assert field_of("Population", {}) is None
    assert field_of("项目名称", {"项目名称": "indicator"}) == ("indicator", -1)
    assert header_word("Indicator_ID") == header_word("indicator id")


def test_map_options_are_checked() -> None:
    assert parse_mapping(["项目名称=indicator", "Amount = value"]) == {
        "项目名称": "indicator",
        "Amount": "value",
    }
    with pytest.raises(UsageError) as error:
        parse_mapping(["nothing", "x=colour"])
    assert [p.field for p in error.value.problems] == ["--map", "--map"]
    assert "colour" in error.value.problems[1].message


def test_a_region_column_is_named_in_english_or_chinese() -> None:
    for header in (
        "region",
        "Region",
        "地区",
        "城市",
        "地市",
        "区域",
        "City",
        "GeoCode",
        "区划代码",
    ):
        assert field_of(header, {})[0] == "region", header  # type: ignore[index]
    # A column of ids or codes counts over a column of names.
    assert field_of("region_id", {})[1] < field_of("城市", {})[1]  # type: ignore[index]
    assert parse_mapping(["所属城市=region"]) == {"所属城市": "region"}


def test_every_field_has_header_words_and_no_word_names_two_fields() -> None:
    assert set(HEADER_WORDS) == set(FIELDS)
    named: dict[str, set[str]] = {}
    for name, words in HEADER_WORDS.items():
        for word in words:
            named.setdefault(header_word(word), set()).add(name)
    assert all(len(names) == 1 for names in named.values())


@pytest.mark.parametrize(
    ("header", "period"),
    [
        ("2024", "2024"),
        ("2024年", "2024"),
        ("2024年末", "2024"),
        ("2024-06", "2024-06"),
        ("2024年6月", "2024-06"),
        ("2024（万个）", "2024"),
        ("Q1", None),
        ("2024-13", None),
        ("城市", None),
    ],
)
def test_period_headers(header: str, period: str | None) -> None:
    assert period_header(header) == period
