"""Many readings' JSON records at once are each `reading_dict`'s, key order included."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sdtrack.core import language
from sdtrack.core.derived import DerivedReading
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period
from sdtrack.present.documents import reading_dict
from sdtrack.present.exporters import ExportContext
from sdtrack.present.reading_documents import PeriodTexts, ReadingDicts, _number
from sdtrack.present.report import build_status
from sdtrack.store.locations import _embedded_location
from sdtrack.store.workspace import Workspace, load_workspace

from ..conftest import NOW, TODAY
from .test_regional import load_regional, write_regional

SHIPPED = load_workspace(_embedded_location())
# A count, a currency, a share and a derived ratio: each unit family's text.
INDICATORS = [
    i
    for i in SHIPPED.indicators
    if i.id
    in {
        "5g-base-stations",
        "it-industry-revenue",
        "digital-economy-gdp-share",
        "5g-base-stations-per-10k",
    }
]
SHARED_PERIODS = [Period.year(2024), Period.month(2025, 2), Period.day(dt.date(2025, 3, 9))]


def _expected(readings: list[Reading], indicator: Indicator, region: str | None) -> list[Any]:
    records = []
    for reading in readings:
        record = reading_dict(reading, indicator)
        record["region"] = region
        records.append(record)
    return records


def _indented(record: object) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)


def _text(records: object) -> str:
    return json.dumps(records, ensure_ascii=False)  # key order and number types included


@st.composite
def readings(draw: st.DrawFn, indicator: Indicator) -> Reading:
    period = draw(
        st.sampled_from(SHARED_PERIODS)
        | st.builds(Period.year, st.integers(1990, 2040))
        | st.builds(Period.month, st.integers(1990, 2040), st.integers(1, 12))
    )
    value = draw(
        st.decimals(-(10**13), 10**13, places=draw(st.integers(0, 8)), allow_nan=False)
        if indicator.unit_info.family != "percent"
        else st.decimals(0, 100, places=2, allow_nan=False)
    )
    optional = st.none() | st.text(st.characters(codec="utf-8"), min_size=1).filter(str.strip)
    fields = {
        "indicator": indicator.id,
        "value": value,
        "date": period,
        "source": draw(st.text(min_size=1).filter(str.strip)),
        "id": draw(st.none() | st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)),
        "qualifier": draw(st.none() | st.sampled_from(["over", "about", "nearly"])),
        "url": draw(st.none() | st.just("https://example.org/a")),
        "quote": draw(optional),
        "note": draw(optional),
        "recorded": draw(st.none() | st.just(NOW)),
    }
    return Reading.model_validate({k: v for k, v in fields.items() if v is not None})


@st.composite
def series(draw: st.DrawFn) -> tuple[Indicator, list[Reading]]:
    indicator = draw(st.sampled_from(INDICATORS))
    return indicator, draw(st.lists(readings(indicator), max_size=8))


@pytest.fixture(params=["en", "zh"])
def each_language(request: pytest.FixtureRequest) -> Iterator[None]:
    language.use(request.param)
    try:
        yield
    finally:
        language.use("en")


@given(st.lists(series(), max_size=4), st.sampled_from(["en", "zh"]))
@example([(INDICATORS[0], [SHIPPED.readings_for(INDICATORS[0].id)[0]] * 2)], "en")
def test_each_record_is_reading_dicts(
    runs: list[tuple[Indicator, list[Reading]]], language_name: str
) -> None:
    """Whatever the readings (ids or none, qualifiers, periods shared between readings
    and indicators or not), each record equals `reading_dict` with its region set."""
    language.use("zh" if language_name == "zh" else "en")
    try:
        made = ReadingDicts()
        got = [list(made.records(rs, indicator, lambda r: "shandong")) for indicator, rs in runs]
        expected = [_expected(rs, indicator, "shandong") for indicator, rs in runs]
        assert _text(got) == _text(expected)
        texts = [list(made.texts(rs, indicator, lambda r: "shandong")) for indicator, rs in runs]
        assert texts == [[_indented(record) for record in run] for run in expected]
    finally:
        language.use("en")


def _context(workspace: Workspace) -> ExportContext:
    return ExportContext.of(workspace, build_status(workspace, TODAY), NOW)


@pytest.mark.usefixtures("each_language")
@pytest.mark.parametrize("which", ["shipped", "regional"])
def test_an_exports_reading_records_are_reading_dicts(which: str, tmp_path: Path) -> None:
    """The records of the shipped dataset (its derived ratio, with its inputs) and of the
    cities' workspace (each reading's region) are `reading_dict`'s."""
    workspace = (
        SHIPPED if which == "shipped" else load_regional(write_regional(tmp_path / "regions"))
    )
    context = _context(workspace)
    expected = [
        {**reading_dict(reading, indicator), "region": context.region_of(reading)}
        for indicator in context.indicators
        for reading in context.all_readings_for(indicator)
    ]
    assert expected
    if which == "shipped":
        derived = context.readings["5g-base-stations-per-10k"]
        assert any(isinstance(r, DerivedReading) for r in derived)
    assert _text(context.reading_records()) == _text(expected)
    assert list(context.reading_texts().texts) == [_indented(record) for record in expected]
    indented = context.reading_texts().indented
    assert indented is not None
    wanted = [_indented(record).replace("\n", "\n    ") for record in expected]
    assert list(indented("\n    ")) == wanted


@pytest.mark.parametrize(
    "value", [None, 0, -7, 10**30, 0.1, -2.5e-05, 1e16, math.nan, math.inf, -math.inf, "0.1234"]
)
def test_a_value_is_written_as_json_dumps_writes_it(value: object) -> None:
    """Whatever a value is (`precision.value` gives an int, a float or a decimal's text),
    its text is json.dumps's, the non-finite floats included."""
    assert _number(value) == json.dumps(value)  # type: ignore[arg-type]


@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    st.permutations(["day", "month", "year", "day", "month", "year"]),
)
@example(dt.date(2025, 12, 31), ["year", "month", "day", "year", "month", "day"])
def test_a_periods_texts_are_its_own_whichever_equal_period_came_first(
    day: dt.date, order: list[str]
) -> None:
    """Equal periods (each reading read has its own) share their texts, and a year, its
    December and its last day, which end on one date, each keep theirs, in any order."""
    made = {
        "day": lambda: Period.day(day),
        "month": lambda: Period.month(day.year, day.month),
        "year": lambda: Period.year(day.year),
    }
    periods = PeriodTexts()
    for precision in order:
        period = made[precision]()
        assert periods.of(period) == (str(period), period.end.isoformat())
