"""A small regional workspace for the exporter tests: Shandong and its 16 cities.

- `gigabit-cities`: a count-of-regions target (all 16 cities by 2024), the province's own
  figure (15) and one reading a city, Weifang and Heze without one in 2024;
- `5g-base-stations`: the province's own figures and every city's for 2024, whose sum
  (16 × 14,000 = 224,000) differs from the province's (230,000);
- `resident-population` and the derived `5g-per-10k` (base stations per 10,000 people);
- two plans, each target naming one.
"""

from __future__ import annotations

from pathlib import Path

from sdtrack.core.regions import BUILT_IN_REGIONS
from sdtrack.present.exporters.base import ExportContext
from sdtrack.present.report import build_status
from sdtrack.store.locations import locate_workspace
from sdtrack.store.workspace import Workspace, load_workspace

from ...conftest import NOW, TODAY

CITIES = [r for r in BUILT_IN_REGIONS if r.parent == "shandong"]
WITHOUT_GIGABIT_READING = ("weifang", "heze")

TARGETS = """\
schema = 1
title = "Regional test"
region = "shandong"

[[plan]]
id = "scio-2024-04-10"
title = "SCIO press conference"
title_zh = "国新办新闻发布会"
issuer = "State Council Information Office"
issuer_zh = "国务院新闻办公室"
date = 2024-04-10
url = "https://example.org/scio"

[[plan]]
id = "5g-plan-2025"
title = "5G scale-application plan"
title_zh = "5G规模化应用行动方案"
issuer = "Shandong Communications Administration"
issuer_zh = "山东省通信管理局"
date = 2025-06-18
document = "鲁通信〔2025〕1号"

[[indicator]]
id = "gigabit-cities"
name = "Cities meeting the gigabit-city standard"
name_zh = "达到千兆城市标准的城市"
unit = "cities"
unit_zh = "个"
kind = "stock"
limit = 16

[[indicator.target]]
id = "gigabit-cities-2024"
plan = "scio-2024-04-10"
each = { comparison = "at_least", value = 1, label = "meet the gigabit-city standard", \
label_zh = "达到千兆城市标准" }
comparison = "at_least"
value = 16
deadline = 2024
source = { document = "SCIO press conference", publisher = "SCIO", date = 2024-04-10, \
quote = "All 16 cities will meet the gigabit city standard." }

[[indicator]]
id = "5g-base-stations"
name = "5G base stations"
name_zh = "5G基站"
unit = "base stations"
unit_zh = "个"
kind = "stock"

[[indicator.target]]
id = "5g-base-stations-2025"
plan = "scio-2024-04-10"
comparison = "more_than"
value = 270000
deadline = 2025
source = { document = "SCIO press conference", publisher = "SCIO", date = 2024-04-10, \
quote = "Over 270,000 by the end of next year." }

[[indicator]]
id = "resident-population"
name = "Resident population"
name_zh = "常住人口"
unit = "people"
unit_zh = "人"
kind = "stock"

[[indicator]]
id = "5g-per-10k"
name = "5G base stations per 10,000 people"
name_zh = "每万人拥有5G基站数"
unit = "base stations per 10,000 people"
kind = "stock"
formula = { kind = "ratio", numerator = "5g-base-stations", denominator = \
"resident-population", per = 10000 }

[[indicator.target]]
id = "5g-per-10k-2027"
plan = "5g-plan-2025"
comparison = "at_least"
value = 30
deadline = 2027
source = { document = "5G plan", publisher = "SCA", date = 2025-06-18, \
quote = "30 base stations per 10,000 people by 2027." }
""".replace("\\\n", "")


def _reading(indicator: str, value: object, date: str, source: str, **extra: str) -> str:
    fields = [
        f'indicator = "{indicator}"',
        f"value = {value}",
        f"date = {date}",
        f'source = "{source}"',
        *(f'{k} = "{v}"' for k, v in extra.items()),
    ]
    return "\n[[reading]]\n" + "\n".join(fields) + "\n"


def readings_text() -> str:
    blocks = [
        _reading("gigabit-cities", 15, "2024", "Province bulletin 2024", id="gigabit-own-2024"),
        _reading("5g-base-stations", 200000, "2023", "Province bulletin 2023", id="5g-own-2023"),
        _reading("5g-base-stations", 230000, "2024", "Province bulletin 2024", id="5g-own-2024"),
        _reading("resident-population", '"1亿"', "2024", "Statistical bulletin 2024"),
    ]
    for city in CITIES:
        if city.id not in WITHOUT_GIGABIT_READING:
            blocks.append(
                _reading("gigabit-cities", 1, "2024", f"{city.name} bulletin", region=city.id)
            )
        blocks.append(
            _reading("5g-base-stations", 14000, "2024", f"{city.name} 5G count", region=city.id)
        )
    blocks.append(_reading("resident-population", 1000000, "2024", "Jinan census", region="jinan"))
    return "schema = 1\n" + "".join(blocks)


def regional_workspace(directory: Path) -> Workspace:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "targets.toml").write_text(TARGETS, encoding="utf-8")
    (directory / "readings.toml").write_text(readings_text(), encoding="utf-8")
    return load_workspace(locate_workspace(directory, None, directory))


def regional_context(directory: Path) -> ExportContext:
    workspace = regional_workspace(directory)
    return ExportContext.of(workspace, build_status(workspace, TODAY), NOW)
