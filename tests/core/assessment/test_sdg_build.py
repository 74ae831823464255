"""Parity with Open SDG's progress measure: sdg-build's sdg/ProgressMeasure.py.

Sources (open-sdg/sdg-build):
- SRC: sdg/ProgressMeasure.py at 139fede74ba534d2ed8b9eee4cd878b41f54cb67, the newest
  class version found (IndicatorProgress, SeriesProgress, get_score, floatNone, limit
  exponent 4.44, a zero base read as 0.001); no 2.4.0 tag was in the history at hand,
  so this is taken as 2.4.0's. Its rules decide every expected value below.
- tests/ProgressMeasure_test.py at 5850251, 44027ae, 5135477 and 749d6d3 (pull request
  #318), then renamed to sdg/ProgressMeasure.py in c3dbbed. It has no assertions: it runs
  the measure on the indicators in tests/assets/progress-calculation/ and prints the
  status. Those indicators (their headline rows, their progress_calculation_options) are
  the cases ported here, each named after its asset; the expected values are what SRC's
  rules give for them.

How sdg-build's settings map onto sdtrack's model:
- direction "negative" (sdg-build's default) + target T: comparison "at_most" T;
  "positive" + T: "at_least" T; no target: an indicator without targets, `better` set.
- base_year (default 2015, else the first later year with data): the target's baseline,
  or with data only from that year on, the first reading.
- target_year (default 2030): the deadline. The current year is the latest reading.
- Labels: target_achieved -> achieved; substantial_progress -> on_track "on track";
  moderate_progress / limited_progress -> behind with that band; deterioration ->
  off_track "moving away"; not_available -> not_assessable (no_data with no reading).
  Without a target the label is the trend's band and there is no status.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sdtrack.core.assessment import (
    Status,
    assess_level,
    assess_trend,
    limit_adjustment,
    ratio_status,
    target_score,
    trend_band,
    trend_score,
)
from sdtrack.core.model import Indicator

from ...test_assessment import indicator, readings

# sdtrack's documented deviations from sdg-build (docs/methodology.md, "Differences from
# sdg-build"): each case pins sdg-build's answer and fails, so that a change to either
# side is noticed.
DEVIATION = pytest.mark.xfail(strict=True, reason="documented deviation from sdg-build")

LABELS: dict[str, tuple[Status, str | None]] = {
    "target_achieved": (Status.ACHIEVED, "target met"),
    "substantial_progress": (Status.ON_TRACK, "on track"),
    "moderate_progress": (Status.BEHIND, "moderate progress"),
    "limited_progress": (Status.BEHIND, "limited progress"),
    "deterioration": (Status.OFF_TRACK, "moving away"),
    "not_available": (Status.NOT_ASSESSABLE, None),
}
TREND_BANDS = {
    "substantial_progress": "substantial progress",
    "moderate_progress": "moderate progress",
    "limited_progress": "limited progress",
    "deterioration": "deterioration",
}

Series = dict[int, float]

# Headline rows (every disaggregation column empty) of the progress-calculation assets.
# 3-3-3: data/indicator_3-3-3.csv at 5135477; 1-1-1: data/indicator_1-1-1.csv at 749d6d3;
# the rest: data/temp/indicator_<id>.csv at 44027ae.
H_3_3_3: Series = {
    2010: 1.51, 2011: 1.51, 2012: 1.38, 2013: 1.4, 2014: 1.27,
    2015: 1.55, 2016: 1.69, 2017: 1.65, 2018: 1.62, 2019: 1.82,
}  # fmt: skip
H_6_1_1: Series = {
    2000: 98.17, 2001: 98.18, 2002: 98.18, 2003: 98.18, 2004: 98.18, 2005: 98.24,
    2006: 98.30, 2007: 98.36, 2008: 98.42, 2009: 98.48, 2010: 98.54, 2011: 98.60,
    2012: 98.65, 2013: 98.71, 2014: 98.76, 2015: 98.82, 2016: 98.87, 2017: 98.93,
    2018: 98.98, 2019: 99.04, 2020: 99.04,
}  # fmt: skip
H_3_3_1: Series = {
    1995: 9.96, 1996: 9.16, 1997: 8.06, 1998: 7.3, 1999: 6.89, 2000: 6.4, 2001: 6.75,
    2002: 7.37, 2003: 7.34, 2004: 7.29, 2005: 7.13, 2006: 7.19, 2007: 6.88, 2008: 7.39,
    2009: 6.57, 2010: 6.32, 2011: 6.18, 2012: 5.53, 2013: 5.5, 2014: 5.41, 2015: 5.44,
    2016: 5.98, 2017: 5.88, 2018: 6.19, 2019: 5.64,
}  # fmt: skip
H_1_2_1: Series = {2015: 14.5, 2016: 12.8, 2017: 11.7, 2018: 11.0, 2019: 10.1}
H_3_1_1: Series = {
    2015: 7.060817171907362, 2016: 6.264650145392089, 2017: 6.625886543619536,
    2018: 8.555028886589724, 2019: 7.526112923948628,
}  # fmt: skip
H_3_2_1: Series = {2015: 5.3, 2016: 5.29, 2017: 5.16, 2018: 5.36, 2019: 5.07}
H_3_2_2: Series = {2015: 4.5, 2016: 4.5, 2017: 4.5, 2018: 4.7, 2019: 4.4}
H_1_A_2: Series = {2015: 57.781, 2016: 58.964, 2017: 58.478, 2018: 57.519, 2019: 56.143}
H_17_8_1: Series = {2018: 91.3, 2020: 92.3}
H_1_1_1: Series = {2020: 100.0, 2021: 120.0}


def since(series: Series, year: int) -> Series:
    return {y: v for y, v in series.items() if y >= year}


def level_case(series: Series, comparison: str, goal: float, baseline: int | None = None) -> Any:
    """sdtrack's cagr-ratio verdict, a year after the latest figure (deadline 2030)."""
    target: dict[str, Any] = {"comparison": comparison, "value": goal, "deadline": 2030}
    if baseline is not None:
        target["baseline"] = {"value": series[baseline], "date": baseline}
    ind = indicator(target, negative=any(v < 0 for v in series.values()) or goal < 0)
    as_of = dt.date(max(series, default=2023) + 1, 6, 30)
    return assess_level(ind, ind.targets[0], readings(*series.items()), as_of, "cagr-ratio")


def trend_case(series: Series, better: str, **extra: Any) -> Any:
    ind = Indicator.model_validate(
        {
            "id": "x",
            "name": "X",
            "unit": "things",
            "kind": "stock",
            "integer": False,
            "better": better,
            "negative": any(v < 0 for v in series.values()),
            **extra,
        }
    )
    as_of = dt.date(max(series, default=2023) + 1, 6, 30)
    return assess_trend(ind, readings(*series.items()), as_of)


# (series, comparison, target, baseline year, sdg-build label, progress value, score).
# A progress value of None: sdg-build has none (None, or ±inf where it divides by zero).
TARGET_CASES = [
    # tests/assets/progress-calculation/indicator-config/3-3-3.yml at 5135477:
    # direction negative, target 0 (read as 0.001), base year 2015 (default).
    pytest.param(
        H_3_3_3, "at_most", 0, 2015, "deterioration", -0.1057876713820222,
        -2.940785490347472, id="assets-5135477-3-3-3-target-zero",
    ),
    # indicator-config/temp/1-2-1.yml at 44027ae: direction negative, target 7.25.
    pytest.param(
        H_1_2_1, "at_most", 7.25, None, "substantial_progress", 1.9140922217549072, 5.0,
        id="assets-44027ae-1-2-1",
    ),
    # indicator-config/temp/3-1-1.yml at 44027ae: negative, target 70. Met already, so
    # score 5 although the ratio (−0.097) is a deterioration (SRC get_score, first line).
    pytest.param(
        H_3_1_1, "at_most", 70, None, "target_achieved", -0.09732639949221566, 5.0,
        id="assets-44027ae-3-1-1-achieved-while-deteriorating",
    ),
    # indicator-config/temp/3-2-1.yml at 44027ae: negative, target 25 (met).
    pytest.param(
        H_3_2_1, "at_most", 25, None, "target_achieved", 0.10124351726244901, 5.0,
        id="assets-44027ae-3-2-1-achieved",
    ),
    # indicator-config/temp/3-2-2.yml at 44027ae: negative, target 12 (met).
    pytest.param(
        H_3_2_2, "at_most", 12, None, "target_achieved", 0.08290875419709653, 5.0,
        id="assets-44027ae-3-2-2-achieved",
    ),
    # ProgressMeasure_test.py at 5850251, "measure_indicator_progress('6-1-1') # example
    # with target = 0": data/temp/indicator_6-1-1.csv, default direction (negative).
    pytest.param(
        H_6_1_1, "at_most", 0, 2015, "deterioration", -0.0008307747993813084,
        -2.503461589356582, id="assets-5850251-6-1-1-target-zero",
    ),
    # SRC special cases (inputs made up here; the rule named is SRC's).
    # is_target_achieved / get_score: achieved -> 5 even when no growth is required.
    pytest.param(
        {2015: 100, 2020: 110}, "at_least", 100, None, "target_achieved", None, 5.0,
        id="src-achieved-with-zero-required-growth",
    ),
    # Achieved -> 5 even when the ratio is undefined (base and current of opposite signs).
    pytest.param(
        {2015: -5, 2020: 5}, "at_least", 0.5, None, "target_achieved", None, 5.0,
        id="src-achieved-with-undefined-ratio",
    ),
    # Achieved -> 5 with a single year of data (no growth rate at all).
    pytest.param(
        {2020: 12}, "at_least", 10, None, "target_achieved", None, 5.0,
        id="src-achieved-with-one-year",
    ),
    # calculate_progress_value: a base value of 0 is read as 0.001.
    pytest.param(
        {2015: 0, 2020: 5}, "at_least", 10, None, "substantial_progress", 5.29905500973169,
        5.0, id="src-zero-base-read-as-0.001",
    ),
    # The current value is never replaced: 10 -> 0 is a CAGR of −1 exactly.
    pytest.param(
        {2015: 10, 2020: 0}, "at_least", 20, None, "deterioration", -21.14427629396401,
        -5.0, id="src-zero-current-not-replaced",
    ),
    # sign: a negative base flips the growth rates (methodology_2: sign*direction*...).
    pytest.param(
        {2015: -10, 2020: -5}, "at_least", -1, None, "moderate_progress",
        0.909667644305806, 2.2119650165119413, id="src-negative-base-sign",
    ),
    # Base year 2015 not in the data: the next year with data (2017) is the base.
    pytest.param(
        {2017: 50, 2019: 60}, "at_least", 100, None, "substantial_progress",
        1.7427780323521613, 5.0, id="src-base-year-not-in-data-next-year",
    ),
    # current_year - base_year < 1 and the target unmet: not available.
    pytest.param(
        {2020: 5}, "at_least", 10, None, "not_available", None, None,
        id="src-one-year-not-available",
    ),
    # Base and current of opposite signs, the target unmet: not available.
    pytest.param(
        {2015: -5, 2020: 5}, "at_least", 10, None, "not_available", None, None,
        id="src-opposite-signs-not-available",
    ),
    # Required growth zero and the target unmet: SRC divides cagr_o (a numpy float, as
    # the current year comes from the data) by abs(0.0) = −inf -> deterioration, −5.
    pytest.param(
        {2015: 100, 2020: 90}, "at_least", 100, None, "deterioration", None, -5.0,
        id="src-zero-required-growth-unmet", marks=DEVIATION,
    ),
    # The target 0 is read as 0.001 *before* is_target_achieved: 0.0005 <= 0.001 is met.
    pytest.param(
        {2015: 1, 2020: 0.0005}, "at_most", 0, None, "target_achieved",
        2.1171741898258967, 5.0, id="src-target-zero-met-within-0.001", marks=DEVIATION,
    ),
    # 6-1-1 again with no baseline: sdg-build starts at its base year 2015, sdtrack at
    # the first reading (2000) unless the target declares a baseline.
    pytest.param(
        H_6_1_1, "at_most", 0, None, "deterioration", -0.0008307747993813084,
        -2.503461589356582, id="assets-5850251-6-1-1-default-base-year", marks=DEVIATION,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("series", "comparison", "goal", "baseline", "label", "progress", "score"), TARGET_CASES
)
def test_target_cases_match_sdg_build(
    series: Series,
    comparison: str,
    goal: float,
    baseline: int | None,
    label: str,
    progress: float | None,
    score: float | None,
) -> None:
    """Status, band, growth ratio and score equal sdg-build's for each case."""
    result = level_case(series, comparison, goal, baseline)
    status, band = LABELS[label]
    assert result.status is status
    if band is not None:
        assert result.band == band
    if progress is None:
        assert result.ratio is None
    else:
        assert result.ratio == pytest.approx(progress, rel=1e-9)
    if score is None:
        assert result.score is None
    else:
        assert result.score == pytest.approx(score, rel=1e-9)


# (series, better, extra indicator fields, sdg-build label, progress value, score).
TREND_CASES = [
    # indicator-config/1-1-1.yml at 749d6d3: no options, so the defaults: no target,
    # direction negative, base year 2015 (not in the data: 2020).
    pytest.param(
        H_1_1_1, "lower", {}, "deterioration", -0.19999999999999996, -5.0,
        id="assets-749d6d3-1-1-1-defaults",
    ),
    # indicator-config/temp/1-a-2.yml at 44027ae: direction positive, no target.
    pytest.param(
        H_1_A_2, "higher", {}, "deterioration", -0.0071637160234158115,
        -3.3954645029269765, id="assets-44027ae-1-a-2",
    ),
    # indicator-config/temp/17-8-1.yml at 44027ae (and 17-8-1.yml at 44027ae): positive;
    # 2015 not in the data, so the base is the next year with data, 2018.
    pytest.param(
        H_17_8_1, "higher", {}, "moderate_progress", 0.0054615370660220375,
        0.11538426650550937, id="assets-44027ae-17-8-1-base-year-next",
    ),
    # indicator-config/temp/3-3-1.yml at 44027ae: negative, no target, data from 1995;
    # sdg-build starts at 2015, so sdtrack is given the data from 2015 on.
    pytest.param(
        since(H_3_3_1, 2015), "lower", {}, "deterioration", -0.009067110608890205,
        -3.6333888261112754, id="assets-44027ae-3-3-1-from-2015",
    ),
    # The same with the whole series: sdtrack's trend starts at the first reading (1995)
    # and a trend has no base year to set.
    pytest.param(
        H_3_3_1, "lower", {}, "deterioration", -0.009067110608890205,
        -3.6333888261112754, id="assets-44027ae-3-3-1-default-base-year",
        marks=DEVIATION,
    ),
    # SRC: a base of 0 is read as 0.001 in methodology_1 too.
    pytest.param(
        {2015: 0, 2020: 5}, "higher", {}, "substantial_progress", 4.49280271653059, 5.0,
        id="src-trend-zero-base",
    ),
    # SRC: the current value 0 is not replaced: 10 -> 0 falling is +1 for "negative".
    pytest.param(
        {2015: 10, 2020: 0}, "lower", {}, "substantial_progress", 1.0, 5.0,
        id="src-trend-zero-current-not-replaced",
    ),
    # SRC get_progress_thresholds: limit 16, base 12: C = 1 − (12/16)^4.44 = 0.72121;
    # 0.00495 a year is moderate against 0.005·C, scored 250·v/C − 1.25.
    pytest.param(
        {2015: 12, 2020: 12.3}, "higher", {"limit": 16}, "moderate_progress",
        0.004950737119488791, 0.46611399005084375, id="src-trend-limit-adjustment",
    ),
    # Base at the limit: C = 0; holding the limit is substantial progress, score 5.
    pytest.param(
        {2015: 16, 2020: 16}, "higher", {"limit": 16}, "substantial_progress", 0.0, 5.0,
        id="src-trend-at-limit-coefficient-zero",
    ),
    # At the limit and falling: the negative branch comes first, 125·v − 2.5.
    pytest.param(
        {2015: 16, 2020: 15}, "higher", {"limit": 16}, "deterioration",
        -0.012824757082590121, -4.103094635323766, id="src-trend-at-limit-falling",
    ),
    # A share where lower is better, 95 % -> 90 %: SRC applies a limit only when one is
    # configured, and for direction negative reads it as a floor ("below minimum
    # limit"); a floor of 0 gives C = 1. sdtrack shrinks the thresholds towards the
    # share's ceiling of 100 % (C = 0.2037), which the value moves away from.
    pytest.param(
        {2015: 95, 2020: 90}, "lower", {"kind": "share", "unit": "%"}, "moderate_progress",
        0.01075518913431428, 1.43879728357857, id="src-trend-limit-is-a-floor-when-lower",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("series", "better", "extra", "label", "progress", "score"), TREND_CASES)
def test_no_target_cases_match_sdg_build(
    series: Series, better: str, extra: dict[str, Any], label: str, progress: float,
    score: float,
) -> None:  # fmt: skip
    """Without a target: the band, the signed growth rate and the score are sdg-build's."""
    result = trend_case(series, better, **extra)
    assert result.status is None
    assert result.band == TREND_BANDS[label]
    assert result.cagr_observed == pytest.approx(progress, rel=1e-9, abs=1e-15)
    assert result.score == pytest.approx(score, rel=1e-9)


@pytest.mark.parametrize(
    ("series", "status"),
    [
        # ProgressMeasure_test.py at 5850251: "measure_indicator_progress('3-4-1') #
        # example with no target"; data/temp/indicator_3-4-1.csv at 44027ae has no
        # headline row, so filter_data returns None: not available.
        pytest.param({}, Status.NO_DATA, id="assets-5850251-3-4-1-no-headline"),
        # SRC: current_year - base_year < 1: not available.
        pytest.param({2020: 5.0}, Status.NOT_ASSESSABLE, id="src-trend-one-year"),
        # SRC: base and current of opposite signs: not available.
        pytest.param({2015: -5.0, 2020: 5.0}, Status.NOT_ASSESSABLE, id="src-trend-signs"),
    ],
)
def test_no_target_not_available(series: Series, status: Status) -> None:
    """sdg-build's not_available, without a target."""
    result = trend_case(series, "higher")
    assert result.status is status
    assert result.score is None


@pytest.mark.parametrize(
    ("ratio", "label"),
    [
        (0.95, "substantial_progress"),
        (0.9499999, "moderate_progress"),
        (0.6, "moderate_progress"),
        (0.5999999, "limited_progress"),
        (0.0, "limited_progress"),
        (-1e-9, "deterioration"),
    ],
)
def test_ratio_thresholds(ratio: float, label: str) -> None:
    """SRC get_progress_status, method 2 (high 0.95, med 0.6, low 0): each edge belongs
    to the band above it."""
    assert ratio_status(ratio) == LABELS[label]


@pytest.mark.parametrize(
    ("ratio", "score"),
    [
        (0.95, 7.1429 * 0.95 - 4.2857),
        (0.6, 7.1429 * 0.6 - 4.2857),
        (0.5999999, 4.1667 * 0.5999999 - 2.5),
        (0.0, -2.5),
        (2.0, 5.0),
        (-1.0, -5.0),
    ],
)
def test_ratio_scores(ratio: float, score: float) -> None:
    """SRC get_score, method 2: 7.1429·R − 4.2857 (capped at 5) from 0.6 up, else
    4.1667·R − 2.5 (floored at −5)."""
    assert target_score(ratio) == pytest.approx(score, rel=1e-12)


@pytest.mark.parametrize(
    ("value", "adjustment", "label", "score"),
    [
        (0.015, 1.0, "substantial_progress", 2.5),
        (0.0149999, 1.0, "moderate_progress", 250 * 0.0149999 - 1.25),
        (0.005, 1.0, "moderate_progress", 0.0),
        (0.0049999, 1.0, "limited_progress", 500 * 0.0049999 - 2.5),
        (0.0, 1.0, "limited_progress", -2.5),
        (-0.001, 1.0, "deterioration", 125 * -0.001 - 2.5),
        (-0.1, 1.0, "deterioration", -5.0),
        (0.03, 1.0, "substantial_progress", 5.0),
        (0.0075, 0.5, "substantial_progress", 2.5),
        (0.0, 0.0, "substantial_progress", 5.0),
        (-0.001, 0.0, "deterioration", 125 * -0.001 - 2.5),
    ],
)
def test_no_target_thresholds_and_scores(
    value: float, adjustment: float, label: str, score: float
) -> None:
    """SRC methodology 1: thresholds 0.015 / 0.005 / 0, each times C; the score divides
    the value by C (C = 0: 5 unless falling)."""
    assert trend_band(value, adjustment) == TREND_BANDS[label]
    assert trend_score(value, adjustment) == pytest.approx(score, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    ("base", "limit", "coefficient"),
    [
        (50.0, None, 1.0),
        (0.0, 0.0, 1.0),
        (32.0, 16.0, 1.0),
        (40.0, 16.0, 1.0),
        (12.0, 16.0, 1 - 0.75**4.44),
        (16.0, 16.0, 0.0),
        (0.0, 16.0, 1.0),
        (20.0, 16.0, 1 - 0.75**4.44),
        (-12.0, -16.0, 1 - 0.75**4.44),
        (15.0, 10.0, 1 - 0.5**4.44),
    ],
)
def test_limit_adjustment(base: float, limit: float | None, coefficient: float) -> None:
    """SRC get_progress_thresholds: C = 1 when |base| ≥ 2·|limit| (checked first, so base
    and limit both 0 give 1); 1 − (b/l)^4.44 up to the limit; 1 − ((2l − b)/l)^4.44
    between l and 2l (a floor limit approached from above)."""
    assert limit_adjustment(base, limit) == pytest.approx(coefficient, rel=1e-12)
