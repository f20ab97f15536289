"""The codex as frozen data: virtues, bullets, the escalation path and the contacts.

Every text here is quoted verbatim from the final codex; nothing in the bot rewrites it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from bot.core.normalize import fold

ESCALATION_TOPIC = "eskalering"
"""Topic id of "Hvad skal du gøre, hvis du mener, at dyderne krænkes?" and the contacts."""


@dataclass(frozen=True, slots=True)
class Bullet:
    """One line of a virtue's "Det betyder:" list."""

    id: str  # "<virtue id>.<number>", e.g. "neutralitet.2"
    virtue_id: str
    number: int  # 1-based, as in the printed codex
    text: str


@dataclass(frozen=True, slots=True)
class Virtue:
    """One of the seven virtues."""

    id: str
    name: str
    promise: str
    intro: str  # paragraphs separated by "\n"
    bullets: tuple[Bullet, ...]


@dataclass(frozen=True, slots=True)
class Escalation:
    """What to do when a virtue is violated: a short principle and the steps, in the codex's words."""

    title: str
    text: str
    steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HelpSection:
    """The codex's "Mere viden eller hjælp?" section."""

    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Contact:
    """Whom staff can ask about the codex."""

    name: str
    email: str
    phone: str
    url: str
    address: str = ""


@dataclass(frozen=True, slots=True)
class Codex:
    """The whole codex, validated, in printed order."""

    title: str
    version: str
    source: str
    foreword: str
    virtues: tuple[Virtue, ...]
    escalation: Escalation
    help: HelpSection
    contacts: tuple[Contact, ...]
    _bullets: dict[str, Bullet] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bullets = {bullet.id: bullet for virtue in self.virtues for bullet in virtue.bullets}
        object.__setattr__(self, "_bullets", bullets)

    @property
    def topic_ids(self) -> tuple[str, ...]:
        """Every topic the matcher can answer with: the virtues, then the escalation section."""
        return (*(virtue.id for virtue in self.virtues), ESCALATION_TOPIC)

    @property
    def bullets(self) -> tuple[Bullet, ...]:
        """All bullets in printed order."""
        return tuple(self._bullets.values())

    def bullet(self, bullet_id: str) -> Bullet:
        """Return a bullet by id; KeyError for an unknown id."""
        return self._bullets[bullet_id]

    def virtue(self, virtue_id: str) -> Virtue:
        """Return a virtue by id; KeyError for an unknown id."""
        for virtue in self.virtues:
            if virtue.id == virtue_id:
                return virtue
        raise KeyError(virtue_id)

    def find_virtue(self, name: str) -> Virtue | None:
        """Find a virtue by what a person types: id, name, a prefix, with or without æ/ø/å.

        Note:
            A prefix must be unambiguous ("a" could be two virtues and finds none), and words are
            folded like questions, so "aabenhed", "abenhed" and "Åbenhed om fejl" all find the same.
        """
        wanted = fold(name).replace(" ", "")  # not cached: what people type stays out of memory
        if not wanted:
            return None
        keys = [(virtue, _lookup_key(virtue.name)) for virtue in self.virtues]
        for virtue, key in keys:
            if wanted == key or wanted == _lookup_key(virtue.id):
                return virtue
        prefixed = [virtue for virtue, key in keys if key.startswith(wanted)]
        return prefixed[0] if len(prefixed) == 1 else None


@lru_cache(maxsize=256)
def _lookup_key(name: str) -> str:
    """A virtue's name or id folded for lookup, without spaces: "Åbenhed om fejl" → "abenhedomfejl".

    Note:
        Cached: every lookup compares with the same fourteen virtue names and ids, and folding them
        again on each request cost more than the rest of parsing a command. Only the codex's own
        names go in here, never what a person typed.
    """
    return fold(name).replace(" ", "")
