"""What command bodies share: the workspace, the as-of day, JSON or text output."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sdtrack.commands.common import as_of_day, cache_directory, emit, location
from sdtrack.core.errors import UsageError

from ..conftest import TODAY


def test_as_of_defaults_to_today_and_is_checked() -> None:
    """No --as-of is the pinned today; an impossible day is a usage error on --as-of."""
    assert as_of_day(None) == TODAY
    assert as_of_day("2025-12-31") == dt.date(2025, 12, 31)
    with pytest.raises(UsageError) as caught:
        as_of_day("2025-13-01")
    assert caught.value.problems[0].field == "--as-of"


def test_location_follows_the_environment(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --dir, $SDTRACK_DIR names the workspace; --dir overrides it."""
    monkeypatch.setenv("SDTRACK_DIR", str(workspace))
    assert location(None).root == workspace
    assert location(None).found_by == "SDTRACK_DIR"
    assert location(workspace).found_by == "--dir"


def test_cache_directory_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """$SDTRACK_NO_CACHE turns the cache off; $SDTRACK_CACHE_DIR moves it."""
    monkeypatch.setenv("SDTRACK_CACHE_DIR", "/tmp/sd-cache")
    assert cache_directory() == Path("/tmp/sd-cache")
    monkeypatch.setenv("SDTRACK_NO_CACHE", "1")
    assert cache_directory() is None


def test_emit_prints_json_or_text(capsys: pytest.CaptureFixture[str]) -> None:
    """With --json only the document is printed; otherwise only the text."""
    emit(True, lambda: {"a": 1}, lambda console: console.print("text"))
    assert json.loads(capsys.readouterr().out) == {"a": 1}
    emit(False, lambda: {"a": 1}, lambda console: console.print("text"))
    assert capsys.readouterr().out == "text\n"


def test_as_of_takes_a_day_a_month_or_a_year_as_its_help_says() -> None:
    """A month or a year stands for its last day; anything else names what is accepted."""
    import datetime as dt

    import pytest

    from sdtrack.commands.common import as_of_day
    from sdtrack.commands.spec import AS_OF_HELP
    from sdtrack.core.errors import UsageError

    assert as_of_day("2025") == dt.date(2025, 12, 31)
    assert as_of_day("2025-06") == dt.date(2025, 6, 30)
    assert as_of_day("2024-02") == dt.date(2024, 2, 29)
    assert as_of_day("2025-06-15") == dt.date(2025, 6, 15)
    assert "a month" in AS_OF_HELP
    assert "a year" in AS_OF_HELP
    with pytest.raises(UsageError) as raised:
        as_of_day("soon")
    assert raised.value.exit_code == 2
    assert "a day (2024-04-10), a month (2024-06) or a year (2023)" in str(raised.value)
