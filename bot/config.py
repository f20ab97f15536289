"""Settings from the environment, validated once before anything starts.

This is the only module that reads ``os.environ``; everything else receives a ``Settings``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from bot.errors import ConfigError

PROJECT_KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
DEFAULT_PORT = 3000


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything configurable, with the defaults documented in the README."""

    port: int = DEFAULT_PORT
    knowledge_dir: Path = PROJECT_KNOWLEDGE_DIR

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Self:
        """Read and validate settings; raises ConfigError naming the variable at fault."""
        env = os.environ if env is None else env
        return cls(
            port=_port(env.get("PORT", "")),
            knowledge_dir=Path(env.get("KODEKS_KNOWLEDGE_DIR") or PROJECT_KNOWLEDGE_DIR),
        )


def _port(value: str) -> int:
    if not value.strip():
        return DEFAULT_PORT
    if not value.strip().isdigit() or not 0 < int(value) < 65536:
        raise ConfigError("PORT", f"must be a port number between 1 and 65535, not '{value}'")
    return int(value)
