"""Which readings a verdict rests on: observed points and where the pace starts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from sdtrack.core.assessment import PaceNote, Status, assess_target
from sdtrack.core.assessment.evidence import (
    grouped_points,
    observed_points,
    pace_notes,
    pace_start,
)
from sdtrack.core.model import Indicator, Reading
from sdtrack.core.periods import Period, parse_period

from ...conftest import make_reading
from ...test_assessment import indicator, readings

AS_OF = dt.date(2026, 12, 1)


def five_g(baseline: dict[str, object] | None = None) -> object:
    target: dict[str, object] = {"comparison": "more_than", "value": 270000, "deadline": 2025}
    if baseline is not None:
        target["baseline"] = baseline
    return indicator(target, unit="base stations")


SOURCED = (("2021-11-29", 100000), (2021, 101000), (2022, 162000), ("2024-06-18", 224000))
DERIVED = {"value": 200000, "date": "2024-04-10", "derived": True}


def test_observed_points_drop_later_periods_and_sort() -> None:
    ind = indicator({"comparison": "at_least", "value": 10, "deadline": 2030})
    points = observed_points(readings((2022, 3), (2020, 1), (2024, 9)), dt.date(2023, 6, 1), ind)
    assert [p.value for p in points] == [1, 3]


def test_a_derived_baseline_never_starts_the_pace_when_a_sourced_reading_precedes_it() -> None:
    """The 5G target's base of 200,000 is derived: the pace starts at the latest sourced
    figure before it, 162,000 at end-2022, not at the derived value two months earlier."""
    ind = five_g(DERIVED)
    result = assess_target(ind, ind.targets[0], readings(*SOURCED), AS_OF)
    assert result.base is not None
    assert result.base.value == Decimal(162000)
    assert result.pace_start == result.base
    assert not result.base.derived
    assert result.pace_notes == ()
    assert result.cagr_observed is not None
    assert 0.2 < result.cagr_observed < 0.3
    assert result.status is Status.OVERDUE


def test_a_derived_baseline_alone_starts_the_pace_and_is_marked() -> None:
    """With no sourced figure before it, the derived base is used, and its pace is
    fragile on two counts: under a year and from a derived value."""
    ind = five_g(DERIVED)
    result = assess_target(ind, ind.targets[0], readings(("2024-06-18", 224000)), AS_OF)
    assert result.base is not None
    assert result.base.derived
    assert result.pace_notes == (PaceNote.SHORT_SPAN, PaceNote.FROM_DERIVED)
    assert result.indicative


def test_a_sourced_baseline_is_the_base_and_no_baseline_means_the_first_sourced() -> None:
    sourced = five_g({"value": 100000, "date": "2021-11-29"})
    points = observed_points(readings(*SOURCED), AS_OF, sourced)
    start = pace_start(sourced.targets[0], points, AS_OF)
    assert start is not None
    assert (start.value, start.derived) == (Decimal(100000), False)
    bare = five_g()
    first = pace_start(bare.targets[0], points, AS_OF)
    assert first is not None
    assert first.date == dt.date(2021, 11, 29)


def test_a_pace_between_bounds_is_indicative() -> None:
    revenue = indicator({"comparison": "more_than", "value": "2.4 trillion", "deadline": 2025})
    points = observed_points(
        readings((2021, "over 1.2 trillion"), (2023, "over 2 trillion")), AS_OF, revenue
    )
    assert pace_notes(points[0], points[1]) == (PaceNote.FROM_BOUND,)


def test_the_same_figure_from_two_sources_is_one_point() -> None:
    """A corroborated figure is one point with two sources; the trend counts it once."""
    ind = five_g()
    rs = [
        *readings(*SOURCED),
        Reading.model_validate(
            {"indicator": "x", "value": 224000, "date": "2024-06-18", "source": "another paper"}
        ),
    ]
    points = observed_points(rs, AS_OF, ind)
    assert len(points) == len(SOURCED)
    assert points[-1].sources == 2


def test_a_conflicting_figure_counts_at_its_least_favourable_value() -> None:
    """300,000 for June 2024 beside 224,000 on 18 June: the lower counts, both are marked,
    and neither 5G target is 'achieved' on the disputed figure."""
    ind = indicator(
        {"comparison": "more_than", "value": 270000, "deadline": 2025},
        {"comparison": "more_than", "value": 250000, "deadline": 2025},
        unit="base stations",
    )
    other = Reading.model_validate(
        {"indicator": "x", "value": 300000, "date": "2024-06", "source": "another paper"}
    )
    rs = [*readings(*SOURCED), other]
    for target in ind.targets:
        result = assess_target(ind, target, rs, dt.date(2025, 1, 1))
        assert result.status is not Status.ACHIEVED
        assert result.latest is not None
        assert result.latest.value == Decimal(224000)
        assert result.disputed == (other.key,)


@given(extra=st.integers(min_value=0, max_value=len(SOURCED) - 1), source=st.text(min_size=1))
def test_adding_a_corroborating_reading_never_changes_a_verdict(extra: int, source: str) -> None:
    """Whatever figure a second source repeats, every verdict stays as it was."""
    if not source.strip():
        return
    ind = five_g({"value": 100000, "date": "2021-11-29"})
    rs = readings(*SOURCED)
    date, value = SOURCED[extra]
    copy = Reading.model_validate(
        {"indicator": "x", "value": value, "date": date, "source": source}
    )
    for method in ("cagr-ratio", "projection", "linear-trend"):
        before = assess_target(ind, ind.targets[0], rs, AS_OF, method)  # type: ignore[arg-type]
        after = assess_target(ind, ind.targets[0], [*rs, copy], AS_OF, method)  # type: ignore[arg-type]
        assert (after.status, after.band, after.outlook, after.ratio) == (
            before.status,
            before.band,
            before.outlook,
            before.ratio,
        )


SERIES_PERIODS = st.sampled_from(
    ["2023", "2024", "2024-06", "2024-06-18", "2024-07-01", "2025", "2026-12", "2027"]
)
SERIES = st.lists(
    st.tuples(
        st.integers(0, 5).map(lambda n: Decimal(n * 10)),
        SERIES_PERIODS.map(parse_period),
        st.sampled_from([None, None, "over"]),
        st.sampled_from(["jinan", "qingdao"]),
    ),
    max_size=6,
)


@given(
    SERIES, st.sampled_from(["stock", "flow", "share"]), st.sampled_from(["none", "one", "many"])
)
@example(  # a month and a day in it: one moment of a stock
    [
        (Decimal(10), parse_period("2024-06"), None, "a"),
        (Decimal(9), parse_period("2024-06-18"), None, "a"),
    ],
    "stock",
    "one",
)
def test_a_series_of_one_reading_per_period_gives_the_points_its_groups_give(
    series: list[tuple[Decimal, Period, str | None, str]], kind: str, regions: str
) -> None:
    """The short way for a series whose every reading is a moment of its own gives the
    points the conflict groups give, in the same order, for any series: of one region or
    several, with periods repeated or not, months beside days or not."""
    readings = [
        make_reading(
            value=value,
            date=date,
            qualifier=qualifier,
            region={"none": None, "one": "jinan", "many": region}[regions],
        )
        for value, date, qualifier, region in series
    ]
    unit = "%" if kind == "share" else "base stations"
    ind = Indicator.model_validate(
        {"id": "5g-base-stations", "name": "5G", "unit": unit, "kind": kind}
    )
    ended = [r for r in readings if r.date.end <= AS_OF]
    assert observed_points(readings, AS_OF, ind) == grouped_points(ended, ind)
