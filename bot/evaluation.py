"""Score the matcher on a question file in the ``shared/eval`` format.

The figures are the ones ``shared/eval/score.py`` prints, computed the same way, so a number quoted
from ``python -m bot eval`` means what the acceptance checks mean. ``matchers`` builds the lexical
and the hybrid matcher side by side, so every set's figures can be compared for both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.core.knowledge import load_knowledge
from bot.core.matcher import DEFAULT_CACHE_DIR, Match, Matcher, MatchResult
from bot.errors import KodeksError

MATCHER_MODES = ("lexical", "hybrid", "both")
"""``bot eval --matcher``: the lexical stage alone, both stages fused, or the two one after the other."""


@dataclass(frozen=True, slots=True)
class Question:
    """One line of a question file: the accepted topics ([] = must abstain) and accepted bullets."""

    text: str
    topics: tuple[str, ...]
    bullets: tuple[str, ...]


@dataclass(slots=True)
class Score:
    """The metrics of one run; ``misses`` lists (question, wanted topics, topic given)."""

    questions: int = 0
    correct: int = 0
    on_topic: int = 0
    topic_correct: int = 0
    with_bullets: int = 0
    bullet_in_top3: int = 0
    off_topic: int = 0
    abstained_off_topic: int = 0
    false_abstain: int = 0
    misses: list[tuple[str, tuple[str, ...], str | None]] = field(default_factory=list)

    @property
    def answer_accuracy(self) -> float:
        """Share of questions answered right: the headline figure."""
        return self.correct / self.questions if self.questions else 0.0

    def summary(self, label: str) -> str:
        """One line, in the format of ``shared/eval/score.py``."""

        def ratio(part: int, whole: int) -> str:
            return str(round(part / whole, 3)) if whole else "None"

        return (
            f"{label}: answer_acc={round(self.answer_accuracy, 3)} "
            f"topic_acc={ratio(self.topic_correct, self.on_topic)} "
            f"bullet@3={ratio(self.bullet_in_top3, self.with_bullets)} "
            f"offtopic_abstain={ratio(self.abstained_off_topic, self.off_topic)} "
            f"false_abstain={ratio(self.false_abstain, self.on_topic)} (n={self.questions})"
        )


def load_questions(path: Path) -> list[Question]:
    """Read a question file; raises KodeksError naming the file and entry when it is malformed."""
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KodeksError(f"{path}: cannot read question file: {error}") from None
    if not isinstance(entries, list):
        raise KodeksError(f"{path}: a question file is a list of entries with 'q' and 'topics'")
    questions = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("q"), str):
            raise KodeksError(f"{path}: entry {number} has no question text 'q'")
        questions.append(
            Question(entry["q"], tuple(entry.get("topics") or ()), tuple(entry.get("bullets") or ()))
        )
    return questions


def evaluate(questions: Sequence[Question], match: Callable[[str], MatchResult]) -> Score:
    """Run the matcher over the questions and count what a person would see as right."""
    score = Score()
    for question in questions:
        result = match(question.text)
        topic = result.topic if isinstance(result, Match) else None
        score.questions += 1
        if not question.topics:
            score.off_topic += 1
            if topic is None:
                score.abstained_off_topic += 1
                score.correct += 1
            else:
                score.misses.append((question.text, (), topic))
            continue
        score.on_topic += 1
        if topic in question.topics:
            score.topic_correct += 1
            score.correct += 1
        else:
            score.misses.append((question.text, question.topics, topic))
        if topic is None:
            score.false_abstain += 1
        if question.bullets:
            score.with_bullets += 1
            top3 = result.bullets[:3] if isinstance(result, Match) else ()
            if any(bullet in top3 for bullet in question.bullets):
                score.bullet_in_top3 += 1
    return score


def matchers(
    knowledge_dir: Path, mode: str, cache_dir: Path | None = DEFAULT_CACHE_DIR
) -> Iterator[tuple[str, Callable[[str], MatchResult]]]:
    """(label, match) for the matcher(s) a mode names, built on one loaded knowledge folder."""
    knowledge = load_knowledge(knowledge_dir)
    for label in ("lexical", "hybrid"):
        if mode in (label, "both"):
            yield label, Matcher(knowledge, semantic=label == "hybrid", cache_dir=cache_dir).match
