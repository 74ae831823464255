"""Generate synthetic sdtrack workspaces for the benchmarks.

    python benchmarks/generate.py DIR --indicators 1000 --readings-per-indicator 100

W1 is 1,000 indicators with 100 readings each; W2 is 10 indicators with 10,000 readings
each; the growth table uses 1,000 to 1,000,000 readings. Values drift upward with
noise from a seeded generator, one reading a day, so every run writes the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

HEADER = "schema = 1\n"
SOURCE = (
    'source = {{ document = "Synthetic plan", publisher = "sdtrack benchmarks", '
    'date = 2020-01-01, quote = "Reach {value} units by 2030." }}'
)


def targets_toml(indicators: int) -> str:
    parts = [HEADER, 'title = "Synthetic benchmark workspace"\n']
    for number in range(indicators):
        parts.append(
            f"""
[[indicator]]
id = "ind-{number:05d}"
name = "Synthetic indicator {number}"
name_zh = "合成指标{number}"
unit = "units"
kind = "stock"
integer = false

[[indicator.target]]
id = "ind-{number:05d}-2030"
comparison = "at_least"
value = {1000 + number * 10}
deadline = 2030
{SOURCE.format(value=1000 + number * 10)}
"""
        )
    return "".join(parts)


def readings_toml(indicators: int, per_indicator: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    start = dt.date(1990, 1, 1)
    lines = [HEADER]
    for number in range(indicators):
        value = 100.0 + number
        for step in range(per_indicator):
            day = start + dt.timedelta(days=step + number % 3)
            # a slow upward drift with noise, kept within a plausible range however long
            value = min(max(value * (1 + rng.uniform(-0.01, 0.0102)), 1.0), 1e9)
            lines.append(
                f'\n[[reading]]\nid = "b-{number:05d}-{step:07d}"\nindicator = "ind-{number:05d}"\n'
                f"value = {round(value, 2)}\ndate = {day.isoformat()}\n"
                f'source = "Synthetic bulletin {step}"\n'
            )
    return "".join(lines)


def sheet_csv(
    indicators: int,
    rows: int,
    start: dt.date = dt.date(1990, 1, 1),
    source: str = "Synthetic table",
) -> str:
    """A sheet to import: `rows` readings spread over the indicators, one a day each from
    `start`."""
    lines = ["indicator,value,date,source"]
    for row in range(rows):
        number, step = row % indicators, row // indicators
        day = start + dt.timedelta(days=step)
        lines.append(f"ind-{number:05d},{100 + row % 997},{day.isoformat()},{source} {step}")
    return "\n".join(lines) + "\n"


def generate(directory: Path, indicators: int, per_indicator: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "targets.toml").write_text(targets_toml(indicators), encoding="utf-8")
    (directory / "readings.toml").write_text(
        readings_toml(indicators, per_indicator), encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--readings-per-indicator", type=int, default=100)
    parser.add_argument("--sheet-rows", type=int, default=0, help="also write import.csv")
    arguments = parser.parse_args()
    generate(arguments.directory, arguments.indicators, arguments.readings_per_indicator)
    if arguments.sheet_rows:
        sheet = arguments.directory.with_name(arguments.directory.name + "-import.csv")
        sheet.write_text(sheet_csv(arguments.indicators, arguments.sheet_rows), encoding="utf-8")


if __name__ == "__main__":
    main()
