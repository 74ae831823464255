"""A count-of-regions target's condition and a derived indicator's formula."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from sdtrack.core import language
from sdtrack.core.formulas import Condition, Formula


def test_a_ratio_multiplies_by_per_and_a_share_by_a_hundred() -> None:
    assert Formula(kind="ratio", numerator="a", denominator="b").multiplier == 1
    per = Formula(kind="ratio", numerator="a", denominator="b", per=Decimal(10000))
    assert per.multiplier == 10000
    assert per.inputs == ("a", "b")
    assert Formula(kind="share", numerator="a", denominator="b").multiplier == 100


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "share", "per": 10}, "`per` is only for a ratio"),
        ({"kind": "ratio", "denominator": "a"}, "two different indicators"),
        ({"kind": "ratio", "per": 0}, "greater than 0"),
        ({"kind": "sum"}, "Input should be 'ratio' or 'share'"),
    ],
)
def test_a_formula_that_cannot_be_computed_is_refused(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Formula.model_validate({"numerator": "a", "denominator": "b", **fields})


def test_a_condition_has_a_label_in_each_language() -> None:
    condition = Condition.model_validate(
        {"comparison": "at_least", "value": 1, "label": "meet it", "label_zh": "达标"}
    )
    assert condition.display_label == "meet it"
    language.use("zh")
    try:
        assert condition.display_label == "达标"
    finally:
        language.use("en")
    assert Condition(comparison="at_least", value=Decimal(1)).display_label is None
