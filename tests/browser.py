"""Headless Chromium for the HTML report: render a page, collect console errors, and take
the screenshot committed under docs/.

    python -m tests.browser report.html docs/report-screenshot.png
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Flags from the machine notes: no sandbox as root, and no background network traffic,
# which this machine's closed network would refuse.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
CONSOLE_LINE = re.compile(r'CONSOLE.*?"(?P<message>.*)"', re.IGNORECASE)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    binary = chromium()
    if binary is None:
        raise FileNotFoundError("no Chromium on PATH")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--enable-logging=stderr",
                "--v=0",
                *extra,
                page.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )


def render_page(page: Path) -> tuple[str, list[str]]:
    """The DOM Chromium built from the page, and the console messages it logged."""
    result = _run(page, "--dump-dom")
    messages = [m.group("message") for m in CONSOLE_LINE.finditer(result.stderr)]
    if result.returncode != 0:
        raise RuntimeError(f"chromium exited {result.returncode}: {result.stderr[-2000:]}")
    return result.stdout, messages


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 2400) -> None:
    result = _run(page, f"--window-size={width},{height}", f"--screenshot={png.resolve()}")
    if result.returncode != 0 or not png.exists():
        raise RuntimeError(f"no screenshot: {result.stderr[-2000:]}")


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
