"""Dilemmas: short cases from everyday work, for discussing the codex at department meetings.

The codex's foreword suggests using it to introduce new staff and for a dialogue between staff and
leaders about dilemmas in a busy day. ``knowledge/dilemmas.yaml`` holds such cases, written by the codex
owners. A case never gives the answer: it names the virtues and bullets at stake, and whoever shows it
quotes those bullets from the codex itself, so no case can put words in the codex's mouth.

The file is optional: a knowledge folder without ``dilemmas.yaml``, or with an empty one, simply has no
dilemmas. A file that is there is validated like the others, every problem as ``FILE:LINE: problem``.

Rules beyond the field types, and why:

- ``id`` is lowercase-with-dashes and unique: a weekly rotation remembers ids, not positions.
- ``virtues`` are codex virtue ids or ``eskalering``; the first is the case's main topic.
- ``bullets`` are ``<virtue id>.<number>`` of bullets that exist, and each bullet's virtue must be among
  the case's ``virtues``. The bullets are what the bot quotes under "Det siger kodeks"; a bullet from a
  virtue the case does not name would show a virtue the case is not about. ``eskalering`` has no bullets
  of its own: an escalation case cites the bullets of the virtues at stake.
- ``discussion`` has at least two questions.
- ``situation`` is not counted in sentences: "3–6 sentences" is a writing guideline for the owners (and
  a test on the shipped file), not a reason to stop the bot.
"""

from __future__ import annotations

import difflib
import re
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core.codex import ESCALATION_TOPIC, Codex
from bot.core.yaml_reader import FileReader
from bot.errors import KnowledgeError, KnowledgeProblem

DILEMMAS_FILE = "dilemmas.yaml"
MIN_DISCUSSION_QUESTIONS = 2
_FIELDS = ("id", "title", "situation", "question", "virtues", "bullets", "discussion")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Dilemma:
    """One case for discussion: a situation and a question, with the virtues and bullets at stake."""

    id: str  # lowercase-with-dashes, unique in the file
    title: str
    situation: str
    question: str
    virtues: tuple[str, ...]  # virtue ids or "eskalering", the main topic first
    bullets: tuple[str, ...]  # bullet ids such as "neutralitet.2", each of a virtue in ``virtues``
    discussion: tuple[str, ...]  # at least two questions
    line: int = field(default=0, compare=False)  # where the case starts in its file; 0 if not from a file

    @property
    def topic(self) -> str:
        """The main topic: the first of ``virtues``."""
        return self.virtues[0]


def load_dilemmas(
    directory: Path, codex: Codex | None, problems: list[KnowledgeProblem]
) -> tuple[Dilemma, ...]:
    """Read ``dilemmas.yaml`` of a knowledge folder, adding its problems to ``problems``.

    This is the entry point for ``load_knowledge``: like the other files of the folder it reports into
    the shared problem list and leaves raising to the caller.

    Args:
        directory: the knowledge folder.
        codex: the loaded codex, or ``None`` when the codex itself did not load; then virtue and bullet
            ids are not checked (the codex's own problems are reported instead).
        problems: where every problem of the file is appended.

    Returns:
        The dilemmas in file order; ``()`` when the folder has no ``dilemmas.yaml`` or it is empty.

    Note:
        When ``problems`` grew, the returned tuple may miss the broken cases: do not use it then.
    """
    path = directory / DILEMMAS_FILE
    if not path.exists():
        return ()
    return read_dilemmas(FileReader(path, problems), codex)


def read_dilemmas(source: FileReader | Path, codex: Codex | None) -> tuple[Dilemma, ...]:
    """Read and validate a dilemmas file.

    Args:
        source: a ``FileReader``, whose problem list receives every problem (the caller raises), or a
            path, for use on its own: then any problem raises here.
        codex: the codex to check virtue and bullet ids against; ``None`` skips those checks.

    Returns:
        The valid dilemmas in file order; ``()`` for an empty file.

    Raises:
        KnowledgeError: only when ``source`` is a path, with every problem, one ``FILE:LINE: problem`` each.
    """
    if isinstance(source, FileReader):
        return _read_file(source, codex)
    problems: list[KnowledgeProblem] = []
    dilemmas = _read_file(FileReader(source, problems), codex)
    if problems:
        raise KnowledgeError(problems)
    return dilemmas


def dilemmas_with(dilemmas: Sequence[Dilemma], virtue_id: str) -> tuple[Dilemma, ...]:
    """The dilemmas in which a virtue (or ``eskalering``) is at stake: its own cases first, then the rest.

    "Its own" are the cases whose main topic it is; within each group the file order is kept.
    """
    main = tuple(d for d in dilemmas if d.topic == virtue_id)
    return main + tuple(d for d in dilemmas if virtue_id in d.virtues[1:])


def weekly_order(dilemmas: Sequence[Dilemma]) -> tuple[str, ...]:
    """The ids in the order a weekly dilemma goes through them: every case once before any repeats.

    Each week takes the next case of the main topic with the most cases left, never last week's topic
    while another is left; ties go to the topic that comes first in the file, and each topic's cases
    keep their file order. So two weeks in a row have different main topics whenever the mix of cases
    allows it, and the same file always gives the same order.

    Note:
        The order is derived from the file, not stored: adding or removing a case reshuffles it, so a
        rotation should remember the last id it showed, not a position. Where one round ends and the
        next begins, two weeks may share a topic.
    """
    queues: dict[str, deque[Dilemma]] = {}
    for dilemma in dilemmas:
        queues.setdefault(dilemma.topic, deque()).append(dilemma)
    order: list[str] = []
    last = ""
    while queues:
        others = [topic for topic in queues if topic != last] or [last]
        topic = max(others, key=lambda t: len(queues[t]))  # max keeps the first of equals: file order
        order.append(queues[topic].popleft().id)
        if not queues[topic]:
            del queues[topic]
        last = topic
    return tuple(order)


@dataclass(frozen=True, slots=True)
class _Ids:
    """The ids the codex allows: its topics, its bullets and how many bullets each virtue has."""

    topics: tuple[str, ...]
    bullets: frozenset[str]
    bullet_counts: Mapping[str, int]

    @classmethod
    def of(cls, codex: Codex) -> _Ids:
        counts = {virtue.id: len(virtue.bullets) for virtue in codex.virtues}
        return cls(codex.topic_ids, frozenset(b.id for b in codex.bullets), counts)


def _read_file(reader: FileReader, codex: Codex | None) -> tuple[Dilemma, ...]:
    root = reader.compose(allow_empty=True)
    if root is None:
        return ()
    top = reader.mapping(root, "the dilemmas file", ("dilemmas",))
    node = top.get("dilemmas") if top else None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        return ()  # "dilemmas:" with nothing under it is an empty list, not a mistake
    ids = _Ids.of(codex) if codex is not None else None
    dilemmas: list[Dilemma] = []
    first_line: dict[str, int] = {}
    for item in reader.sequence(node, "dilemmas", allow_empty=True):
        dilemma = _read_dilemma(reader, item, ids)
        if dilemma is None:
            continue
        if dilemma.id in first_line:
            reader.report(
                dilemma.line, f"duplicate dilemma id '{dilemma.id}' (first at line {first_line[dilemma.id]})"
            )
            continue
        first_line[dilemma.id] = dilemma.line
        dilemmas.append(dilemma)
    return tuple(dilemmas)


def _read_dilemma(reader: FileReader, node: yaml.Node, ids: _Ids | None) -> Dilemma | None:
    """One case, or ``None`` when anything in it is wrong (every problem is reported)."""
    before = len(reader.problems)
    fields = reader.mapping(node, "a dilemma", _FIELDS)
    if fields is None:
        return None
    case_id = reader.text(fields.get("id"), "dilemma id")
    if case_id and not _SLUG.fullmatch(case_id):
        reader.report(
            reader.line(fields["id"]),
            f"dilemma id '{case_id}' must be lowercase-with-dashes (a-z, 0-9 and -, no æ, ø, å or spaces)",
        )
    of = f" of '{case_id}'" if case_id else " of a dilemma"
    texts = {key: reader.text(fields.get(key), f"{key}{of}") for key in ("title", "situation", "question")}
    virtues = _read_virtues(reader, fields.get("virtues"), f"virtues{of}", ids)
    bullets = _read_bullets(reader, fields.get("bullets"), f"bullets{of}", ids, virtues)
    discussion = reader.texts(fields.get("discussion"), f"discussion{of}")
    if 0 < len(discussion) < MIN_DISCUSSION_QUESTIONS:
        reader.report(
            reader.line(fields["discussion"]),
            f"discussion{of} needs at least {MIN_DISCUSSION_QUESTIONS} questions (it has {len(discussion)})",
        )
    if len(reader.problems) > before:
        return None
    return Dilemma(
        id=case_id,
        title=texts["title"],
        situation=texts["situation"],
        question=texts["question"],
        virtues=virtues,
        bullets=bullets,
        discussion=tuple(discussion),
        line=reader.line(node),
    )


def _read_virtues(reader: FileReader, node: yaml.Node | None, what: str, ids: _Ids | None) -> tuple[str, ...]:
    """The virtue ids as written (also misspelt ones, which are reported), without repeats."""
    virtues: list[str] = []
    for item in reader.sequence(node, what) if node is not None else ():
        virtue = reader.text(item, f"{what} item")
        if not virtue:
            continue
        if virtue in virtues:
            reader.report(reader.line(item), f"virtue '{virtue}' is listed twice in {what}")
            continue
        if ids is not None and virtue not in ids.topics:
            reader.report(
                reader.line(item), f"unknown virtue '{virtue}' in {what}{_did_you_mean(virtue, ids)}"
            )
        virtues.append(virtue)
    return tuple(virtues)


def _read_bullets(
    reader: FileReader, node: yaml.Node | None, what: str, ids: _Ids | None, virtues: tuple[str, ...]
) -> tuple[str, ...]:
    bullets: list[str] = []
    for item in reader.sequence(node, what) if node is not None else ():
        bullet = reader.text(item, f"{what} item")
        if not bullet:
            continue
        line = reader.line(item)
        virtue, _, number = bullet.rpartition(".")
        if bullet in bullets:
            reader.report(line, f"bullet '{bullet}' is listed twice in {what}")
            continue
        bullets.append(bullet)
        if ids is None:
            continue
        if bullet not in ids.bullets:
            reader.report(line, _unknown_bullet(bullet, virtue, number, ids))
        elif virtue not in virtues:
            reader.report(
                line,
                f"bullet '{bullet}' belongs to '{virtue}', which is not among the virtues of this dilemma "
                f"(add '{virtue}' to virtues or remove the bullet)",
            )
    return tuple(bullets)


def _unknown_bullet(bullet: str, virtue: str, number: str, ids: _Ids) -> str:
    if virtue == ESCALATION_TOPIC:
        return (
            f"unknown bullet '{bullet}': {ESCALATION_TOPIC} has no bullets of its own; "
            "cite the bullets of the virtues at stake"
        )
    if virtue in ids.bullet_counts:
        return f"no bullet {number} in '{virtue}' (it has {ids.bullet_counts[virtue]} bullets)"
    hint = _did_you_mean(virtue, ids) if virtue else ""
    return f"unknown bullet '{bullet}' (write '<virtue id>.<number>', e.g. 'neutralitet.2'){hint}"


def _did_you_mean(word: str, ids: _Ids) -> str:
    close = difflib.get_close_matches(word, ids.topics, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
