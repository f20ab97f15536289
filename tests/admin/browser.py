"""Headless Chromium for the console's browser tests: the system's Debian package, driven by Playwright.

``playwright install`` cannot download browsers here, so Playwright launches ``/usr/bin/chromium``. In CI
a missing Chromium is a failure, never a skip: ``.ci/run`` installs Debian's package.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

SCREENSHOTS_ENV = "CONSOLE_SCREENSHOTS_DIR"
"""Set to a folder (e.g. ``docs``) to keep the browser tests' screenshots there too, for the README."""


def chromium_path() -> str:
    """The system Chromium; skips the test locally when it is not installed, fails it in CI."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("Chromium is not installed (CI installs it: apt-get install chromium)")
    return found


def screenshot_paths(tmp_path: Path, name: str) -> list[Path]:
    """Where a screenshot goes: the test's own folder (an artefact), and the README's when asked."""
    paths = [tmp_path / f"console-{name}.png"]
    if folder := os.environ.get(SCREENSHOTS_ENV):
        paths.append(Path(folder) / f"console-{name}.png")
    return paths
