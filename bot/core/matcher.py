"""Find the virtue and bullets a question is about, or decide that the codex does not answer it.

A nearest-neighbour search over short documents: every bullet, every sentence of the codex and every
example question from ``examples.yaml`` is one document labelled with its topic (and bullet). A
question is compared with each document by idf-weighted cosine similarity of their terms, so a
question is close to a document only when most of what it says is in that document.

Examples of off-topic questions are documents too, labelled "no topic": a question nearest to one of
them is not answered from the codex. With no training step, the index is built at start-up in
milliseconds and a correction to ``knowledge/`` takes effect at the next start.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bot.core.analyze import Analyzer
from bot.core.codex import ESCALATION_TOPIC, Codex
from bot.core.knowledge import Knowledge

MIN_SIMILARITY = 0.20
"""Below this cosine similarity to its nearest document, a question is not answered from the codex."""

MIN_KNOWN_SHARE = 0.55
"""Share of a question's weight that the codex vocabulary must cover before it is answered.

Note:
    This is what keeps "skærmen på min computer har en fejl" from being answered with Åbenhed om fejl:
    "fejl" is known, but "skærm" and "computer" are not, so most of the question is about something else.
"""

UNKNOWN_DOCUMENT_FREQUENCY = 20.0
"""A word the codex never uses weighs like a word found in this many documents.

Note:
    Not like the rarest word: most unknown words in a real question are everyday verbs and nouns
    ("havnet", "fest", "kone") that say little about the topic. Weighing them like a moderately common
    codex word lets a question with two such words still be answered, while a question that is mostly
    about something else ("skærmen på min computer") is still not.
"""

MIN_KNOWN_TERMS = 2
"""A question that contains words the codex never uses needs at least this many words it does use."""

SUGGESTION_SIMILARITY = 0.10
"""A topic this close to an unanswered question is offered as "mente du …?"."""

ALTERNATIVE_RATIO = 0.6
"""A topic scoring at least this share of the best one is listed as an alternative."""

TOPIC_NEIGHBOURS = 5
"""How many of a topic's nearest documents vote for it: its score is their mean similarity.

Note:
    The nearest document alone is brittle: one example that happens to share two everyday words with
    a question can outvote a topic that many documents support. With about 200 documents per topic,
    the mean of the five nearest is what several phrasings of the same concern agree on. Whether to
    answer at all is still decided on the single nearest document, which is what the thresholds above
    mean.
"""

MIN_BULLETS = 3


@dataclass(frozen=True, slots=True)
class Match:
    """The codex answers the question: with this topic, these bullets first."""

    topic: str  # virtue id or "eskalering"
    confidence: float  # 0..1
    bullets: tuple[str, ...]  # bullet ids, best first; at least three
    alternatives: tuple[str, ...]  # other likely topics, best first
    scores: tuple[float, ...] = ()  # similarity of each bullet, parallel to ``bullets``


@dataclass(frozen=True, slots=True)
class NoMatch:
    """The codex does not answer the question (off-topic, small talk, nonsense)."""

    suggestions: tuple[str, ...]  # topics that came close, best first; may be empty


MatchResult = Match | NoMatch


@dataclass(frozen=True, slots=True)
class _Document:
    topic: str | None  # None: an example of a question the bot must not answer
    bullet: str | None
    terms: frozenset[str]


class Matcher:
    """Matches questions against one loaded knowledge folder. Build once, match many times."""

    def __init__(self, knowledge: Knowledge) -> None:
        aids = knowledge.aids
        self.codex = knowledge.codex
        self.analyzer = Analyzer(aids.stopwords, aids.synonyms)
        self._documents = [
            _Document(topic, bullet, frozenset(terms))
            for topic, bullet, text in _documents(knowledge)
            if (terms := self.analyzer.learn(text))
        ]
        frequency = Counter(term for document in self._documents for term in document.terms)
        count = len(self._documents)
        self._idf = {term: math.log(1 + count / df) for term, df in frequency.items()}
        self._unknown_weight = math.log(1 + count / UNKNOWN_DOCUMENT_FREQUENCY)
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._norms: list[float] = []
        for number, document in enumerate(self._documents):
            for term in document.terms:
                self._postings[term].append(number)
            self._norms.append(math.sqrt(sum(self._idf[t] ** 2 for t in document.terms)))
        self._bullet_order = tuple(bullet.id for bullet in self.codex.bullets)

    def match(self, question: str) -> MatchResult:
        """Return the best topic and bullets for a question, or NoMatch with suggestions."""
        terms = set(self.analyzer.analyze(question))
        if not terms:
            return NoMatch(())
        similarity = self._similarities(terms)
        neighbours, bullet_scores, offtopic = self._aggregate(similarity)
        if not neighbours:
            return NoMatch(())
        votes = {topic: _vote(values) for topic, values in neighbours.items()}
        ranked = sorted(votes.items(), key=lambda item: -item[1])
        best_topic, best_vote = ranked[0]
        nearest = max(values[0] for values in neighbours.values())
        if nearest < MIN_SIMILARITY or offtopic >= nearest or not self._mostly_known(terms):
            return NoMatch(tuple(topic for topic, score in ranked[:3] if score >= SUGGESTION_SIMILARITY))
        alternatives = tuple(t for t, score in ranked[1:3] if score >= best_vote * ALTERNATIVE_RATIO)
        bullets = self._rank_bullets(best_topic, bullet_scores)
        return Match(
            topic=best_topic,
            confidence=round(min(1.0, neighbours[best_topic][0]), 3),
            bullets=bullets,
            alternatives=alternatives,
            scores=tuple(round(bullet_scores.get(b, 0.0), 4) for b in bullets),
        )

    def _mostly_known(self, terms: set[str]) -> bool:
        """Whether the codex's vocabulary covers enough of a question to answer it from the codex.

        Note:
            One known word among unknown ones is not enough ("hvor ligger regionshuset i Viborg" shares
            only "ligger"), while a question made of one known word is ("tavshedspligt").
        """
        known = [t for t in terms if t in self._idf]
        if len(known) < MIN_KNOWN_TERMS and len(known) < len(terms):
            return False
        weight = sum(self._idf[t] ** 2 for t in known)
        total = weight + self._unknown_weight**2 * (len(terms) - len(known))
        return weight / total >= MIN_KNOWN_SHARE

    def _similarities(self, terms: set[str]) -> dict[int, float]:
        weights = {t: self._idf.get(t, self._unknown_weight) for t in terms}
        query_norm = math.sqrt(sum(w * w for w in weights.values()))
        overlap: dict[int, float] = defaultdict(float)
        for term in terms:
            for number in self._postings.get(term, ()):
                overlap[number] += weights[term] ** 2
        return {n: value / (query_norm * self._norms[n]) for n, value in overlap.items()}

    def _aggregate(
        self, similarity: dict[int, float]
    ) -> tuple[dict[str, list[float]], dict[str, float], float]:
        """Per topic its similarities (best first); per bullet and off-topic, the nearest one."""
        topics: dict[str, list[float]] = defaultdict(list)
        bullets: dict[str, float] = {}
        offtopic = 0.0
        for number, value in similarity.items():
            document = self._documents[number]
            if document.topic is None:
                offtopic = max(offtopic, value)
                continue
            topics[document.topic].append(value)
            if document.bullet is not None:
                bullets[document.bullet] = max(bullets.get(document.bullet, 0.0), value)
        for values in topics.values():
            values.sort(reverse=True)
        return topics, bullets, offtopic

    def _rank_bullets(self, topic: str, scores: dict[str, float]) -> tuple[str, ...]:
        """The topic's own bullets by score first, then the best of other topics, padded to three."""
        own = [b for b in self._bullet_order if b.startswith(topic + ".")]
        ranked = sorted(own, key=lambda b: -scores.get(b, 0.0))
        ranked = [b for b in ranked if scores.get(b, 0.0) > 0] or ranked
        others = sorted((b for b in scores if b not in own), key=lambda b: -scores[b])
        result = ranked + [b for b in others if scores[b] > 0]
        result += [b for b in own + list(self._bullet_order) if b not in result]
        return tuple(result[: max(MIN_BULLETS, len([b for b in ranked if scores.get(b, 0) > 0]))])


def _vote(similarities: list[float]) -> float:
    """A topic's score from its documents' similarities, best first (see ``TOPIC_NEIGHBOURS``)."""
    return sum(similarities[:TOPIC_NEIGHBOURS]) / TOPIC_NEIGHBOURS


def _documents(knowledge: Knowledge) -> Iterator[tuple[str | None, str | None, str]]:
    """Every text the matcher compares questions with, labelled (topic, bullet id, text)."""
    codex: Codex = knowledge.codex
    for virtue in codex.virtues:
        yield virtue.id, None, f"{virtue.name}. {virtue.promise}"
        for sentence in _sentences(virtue.intro):
            yield virtue.id, None, sentence
        for bullet in virtue.bullets:
            yield virtue.id, bullet.id, bullet.text
    escalation = codex.escalation
    for text in (
        escalation.title,
        *_sentences(escalation.text),
        *escalation.steps,
        *_sentences(codex.help.text),
    ):
        yield ESCALATION_TOPIC, None, text
    for contact in codex.contacts:
        yield ESCALATION_TOPIC, None, contact.name
    for topic, examples in knowledge.aids.examples.items():
        for question in examples.general:
            yield topic, None, question
        for number, questions in examples.by_bullet.items():
            for question in questions:
                yield topic, f"{topic}.{number}", question
    for question in knowledge.aids.offtopic:
        yield None, None, question


def _sentences(text: str) -> Iterable[str]:
    return (sentence for sentence in text.replace("\n", " ").split(". ") if sentence.strip())
