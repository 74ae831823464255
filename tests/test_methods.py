"""The three methods, method choice, revisions, time to target and the gap report."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sdtrack.commands.app import app
from sdtrack.core.assessment import Status, assess_target, choose_method
from sdtrack.core.model import Indicator, Reading
from sdtrack.present.briefing import NEVER, gap_paragraph, time_to_target
from sdtrack.present.report import revisions

from .test_assessment import SOURCE, indicator, readings

TARGETS_WITH_REVISIONS = """
schema = 1
title = "Revisions"
method = "projection"

[[indicator]]
id = "stations"
name = "Stations"
name_zh = "基站"
unit = "stations"
kind = "stock"

[[indicator.target]]
id = "stations-2021"
comparison = "at_least"
value = 250000
deadline = 2025
source = { document = "Plan 2021", publisher = "P", date = 2021-06-01, quote = "250,000 by 2025" }

[[indicator.target]]
id = "stations-2024"
comparison = "more_than"
value = 270000
deadline = 2026
method = "cagr-ratio"
source = { document = "Plan 2024", publisher = "P", date = 2024-04-10, quote = "over 270k by 2026" }
"""


def assess(ind: Indicator, rs: list[Reading], as_of: str, method: Any = "cagr-ratio") -> Any:
    return assess_target(ind, ind.targets[0], rs, dt.date.fromisoformat(as_of), method)


# ---------------------------------------------------------------------------------------
# projection


@pytest.mark.parametrize(
    ("latest", "share", "band", "status"),
    [
        (121, 1.593742, "on track", Status.ON_TRACK),
        (115, 1.011357, "on track", Status.ON_TRACK),
        (102, 0.104081, "marginal progress", Status.BEHIND),
        (100.5, 0.025251, "stagnation", Status.BEHIND),
        (95, -0.226219, "regression", Status.OFF_TRACK),
    ],
)
def test_projection_share_and_bands(latest: float, share: float, band: str, status: Status) -> None:
    """P = (projected − base)/(target − base) from 100 (2020) to 200 by 2030, banded.

    With two years observed, projected = latest · (latest/100)^4; e.g. 102 → 110.408.
    """
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    result = assess(ind, readings((2020, 100), (2022, latest)), "2023-01-01", "projection")
    assert result.method == "projection"
    assert result.projection_share == pytest.approx(share, abs=1e-5)
    assert result.band == band
    assert result.status is status


def test_projection_shows_the_linear_projection_beside_the_compound_one() -> None:
    """100 → 121 over two years: 259.37 at 2030 compounded, 205 linearly."""
    ind = indicator({"comparison": "at_least", "value": 300, "deadline": 2030})
    result = assess(ind, readings((2020, 100), (2022, 121)), "2023-01-01", "projection")
    assert float(result.projected) == pytest.approx(121 * 1.1**8, rel=1e-9)
    assert float(result.projected_linear) == pytest.approx(121 + 10.5 * 8, rel=1e-9)
    assert result.band == "moderate progress"


# ---------------------------------------------------------------------------------------
# linear-trend

SERIES = ((2018, 100), (2019, 110), (2020, 120), (2021, 130), (2022, 140))


@pytest.mark.parametrize(
    ("goal", "band", "status", "miss"),
    [
        (220, "projected to reach the target", Status.ON_TRACK, 0.0),
        (224, "on track", Status.ON_TRACK, 4 / 84),
        (230, "slightly behind", Status.BEHIND, 10 / 90),
        (240, "slightly behind", Status.BEHIND, 20 / 100),
        (300, "behind", Status.BEHIND, 80 / 160),
    ],
)
def test_linear_trend_weather_bands(goal: int, band: str, status: Status, miss: float) -> None:
    """+10 a year from 140 in 2022 reaches 220 in 2030; the miss is judged on the gap left."""
    ind = indicator({"comparison": "at_least", "value": goal, "deadline": 2030})
    result = assess(ind, readings(*SERIES), "2023-01-01", "linear-trend")
    assert result.method == "linear-trend"
    assert result.trend_change == Decimal(10)
    assert result.band == band
    assert result.status is status
    assert result.miss_share == pytest.approx(miss)


def test_linear_trend_uses_the_last_five_intervals() -> None:
    """Only the last five intervals count: an old jump does not lift the trend."""
    ind = indicator({"comparison": "at_least", "value": 1000, "deadline": 2030})
    series = ((2016, 1), (2017, 100), (2018, 110), (2019, 120), (2020, 130), (2021, 140),
              (2022, 150))  # fmt: skip
    result = assess(ind, readings(*series), "2023-01-01", "linear-trend")
    assert result.trend_change == Decimal(10)


def test_linear_trend_moving_away() -> None:
    """A falling series against an at-least target is moving away."""
    ind = indicator({"comparison": "at_least", "value": 300, "deadline": 2030})
    falling = ((2018, 140), (2019, 130), (2020, 120), (2021, 110))
    result = assess(ind, readings(*falling), "2022-01-01", "linear-trend")
    assert (result.status, result.band) == (Status.OFF_TRACK, "moving away")


def test_linear_trend_falls_back_with_fewer_than_four_readings() -> None:
    """With three readings linear-trend says so and the default method judges instead."""
    ind = indicator({"comparison": "at_least", "value": 300, "deadline": 2030})
    result = assess(ind, readings(*SERIES[:3]), "2021-01-01", "linear-trend")
    assert result.method == "cagr-ratio"
    assert any("needs at least 4 readings (there are 3)" in w for w in result.warnings)
    assert result.ratio is not None


# ---------------------------------------------------------------------------------------
# method choice, time to target


def test_method_precedence() -> None:
    """--method beats the target's method, which beats the workspace's."""
    ind = indicator(
        {"comparison": "at_least", "value": 1, "deadline": 2030, "method": "projection"}
    )
    target = ind.targets[0]
    assert choose_method(target, "linear-trend") == "projection"
    assert choose_method(target, "linear-trend", "cagr-ratio") == "cagr-ratio"
    plain = indicator({"comparison": "at_least", "value": 1, "deadline": 2030}).targets[0]
    assert choose_method(plain, "linear-trend") == "linear-trend"


def test_time_to_target_at_the_observed_pace() -> None:
    """100 → 121 (10 % a year) reaches 200 about 5.27 years after end-2022: in 2028."""
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    result = assess(ind, readings((2020, 100), (2022, 121)), "2023-01-01")
    assert result.reach is not None
    assert result.reach.year == 2028
    assert time_to_target(result) == f"reached around {result.reach.isoformat()}"


def test_time_to_target_never_when_moving_away() -> None:
    """A value moving away from the target never reaches it at this pace."""
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    result = assess(ind, readings((2020, 100), (2022, 90)), "2023-01-01")
    assert result.reach is None
    assert time_to_target(result) == NEVER


# ---------------------------------------------------------------------------------------
# gap paragraphs


def test_gap_paragraph_states_source_pace_projection_and_verdict() -> None:
    """The paragraph names the declaration, the latest value, both paces and the method."""
    ind = indicator(
        {
            "comparison": "at_least",
            "value": 200,
            "deadline": 2030,
            "baseline": {"value": 100, "date": 2020, "derived": True},
        }
    )
    result = assess(ind, readings((2022, 121)), "2023-01-01")
    text = gap_paragraph(result)
    assert "declared by s on 2024-01-01 (d)" in text
    assert "The latest reading is 121 things for 2022." in text
    assert "79 things remain, 21 % of the way from the base value of 100 things (2020)" in text
    assert "+10.00 % a year compounded" in text
    assert "At that pace it would be 259.4 things at the deadline" in text
    assert (
        "Verdict: on track, indicative: the pace is measured from a derived value, by the"
        " cagr-ratio method; growth ratio R = "
    ) in text
    assert "Warnings: the base value is derived, not quoted." in text


def test_gap_paragraph_for_a_growth_target_lists_each_year() -> None:
    """A growth target's paragraph gives each year's growth and whether it met."""
    ind = indicator(
        {"kind": "growth", "comparison": "at_least", "value": "10%", "start": 2024,
         "deadline": 2025},
        unit="yuan",
    )  # fmt: skip
    rs = readings((2023, "2.0 trillion"), (2024, "2.25 trillion"), (2025, "2.4 trillion"))
    text = gap_paragraph(assess(ind, rs, "2026-11-22"))
    assert "Year by year: 2024: 12.5 %, met; 2025: 6.7 %, missed." in text
    assert "by the per-year method" in text


# ---------------------------------------------------------------------------------------
# revisions and the CLI


@pytest.fixture
def revised(tmp_path: Path) -> Path:
    (tmp_path / "targets.toml").write_text(TARGETS_WITH_REVISIONS, encoding="utf-8")
    (tmp_path / "readings.toml").write_text(
        "schema = 1\n\n[[reading]]\nindicator = 'stations'\nvalue = 200000\n"
        "date = 2023\nsource = 'S'\n\n[[reading]]\nindicator = 'stations'\n"
        "value = 235000\ndate = 2024\nsource = 'S'\n",
        encoding="utf-8",
    )
    return tmp_path


def test_revisions_are_listed_oldest_first_with_what_changed(revised: Path) -> None:
    """The later target raised the value and moved the deadline later."""
    from sdtrack.store.locations import locate_workspace
    from sdtrack.store.workspace import load_workspace

    workspace = load_workspace(locate_workspace(revised, None, revised))
    listed = revisions(workspace.indicators[0])
    assert [t.id for t, _ in listed] == ["stations-2021", "stations-2024"]
    assert listed[0][1] is None
    assert listed[1][1] == (
        "raised from 250,000 stations to 270,000 stations; deadline moved later, from "
        "end-2025 to end-2026; comparison changed from at least to more than"
    )


def test_status_marks_the_current_target_and_names_methods(revised: Path) -> None:
    """Status marks the most recent target current and each uses its own method."""
    result = CliRunner().invoke(
        app, ["status", "--json", "--as-of", "2025-01-01", "--dir", str(revised)]
    )
    data = json.loads(result.stdout)
    by_id = {t["target_id"]: t for t in data["targets"]}
    assert by_id["stations-2021"]["current"] is False
    assert by_id["stations-2024"]["current"] is True
    assert by_id["stations-2021"]["method"] == "projection"
    assert by_id["stations-2024"]["method"] == "cagr-ratio"
    assert data["methods"] == ["cagr-ratio", "projection"]
    table = CliRunner().invoke(app, ["status", "--as-of", "2025-01-01", "--dir", str(revised)])
    assert "superseded by stations-2024" in table.stdout  # names the target that replaced it
    assert "Methods: cagr-ratio, projection" in table.stdout


def test_method_option_overrides_every_target(revised: Path) -> None:
    """--method judges every level target by the method given."""
    result = CliRunner().invoke(
        app,
        ["status", "--json", "--method", "linear-trend", "--as-of", "2025-01-01", "--dir",
         str(revised)],
    )  # fmt: skip
    methods = {t["method"] for t in json.loads(result.stdout)["targets"]}
    assert methods == {"cagr-ratio"}  # two readings: linear-trend falls back, and says so
    assert "needs at least 4 readings" in result.stdout


def test_show_lists_revisions(revised: Path) -> None:
    """show lists both targets, oldest first, marking the current one and the change."""
    result = CliRunner().invoke(
        app, ["show", "stations", "--as-of", "2025-01-01", "--dir", str(revised)]
    )
    out = result.stdout
    assert out.index("stations-2021") < out.index("stations-2024")
    assert "(superseded)" in out
    assert "(current)" in out
    assert "Revision: raised from 250,000 stations to 270,000 stations" in out


def test_gap_command_text_and_json(revised: Path) -> None:
    """gap prints one paragraph per target; --json carries the same paragraphs."""
    result = CliRunner().invoke(
        app, ["gap", "stations-2024", "--as-of", "2025-01-01", "--dir", str(revised)]
    )
    assert result.exit_code == 0
    assert "Gap report as of 2025-01-01" in result.stdout
    assert "stations-2024" in result.stdout
    assert "by the cagr-ratio method" in result.stdout
    data = json.loads(
        CliRunner()
        .invoke(app, ["gap", "--json", "--as-of", "2025-01-01", "--dir", str(revised)])
        .stdout
    )
    assert data["command"] == "gap"
    assert all(t["gap_paragraph"].startswith("Stations (基站)") for t in data["targets"])


def test_gap_on_the_shipped_dataset_names_overdue_deadlines() -> None:
    """On the shipped data the end-2025 figure, expected by 31 March 2026, is overdue."""
    result = CliRunner().invoke(app, ["gap", "5g-base-stations-2025", "--as-of", "2026-11-22"])
    assert result.exit_code == 0
    assert "overdue" in result.stdout
    assert "31 March 2026" in result.stdout
    assert "242,000 base stations" in result.stdout


# ---------------------------------------------------------------------------------------
# properties


positive = st.integers(min_value=1, max_value=100_000)


@given(base=positive, latest=positive, goal=positive, method=st.sampled_from(
    ["cagr-ratio", "projection", "linear-trend"]))  # fmt: skip
def test_mirroring_an_at_least_target_into_at_most_gives_the_same_verdict(
    base: int, latest: int, goal: int, method: str
) -> None:
    """Negating every value and turning at_least into at_most changes no verdict."""
    rising = indicator({"comparison": "at_least", "value": goal, "deadline": 2030})
    falling = indicator({"comparison": "at_most", "value": -goal, "deadline": 2030}, negative=True)
    up = assess(rising, readings((2020, base), (2022, latest)), "2023-01-01", method)
    down = assess(falling, readings((2020, -base), (2022, -latest)), "2023-01-01", method)
    assert (up.status, up.band) == (down.status, down.band)


@given(
    values=st.lists(positive, min_size=1, max_size=8),
    cut=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2031, 1, 1)),
    method=st.sampled_from(["cagr-ratio", "projection", "linear-trend"]),
)
def test_as_of_never_sees_a_later_reading(values: list[int], cut: dt.date, method: str) -> None:
    """Judged as of a day, the result equals the one from the readings up to that day."""
    ind = indicator({"comparison": "at_least", "value": 50_000, "deadline": 2030})
    series = readings(*((2015 + i, v) for i, v in enumerate(values)))
    visible = [r for r in series if r.date.end <= cut]
    full = assess_target(ind, ind.targets[0], series, cut, method)  # type: ignore[arg-type]
    seen = assess_target(ind, ind.targets[0], visible, cut, method)  # type: ignore[arg-type]
    assert full == seen
    assert full.latest is None or full.latest.date <= cut


@given(base=positive, latest=positive, bump=positive)
def test_raising_the_latest_value_never_worsens_a_projection_verdict(
    base: int, latest: int, bump: int
) -> None:
    """Under the projection method too, a higher latest value is never judged worse."""
    order = [Status.OFF_TRACK, Status.BEHIND, Status.ON_TRACK, Status.ACHIEVED]
    ind = indicator({"comparison": "at_least", "value": base * 3, "deadline": 2030})
    low = assess(ind, readings((2020, base), (2022, latest)), "2023-01-01", "projection")
    high = assess(ind, readings((2020, base), (2022, latest + bump)), "2023-01-01", "projection")
    assert order.index(high.status) >= order.index(low.status)


def test_source_fixture_is_shared() -> None:
    """The helpers build targets with the shared source fixture."""
    assert SOURCE["quote"] == "q"


def test_an_explosive_trend_projects_to_none_instead_of_overflowing() -> None:
    """A growth rate that would overflow any statistic gives no projection, and no crash."""
    ind = indicator({"comparison": "at_least", "value": 10**15, "deadline": 2200})
    rs = readings(("2000-01-01", 1), ("2000-03-01", 10**12))
    result = assess(ind, rs, "2001-01-01", "projection")
    assert result.projected is None
    assert "Verdict:" in gap_paragraph(result)


def test_a_pace_observed_over_months_is_flagged() -> None:
    """A base and latest value two months apart give a warning that projections are fragile."""
    ind = indicator({"comparison": "at_least", "value": 200, "deadline": 2030})
    result = assess(ind, readings(("2024-04-10", 100), ("2024-06-18", 112)), "2024-07-01")
    assert any("observed over only 2 months" in w for w in result.warnings)
