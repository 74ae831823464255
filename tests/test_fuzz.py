"""Property tests: arbitrary arguments and documents never give a traceback; text round-trips.

Hypothesis runs derandomized (the same examples on every run), so that CI is repeatable
and the figures reported after the run are reproducible.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from sdtrack.commands.app import app
from sdtrack.store.locations import READINGS_FILE, TARGETS_FILE, locate_workspace
from sdtrack.store.workspace import load_workspace

from .conftest import FIGURES

BASE = Path(__file__).parent / "corpus" / "base"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
INDICATORS = ["stations", "revenue", "share"]
LEDGER_KEYS = {
    "id", "indicator", "value", "date", "qualifier", "derived", "source", "url", "quote",
    "note", "recorded", "corrects", "key",
}  # fmt: skip


@contextmanager
def scratch_workspace() -> Iterator[Path]:
    """A copy of the corpus base workspace, shared by one property's examples."""
    with tempfile.TemporaryDirectory() as directory:
        workspace = Path(directory) / "ws"
        shutil.copytree(BASE, workspace)
        yield workspace


def invoke(*args: str) -> Result:
    """Run sdtrack in-process; fail on any exception other than a clean exit."""
    result = CliRunner().invoke(app, list(args))
    FIGURES["fuzz examples run"] += 1
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    if crashed or "Traceback" in result.output:
        FIGURES["tracebacks seen"] += 1
    assert not crashed, repr(result.exception)
    assert "Traceback" not in result.output
    FIGURES[f"fuzz outcomes: {args[0]} exit {result.exit_code}"] += 1
    return result


numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.builds(
        lambda n, suffix: f"{n}{suffix}",
        st.decimals(0, 10**6, places=2).map(str),
        st.sampled_from(
            ["", "万", "亿", "万亿", "万万", "k", " trillion", "tn", "%", "元", " yuan"]
        ),
    ),
)
values = st.one_of(numbers, st.text(max_size=12))
past_dates = st.one_of(
    st.dates(dt.date(1990, 1, 1), dt.date(2025, 12, 31)).map(dt.date.isoformat),
    st.integers(1990, 2025).map(str),
)
dates = st.one_of(
    past_dates,
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.from_regex(r"\A\d{4}-\d{1,2}(-\d{1,2})?\Z"),
    st.text(max_size=12),
)


def mostly(valid: st.SearchStrategy[str], anything: st.SearchStrategy[str]) -> Any:
    """Valid three times in four, so that most examples get as far as writing."""
    return st.integers(0, 3).flatmap(lambda n: anything if n == 0 else valid)


@FUZZ
@given(
    indicator=mostly(st.sampled_from(INDICATORS), st.text(max_size=10) | st.just("stations-2025")),
    value=mostly(numbers, values),
    date=mostly(past_dates, dates),
    source=mostly(st.text(max_size=40).filter(str.strip), st.text(max_size=40)),
    note=st.one_of(st.none(), st.text(max_size=40)),
    key=st.one_of(st.none(), st.text(max_size=10)),
)
def test_record_never_gives_a_traceback(
    indicator: str, value: str, date: str, source: str, note: str | None, key: str | None
) -> None:
    """Any arguments to record: exit 0, 1 or 2 with a clean message, never a traceback."""
    with scratch_workspace() as workspace:
        args = ["record", "--dir", str(workspace), f"--date={date}", f"--source={source}"]
        args += [] if note is None else [f"--note={note}"]
        args += [] if key is None else [f"--key={key}"]
        result = invoke(*args, "--", indicator, value)
        assert result.exit_code in (0, 1, 2)
        if result.exit_code != 0:
            assert result.stderr.startswith(("error: ", "Usage: ")), result.stderr
        readings = load_workspace(locate_workspace(workspace, None, workspace)).readings
        if result.exit_code == 0:
            assert (readings[-1].source, readings[-1].note) == (source, note)


printable = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=60).filter(
    lambda text: bool(text.strip())
)
tricky = (
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    '"',
                    "'",
                    '"""',
                    "'''",
                    "\\",
                    "\\n",
                    "\n",
                    "\r\n",
                    "\r",
                    "\t",
                    "[[reading]]",
                    "[retraction]",
                    "]]",
                    "key = 1",
                    "schema = 2",
                    "#",
                    "=",
                    "\x7f",
                    "\x1b[31m",
                    "\u2028",
                    "\ufeff",
                    "\x00",
                    "山东省",
                    "📡",
                    "🇨🇳",
                    "e\u0301",
                    "<script>",
                    "=HYPERLINK()",
                    "${HOME}",
                    "%s",
                ]
            ),
            printable,
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda text: bool(text.strip()))
)


@FUZZ
@given(source=tricky, note=st.one_of(st.none(), tricky), quote=st.one_of(st.none(), tricky))
def test_accepted_text_reads_back_identical(
    source: str, note: str | None, quote: str | None
) -> None:
    """Whatever text record accepts (quotes, newlines, emoji, Chinese) reads back identical."""
    with scratch_workspace() as workspace:
        args = ["record", "--dir", str(workspace), "--date=2024", f"--source={source}"]
        args += [] if note is None else [f"--note={note}"]
        args += [] if quote is None else [f"--quote={quote}"]
        result = invoke(*args, "--", "stations", "250000")
        assert result.exit_code == 0, result.stderr
        readings = load_workspace(locate_workspace(workspace, None, workspace)).readings
        last = readings[-1]
        assert (last.source, last.note, last.quote) == (source, note, quote)


@FUZZ
@given(source=tricky, note=tricky)
def test_text_cannot_add_keys_or_tables(source: str, note: str) -> None:
    """A source or note never adds a key or a table: the ledger gains exactly one reading."""
    with scratch_workspace() as workspace:
        ledger = workspace / READINGS_FILE
        before = tomllib.loads(ledger.read_text("utf-8"))
        result = invoke(
            "record", "--dir", str(workspace), "--date=2024", f"--source={source}",
            f"--note={note}", "--", "revenue", "2.2万亿",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        after = tomllib.loads(ledger.read_text("utf-8"))
        assert set(after) == set(before)
        assert after["reading"][:-1] == before["reading"]
        added = after["reading"][-1]
        assert set(added) <= LEDGER_KEYS
        assert (added["source"], added["note"]) == (source, note)


# ---------------------------------------------------------------------------------------
# Generated TOML documents for the loader

SCHEMA_WORDS = sorted(
    LEDGER_KEYS
    | {"schema", "title", "indicator", "target", "reading", "retraction", "reason", "name"}
    | {"name_zh", "unit", "kind", "comparison", "deadline", "start", "baseline", "source"}
    | {"document", "speaker", "publisher", "tolerance", "better", "limit", "description"}
)
keys = st.one_of(st.sampled_from(SCHEMA_WORDS), st.text(min_size=1, max_size=8))
scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.text(max_size=20),
    st.sampled_from(["stations", "revenue", "share", "2024", "2025-02-30", "N/A", "47%", "r-x"]),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([dt.UTC, None])),
    st.times(),
)
toml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)
    ),
    max_leaves=20,
)
tables = st.dictionaries(keys, toml_values, max_size=8)
indicator_like = st.fixed_dictionaries(
    {"id": st.sampled_from(INDICATORS), "name": scalars, "name_zh": scalars, "unit": scalars},
    optional={"kind": scalars, "target": st.lists(tables, max_size=2), "extra": toml_values},
)
reading_like = st.fixed_dictionaries(
    {"indicator": st.one_of(st.sampled_from(INDICATORS), scalars), "value": scalars},
    optional={"date": scalars, "source": scalars, "id": scalars, "corrects": scalars},
)
documents = st.one_of(
    tables,
    st.fixed_dictionaries(
        {"schema": st.one_of(st.just(1), scalars), "title": scalars},
        optional={"indicator": st.lists(indicator_like, max_size=3), "other": toml_values},
    ),
    st.fixed_dictionaries(
        {"schema": st.one_of(st.just(1), scalars)},
        optional={
            "reading": st.lists(reading_like, max_size=3),
            "retraction": st.lists(tables, max_size=2),
        },
    ),
)


def _check_clean(workspace: Path, *commands: list[str]) -> None:
    for command in commands:
        result = invoke(command[0], "--dir", str(workspace), *command[1:])
        assert result.exit_code in (0, 1, 2)
        if result.exit_code == 1:
            for line in result.stderr.splitlines():
                if line.startswith(("error: ", str(workspace))):
                    assert str(workspace) in line, line


@FUZZ
@given(document=documents, file=st.sampled_from([TARGETS_FILE, READINGS_FILE]))
def test_generated_documents_never_give_a_traceback(document: dict[str, Any], file: str) -> None:
    """Any TOML document as targets.toml or readings.toml: a clean verdict, no traceback."""
    with scratch_workspace() as workspace:
        (workspace / file).write_text(tomli_w.dumps(document), encoding="utf-8")
        _check_clean(workspace, ["check"], ["status"], ["readings"], ["show", "stations"])


@FUZZ
@given(
    file=st.sampled_from([TARGETS_FILE, READINGS_FILE]),
    edits=st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 8), st.binary(max_size=6)), max_size=4
    ),
)
def test_damaged_files_never_give_a_traceback(
    file: str, edits: list[tuple[float, int, bytes]]
) -> None:
    """A valid file with bytes cut out or spliced in: a clean verdict, no traceback."""
    with scratch_workspace() as workspace:
        path = workspace / file
        data = path.read_bytes()
        for where, cut, inserted in edits:
            at = int(where * len(data))
            data = data[:at] + inserted + data[at + cut :]
        path.write_bytes(data)
        _check_clean(workspace, ["check"], ["status"])


# ---------------------------------------------------------------------------------------
# Any text in any string field, through every command that shows it

TEXT_FIELDS: dict[str, tuple[str, tuple[str | int, ...]]] = {
    "indicator name": (TARGETS_FILE, ("indicator", 0, "name")),
    "indicator name_zh": (TARGETS_FILE, ("indicator", 0, "name_zh")),
    "indicator unit": (TARGETS_FILE, ("indicator", 0, "unit")),
    "target document": (TARGETS_FILE, ("indicator", 0, "target", 0, "source", "document")),
    "target speaker": (TARGETS_FILE, ("indicator", 0, "target", 0, "source", "speaker")),
    "target quote": (TARGETS_FILE, ("indicator", 0, "target", 0, "source", "quote")),
    "reading source": (READINGS_FILE, ("reading", 0, "source")),
    "reading note": (READINGS_FILE, ("reading", 0, "note")),
    "reading quote": (READINGS_FILE, ("reading", 0, "quote")),
    "reading url": (READINGS_FILE, ("reading", 0, "url")),
    "plan title": (TARGETS_FILE, ("plan", 0, "title")),
    "plan issuer": (TARGETS_FILE, ("plan", 0, "issuer")),
    "region name": (TARGETS_FILE, ("regions", 0, "name")),
    "region name_zh": (TARGETS_FILE, ("regions", 0, "name_zh")),
    "city reading source": (READINGS_FILE, ("reading", 2, "source")),
}
# A city's reading, so that the regional breakdown is shown too.
CITY_READING = """
[[reading]]
indicator = "stations"
region = "qingdao"
value = 30361
date = "2022-09"
source = "City bulletin"
"""
EXPORTS = ["md", "csv", "json", "xlsx", "html", "open-sdg"]
PLACEHOLDER = "@@fuzzed@@"
# What a terminal would obey: ESC, the other C0 controls but tab and newline, DEL, C1.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _with_text(text: str | bytes, field: str, workspace: Path) -> None:
    """`workspace` with `text` in `field`: as a TOML string (any character, escaped as
    TOML must) or as raw bytes spliced between the quotes (any byte at all)."""
    file, path = TEXT_FIELDS[field]
    document = tomllib.loads((workspace / file).read_text("utf-8"))
    node: Any = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = text if isinstance(text, str) else PLACEHOLDER
    data = tomli_w.dumps(document).encode("utf-8")
    if isinstance(text, bytes):
        data = data.replace(PLACEHOLDER.encode(), text)
    (workspace / file).write_bytes(data)


@settings(FUZZ, max_examples=40)
@given(
    field=st.sampled_from(sorted(TEXT_FIELDS)),
    text=st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=30),
        st.text(st.characters(max_codepoint=0x9F, codec="utf-8"), max_size=12),
        st.binary(max_size=16),
    ),
)
def test_any_text_in_any_field_survives_check_status_and_every_export(
    field: str, text: str | bytes
) -> None:
    """Whatever a string field holds, `check`, `status` (whole and by region), `gap`, `show`,
    `readings` and every
    export end cleanly; what reaches the terminal obeys no control character; and a
    workspace `check` accepts is exported in every format."""
    with scratch_workspace() as workspace:
        with (workspace / READINGS_FILE).open("a", encoding="utf-8") as ledger:
            ledger.write(CITY_READING)
        _with_text(text, field, workspace)
        checked = invoke("check", "--dir", str(workspace))
        shown = [checked]
        for command in (["status"], ["status", "--json"], ["status", "--by", "region"],
                        ["gap"], ["show", "stations"], ["readings"]):  # fmt: skip
            shown.append(invoke(command[0], "--dir", str(workspace), *command[1:]))
        for result in shown:
            assert result.exit_code in (0, 1, 2)
            assert not OBEYED.search(result.stdout + result.stderr), repr(result.output)
        for format in EXPORTS:
            out = workspace.parent / f"out-{format}"
            exported = invoke(
                "export", "--dir", str(workspace), "--format", format, "-o", str(out), "--force"
            )
            assert exported.exit_code == (0 if checked.exit_code == 0 else 1), exported.output
            assert not OBEYED.search(exported.stdout + exported.stderr)


# ---------------------------------------------------------------------------------------
# Any bytes as a sheet to import

SHEET_HEAD = b"indicator,value,date,source\n"


def _sheet_bytes(rows: list[tuple[str, str, str, str]]) -> bytes:
    """Rows as CSV text, cells quoted so that a comma or quote in one stays in its cell."""
    lines = [
        "".join(f'"{cell.replace(chr(34), chr(34) * 2)}",' for cell in row)[:-1] for row in rows
    ]
    return SHEET_HEAD + "\n".join(lines).encode("utf-8", "surrogatepass")


@settings(FUZZ, max_examples=60)
@given(
    data=st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=200).map(lambda tail: SHEET_HEAD + tail),
        st.lists(
            st.tuples(
                mostly(st.sampled_from(INDICATORS), st.sampled_from(["nope", "", "基站"])),
                mostly(st.integers(0, 10**6).map(str), values),
                mostly(past_dates, dates),
                mostly(st.text("abc 山东", min_size=1, max_size=8), st.text(max_size=8)),
            ),
            max_size=6,
        ).map(_sheet_bytes),
    ),
    suffix=st.sampled_from([".csv", ".xlsx", ".txt"]),
)
def test_any_bytes_imported_give_a_clean_verdict_and_all_or_nothing(
    data: bytes, suffix: str
) -> None:
    """Whatever a sheet holds, `import` ends cleanly: it records every row or none."""
    with scratch_workspace() as workspace:
        sheet = workspace.parent / f"sheet{suffix}"
        sheet.write_bytes(data)
        before = (workspace / READINGS_FILE).read_bytes()
        result = invoke("import", str(sheet), "--dir", str(workspace))
        assert result.exit_code in (0, 1, 2)
        assert not OBEYED.search(result.stdout + result.stderr)
        if result.exit_code != 0:
            assert (workspace / READINGS_FILE).read_bytes() == before
        else:
            location = locate_workspace(workspace, None, workspace)
            load_workspace(location)  # still a valid ledger
