"""A ledger read as it is printed: its outline read line by line gives what parsing gives,
and its entries come with the states the whole ledger gives them, an import's only whole."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sdtrack.core.ledger import Entry, Ledger
from sdtrack.core.model import Reading, Retraction, TargetsFile
from sdtrack.core.periods import Period
from sdtrack.store import ledger_stream
from sdtrack.store.ledger_file import READINGS_HEADER, reading_block, retraction_block
from sdtrack.store.locations import locate_workspace
from sdtrack.store.validation import validate_ledger_text
from sdtrack.store.workspace import load_targets

TARGETS = """schema = 1
title = "Streaming test workspace"
region = "shandong"

[[indicator]]
id = "stations"
name = "5G base stations"
unit = "base stations"
kind = "stock"

[[indicator]]
id = "gigabit"
name = "Gigabit cities"
unit = "cities"
kind = "stock"
limit = 16
"""


@pytest.fixture
def targets(tmp_path: Path) -> TargetsFile:
    (tmp_path / "targets.toml").write_text(TARGETS, encoding="utf-8")
    return load_targets(locate_workspace(tmp_path, None, tmp_path))


def reading(name: str | None, value: int = 1, **fields: Any) -> Reading:
    data: dict[str, Any] = {
        "indicator": "stations",
        "value": Decimal(value),
        "date": Period.year(2024),
        "source": f"Bulletin {name}",
        **fields,
    }
    if name is not None:
        data["id"] = name
    return Reading.model_validate(data)


def ledger_text(*items: Reading | Retraction) -> str:
    return READINGS_HEADER + "".join(
        reading_block(i) if isinstance(i, Reading) else retraction_block(i) for i in items
    )


def retraction(key: str) -> Retraction:
    return Retraction(reading=key, reason=f"withdrawn {key}")


SAMPLE = ledger_text(
    reading("a"),
    reading("b"),
    reading("c"),
    reading("d", 2, corrects="a"),
    retraction("b"),
)


def test_the_outline_counts_readings_and_what_replaces_them() -> None:
    plan = ledger_stream.outline(SAMPLE)
    assert plan is not None
    assert plan.readings == 4
    assert plan.corrections == (("d", "a"),)
    assert plan.retracted == ("b",)
    assert plan.replaced == 2
    assert tomllib.loads(plan.retractions_text) == {
        "retraction": [{"reading": "b", "reason": "withdrawn b"}]
    }


def test_a_small_ledger_gets_no_outline() -> None:
    assert ledger_stream.outline(SAMPLE, more_than=4) is None
    assert ledger_stream.outline(SAMPLE, more_than=3) is not None


CONTENT_ID = reading(None).key
WITHOUT_ID = ledger_text(reading(None)).replace(f'id = "{CONTENT_ID}"\n', "")
BLOCK = '\n[[reading]]\nid = "e"\nindicator = "stations"\nvalue = 1\ndate = 2024\n'


@pytest.mark.parametrize(
    ("why", "text"),
    [
        ("a multi-line string", SAMPLE + BLOCK + 'note = """\ncorrects = "c"\n"""\nsource = "s"\n'),
        ("a literal multi-line string", SAMPLE + BLOCK + "note = '''x'''\nsource = 's'\n"),
        ("an indented line", SAMPLE + BLOCK + '  corrects = "c"\nsource = "s"\n'),
        ("a quoted key", SAMPLE + BLOCK + '"corrects" = "c"\nsource = "s"\n'),
        ("a carriage return", SAMPLE.replace("\n", "\r\n")),
        ("a header not alone", SAMPLE + '\n[[reading]] # a comment\nid = "e"\n'),
        ("a spaced header", SAMPLE + '\n[[ reading ]]\nid = "e"\n'),
        ("a header in the preamble", "[x]\n" + SAMPLE),
        ("a line in an array", SAMPLE + BLOCK + 'x = [\n[1], "a"]\nsource = "s"\n'),
        ("another table", SAMPLE + '\n[x]\ncorrects = "c"\n'),
        ("an unended last line", SAMPLE + BLOCK + 'source = "s"'),
        ("an escaped reference", SAMPLE + BLOCK + 'corrects = "\\u0063"\nsource = "s"\n'),
        ("a literal reference", SAMPLE + BLOCK + "corrects = 'c'\nsource = 's'\n"),
        ("a dotted key", SAMPLE + BLOCK + 'corrects.x = "c"\nsource = "s"\n'),
        ("a reference to no id", ledger_text(reading("a"), reading("d", 2, corrects="zz"))),
        (
            "a content id",
            WITHOUT_ID + ledger_text(reading("d", corrects=CONTENT_ID))[len(READINGS_HEADER) :],
        ),
        (
            "a correction without an id",
            SAMPLE + BLOCK.replace('id = "e"\n', "") + 'corrects = "c"\nsource = "s"\n',
        ),
        ("a retraction without a reading", SAMPLE + '\n[[retraction]]\nreason = "r"\n'),
        (
            "the last import cut off",
            ledger_text(
                reading("a"),
                reading("b", batch="imp-1", batch_size=3),
                reading("c", batch="imp-1", batch_size=3),
            ),
        ),
    ],
)
def test_a_ledger_the_lines_cannot_tell_gets_no_outline(why: str, text: str) -> None:
    """Anything that could make a line mean something else, or a state depend on what
    only parsing tells (an id from a reading's content), leaves the ledger to be read whole."""
    assert ledger_stream.outline(text) is None, why


def test_brackets_braces_and_quotes_in_strings_are_outlined() -> None:
    text = ledger_text(reading("a", note="Table [3], {x} \"y\" 'z'"), reading("b", corrects="a"))
    plan = ledger_stream.outline(text)
    assert plan is not None
    assert plan.corrections == (("b", "a"),)


def test_a_whole_last_import_is_outlined() -> None:
    text = ledger_text(
        reading("a"),
        reading("b", batch="imp-1", batch_size=2),
        reading("c", batch="imp-1", batch_size=2),
    )
    assert ledger_stream.outline(text) is not None


# The forms of each key the outline reads or must refuse (plain, escaped, literal, dotted,
# quoted, indented), and of keys that could hide a line (multi-line strings, inline tables,
# arrays): the plain ones repeated, so that many texts are outlined.
FORMS = {
    "id": ['id = "{v}"'] * 12 + ['id="{v}"', "id = '{v}'", 'id = "{v}" # c', ' id = "{v}"'],
    "corrects": ['corrects = "{v}"'] * 10
    + [
        'corrects = "{v}"  # c',
        'corrects = "\\u0061"',
        "corrects = '{v}'",
        '"corrects" = "{v}"',
        '  corrects = "{v}"',
        'corrects.x = "{v}"',
        'corrects\t= "{v}"',
    ],
    "reading": ['reading = "{v}"'] * 10
    + ['reading="{v}" # why', "reading = '{v}'", '"reading" = "{v}"'],
    "note": ['note = "x"'] * 8
    + [
        'note = "[[reading]]"',
        'note = """\ncorrects = "{v}"\n"""',
        "note = '''\nid = \"{v}\"\n'''",
        'note = "a\\nb"',
        "# [[reading]]",
    ],
    "x": ["value = 1"] * 8
    + ['x = { corrects = "{v}" }', 'x = [\n"{v}",\n]', "x = [1]", "x = [\n1,\n2 ]"]
    + ['x = [\ncorrects = "{v}"\n]', "x = [\n[1],\n]", 'x = {\ncorrects = "{v}"\n}']
    + ['x = [ { corrects = "{v}" },\n{ id = "{v}" } ]', 'x = "[[reading]]"'],
}
HEADERS = ["[[reading]]"] * 30 + ["[[retraction]]"] * 10 + ["[[ reading ]]", "[x]", " [[reading]]"]


@st.composite
def entry_texts(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(HEADERS))
    names = draw(st.lists(st.sampled_from(sorted(FORMS)), unique=True, max_size=4))
    if "[[reading]]" in header and "id" not in names and draw(st.booleans()):
        names.insert(0, "id")
    lines = [
        draw(st.sampled_from(FORMS[name])).replace("{v}", draw(st.sampled_from("abc")))
        for name in names
    ]
    return "".join(f"{line}\n" for line in [header, *lines])


@settings(max_examples=600)
@given(st.lists(entry_texts(), max_size=8), st.sampled_from(["", "# [[reading]] here\n"]))
def test_an_outline_says_what_parsing_says(entries: list[str], comment: str) -> None:
    """Whenever a text gets an outline and TOML reads it, the outline's readings,
    corrections and retractions are those TOML reads."""
    text = comment + "schema = 1\n" + "".join("\n" + entry for entry in entries)
    plan = ledger_stream.outline(text)
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    if plan is None:
        return
    readings = parsed.get("reading", [])
    retractions = parsed.get("retraction", [])
    assert plan.readings == len(readings)
    assert plan.corrections == tuple(
        (r.get("id"), r["corrects"]) for r in readings if "corrects" in r
    )
    assert plan.retracted == tuple(r.get("reading") for r in retractions)


def test_split_cuts_the_text_before_entries() -> None:
    text = ledger_text(*(reading(f"r{n}") for n in range(50)), retraction("r3"))
    preamble, batches = ledger_stream.split(text, 50, 7)
    assert preamble + "".join(batches) == text
    assert all(b.startswith(("[[reading]]\n", "[[retraction]]\n")) for b in batches)
    assert all(b.endswith("\n") for b in batches)
    assert 6 <= len(batches) <= 9
    assert sum(tomllib.loads(b).get("reading", []) != [] for b in batches) == len(batches)


def test_duplicate_ids_and_reading_ids() -> None:
    assert not ledger_stream.duplicate_ids(SAMPLE)
    assert ledger_stream.duplicate_ids(ledger_text(reading("a"), reading("a", 2)))
    assert ledger_stream.may_name_a_reading(SAMPLE, "a")
    assert not ledger_stream.may_name_a_reading(SAMPLE, "stations")
    assert ledger_stream.may_name_a_reading(SAMPLE, "r-0123456789")  # content-shaped
    assert ledger_stream.may_name_a_reading(SAMPLE + "id = 'stations'\n", "stations")


def _streamed(text: str, targets: TargetsFile, per_batch: int = 2) -> list[Any]:
    plan = ledger_stream.outline(text)
    assert plan is not None
    preamble, batches = ledger_stream.split(text, plan.readings, per_batch)
    return list(ledger_stream.entries(preamble, batches, plan, targets))


def test_entries_have_the_states_the_whole_ledger_gives(targets: TargetsFile) -> None:
    items = (
        reading("a"),
        reading("b", batch="imp-1", batch_size=3),
        reading("c", batch="imp-1", batch_size=3, region="jinan"),
        reading("d", batch="imp-1", batch_size=3),
        reading("e", 2, corrects="a"),
        retraction("c"),
        reading("f", 3, corrects="e"),
        retraction("d"),
        reading("g", indicator="gigabit"),
    )
    text = ledger_text(*items)
    whole, problems = validate_ledger_text(text, Path("readings.toml"), targets)
    assert problems == []
    for per_batch in (1, 2, 3, 100):
        assert tuple(_streamed(text, targets, per_batch)) == whole.entries
    assert [e.state for e in whole.entries][:3] == [
        "superseded by e",
        "current",
        "retracted: withdrawn c",
    ]


def _yielded_until_stopped(text: str, targets: TargetsFile) -> list[str]:
    plan = ledger_stream.outline(text)
    assert plan is not None
    preamble, batches = ledger_stream.split(text, plan.readings, 1)
    seen: list[Entry] = []
    with pytest.raises(ledger_stream.Unstreamable):
        seen.extend(ledger_stream.entries(preamble, batches, plan, targets))
    return [entry.id for entry in seen]


def test_an_import_cut_short_is_never_yielded(targets: TargetsFile) -> None:
    """A batch with fewer readings than its size, followed by other entries, stops the
    stream before any of its readings: they are never read as whole."""
    text = ledger_text(
        reading("a"),
        reading("b", batch="imp-1", batch_size=3),
        reading("c", batch="imp-1", batch_size=3),
        reading("d"),
    )
    assert _yielded_until_stopped(text, targets) == ["a"]


def test_an_import_split_or_too_long_is_never_yielded_whole(targets: TargetsFile) -> None:
    split = ledger_text(
        reading("b", batch="imp-1", batch_size=2),
        reading("x"),
        reading("c", batch="imp-1", batch_size=2),
        reading("y"),
    )
    assert _yielded_until_stopped(split, targets) == []
    long = ledger_text(
        reading("b", batch="imp-1", batch_size=2),
        reading("c", batch="imp-1", batch_size=2),
        reading("d", batch="imp-1", batch_size=2),
        reading("y"),
    )
    assert _yielded_until_stopped(long, targets) == []


def test_a_bad_entry_stops_the_stream_where_it_stands(targets: TargetsFile) -> None:
    text = ledger_text(reading("a"), reading("b"))
    text += '\n[[reading]]\nid = "c"\nindicator = "stations"\nvalue = "N/A"\ndate = 2024\n'
    text += 'source = "s"\n' + ledger_text(reading("d")).removeprefix(READINGS_HEADER)
    assert _yielded_until_stopped(text, targets) == ["a", "b"]


def test_a_problem_of_the_whole_ledger_stops_it_after_the_last_entry(
    targets: TargetsFile,
) -> None:
    """A key used twice is found only with the whole ledger: after every entry."""
    text = ledger_text(reading("a", key="k"), reading("b", 2, key="k"))
    assert _yielded_until_stopped(text, targets) == ["a", "b"]
    wrong = ledger_text(reading("a"), reading("b", 2, corrects="a", indicator="gigabit"))
    assert _yielded_until_stopped(wrong, targets) == ["a", "b"]


def test_a_text_unlike_its_outline_stops_the_stream(targets: TargetsFile) -> None:
    text = ledger_text(reading("a"), reading("b", 2, corrects="a"))
    plan = ledger_stream.outline(text)
    assert plan is not None
    wrong = ledger_stream.Outline(plan.readings, (("b", "zz"),), (), "")
    preamble, batches = ledger_stream.split(text, plan.readings, 1)
    with pytest.raises(ledger_stream.Unstreamable):
        list(ledger_stream.entries(preamble, batches, wrong, targets))
    fewer = ledger_stream.Outline(1, plan.corrections, (), "")
    preamble, batches = ledger_stream.split(text, plan.readings, 1)
    with pytest.raises(ledger_stream.Unstreamable):
        list(ledger_stream.entries(preamble, batches, fewer, targets))


def test_a_duplicate_id_gives_the_later_reading_no_state(targets: TargetsFile) -> None:
    """As Ledger.build does: only the first reading of an id is replaced."""
    text = ledger_text(reading("a"), reading("a", 2), retraction("a"))
    plan = ledger_stream.outline(text)
    assert plan is not None
    preamble, batches = ledger_stream.split(text, plan.readings, 1)
    seen: list[Entry] = []
    with pytest.raises(ledger_stream.Unstreamable):  # the id used twice
        seen.extend(ledger_stream.entries(preamble, batches, plan, targets))
    built = Ledger.build([e.reading for e in seen], [retraction("a")])
    assert tuple(seen) == built.entries
