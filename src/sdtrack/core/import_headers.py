"""A sheet's header row: which field each column gives, in English or Chinese.

A header names a field by one of `HEADER_WORDS` (compared without case, spaces,
underscores or a unit in brackets: "数值（万个）" is the value), or as `--map HEADER=FIELD`
says. In the wide layout, a header that is a period (2023, 2024年, 2024-06, 2024年6月,
2024年末) heads a column of values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from sdtrack.core.errors import Problem, UsageError
from sdtrack.core.language import _
from sdtrack.core.periods import PeriodError, parse_period

FIELDS = (
    "indicator", "value", "date", "source", "url", "quote", "note", "qualifier", "key", "derived",
    "region",
)  # fmt: skip
# What a header may say for each field, most specific first: when two columns give one
# field, the one whose word comes first counts ("indicator_id" over "indicator").
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "indicator": (
        "indicator_id",
        "indicatorid",
        "指标代码",
        "指标id",
        "indicator",
        "指标",
        "指标名称",
        "项目",
    ),
    "value": ("value", "amount", "figure", "数值", "值", "数据", "数量"),
    "date": ("date", "period", "year", "日期", "时间", "期间", "统计期", "报告期", "年份", "年度"),
    "source": ("source", "来源", "数据来源", "资料来源", "出处"),
    "url": ("url", "link", "address", "网址", "链接"),
    "quote": ("quote", "原文", "引文"),
    "note": ("note", "notes", "remark", "remarks", "comment", "备注", "说明", "注"),
    "qualifier": ("qualifier", "限定词"),
    "key": ("key", "导入键", "键"),
    "derived": ("derived", "推算"),
    "region": (
        "region_id",
        "regionid",
        "地区代码",
        "geocode",
        "行政区划代码",
        "区划代码",
        "region",
        "地区",
        "城市",
        "地市",
        "区域",
        "行政区",
        "city",
    ),
}
# What a bulletin prints in a cell that has no figure.
NO_FIGURE = frozenset({"", "-", "—", "–", "——", "…", "...", "n/a", "na", "/", "无"})
# How a `derived` cell says whether sdtrack computed the value rather than a source stating it.
TRUTH = {"true": True, "yes": True, "1": True, "是": True, "false": False, "no": False,
         "0": False, "否": False}  # fmt: skip
# Text kept exactly as the sheet has it, spaces and line breaks included.
AS_WRITTEN = frozenset({"source", "url", "quote", "note"})


def header_word(text: str) -> str:
    """A header as it is compared: no unit in brackets, no case, spaces or underscores."""
    text = re.sub(r"[（(【\[].*?[）)】\]]", "", text)
    return re.sub(r"[\s_\-·:：]+", "", text.casefold())


_WORDS = {
    header_word(w): (name, rank) for name, ws in HEADER_WORDS.items() for rank, w in enumerate(ws)
}


def field_of(header: str, mapping: Mapping[str, str]) -> tuple[str, int] | None:
    """The field a header names and how specific the naming is (0 is most), or None."""
    word = header_word(header)
    mapped = {header_word(h): f for h, f in mapping.items()}
    if word in mapped:
        return mapped[word], -1
    return _WORDS.get(word)


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """`--map HEADER=FIELD` options as a header → field mapping, or a UsageError."""
    mapping: dict[str, str] = {}
    problems: list[Problem] = []
    for item in items:
        header, sep, name = item.partition("=")
        name = name.strip().casefold()
        if not sep or not header.strip():
            problems.append(
                Problem(_("{item!r} is not HEADER=FIELD").format(item=item), field="--map")
            )
        elif name not in FIELDS:
            problems.append(
                Problem(
                    _("{name!r} is not a field; the fields are: {fields}").format(
                        name=name, fields=", ".join(FIELDS)
                    ),
                    field="--map",
                )
            )
        else:
            mapping[header.strip()] = name
    if problems:
        raise UsageError(problems)
    return mapping


def period_header(text: str) -> str | None:
    """The period a wide sheet's column header names (2024, 2024年末, 2024年6月), or None."""
    cleaned = re.sub(r"[（(].*?[）)]", "", text).strip().removesuffix("末").removesuffix("底")
    if not re.fullmatch(
        r"\d{4}(\s*年)?(\s*[-/.]?\s*\d{1,2}\s*月?)?(\s*[-/.]?\s*\d{1,2}\s*日?)?", cleaned
    ):
        return None
    try:
        return str(parse_period(cleaned.removesuffix("年")))
    except PeriodError:
        return None
