"""Every example in README.md is run, with the clock pinned, and must print what it shows.

How the README's blocks are read (the convention, for whoever edits the README):

* A ```console block is a session. A line starting with `$ ` is a command; the lines after
  it, up to the next `$ ` line or the end of the block, are its expected output (stdout and
  stderr together). A command with no lines after it is run and must succeed; its output
  is not shown, so it is not compared.
* Trailing spaces are ignored, and so are blank lines at the end of an output.
* A line that is only `…` stands for any number of lines (none included): at the end of an
  output it allows more output after, in the middle it allows skipped lines, at the start
  it allows lines before. A `…` inside a line stands for any text on that line.
* A command must never print a traceback, and must exit 0, unless its shown output has an
  `error:` (or `错误：`) line, when it must exit 1 or 2.
* Each command is run by bash (so `&&`, `cd`, pipes, `VAR=value sdtrack …` and trailing
  `# comments` work) in the directory the previous command of the block ended in. A block
  starts in a fresh empty directory, outside any workspace (so sdtrack uses the embedded
  dataset), unless an HTML comment on the line just before its fence says otherwise:
    `<!-- readme-test: continue -->`   go on in the directory the previous block ended in;
    `<!-- readme-test: workspace -->`  start in a fresh `sdtrack init` workspace;
    `<!-- readme-test: setup CMD -->`  run shell command CMD first (`$REPO` is the clone,
                                       `python` the interpreter running the tests);
    `<!-- readme-test: folded -->`     the output's paragraphs are folded in the README:
                                       compare them with runs of lines joined;
    `<!-- readme-test: skip REASON -->` not run, with the reason.
  Several may be given, separated by `;`.
* A command piping into a program that is not installed (`| jq`) is skipped, saying so.
* A ```sh block shows commands without output: each of its lines that starts with
  `sdtrack` is run (in one fresh directory, in order, with the same directives) and must
  exit 0. Its other lines (installing, Babel) are not run.

`.venv/bin/python tests/test_readme.py --update` rewrites every shown output that no
longer matches to the real one (keeping its `…` lines, and printing folded ones to fold by
hand); check the diff before committing it.

The clock is pinned to 2026-12-01 12:00 UTC by running sdtrack through a small launcher
that replaces `sdtrack.core.clock.now`; the terminal is COLUMNS=100, NO_COLOR=1,
LANG=C.UTF-8, with a scratch HOME and cache.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
PINNED_NOW = "dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)"
ELLIPSIS = "…"
DIRECTIVE = re.compile(r"^<!--\s*readme-test:\s*(.*?)\s*-->$")
ERROR_LINE = re.compile(r"^(error:|错误：)")
LAUNCHER = f"""#!{sys.executable}
import datetime as dt
from sdtrack.core import clock
clock.now = lambda: {PINNED_NOW}
from sdtrack.entry import main
main()
"""
# Words that start a pipeline segment but are not programs to look for.
SHELL_WORDS = {"sdtrack", "cd", "then", "do"}


@dataclass
class Command:
    text: str
    line: int
    expected: list[str] | None = None


@dataclass
class Block:
    kind: str
    line: int
    directives: dict[str, str] = field(default_factory=dict)
    commands: list[Command] = field(default_factory=list)

    @property
    def name(self) -> str:
        first = self.commands[0].text if self.commands else ""
        return f"README.md:{self.line} {first[:60]}"


def parse_directives(line: str) -> dict[str, str]:
    """`<!-- readme-test: a; b value -->` → {"a": "", "b": "value"}."""
    found = DIRECTIVE.match(line.strip())
    if found is None:
        return {}
    directives = {}
    for part in found.group(1).split(";"):
        word, _, rest = part.strip().partition(" ")
        if word not in {"continue", "workspace", "setup", "folded", "skip"}:
            raise ValueError(f"unknown readme-test directive {word!r} in {line!r}")
        directives[word] = rest.strip()
    return directives


def parse_console(block: Block, lines: list[tuple[int, str]]) -> None:
    for number, text in lines:
        if text.startswith("$ "):
            block.commands.append(Command(text[2:], number))
        elif block.commands:
            command = block.commands[-1]
            command.expected = [*(command.expected or []), text]
        elif text.strip():
            raise ValueError(f"README.md:{number}: output before any `$ ` command")


def parse_sh(block: Block, lines: list[tuple[int, str]]) -> None:
    block.commands = [Command(text, number) for number, text in lines if text.startswith("sdtrack")]


def parse_readme(text: str) -> list[Block]:
    """Every ```console and ```sh block, with the directives on the line before its fence."""
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        fence = lines[index].strip()
        if fence.startswith("```") and len(fence) > 3:
            kind = fence[3:].strip()
            start = index
            index += 1
            body: list[tuple[int, str]] = []
            while index < len(lines) and lines[index].strip() != "```":
                body.append((index + 1, lines[index]))
                index += 1
            if kind in {"console", "sh"}:
                before = lines[start - 1] if start > 0 else ""
                block = Block(kind, start + 1, parse_directives(before))
                (parse_console if kind == "console" else parse_sh)(block, body)
                blocks.append(block)
        index += 1
    return blocks


def line_pattern(expected: str) -> re.Pattern[str]:
    """An expected line; a `…` inside it stands for any text."""
    return re.compile(".*".join(re.escape(part) for part in expected.split(ELLIPSIS)))


def lines_match(expected: str, actual: str) -> bool:
    if ELLIPSIS in expected:
        return line_pattern(expected).fullmatch(actual) is not None
    return expected == actual


def segment_at(segment: list[str], actual: list[str], start: int) -> bool:
    if start + len(segment) > len(actual):
        return False
    return all(lines_match(e, a) for e, a in zip(segment, actual[start:], strict=False))


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` is `expected` with each `…` line standing for any run of lines."""
    segments: list[list[str]] = [[]]
    for line in expected:
        if line.strip() == ELLIPSIS:
            segments.append([])
        else:
            segments[-1].append(line)
    if len(segments) == 1:
        return len(expected) == len(actual) and segment_at(expected, actual, 0)
    first, *middle, last = segments
    if not segment_at(first, actual, 0):
        return False
    position = len(first)
    for segment in middle:
        while not segment_at(segment, actual, position):
            position += 1
            if position > len(actual):
                return False
        position += len(segment)
    end = len(actual) - len(last)
    return end >= position and segment_at(last, actual, end)


def tidy(lines: list[str]) -> list[str]:
    """Lines without trailing spaces, and without blank lines at the end."""
    tidied = [line.rstrip() for line in lines]
    while tidied and not tidied[-1]:
        tidied.pop()
    return tidied


def unfold(lines: list[str]) -> list[str]:
    """Each run of non-blank lines joined into one line, for a folded README paragraph."""
    joined: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line.strip() and line.strip() != ELLIPSIS:
            run.append(line.strip())
            continue
        if run:
            joined.append(" ".join(run))
            run = []
        joined.append(line)
    return tidy(joined)


def missing_programs(command: str) -> list[str]:
    """The programs a pipeline in `command` feeds that are not installed."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    tokens = list(lexer)
    missing = []
    for before, program in itertools.pairwise(tokens):
        if before == "|" and program not in SHELL_WORDS and shutil.which(program) is None:
            missing.append(program)
    return missing


class Session:
    """Where a README session runs: a launcher for the pinned sdtrack, a scratch home."""

    def __init__(self, root: Path) -> None:
        self.bin = root / "bin"
        self.bin.mkdir()
        launcher = self.bin / "sdtrack"
        launcher.write_text(LAUNCHER, encoding="utf-8")
        launcher.chmod(0o755)
        (self.bin / "python").symlink_to(sys.executable)
        self.root = root
        self.cwd = root / "fresh"
        self.cwd.mkdir()
        self.fresh = 0
        home = root / "home"
        home.mkdir()
        keep = {"PATH", "SYSTEMROOT", "TMPDIR"}
        self.env = {k: v for k, v in os.environ.items() if k in keep}
        self.env.update(
            {
                "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}",
                "HOME": str(home),
                "SDTRACK_CACHE_DIR": str(root / "cache"),
                "COLUMNS": "100",
                "NO_COLOR": "1",
                "TERM": "dumb",
                "LANG": "C.UTF-8",
                "REPO": str(REPO),
            }
        )

    def new_directory(self) -> None:
        self.fresh += 1
        self.cwd = self.root / f"fresh-{self.fresh}"
        self.cwd.mkdir()

    def run(self, command: str) -> tuple[int, list[str]]:
        """Run `command` by bash where the session stands; follow any `cd` it makes."""
        where = self.root / "cwd.txt"
        script = f"set -o pipefail\ncd {shlex.quote(str(self.cwd))} || exit 97\n{command}\n"
        script += f"status=$?\npwd > {shlex.quote(str(where))}\nexit $status\n"
        result = subprocess.run(
            ["bash", "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=self.env,
            check=False,
            timeout=300,
        )
        if where.exists():
            self.cwd = Path(where.read_text(encoding="utf-8").strip())
        return result.returncode, result.stdout.decode("utf-8", "replace").splitlines()


BLOCKS = [block for block in parse_readme(README.read_text(encoding="utf-8")) if block.commands]


def session_chains(blocks: list[Block]) -> list[list[Block]]:
    """The blocks grouped into sessions: a `continue` block joins the one before it."""
    chains: list[list[Block]] = []
    for block in blocks:
        if "continue" in block.directives and chains:
            chains[-1].append(block)
        else:
            chains.append([block])
    return chains


CHAINS = session_chains(BLOCKS)


@dataclass
class Outcome:
    """One command as run: its exit code and tidied output, or why it was skipped."""

    block: Block
    command: Command
    code: int = 0
    actual: list[str] = field(default_factory=list)
    skipped: str | None = None


def run_chain(chain: list[Block], root: Path) -> tuple[list[Outcome], list[str]]:
    """Run every command of a session in order: each one's outcome, and the blocks skipped."""
    session = Session(root)
    outcomes: list[Outcome] = []
    skipped: list[str] = []
    for block in chain:
        if "skip" in block.directives:
            skipped.append(f"README.md:{block.line}: {block.directives['skip']}")
            continue
        if "continue" not in block.directives:
            session.new_directory()
        if "workspace" in block.directives:
            code, output = session.run("sdtrack init workspace >/dev/null && cd workspace")
            assert code == 0, "\n".join(output)
        if "setup" in block.directives:
            code, output = session.run(block.directives["setup"])
            assert code == 0, f"README.md:{block.line}: setup failed:\n" + "\n".join(output)
        for command in block.commands:
            missing = missing_programs(command.text)
            if missing:
                reason = f"README.md:{command.line}: `{command.text}` needs {', '.join(missing)}"
                print(f"skipped, not installed: {reason}")
                outcomes.append(Outcome(block, command, skipped=f"{reason}, not installed"))
                continue
            code, output = session.run(command.text)
            outcomes.append(Outcome(block, command, code, tidy(output)))
    return outcomes, skipped


def failure_of(outcome: Outcome) -> str | None:
    """What is wrong with one command's outcome, or None."""
    command, code, actual = outcome.command, outcome.code, outcome.actual
    shown = "\n".join(actual)
    where = f"README.md:{command.line}: $ {command.text}"
    if "Traceback (most recent call last)" in shown:
        return f"{where}\nprinted a traceback:\n{shown}"
    if command.expected is None:
        return None if code == 0 else f"{where}\nexited {code}:\n{shown}"
    expected = tidy(command.expected)
    fails = any(ERROR_LINE.match(line) for line in expected)
    if fails and code not in (1, 2):
        return f"{where}\nshown as failing, but exited {code}:\n{shown}"
    if not fails and code != 0:
        return f"{where}\nexited {code}:\n{shown}"
    if "folded" in outcome.block.directives:
        expected, actual = unfold(expected), unfold(actual)
    if not output_matches(expected, actual):
        return f"{where}\nexpected:\n" + "\n".join(expected) + f"\n\nactual:\n{shown}"
    return None


@pytest.mark.parametrize("chain", CHAINS, ids=[chain[0].name for chain in CHAINS])
def test_readme_example(chain: list[Block], tmp_path: Path) -> None:
    """Each README session prints what the README shows, as of 2026-12-01."""
    outcomes, skipped = run_chain(chain, tmp_path)
    failures = [failure for outcome in outcomes if (failure := failure_of(outcome))]
    assert not failures, "\n\n".join(failures)
    skipped += [outcome.skipped for outcome in outcomes if outcome.skipped]
    if skipped:
        pytest.skip("; ".join(skipped))


def test_readme_has_examples() -> None:
    """The parser finds the README's sessions (a broken fence would silently test nothing)."""
    commands = [c for b in BLOCKS if b.kind == "console" for c in b.commands]
    assert len(commands) >= 15
    assert sum(c.expected is not None for c in commands) >= 10


def test_readme_names_no_path_outside_the_repository() -> None:
    """No step sends a user outside the clone; every relative link is a file of the clone."""
    text = README.read_text(encoding="utf-8")
    assert not re.search(r"(?<![\w.])\.\./", text), "README names a path above the clone"
    assert "/work/" not in text
    assert "/tmp/" not in text
    for target in re.findall(r"\]\(([^)#\s]+)", text):
        if re.match(r"[a-z]+:", target):
            continue
        resolved = (REPO / target).resolve()
        assert resolved.is_relative_to(REPO), target
        assert resolved.exists(), f"README links to {target}, which is not in the clone"


@pytest.mark.parametrize(
    ("expected", "actual", "matches"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "b", "c"], False),
        (["a", "…"], ["a", "b", "c"], True),
        (["a", "…"], ["a"], True),
        (["a", "…", "c"], ["a", "b", "x", "c"], True),
        (["a", "…", "c"], ["a", "c", "d"], False),
        (["…", "c"], ["a", "b", "c"], True),
        (["a", "…", "b", "…", "d"], ["a", "x", "b", "y", "d"], True),
        (["a", "…", "b", "…", "d"], ["a", "d", "b"], False),
        (["a (…) b"], ["a (anything here) b"], True),
        (["a (…) b"], ["a (anything) c"], False),
        (["a", "…", "a"], ["a"], False),
    ],
)
def test_output_matching_convention(expected: list[str], actual: list[str], matches: bool) -> None:
    """The `…` convention documented at the top of this module."""
    assert output_matches(expected, actual) is matches


def test_parser_reads_commands_outputs_and_directives() -> None:
    text = (
        "<!-- readme-test: workspace; folded -->\n```console\n$ sdtrack a\nout 1\n\n"
        "out 2\n$ sdtrack b\n```\n\n```sh\n# comment\nsdtrack c   # note\npip install x\n```\n"
    )
    console, sh = parse_readme(text)
    assert console.directives == {"workspace": "", "folded": ""}
    assert [(c.text, c.expected) for c in console.commands] == [
        ("sdtrack a", ["out 1", "", "out 2"]),
        ("sdtrack b", None),
    ]
    assert [c.text for c in sh.commands] == ["sdtrack c   # note"]


def test_unknown_directive_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown readme-test directive"):
        parse_directives("<!-- readme-test: contnue -->")


def test_missing_pipeline_program_is_found() -> None:
    assert missing_programs("sdtrack due --json | no-such-program-here -r .x") == [
        "no-such-program-here"
    ]
    assert missing_programs("sdtrack status   # a | comment") == []


def test_unfold_joins_each_paragraph() -> None:
    assert unfold(["a b", "c", "", "d", "…", "e"]) == ["a b c", "", "d", "…", "e"]


@pytest.mark.parametrize(
    ("expected", "actual", "result"),
    [
        (["a", "b"], ["a", "b"], ["a", "b"]),
        (["a", "b"], ["a", "c"], ["a", "c"]),
        (["a", "…", "z"], ["b", "x", "y", "w"], ["b", "…", "w"]),
        (["a", "…"], ["b", "x"], ["b", "…"]),
        (["a", "…", "z"], ["b"], ["b"]),
    ],
)
def test_refreshed_keeps_the_elisions(
    expected: list[str], actual: list[str], result: list[str]
) -> None:
    """`--update` rewrites a shown output to the real one, keeping its `…` where it had one."""
    assert refreshed(expected, actual) == result


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """`expected` brought up to `actual`, keeping its elisions where it had them.

    Kept as it is when it still matches; else, with `…` lines, the same number of lines
    before the first and after the last `…` are taken from `actual` (middle parts dropped);
    else `actual` whole."""
    if output_matches(expected, actual):
        return expected
    marks = [i for i, line in enumerate(expected) if line.strip() == ELLIPSIS]
    if not marks:
        return actual
    head, tail = marks[0], len(expected) - marks[-1] - 1
    if head + tail >= len(actual):
        return actual
    return [*actual[:head], expected[marks[0]], *(actual[len(actual) - tail :] if tail else [])]


def update_readme() -> int:
    """Rewrite README.md's shown outputs to the real ones.

    Run as `.venv/bin/python tests/test_readme.py --update`; folded outputs are only
    printed, to fold by hand. Returns how many outputs changed."""
    import tempfile

    lines = README.read_text(encoding="utf-8").split("\n")
    edits: list[tuple[int, int, list[str]]] = []
    for chain in CHAINS:
        with tempfile.TemporaryDirectory() as root:
            outcomes, _ = run_chain(chain, Path(root))
        for outcome in outcomes:
            expected = outcome.command.expected
            if expected is None or outcome.skipped or failure_of(outcome) is None:
                continue
            if "folded" in outcome.block.directives:
                print(f"fold by hand: README.md:{outcome.command.line}")
                print("\n".join(outcome.actual))
                continue
            trailing = len(expected) - len(tidy(expected))
            new = refreshed(tidy(expected), outcome.actual) + [""] * trailing
            edits.append((outcome.command.line, len(expected), new))
    for line, count, new in sorted(edits, reverse=True):
        lines[line : line + count] = new
    README.write_text("\n".join(lines), encoding="utf-8")
    for line, _, _ in edits:
        print(f"updated the output of README.md:{line}")
    return len(edits)


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_readme.py --update")
    update_readme()
