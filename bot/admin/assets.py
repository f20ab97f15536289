"""The console's front-end files, served by Kodeks itself from ``bot/admin/static`` (never a CDN).

Which library is which version under which licence is recorded once, in ``static/VENDORED.md``.
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
STYLESHEET = STATIC_DIR / "console.css"
