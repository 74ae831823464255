"""Closed vocabularies shared by the model and the command line (standard library only)."""

from __future__ import annotations

from typing import Literal

Qualifier = Literal["over", "about", "nearly", "under"]
Method = Literal["cagr-ratio", "projection", "linear-trend"]
DEFAULT_METHOD: Method = "cagr-ratio"
