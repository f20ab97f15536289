"""Kodeks' own exceptions.

Each carries the fields a person needs to fix the problem (file, line, variable), not only a message,
and is turned into one line on stderr at the edge (``cli.main``), never into a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class KodeksError(Exception):
    """Base class: a problem we can explain to the person running the bot."""


@dataclass(frozen=True, slots=True)
class KnowledgeProblem:
    """One thing wrong in a knowledge file, located so an editor can jump to it."""

    path: Path
    line: int  # 1-based, as editors count
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.problem}"


class KnowledgeError(KodeksError):
    """The knowledge folder is broken; the bot refuses to start until it is fixed.

    Holds every problem found, so an editor fixes them in one pass instead of one per restart.
    """

    def __init__(self, problems: Sequence[KnowledgeProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = tuple(problems)


class ConfigError(KodeksError):
    """An environment variable is missing or invalid; raised before the server binds its port."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable, self.problem = variable, problem


class StoreError(KodeksError):
    """The database cannot be opened or reached; the server does not start (or is not ready)."""


class ChannelGone(KodeksError):
    """The app can no longer post to this channel; the subscription is paused.

    Raised by a platform's tip poster when the app was removed from a channel or chat (or never
    saw it), so the scheduler stops trying instead of retrying a post that can never succeed.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
