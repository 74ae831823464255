"""The words and JSON objects of conflicting and corroborating readings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sdtrack.core.model import Indicator
from sdtrack.present.conflict_words import (
    agreement_words,
    check_warning,
    conflict_sentence,
    counted_words,
    reading_words,
    source_count,
    warning_dict,
)
from sdtrack.store.conflict_check import Conflict, Located
from sdtrack.store.workspace import Workspace

from ..conftest import make_reading


@pytest.fixture
def stations(shipped: Workspace) -> Indicator:
    indicator = shipped.targets.indicator("5g-base-stations")
    assert indicator is not None
    return indicator


def test_a_reading_is_worded_with_its_qualifier_period_and_source(stations: Indicator) -> None:
    """'over 224,000 base stations, 2024-06-18, Dazhong Daily'."""
    reading = make_reading(qualifier="over", source="Dazhong Daily")
    assert reading_words(reading, stations) == "over 224,000 base stations, 2024, Dazhong Daily"


def test_the_rule_follows_the_direction(stations: Indicator) -> None:
    """The lower figure counts when higher is better, the higher when lower is."""
    assert counted_words(stations).endswith("the lower figure counts")
    lower = stations.model_copy(update={"better": "lower"})
    assert counted_words(lower).endswith("the higher figure counts")
    other = make_reading(id="r-x", value=Decimal(300000), source="P")
    assert conflict_sentence([other], stations) == (
        "conflicts with reading r-x (300,000 base stations, 2024, P); "
        "until one is retracted or corrected, the lower figure counts"
    )


def test_sources_are_counted_once_each(stations: Indicator) -> None:
    """The same source twice (another case, extra spaces) is one source."""
    new = make_reading(source="Bureau")
    same = [make_reading(id="r-a", source=" bureau "), make_reading(id="r-b", source="Paper")]
    assert source_count(new, same) == 2
    assert agreement_words(new, same) == "agrees with r-a, r-b (2 sources)"
    assert agreement_words(new, same[:1]) == "agrees with r-a (1 source)"


def test_the_json_objects_are_stable(stations: Indicator) -> None:
    """record's warning and check's warning carry codes, ids, exact values and lines."""
    low = make_reading(id="r-low")
    high = make_reading(id="r-high", value=Decimal("300000.5"), source="P")
    assert warning_dict(high, stations) == {
        "code": "conflict",
        "reading_id": "r-high",
        "value": 300000.5,
        "qualifier": None,
        "text": "300,000.5 base stations",
        "date": "2024",
        "source": "P",
        "message": "conflicts with reading r-high (300,000.5 base stations, 2024, P)",
    }
    warning = check_warning(Conflict(stations, Path("r.toml"), Located(low, 3), Located(high, 9)))
    assert (warning["code"], warning["file"], warning["indicator_id"]) == (
        "conflict",
        "r.toml",
        "5g-base-stations",
    )
    assert (warning["reading"]["reading_id"], warning["reading"]["line"]) == ("r-high", 9)
    assert (warning["conflicts_with"]["reading_id"], warning["conflicts_with"]["line"]) == (
        "r-low",
        3,
    )
    assert warning["counted_reading_id"] == "r-low"
    assert warning["message"].startswith("5g-base-stations: reading r-high (")


@pytest.mark.usefixtures("chinese")
def test_chinese_numbers_and_periods(stations: Indicator) -> None:
    """In Chinese the value and period take their Chinese forms."""
    reading = make_reading(date=make_reading().date, source="大众日报")
    text = reading_words(reading, stations)
    assert "22.4万个" in text
    assert "2024年" in text
