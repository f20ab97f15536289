"""The documents both matching stages compare a question with, each labelled with what it evidences.

One list, built once from the knowledge folder, so the lexical and the semantic stage vote on the same
evidence: every bullet, every sentence (and, for the semantic stage, every paragraph) of the
introductions and the escalation section, every example question, and the off-topic examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from bot.core.codex import ESCALATION_TOPIC
from bot.core.knowledge import Knowledge


class Kind(StrEnum):
    """Where a document comes from."""

    CODEX = "codex"  # a bullet, a virtue's name and promise, escalation and help text
    INTRO_SENTENCE = "intro-sentence"
    INTRO_PARAGRAPH = "intro-paragraph"  # semantic stage only: the lexical one has its sentences
    EXAMPLE = "example"
    OFFTOPIC = "offtopic"


@dataclass(frozen=True, slots=True)
class Document:
    """One text a question is compared with."""

    topic: str | None  # None: an example of a question the bot must not answer
    bullet: str | None  # the bullet it is (or is an example of)
    passage: str  # the verbatim intro paragraph it is, or is a sentence of; "" otherwise
    kind: Kind
    text: str


def knowledge_documents(knowledge: Knowledge) -> list[Document]:
    """Every document, in a fixed order (the semantic cache key depends on it)."""
    return list(_documents(knowledge))


def intro_paragraphs(intro: str) -> list[str]:
    """A virtue's introduction split into its paragraphs, verbatim (``codex.yaml`` keeps one per line)."""
    return [paragraph.strip() for paragraph in intro.split("\n") if paragraph.strip()]


def _documents(knowledge: Knowledge) -> Iterator[Document]:
    codex = knowledge.codex
    for virtue in codex.virtues:
        yield Document(virtue.id, None, "", Kind.CODEX, f"{virtue.name}. {virtue.promise}")
        for paragraph in intro_paragraphs(virtue.intro):
            yield Document(virtue.id, None, paragraph, Kind.INTRO_PARAGRAPH, paragraph)
            for sentence in _sentences(paragraph):
                yield Document(virtue.id, None, paragraph, Kind.INTRO_SENTENCE, sentence)
        for bullet in virtue.bullets:
            yield Document(virtue.id, bullet.id, "", Kind.CODEX, bullet.text)
    escalation = codex.escalation
    for text in (
        escalation.title,
        *_sentences(escalation.text),
        *escalation.steps,
        *_sentences(codex.help.text),
    ):
        yield Document(ESCALATION_TOPIC, None, "", Kind.CODEX, text)
    for contact in codex.contacts:
        yield Document(ESCALATION_TOPIC, None, "", Kind.CODEX, contact.name)
    for topic, examples in knowledge.aids.examples.items():
        for question in examples.general:
            yield Document(topic, None, "", Kind.EXAMPLE, question)
        for number, questions in examples.by_bullet.items():
            for question in questions:
                yield Document(topic, f"{topic}.{number}", "", Kind.EXAMPLE, question)
    for question in knowledge.aids.offtopic:
        yield Document(None, None, "", Kind.OFFTOPIC, question)


def _sentences(text: str) -> Iterator[str]:
    return (sentence for sentence in text.replace("\n", " ").split(". ") if sentence.strip())
