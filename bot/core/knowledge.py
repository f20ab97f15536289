"""Load and validate the knowledge folder: the codex and the matching aids.

The folder holds files with separate jobs, so the codex owners can correct wording without touching
matching, and the reverse:

- ``codex.yaml``: the codex itself, verbatim (maintained by the codex owners);
- ``organisation.yaml``: who owns the codex, the app's colour, the local working calendar;
- ``matching.yaml``: stop words and synonym groups (how staff phrase things);
- ``examples.yaml``: example questions per topic and per bullet, and questions the bot must not answer;
- ``dilemmas.yaml``: cases for discussion at department meetings (optional).

Every problem in every file is collected and raised together as one ``KnowledgeError``, each as
``FILE:LINE: problem``; a broken folder never half-loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.codex import (
    ESCALATION_TOPIC,
    Bullet,
    Codex,
    Contact,
    Escalation,
    HelpSection,
    Virtue,
)
from bot.core.dilemmas import Dilemma, load_dilemmas
from bot.core.organisation import ORGANISATION_FILE, Organisation, read_organisation
from bot.core.yaml_reader import FileReader
from bot.errors import KnowledgeError, KnowledgeProblem

CODEX_FILE, MATCHING_FILE, EXAMPLES_FILE = "codex.yaml", "matching.yaml", "examples.yaml"


@dataclass(frozen=True, slots=True)
class TopicExamples:
    """Example questions for one topic: about it as a whole, and per bullet number."""

    general: tuple[str, ...]
    by_bullet: Mapping[int, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class MatchingAids:
    """Everything the matcher learns from besides the codex text. Never shown to users."""

    stopwords: frozenset[str]
    synonyms: tuple[tuple[str, ...], ...]  # each group: words or phrases that mean the same
    examples: Mapping[str, TopicExamples]  # by topic id
    offtopic: tuple[str, ...]  # questions the bot must not answer from the codex


@dataclass(frozen=True, slots=True)
class Knowledge:
    """A validated knowledge folder."""

    codex: Codex
    aids: MatchingAids
    directory: Path
    organisation: Organisation
    dilemmas: tuple[Dilemma, ...] = ()  # cases for discussion (dilemmas.yaml); none if the file is absent


def load_knowledge(directory: Path) -> Knowledge:
    """Load and validate a knowledge folder.

    Raises:
        KnowledgeError: with every problem of every file, one ``FILE:LINE: problem`` each.
    """
    problems: list[KnowledgeProblem] = []
    if not directory.is_dir():
        raise KnowledgeError([KnowledgeProblem(directory, 1, "knowledge folder not found")])
    codex = _read_codex(FileReader(directory / CODEX_FILE, problems))
    organisation = read_organisation(FileReader(directory / ORGANISATION_FILE, problems))
    topics = set(codex.topic_ids) if codex else None
    bullet_counts = {v.id: len(v.bullets) for v in codex.virtues} if codex else {}
    stopwords, synonyms = _read_matching(FileReader(directory / MATCHING_FILE, problems))
    examples, offtopic = _read_examples(
        FileReader(directory / EXAMPLES_FILE, problems), topics, bullet_counts
    )
    dilemmas = load_dilemmas(directory, codex, problems)
    if problems or codex is None or organisation is None:
        raise KnowledgeError(problems)
    aids = MatchingAids(frozenset(stopwords), tuple(synonyms), examples, tuple(offtopic))
    return Knowledge(codex, aids, directory, organisation, dilemmas)


def _read_codex(reader: FileReader) -> Codex | None:
    root = reader.compose()
    if root is None:
        return None
    top = reader.mapping(
        root,
        "the codex",
        ("title", "version", "source", "virtues", "escalation", "help", "contacts"),
        ("foreword",),
    )
    if top is None:
        return None
    virtue_nodes = reader.sequence(top["virtues"], "virtues") if "virtues" in top else []
    virtues = [_read_virtue(reader, node) for node in virtue_nodes]
    seen: set[str] = set()
    for virtue, node in zip(virtues, virtue_nodes, strict=True):
        if virtue is not None and (virtue.id in seen or virtue.id == ESCALATION_TOPIC):
            reader.report(reader.line(node), f"duplicate virtue id '{virtue.id}'")
        seen.add(virtue.id if virtue else "")
    escalation = _read_escalation(reader, top.get("escalation"))
    help_section = _read_help(reader, top.get("help"))
    contact_nodes = reader.sequence(top["contacts"], "contacts") if "contacts" in top else []
    contacts = [_read_contact(reader, node) for node in contact_nodes]
    if None in virtues or escalation is None or help_section is None or None in contacts:
        return None
    return Codex(
        title=reader.text(top.get("title"), "title"),
        version=reader.text(top.get("version"), "version"),
        source=reader.text(top.get("source"), "source"),
        foreword=reader.text(top["foreword"], "foreword") if "foreword" in top else "",
        virtues=tuple(v for v in virtues if v is not None),
        escalation=escalation,
        help=help_section,
        contacts=tuple(c for c in contacts if c is not None),
    )


def _read_virtue(reader: FileReader, node: yaml.Node) -> Virtue | None:
    fields = reader.mapping(node, "a virtue", ("id", "name", "promise", "intro", "bullets"))
    if fields is None or len(fields) < 5:
        return None
    virtue_id = reader.text(fields["id"], "virtue id")
    if virtue_id and virtue_id != virtue_id.lower().replace(" ", "-"):
        reader.report(reader.line(fields["id"]), f"virtue id '{virtue_id}' must be lowercase-with-dashes")
    bullet_texts = reader.texts(fields["bullets"], f"bullets of '{virtue_id}'")
    bullets = tuple(
        Bullet(f"{virtue_id}.{number}", virtue_id, number, text)
        for number, text in enumerate(bullet_texts, start=1)
    )
    return Virtue(
        id=virtue_id,
        name=reader.text(fields["name"], "virtue name"),
        promise=reader.text(fields["promise"], "promise"),
        intro=reader.text(fields["intro"], "intro"),
        bullets=bullets,
    )


def _read_escalation(reader: FileReader, node: yaml.Node | None) -> Escalation | None:
    fields = reader.mapping(node, "escalation", ("title", "text", "steps")) if node is not None else None
    if fields is None or len(fields) < 3:
        return None
    return Escalation(
        title=reader.text(fields["title"], "escalation title"),
        text=reader.text(fields["text"], "escalation text"),
        steps=tuple(reader.texts(fields["steps"], "escalation steps")),
    )


def _read_help(reader: FileReader, node: yaml.Node | None) -> HelpSection | None:
    fields = reader.mapping(node, "help", ("title", "text")) if node is not None else None
    if fields is None or len(fields) < 2:
        return None
    return HelpSection(reader.text(fields["title"], "help title"), reader.text(fields["text"], "help text"))


def _read_contact(reader: FileReader, node: yaml.Node) -> Contact | None:
    fields = reader.mapping(node, "a contact", ("name", "email", "phone", "url"), ("address",))
    if fields is None or len(fields) < 4:
        return None
    email = reader.text(fields["email"], "contact email")
    if email and "@" not in email:
        reader.report(reader.line(fields["email"]), f"contact email '{email}' is not an e-mail address")
    return Contact(
        name=reader.text(fields["name"], "contact name"),
        email=email,
        phone=reader.text(fields["phone"], "contact phone"),
        url=reader.text(fields["url"], "contact url"),
        address=reader.text(fields["address"], "contact address") if "address" in fields else "",
    )


def _read_matching(reader: FileReader) -> tuple[list[str], list[tuple[str, ...]]]:
    root = reader.compose()
    top = reader.mapping(root, "matching aids", ("stopwords", "synonyms")) if root is not None else None
    if not top:
        return [], []
    stopwords = reader.texts(top.get("stopwords"), "stopwords")
    groups: list[tuple[str, ...]] = []
    for node in reader.sequence(top["synonyms"], "synonyms") if "synonyms" in top else []:
        group = reader.texts(node, "a synonym group")
        if len(group) == 1:
            reader.report(reader.line(node), "a synonym group needs at least two words")
        groups.append(tuple(group))
    return stopwords, groups


def _read_examples(
    reader: FileReader, topics: set[str] | None, bullet_counts: Mapping[str, int]
) -> tuple[dict[str, TopicExamples], list[str]]:
    """Read examples; ids are checked against the codex only when the codex itself loaded (``topics``)."""
    root = reader.compose()
    top = reader.mapping(root, "examples", ("topics", "offtopic")) if root is not None else None
    if not top:
        return {}, []
    examples: dict[str, TopicExamples] = {}
    for topic, key_node, value in reader.entries(top["topics"], "topics") if "topics" in top else ():
        if topics is not None and topic not in topics:
            reader.report(reader.line(key_node), f"unknown topic '{topic}' (not a virtue id in codex.yaml)")
        fields = reader.mapping(value, f"topic '{topic}'", (), ("examples", "bullets"))
        if fields is None:
            continue
        general = tuple(reader.texts(fields.get("examples"), f"examples of '{topic}'"))
        by_bullet: dict[int, tuple[str, ...]] = {}
        for number_text, number_node, questions in (
            reader.entries(fields["bullets"], f"bullets of '{topic}'") if "bullets" in fields else ()
        ):
            count = bullet_counts.get(topic, 0)
            if topics is None:  # the codex did not load: its own problems are reported, not these
                by_bullet[int(number_text) if number_text.isdigit() else 0] = ()
                continue
            if not number_text.isdigit() or not 1 <= int(number_text) <= count:
                reader.report(
                    reader.line(number_node),
                    f"no bullet {number_text} in '{topic}' (it has {count} bullets)",
                )
                continue
            by_bullet[int(number_text)] = tuple(reader.texts(questions, f"examples of {topic}.{number_text}"))
        examples[topic] = TopicExamples(general, by_bullet)
    offtopic = reader.texts(top.get("offtopic"), "offtopic", allow_empty=True)
    return examples, offtopic
