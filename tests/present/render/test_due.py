"""`due` in the terminal: the summary, the table by state, and what to do next."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.console import Console
from rich.table import Table

from sdtrack.core.due import DueFigure, due_figures
from sdtrack.core.periods import Period
from sdtrack.core.releases import FigureState
from sdtrack.present.documents import due_document
from sdtrack.present.render.due import STATE_STYLES, days_words, due_table, print_due
from sdtrack.store.workspace import Workspace

from ..conftest import recording_console

DAY = dt.date(2026, 12, 1)


def figures_on(shipped: Workspace, day: dt.date = DAY, **kw: bool) -> list[DueFigure]:
    return due_figures(shipped.indicators, shipped.readings, day, **kw)


def printed(figures: list[DueFigure], day: dt.date = DAY, *, every: bool = False) -> str:
    console = recording_console(width=160)
    print_due(console, figures, day, every_upcoming=every)
    return console.export_text()


def test_the_summary_counts_each_state_and_the_table_lists_overdue_first(
    shipped: Workspace,
) -> None:
    """One line counts the states; rows follow overdue, expected, upcoming."""
    figures = figures_on(shipped)
    overdue, expected, upcoming = (
        sum(f.state == state for f in figures) for state in ("overdue", "expected", "upcoming")
    )
    assert overdue > 1  # the shipped data end in 2024
    assert upcoming > 0
    text = printed(figures)
    assert text.startswith(
        f"Figures due as of 2026-12-01: {overdue} overdue, {expected} expected, "
        f"{upcoming} upcoming\n"
    )
    assert "5g-base-stations-2025-first" in text
    assert "5G base stations in service" in text
    # The oldest: the 2024 IT revenue the growth target needs (its 2023 base is recorded).
    assert "610 days overdue" in text
    assert text.index("days overdue") < text.index("expected in 120 days")
    assert "`sdtrack record INDICATOR VALUE --date PERIOD --source SOURCE`" in text
    assert "`sdtrack due --all` lists every one." in text
    assert "`sdtrack due --all`" not in printed(figures_on(shipped), every=True)


def test_states_are_styled_overdue_red_upcoming_dim(shipped: Workspace) -> None:
    """Overdue is red; an upcoming row is dim throughout."""
    assert "red" in STATE_STYLES["overdue"]
    assert STATE_STYLES["upcoming"] == "dim"
    figures = figures_on(shipped)
    table = due_table(figures)
    assert isinstance(table, Table)
    styles = [row.style for row in table.rows]
    assert styles[-1] == "dim"
    assert all(style == "" for style in styles[:-1])
    console = Console(record=True, width=160, color_system="standard", force_terminal=True)
    console.print(table)
    assert "\x1b[1;31moverdue" in console.export_text(styles=True)


def test_days_in_words(shipped: Workspace) -> None:
    """'1 day overdue', 'expected today', 'expected in 1 day'."""
    indicator = shipped.indicators[0]

    def figure(state: FigureState, expected: dt.date) -> DueFigure:
        return DueFigure(indicator, Period.year(2025), expected, state, (), "target", DAY)

    assert days_words(figure("overdue", DAY - dt.timedelta(days=1))) == "1 day overdue"
    assert days_words(figure("overdue", DAY - dt.timedelta(days=1200))) == "1,200 days overdue"
    assert days_words(figure("expected", DAY)) == "expected today"
    assert days_words(figure("upcoming", DAY + dt.timedelta(days=1))) == "expected in 1 day"
    assert days_words(figure("upcoming", DAY + dt.timedelta(days=30))) == "expected in 30 days"


def test_nothing_due_says_so() -> None:
    assert printed([]) == (
        "Nothing is due as of 2026-12-01: every figure the targets need is recorded.\n"
    )


def test_a_trend_is_marked_as_one(shipped: Workspace) -> None:
    text = printed(figures_on(shipped))
    assert "iot-terminals" in text
    assert "trend (no target)" in text


@pytest.mark.usefixtures("chinese")
def test_chinese_days_periods_and_names(shipped: Workspace) -> None:
    """Chinese: 2026年12月1日 in the summary, 2026年3月31日 and 2025年 in the rows, the
    indicators' Chinese names."""
    text = printed(figures_on(shipped))
    assert "2026年12月1日" in text.splitlines()[0]
    assert "2026年3月31日" in text
    assert "2025年" in text
    assert "5G基站" in text
    assert "5G base stations in service" not in text


def test_the_document_keeps_english_codes_and_iso_days(shipped: Workspace) -> None:
    """due_document: the envelope, counts by state, each figure's stable fields."""
    document = due_document(figures_on(shipped), DAY)
    assert (document["command"], document["as_of"]) == ("due", "2026-12-01")
    states = [f["state"] for f in document["figures"]]
    assert document["summary"] == {s: states.count(s) for s in ("overdue", "expected", "upcoming")}
    last = document["figures"][-1]
    assert last == {
        "indicator": "leading-projects",
        "name": "Leading digital-industry projects launched in the year",
        "name_zh": "引领性项目（年度）",
        "region": None,
        "period": "2026",
        "expected_by": "2027-03-31",
        "state": "upcoming",
        "need": "target",
        "targets": ["leading-projects-yearly"],
        "days_overdue": None,
        "days_until_expected": 120,
    }


def test_a_narrow_terminal_puts_the_targets_under_the_indicator(shipped: Workspace) -> None:
    """Below 100 columns there is no 'Needed by' column; the target ids follow the name."""
    figures = [f for f in figures_on(shipped) if f.indicator.id == "5g-base-stations"]
    table = due_table(figures, width=80)
    assert isinstance(table, Table)
    assert len(table.columns) == 4
    console = recording_console(width=80)
    print_due(console, figures, DAY, every_upcoming=True)
    text = console.export_text()
    assert "Needed by" not in text
    assert "Indicator · needed by" in text
    assert "5g-base-stations-2025-first" in text


def test_a_terminal_too_narrow_for_the_table_gets_blocks(shipped: Workspace) -> None:
    """At 60 columns no table holds the ids beside the dates: each figure is a block, its
    fields labelled, no word split and no line wider than 60."""
    console = recording_console(width=60)
    print_due(console, figures_on(shipped), DAY, every_upcoming=True)
    text = console.export_text()
    assert "\n5g-base-stations\n  5G base stations in service\n  Figure: 2025\n" in text
    assert "  State: overdue · 245 days overdue\n" in text
    assert "  Needed by: 5g-base-stations-2025-first ·\n    5g-base-stations-2025\n" in text
    assert all(len(line) <= 60 for line in text.splitlines())
