"""The ledger model: entry states, corrections, retractions and record planning."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sdtrack.core.domains import Domain
from sdtrack.core.errors import UsageError
from sdtrack.core.ledger import Ledger, plan_correction_of, plan_record
from sdtrack.core.model import Retraction
from sdtrack.core.quantities import Unit

from ..conftest import make_reading


def test_a_correction_supersedes_and_a_retraction_withdraws() -> None:
    """Only readings neither corrected nor retracted are current; states say why."""
    first = make_reading(id="r-first")
    fixed = make_reading(id="r-fixed", value=Decimal(225000), corrects="r-first")
    other = make_reading(id="r-other", value=Decimal(1))
    ledger = Ledger.build([first, fixed, other], [Retraction(reading="r-other", reason="typo")])
    assert ledger.current() == (fixed,)
    assert ledger.entry("r-first").state == "superseded by r-fixed"
    assert ledger.entry("r-other").state == "retracted: typo"
    assert ledger.entry("r-fixed").state == "current"
    assert ledger.current_readings("5g-base-stations") == [fixed]


def test_with_appended_adds_to_the_end() -> None:
    """Appending a retraction withdraws its reading in the new ledger only."""
    ledger = Ledger.build([make_reading(id="r-a")], [])
    after = ledger.with_appended(Retraction(reading="r-a", reason="wrong"))
    assert ledger.current() != ()
    assert after.current() == ()
    assert after.has_id("r-a")


def test_plan_record_refuses_a_duplicate_unless_allowed() -> None:
    """The same reading twice is refused; with allow_duplicate it gets a fresh id."""
    reading = make_reading()
    ledger = Ledger.build([reading], [])
    with pytest.raises(UsageError, match="already recorded"):
        plan_record(ledger, make_reading(), allow_duplicate=False)
    plan = plan_record(ledger, make_reading(), allow_duplicate=True)
    assert plan.existing is None
    assert plan.reading.key != reading.key


def test_plan_record_finds_a_keyed_reading() -> None:
    """A reading whose request key is already in the ledger is found, not appended."""
    keyed = make_reading(key="run-1")
    ledger = Ledger.build([keyed], [])
    plan = plan_record(ledger, make_reading(key="run-1", value=Decimal(5)), allow_duplicate=False)
    assert plan.existing is not None
    assert plan.reading == keyed


def test_a_correction_to_an_impossible_value_is_refused() -> None:
    """Given the domains, correct refuses a new value that cannot exist, naming VALUE;
    a possible one is planned as before."""
    units = {"5g-base-stations": Unit.parse("base stations")}
    domains = {"5g-base-stations": Domain.of("stock", units["5g-base-stations"])}
    ledger = Ledger.build([make_reading(id="r-first")], [])
    recorded = make_reading().recorded
    assert recorded is not None
    with pytest.raises(UsageError) as refused:
        plan_correction_of(
            ledger, "r-first", "224000.5", units, source=None, note=None, recorded=recorded,
            domains=domains,
        )  # fmt: skip
    (problem,) = refused.value.problems
    assert problem.field == "VALUE"
    assert "counts are whole numbers" in problem.message
    corrected = plan_correction_of(
        ledger, "r-first", "225000", units, source=None, note=None, recorded=recorded,
        domains=domains,
    )  # fmt: skip
    assert corrected.value == Decimal(225000)
    assert corrected.corrects == "r-first"
