"""The unit after the number one: 'city' for 'cities', 'base station' for 'base stations'.

English units are written in the plural in targets.toml; for exactly one the last word is
made singular by rule, unless the indicator names its own (`Indicator.unit_one`). A word
that is no English plural (yuan, kWh, mu) stays as it is. Standard library only.
"""

from __future__ import annotations

# Units whose one is not made by dropping an English plural ending.
_SINGULAR_WORDS = {
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "series": "series",
    "species": "species",
    "news": "news",
    "data": "data",
}
_SIBILANT_PLURALS = ("sses", "shes", "ches", "xes", "zzes")
_NOT_PLURAL = ("ss", "us", "is", "ics")


def singular_word(word: str) -> str:
    """An English plural noun's singular by rule: cities → city, stations → station,
    boxes → box; a word that is not such a plural (yuan, kWh) stays as it is."""
    lower = word.lower()
    if lower in _SINGULAR_WORDS:
        one = _SINGULAR_WORDS[lower]
        return one if word.islower() else one[:1].upper() + one[1:]
    if len(word) < 3 or not word.isalpha() or not lower.endswith("s"):
        return word
    if lower.endswith(_NOT_PLURAL):
        return word
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word.isupper() else "y")
    if lower.endswith(_SIBILANT_PLURALS):
        return word[:-2]
    return word[:-1]


def singular_unit(name: str) -> str:
    """A unit for one: its last word made singular ('5G base stations' → '5G base station')."""
    head, space, last = name.rpartition(" ")
    return f"{head}{space}{singular_word(last)}"
