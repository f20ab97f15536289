"""The console package keeps its promises: its boundary, its vendored files, its strict pages."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bot.admin.assets import STATIC_DIR, TEMPLATES_DIR
from tests.test_architecture import _imports

ADMIN = STATIC_DIR.parent


def test_console_reaches_the_rest_of_kodeks_only_through_its_backend() -> None:
    """bot/admin/* never imports the service, the store, the platforms, the web app or the config."""
    forbidden = ("bot.service", "bot.store", "bot.platforms", "bot.web", "bot.config", "bot.cli", "bot.tips")
    offenders = {
        f"{path.name}: {name}"
        for path in ADMIN.glob("*.py")
        for name in _imports(path)
        if name.startswith(".") or name.startswith(forbidden)
    }
    assert offenders == set()


def test_backend_data_module_needs_no_web_library() -> None:
    """The CLI's report imports bot.admin.backend; it must not pull in aiohttp or Jinja."""
    names = _imports(ADMIN / "backend.py") | _imports(Path(ADMIN.parent / "report_format.py"))
    assert not any(name.startswith(("aiohttp", "jinja2")) for name in names)


def test_every_vendored_file_is_recorded_with_its_checksum_and_licence() -> None:
    """VENDORED.md names each vendored script with the sha256 of the file actually served."""
    record = (STATIC_DIR / "VENDORED.md").read_text(encoding="utf-8")
    vendor = STATIC_DIR / "vendor"
    for script in vendor.glob("*.js"):
        digest = hashlib.sha256(script.read_bytes()).hexdigest()
        row = next((line for line in record.splitlines() if f"`vendor/{script.name}`" in line), "")
        assert digest in row, f"{script.name}: checksum missing or stale in VENDORED.md"
        for licence in re.findall(r"`(vendor/LICENSE[^`]*)`", row):
            assert (STATIC_DIR / licence).is_file()
    for other in vendor.iterdir():
        assert f"vendor/{other.name}" in record, f"{other.name} is not recorded in VENDORED.md"


def test_templates_have_no_inline_script_style_or_handler() -> None:
    """Pages only load scripts from /admin/static and carry data in JSON blocks, as the CSP demands."""
    for template in TEMPLATES_DIR.glob("*.html"):
        html = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'src="/admin/static/' in tag or 'type="application/json"' in tag, f"{template.name}: {tag}"
        assert not re.search(r"\son[a-z]+=", html), f"{template.name}: inline event handler"
        assert " style=" not in html and "<style" not in html, f"{template.name}: inline style"
