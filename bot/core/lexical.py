"""The lexical stage: idf-weighted cosine similarity of analysed terms, per document.

A question is close to a document only when most of what it says is in that document. A topic's vote
is the mean similarity of its ``TOPIC_NEIGHBOURS`` nearest documents; whether the question is answerable
at all is judged on the single nearest document, on the off-topic examples and on how much of the
question the codex's vocabulary covers. No training step: the index is built in milliseconds.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.analyze import Analyzer
from bot.core.documents import Document, Kind

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

TOPIC_NEIGHBOURS = 5
"""How many of a topic's nearest documents vote for it: its score is their mean similarity.

Note:
    The nearest document alone is brittle: one example that happens to share two everyday words with
    a question can outvote a topic that many documents support. With about 200 documents per topic,
    the mean of the five nearest is what several phrasings of the same concern agree on.
"""


@dataclass(frozen=True, slots=True)
class LexicalScores:
    """What the lexical stage found for one question (all empty when it shares no term with anything)."""

    topics: dict[str, float]  # topic → mean similarity of its TOPIC_NEIGHBOURS nearest documents
    nearest: float  # similarity of the nearest on-topic document
    offtopic: float  # similarity of the nearest off-topic example
    bullets: dict[str, float]  # bullet id → its nearest document's similarity
    passages: dict[str, float]  # verbatim intro paragraph → its nearest sentence's similarity
    mostly_known: bool  # enough of the question is in the codex's vocabulary

    @property
    def answers(self) -> bool:
        """Whether this stage alone would answer: close enough, nearer on- than off-topic, mostly known."""
        return self.nearest >= MIN_SIMILARITY and self.offtopic < self.nearest and self.mostly_known

    def ranked(self) -> list[tuple[str, float]]:
        """Topics best first."""
        return sorted(self.topics.items(), key=lambda item: -item[1])


NOTHING = LexicalScores({}, 0.0, 0.0, {}, {}, False)


class LexicalIndex:
    """Analysed documents with their idf weights and postings; built once, read by every question."""

    def __init__(self, analyzer: Analyzer, documents: Sequence[Document]) -> None:
        self.analyzer = analyzer
        self._documents: list[tuple[Document, frozenset[str]]] = [
            (document, frozenset(terms))
            for document in documents
            if document.kind is not Kind.INTRO_PARAGRAPH and (terms := analyzer.learn(document.text))
        ]
        frequency = Counter(term for _, terms in self._documents for term in terms)
        count = len(self._documents)
        self._idf = {term: math.log(1 + count / df) for term, df in frequency.items()}
        self._unknown_weight = math.log(1 + count / UNKNOWN_DOCUMENT_FREQUENCY)
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._norms: list[float] = []
        for number, (_, document_terms) in enumerate(self._documents):
            for term in document_terms:
                self._postings[term].append(number)
            self._norms.append(math.sqrt(sum(self._idf[t] ** 2 for t in document_terms)))

    def score(self, question: str, ignore: frozenset[str] = frozenset()) -> LexicalScores:
        """Score a question; ``ignore`` holds terms that must not count as unknown (names, places)."""
        terms = set(self.analyzer.analyze(question))
        if not terms:
            return NOTHING
        similarity = self._similarities(terms)
        topics: dict[str, list[float]] = defaultdict(list)
        bullets: dict[str, float] = {}
        passages: dict[str, float] = {}
        offtopic = 0.0
        for number, value in similarity.items():
            document = self._documents[number][0]
            if document.topic is None:
                offtopic = max(offtopic, value)
                continue
            topics[document.topic].append(value)
            for key, table in ((document.bullet, bullets), (document.passage, passages)):
                if key:
                    table[key] = max(table.get(key, 0.0), value)
        if not topics:
            return LexicalScores({}, 0.0, offtopic, {}, {}, self._mostly_known(terms - ignore))
        for values in topics.values():
            values.sort(reverse=True)
        return LexicalScores(
            topics={t: sum(v[:TOPIC_NEIGHBOURS]) / TOPIC_NEIGHBOURS for t, v in topics.items()},
            nearest=max(values[0] for values in topics.values()),
            offtopic=offtopic,
            bullets=bullets,
            passages=passages,
            mostly_known=self._mostly_known(terms - ignore),
        )

    def names(self, question_names: set[str]) -> frozenset[str]:
        """The terms of proper names ("Viborg", "Mette"): they say nothing about whether the codex applies."""
        return frozenset(term for name in question_names for term in self.analyzer.analyze(name))

    def _mostly_known(self, terms: set[str]) -> bool:
        """Whether the codex's vocabulary covers enough of a question to answer it from the codex.

        Note:
            One known word among unknown ones is not enough ("hvor ligger regionshuset i Viborg" shares
            only "ligger"), while a question made of one known word is ("tavshedspligt").
        """
        if not terms:
            return False
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


def either(whole: LexicalScores, focus: LexicalScores) -> LexicalScores:
    """A long message scored as a whole and by its question (``focus``): each topic keeps its best.

    Note:
        Whether to answer comes from whichever view would answer (the whole message first): the
        context of a pasted e-mail may be mostly unknown words while its question is plain.
    """
    judge = whole if whole.answers or not focus.answers else focus
    return LexicalScores(
        topics=_best(whole.topics, focus.topics),
        nearest=judge.nearest,
        offtopic=judge.offtopic,
        bullets=_best(whole.bullets, focus.bullets),
        passages=_best(whole.passages, focus.passages),
        mostly_known=judge.mostly_known,
    )


def _best(first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    return {key: max(first.get(key, 0.0), second.get(key, 0.0)) for key in first.keys() | second.keys()}
