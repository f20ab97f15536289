"""Describe the loaded knowledge for the Viden page, with a fresh check of its folder on disk.

The server loads knowledge once at start; an editor who changed ``knowledge/`` since then wants to know
both what runs now and whether the files on disk would load at the next start.
"""

from __future__ import annotations

from datetime import datetime

from bot.admin import texts
from bot.admin.backend import BulletRef, KnowledgeInfo, TopicInfo
from bot.core.codex import ESCALATION_TOPIC
from bot.core.knowledge import Knowledge, load_knowledge
from bot.errors import KnowledgeError


def example_count(knowledge: Knowledge, topic: str) -> int:
    """Example questions of one topic, its own and its bullets'."""
    examples = knowledge.aids.examples.get(topic)
    if examples is None:
        return 0
    return len(examples.general) + sum(len(questions) for questions in examples.by_bullet.values())


def check_folder(knowledge: Knowledge) -> tuple[bool, tuple[str, ...]]:
    """Validate the knowledge folder as it is on disk now: (ok, summary or one problem per line)."""
    try:
        fresh = load_knowledge(knowledge.directory)
    except KnowledgeError as error:
        return False, tuple(str(problem) for problem in error.problems)
    return True, (texts.check_ok(len(fresh.codex.virtues), len(fresh.codex.bullets)),)


def describe(knowledge: Knowledge, loaded_at: datetime) -> KnowledgeInfo:
    """The ``KnowledgeInfo`` of a loaded knowledge folder.

    Note:
        This reads and parses the YAML files again, which blocks for a few milliseconds: a backend
        should call it with ``asyncio.to_thread``.
    """
    codex, aids = knowledge.codex, knowledge.aids
    virtues = [
        TopicInfo(
            v.id, v.name, tuple(BulletRef(b.id, b.text) for b in v.bullets), example_count(knowledge, v.id)
        )
        for v in codex.virtues
    ]
    escalation = TopicInfo(
        ESCALATION_TOPIC, codex.escalation.title, (), example_count(knowledge, ESCALATION_TOPIC)
    )
    topics = (*virtues, escalation)
    counts = {
        texts.COUNT_VIRTUES: len(codex.virtues),
        texts.COUNT_BULLETS: len(codex.bullets),
        texts.COUNT_STEPS: len(codex.escalation.steps),
        texts.COUNT_CONTACTS: len(codex.contacts),
        texts.COUNT_SYNONYMS: len(aids.synonyms),
        texts.COUNT_EXAMPLES: sum(topic.examples for topic in topics),
        texts.COUNT_OFFTOPIC: len(aids.offtopic),
    }
    ok, lines = check_folder(knowledge)
    return KnowledgeInfo(
        title=codex.title,
        version=codex.version,
        directory=str(knowledge.directory),
        loaded_at=loaded_at,
        counts=counts,
        topics=topics,
        check_ok=ok,
        check_lines=lines,
    )
