"""The time source, injectable: the server and the CLI use the real clock, tests a fixed one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Returns the current moment, timezone-aware."""


def utc_now() -> datetime:
    """The real clock."""
    return datetime.now(UTC)
