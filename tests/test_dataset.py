"""The shipped Shandong dataset: valid, and every number traced to a quoted sentence."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from sdtrack.core.model import Indicator, Reading, Target
from sdtrack.core.quantities import Unit, format_number
from sdtrack.store.locations import locate_workspace
from sdtrack.store.validation import check_workspace
from sdtrack.store.workspace import Workspace, load_workspace

from .conftest import REPO, SEEDS


@pytest.fixture(scope="module")
def shipped() -> Workspace:
    return load_workspace(locate_workspace(REPO, None, REPO))


def _seed_text() -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS}")
    return " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_shipped_workspace_is_valid() -> None:
    """`sdtrack check` finds nothing wrong with the shipped dataset."""
    assert check_workspace(locate_workspace(REPO, None, REPO)) == []


def test_dataset_covers_the_seed_targets(shipped: Workspace) -> None:
    """Every target and reading the seeds state is in the dataset."""
    target_ids = {t.id for i in shipped.indicators for t in i.targets}
    assert {
        "smart-communities-2025",
        "5g-base-stations-2025",
        "it-industry-revenue-2025",
        "it-industry-revenue-growth",
        "gigabit-cities-2024",
        "smart-agriculture-bases-2025",
        "platform-economy-clusters-2025",
        "leading-projects-yearly",
    } <= target_ids
    values = {(r.indicator, r.value) for r in shipped.readings}
    assert {
        ("smart-communities", Decimal(301)),
        ("digital-economy-output", Decimal(3 * 10**12)),
        ("digital-economy-value-added", Decimal(43 * 10**11)),
        ("digital-economy-gdp-share", Decimal(47)),
        ("industrial-internet-platforms", Decimal(47)),
        ("national-smart-factories", Decimal(35)),
        ("industrial-brains", Decimal(32)),
        ("iot-terminals", Decimal(220 * 10**6)),
    } <= values


def test_every_quote_is_verbatim_from_a_seed_or_cites_its_address(shipped: Workspace) -> None:
    """A quote without an address is found word for word in the seeds; others give a URL."""
    seeds = _normalised(_seed_text())
    quoted = [(t.source.quote, t.source.url) for i in shipped.indicators for t in i.targets]
    quoted += [(r.quote, r.url) for r in shipped.readings if r.quote]
    assert quoted
    for quote, url in quoted:
        if url is None:
            assert _normalised(quote) in seeds, quote
        else:
            assert url.startswith(("http://", "https://")), url
    assert sum(url is None for _, url in quoted) >= 17


def _spellings(value: Decimal, unit: Unit) -> set[str]:
    """The ways a source may print a value: 5,000; 2.4 trillion; 220 million; 47%."""
    whole = f"{value:,f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:,}"
    plain = f"{value.normalize():f}"  # 30361, as Chinese pages print a count
    spellings = {whole, plain, format_number(value, unit), f"{plain}%"}
    wan, rest = divmod(value, 10_000)
    for myriad, hundred_million, trillion in (("万", "亿", "万亿"), ("萬", "億", "萬億")):
        spellings.add(f"{(value / 10_000).normalize():f}{myriad}")  # 22.4万, 16萬
        spellings.add(f"{wan}{myriad}{rest}")  # 16万2000
        spellings.add(f"{(value / 10**8).normalize():f}{hundred_million}")  # 2.3亿
        spellings.add(f"{(value / 10**12).normalize():f}{trillion}")  # 2万亿
    if value in CHINESE_NUMERALS:
        spellings.add(CHINESE_NUMERALS[value])
    return spellings


# Round figures a source writes in Chinese numerals ("一万个5G基站").
CHINESE_NUMERALS = {Decimal(10_000): "一万"}


def _stated(value: Decimal, unit: Unit, quote: str) -> bool:
    return any(spelling in quote for spelling in _spellings(value, unit))


def test_every_number_is_stated_in_its_quote_or_marked_derived(shipped: Workspace) -> None:
    """No number without a source: each value appears in its quote, or is marked derived."""
    for indicator in shipped.indicators:
        unit = indicator.unit_info
        for target in indicator.targets:
            value_unit = Unit("%", "percent") if target.kind == "growth" else unit
            if target.kind == "growth":
                assert "double-digit growth" in target.source.quote
            else:
                assert _stated(target.value, value_unit, target.source.quote), target.id
            if target.baseline is not None:
                baseline = target.baseline
                assert baseline.derived or _stated(baseline.value, unit, _all_quotes(shipped))
    for reading in shipped.readings:
        indicator = shipped.targets.indicator(reading.indicator)
        assert indicator is not None
        assert reading.quote is not None
        if _meets_a_count(reading, indicator):
            # "Jinan is a gigabit city" is stated by naming the city, not by a number: the
            # note says how the source names it.
            assert reading.note, reading.key
            continue
        assert reading.derived or _stated(reading.value, indicator.unit_info, reading.quote), (
            reading.key
        )


def _meets_a_count(reading: Reading, indicator: Indicator) -> bool:
    """A city's reading of a count-of-regions target's condition value (1 gigabit city),
    or of 0 (a source naming the city as not meeting it)."""
    return reading.region is not None and any(
        t.each is not None and reading.value in (t.each.value, 0) for t in indicator.targets
    )


def _all_quotes(shipped: Workspace) -> str:
    return " ".join(r.quote or "" for r in shipped.readings)


def test_derived_values_say_how_they_were_derived(shipped: Workspace) -> None:
    """The implied ~200,000 base stations of April 2024 and the three gigabit cities the
    source names without counting are marked derived, each with a note saying how."""
    derived: list[Reading | Target] = [r for r in shipped.readings if r.derived]
    assert [r.indicator for r in derived if isinstance(r, Reading)] == [
        "5g-base-stations",
        "gigabit-cities",
    ]
    assert all(isinstance(r, Reading) and r.note for r in derived)
    target = shipped.find("5g-base-stations-2025")[1]
    assert target is not None
    assert target.baseline is not None
    assert target.baseline.derived
    assert "Derived" in (target.baseline.note or "")


def test_wording_is_kept_in_the_comparison(shipped: Workspace) -> None:
    """'over', 'more than' and 'exceed' become strict comparisons; a plain count does not."""
    for indicator in shipped.indicators:
        for target in indicator.targets:
            quote = target.source.quote.lower()
            strict = target.comparison == "more_than"
            if target.id == "platform-economy-clusters-2025":
                assert not strict
            elif target.kind == "level" and any(
                w in quote for w in ("over", "exceed", "more than")
            ):
                assert strict, target.id


def test_repository_files_are_the_ones_shipped() -> None:
    """targets.toml and readings.toml at the root are what the package embeds."""
    package_data = REPO / "src" / "sdtrack" / "data"
    for name in ("targets.toml", "readings.toml"):
        assert (package_data / name).read_bytes() == (REPO / name).read_bytes()
        assert Path(REPO / name).is_file()


def test_the_embedded_dataset_is_the_top_level_one_as_real_files() -> None:
    """The package ships real copies of targets.toml and readings.toml, not symlinks (a
    clone without symlinks would ship a line of text), equal to the top-level files."""
    for name in ("targets.toml", "readings.toml"):
        embedded = REPO / "src" / "sdtrack" / "data" / name
        assert not embedded.is_symlink(), f"{embedded} is a symlink"
        assert embedded.read_bytes() == (REPO / name).read_bytes(), f"copy {name} again"
