"""Rows to readings: headers, layouts, names, every problem located, keys, the batch plan."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core import importing
from sdtrack.core.errors import UsageError
from sdtrack.core.importing import (
    Defaults,
    Names,
    RegionNames,
    SheetReading,
    derived_key,
    read_sheet_readings,
)
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.regions import Geography

RECORDED = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
STATIONS = Indicator.model_validate(
    {"id": "5g-base-stations", "name": "5G base stations in service", "name_zh": "5G基站",
     "unit": "base stations", "kind": "stock"}
)  # fmt: skip
SHARE = Indicator.model_validate(
    {"id": "gdp-share", "name": "Share of GDP", "name_zh": "占比", "unit": "%", "kind": "share"}
)
INDICATORS = [STATIONS, SHARE]


def read(
    header: Sequence[str], *rows: Sequence[str], defaults: Defaults | None = None
) -> SheetReading:
    return read_sheet_readings(
        "sheet.csv",
        header,
        ((number, row) for number, row in enumerate(rows, 2)),
        lambda index: str(index + 1),
        INDICATORS,
        defaults or Defaults(),
        RECORDED,
    )


def test_an_indicator_is_found_by_id_english_or_chinese_name() -> None:
    names = Names(INDICATORS)
    assert names.find("5g-base-stations") is STATIONS
    assert names.find("5G Base Stations in service") is STATIONS
    assert names.find(" 5G基站 ") is STATIONS
    with pytest.raises(UsageError) as error:
        names.find("5g-base-statons")
    assert error.value.hint is not None
    assert "5g-base-stations" in error.value.hint


def test_long_rows_give_readings_parsed_as_record_parses_them() -> None:
    found = read(
        ["指标", "数值", "日期", "来源", "url"],
        ["5G基站", "22.4万", "2024-06", "Bulletin", "https://example.org/b"],
        ["gdp-share", "超过47%", "2023", "Bulletin", ""],
    )
    assert found.problems == []
    first, second = (c.reading for c in found.candidates)
    assert (first.indicator, first.value, str(first.date)) == (
        "5g-base-stations",
        224000,
        "2024-06",
    )
    assert first.url == "https://example.org/b"
    assert first.recorded == RECORDED
    assert (second.value, second.qualifier, second.url) == (47, "over", None)
    assert [c.row for c in found.candidates] == [2, 3]


def test_every_problem_of_every_row_is_located() -> None:
    found = read(
        ["indicator", "value", "date", "source"],
        ["5g-base-statons", "1", "2024", "B"],
        ["5g-base-stations", "lots", "2024", "B"],
        ["5g-base-stations", "12", "2031", "B"],
        ["5g-base-stations", "12", "", ""],
        ["gdp-share", "147%", "2024", "B"],
        ["5g-base-stations", "2 trillion yuan", "2024-13", "B"],
    )
    assert found.candidates == []
    where = [(p.line, p.column) for p in found.problems]
    assert where == [(2, "1"), (3, "2"), (4, "3"), (5, "3"), (5, "4"), (6, "2"), (7, "3"), (7, "2")]
    assert all(str(p).startswith(f"sheet.csv:{p.line}:{p.column}: ") for p in found.problems)


def test_missing_columns_are_named_with_what_to_do_and_defaults_stand_in() -> None:
    found = read(["indicator", "value"], ["5g-base-stations", "1"])
    assert [p.message.split(" column")[0] for p in found.problems] == [
        "the sheet has no date",
        "the sheet has no source",
    ]
    filled = read(
        ["indicator", "value"],
        ["5g-base-stations", "1"],
        defaults=Defaults({"date": "2024", "source": "Bulletin"}),
    )
    assert filled.problems == []
    assert filled.candidates[0].reading.source == "Bulletin"


def test_two_columns_for_one_field_keep_the_more_specific_or_are_refused() -> None:
    found = read(
        ["indicator_id", "indicator", "value", "date", "source"],
        ["gdp-share", "Share of GDP", "40%", "2024", "B"],
    )
    assert found.problems == []
    assert found.candidates[0].reading.indicator == "gdp-share"
    clash = read(
        ["value", "数值", "indicator", "date", "source"], ["1", "2", "gdp-share", "2024", "B"]
    )
    assert clash.problems == []
    assert clash.candidates[0].reading.value == 1
    same = read(
        ["value", "value", "indicator", "date", "source"], ["1", "2", "gdp-share", "2024", "B"]
    )
    assert "columns 1 and 2 both give the value" in same.problems[0].message


def test_wide_rows_give_one_reading_per_period_column_and_skip_empty_cells() -> None:
    found = read(
        ["指标", "2022", "2023年", "2024年6月", "来源", "Population"],
        ["5G基站", "16.2万", "—", "22.4万", "Bulletin", "x"],
        ["占比", "", "47%", "", "Bulletin", ""],
        defaults=Defaults(wide=True),
    )
    assert found.problems == []
    assert found.ignored == ["Population"]
    got = [
        (c.reading.indicator, str(c.reading.date), c.reading.value, c.column)
        for c in found.candidates
    ]
    assert got == [
        ("5g-base-stations", "2022", 162000, "2"),
        ("5g-base-stations", "2024-06", 224000, "4"),
        ("gdp-share", "2023", 47, "3"),
    ]


def test_a_wide_sheet_without_period_columns_is_refused() -> None:
    found = read(
        ["indicator", "Q1", "source"], ["gdp-share", "1", "B"], defaults=Defaults(wide=True)
    )
    assert "no column is headed by a period" in found.problems[0].message


def test_blank_rows_are_skipped() -> None:
    found = read(["indicator", "value", "date", "source"], ["", " ", "", ""])
    assert found == SheetReading([], [], [])


@given(st.sampled_from(["224000", "22.4万", "224,000", "224k", "0.224 million"]))
def test_the_derived_key_is_the_same_for_the_same_reading_however_written(value: str) -> None:
    found = read(["indicator", "value", "date", "source"], ["5G基站", value, "2024-06", "B"])
    (candidate,) = found.candidates
    assert candidate.reading.request_key == derived_key(candidate.reading)
    assert candidate.reading.request_key.startswith("import-")  # type: ignore[union-attr]
    base = read(
        ["indicator", "value", "date", "source"], ["5g-base-stations", "224000", "2024-06", "B"]
    )
    assert candidate.reading.request_key == base.candidates[0].reading.request_key


def test_a_key_column_is_the_key() -> None:
    found = read(
        ["indicator", "value", "date", "source", "key"], ["gdp-share", "40%", "2024", "B", "row-1"]
    )
    assert found.candidates[0].reading.request_key == "row-1"


def _reading(value: str, source: str = "B", date: str = "2024") -> Reading:
    found = read(
        ["indicator", "value", "date", "source"], ["5g-base-stations", value, date, source]
    )
    return found.candidates[0].reading


def test_values_keep_their_decimal_exactness() -> None:
    found = read(["indicator", "value", "date", "source"], ["gdp-share", "47.35%", "2023", "B"])
    assert found.candidates[0].reading.value == Decimal("47.35")


def test_a_derived_column_says_true_or_false_in_either_language() -> None:
    found = read(
        ["indicator", "value", "date", "source", "推算"],
        ["gdp-share", "40%", "2024", "B", "是"],
        ["gdp-share", "41%", "2023", "B", "false"],
        ["gdp-share", "42%", "2022", "B", "perhaps"],
    )
    assert [c.reading.derived for c in found.candidates] == [True, False]
    ((problem),) = found.problems
    assert (problem.line, problem.column) == (4, "5")
    assert "neither true nor false" in problem.message


def test_source_quote_and_note_are_kept_exactly_as_written() -> None:
    found = read(
        ["indicator", "value", "date", "source", "note"],
        [" gdp-share ", " 40% ", " 2024 ", " Bulletin ", "line one\nline two\n"],
    )
    (candidate,) = found.candidates
    assert (candidate.reading.source, candidate.reading.note) == (
        " Bulletin ",
        "line one\nline two\n",
    )


SHANDONG = Geography.of(own="shandong")
RATIO = Indicator.model_validate(
    {"id": "per-10k", "name": "Stations per 10,000 people", "unit": "stations per 10k people",
     "kind": "stock", "formula": {"kind": "ratio", "numerator": "5g-base-stations",
                                  "denominator": "people", "per": 10000}}
)  # fmt: skip


def read_regional(
    header: Sequence[str], *rows: Sequence[str], defaults: Defaults | None = None
) -> SheetReading:
    return read_sheet_readings(
        "cities.csv",
        header,
        ((number, row) for number, row in enumerate(rows, 2)),
        lambda index: str(index + 1),
        [*INDICATORS, RATIO],
        defaults or Defaults(),
        RECORDED,
        geography=SHANDONG,
    )


def test_a_region_is_found_by_id_name_chinese_name_or_code() -> None:
    regions = RegionNames(SHANDONG)
    for text in ("jinan", "Jinan", " 济南 ", "济南市", "370100"):
        assert regions.find(text) == "jinan", text
    assert regions.find("Tai'an") == "taian"
    # The workspace's own region is a reading without one.
    assert regions.find("山东省") is None
    assert regions.find("370000") is None
    with pytest.raises(UsageError) as error:
        regions.find("Qindao")
    assert error.value.hint == "did you mean 'Qingdao'?"
    assert error.value.problems[0].message == "no region is called 'Qindao'"


def test_a_region_column_gives_each_reading_its_region() -> None:
    found = read_regional(
        ["城市", "指标", "数值", "日期", "来源"],
        ["济南市", "5G基站", "3.1万", "2023", "Bulletin"],
        ["Qingdao", "5G基站", "3.3万", "2023", "Bulletin"],
        ["", "5G基站", "20万", "2023", "Bulletin"],
        ["山东", "5G基站", "20万", "2022", "Bulletin"],
    )
    assert found.problems == []
    assert [c.reading.region for c in found.candidates] == ["jinan", "qingdao", None, None]


def test_an_unknown_region_is_located_with_did_you_mean_and_every_other_problem() -> None:
    found = read_regional(
        ["indicator", "value", "date", "source", "region"],
        ["5g-base-stations", "1", "2023", "B", "Qindao"],
        ["5g-base-stations", "lots", "2023", "B", "济男市"],
        ["5g-base-stations", "1", "2023", "B", "Atlantis"],
    )
    assert found.candidates == []
    where = [(p.line, p.column) for p in found.problems]
    assert where == [(2, "5"), (3, "5"), (3, "2"), (4, "5")]
    assert str(found.problems[0]) == (
        "cities.csv:2:5: no region is called 'Qindao'; did you mean 'Qingdao'?"
    )
    assert "did you mean '济宁市' or '济南市'?" in found.problems[1].message
    assert "`sdtrack status --by region`" in found.problems[3].message


def test_the_region_default_stands_in_for_a_missing_column_or_an_empty_cell() -> None:
    missing = read_regional(
        ["indicator", "value", "date", "source"],
        ["5g-base-stations", "1", "2023", "B"],
        defaults=Defaults({"region": "青岛"}),
    )
    assert [c.reading.region for c in missing.candidates] == ["qingdao"]
    empty = read_regional(
        ["indicator", "value", "date", "source", "region"],
        ["5g-base-stations", "1", "2023", "B", ""],
        ["5g-base-stations", "1", "2023", "B", "jinan"],
        defaults=Defaults({"region": "qingdao"}),
    )
    assert [c.reading.region for c in empty.candidates] == ["qingdao", "jinan"]


def test_the_derived_key_includes_the_region_and_a_regionless_key_is_unchanged() -> None:
    found = read_regional(
        ["indicator", "value", "date", "source", "region"],
        ["5g-base-stations", "1", "2023", "B", "jinan"],
        ["5g-base-stations", "1", "2023", "B", "qingdao"],
        ["5g-base-stations", "1", "2023", "B", ""],
    )
    keys = [c.reading.request_key for c in found.candidates]
    assert len(set(keys)) == 3
    plain = "\x1f".join(("5g-base-stations", "2023", "1", "", "B"))
    assert keys[2] == "import-" + hashlib.sha256(plain.encode()).hexdigest()[:24]


def test_a_wide_sheet_with_a_region_column_gives_one_row_per_region() -> None:
    found = read_regional(
        ["指标", "城市", "2021", "2022", "来源"],
        ["5G基站", "济南", "1.9万", "2.5万", "City bulletins"],
        ["5G基站", "青岛", "2.1万", "—", "City bulletins"],
        defaults=Defaults(wide=True),
    )
    assert found.problems == []
    got = [(c.reading.region, str(c.reading.date), c.reading.value) for c in found.candidates]
    assert got == [("jinan", "2021", 19000), ("jinan", "2022", 25000), ("qingdao", "2021", 21000)]


def test_a_derived_indicator_is_refused_naming_its_inputs() -> None:
    found = read_regional(["indicator", "value", "date", "source"], ["per-10k", "22", "2023", "B"])
    ((problem),) = found.problems
    assert (problem.line, problem.column) == (2, "1")
    assert "'per-10k' is computed by sdtrack (5g-base-stations ÷ people)" in problem.message


HEADERS = st.sampled_from(
    [
        ("indicator", "value", "date", "source"),
        ("indicator", "value", "date", "source", "region", "qualifier", "url", "quote", "note"),
        ("indicator", "value", "date", "source", "key", "derived"),
        ("indicator", "value", "date", "source", "key"),
        ("indicator", "value", "date"),
    ]
)
CELLS = {
    "indicator": st.sampled_from(["5g-base-stations", "5G基站", "gdp-share", "nope", ""]),
    "value": st.sampled_from(["224000", "22.4万", "47.5", "-0", "0007", "120", "many", " 12 ", ""]),
    "date": st.sampled_from(["2024", "2024-06", "2024-02-30", "2031", "2026-11-22", "x", ""]),
    "source": st.sampled_from(["Bulletin", " Bulletin ", "  ", "", "山东\u200b公报"]),
    "region": st.sampled_from(["", "jinan", "济南", "370200", "atlantis"]),
    "qualifier": st.sampled_from(["", "over", "about", "maybe"]),
    "url": st.sampled_from(["", "https://e.org/a", " "]),
    "quote": st.sampled_from(["", "quoted", "\x1b[31m"]),
    "note": st.sampled_from(["", "n"]),
    "key": st.sampled_from(["", "k-1", " "]),
    "derived": st.sampled_from(["", "yes", "否", "perhaps"]),
}


@st.composite
def long_sheets(draw: st.DrawFn) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    header = draw(HEADERS)
    row = st.tuples(*(CELLS[name] for name in header))
    return header, draw(st.lists(row, min_size=1, max_size=4))


def _outcome(found: SheetReading) -> list[object]:
    readings = [
        (c.row, c.column, c.reading.__dict__, c.reading.model_fields_set) for c in found.candidates
    ]
    return [readings, [(p.message, p.line, p.column) for p in found.problems]]


@settings(max_examples=400, deadline=None)
@given(long_sheets(), st.sampled_from([{}, {"source": "Default bulletin"}]))
def test_a_row_read_straight_is_what_the_checked_reading_gives(
    sheet: tuple[tuple[str, ...], list[tuple[str, ...]]], values: dict[str, str]
) -> None:
    """Whatever the cells, the straight path gives the readings and problems the full
    checks give: the same fields, the same key, the same columns."""
    header, rows = sheet
    straight = _outcome(read(header, *rows, defaults=Defaults(values)))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(importing._RowReader, "_straight", lambda *args: None)
        checked = _outcome(read(header, *rows, defaults=Defaults(values)))
    assert straight == checked
