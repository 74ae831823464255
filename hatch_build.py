"""Build hook: compile the gettext catalogs (`.po` → `.mo`) into the package.

Runs for every build, a wheel or an editable install, so that `pip install .` on a fresh
machine ships compiled catalogs with no manual step. The `.mo` files are build output,
ignored by git, and added to the wheel as artifacts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "sdtrack" / "locale"


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted((Path(self.root) / LOCALE).glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as source:
                catalog = read_po(source)
            with po.with_suffix(".mo").open("wb") as compiled:
                write_mo(compiled, catalog)
            build_data["artifacts"].append(str(po.with_suffix(".mo").relative_to(self.root)))
