"""Find the virtue and bullets a question is about, or decide that the codex does not answer it.

Two stages compare a question with the same labelled documents (every bullet, every sentence and
paragraph of the introductions, every example question, and examples of questions the bot must not
answer, see ``documents``):

- the lexical stage (``lexical``): idf-weighted overlap of analysed words — exact, fast, and strict
  about questions mostly made of words the codex never uses;
- the semantic stage (``semantic``): nearest neighbours by multilingual sentence embeddings — finds
  paraphrases, English and misspelt questions that share no word with the codex.

``fusion`` lets both vote on topic, bullets and abstention. Before either runs, small talk ("hej",
"tak", "hvad kan du", "hvor mange dyder er der i kodekset") is set aside (``smalltalk``), and a long
pasted message is also read for the question it asks (``focus``), with names and places not counted as
unknown words. A question with typos (or a long message's question) is also embedded spelt as the
codex spells it (``Analyzer.corrected``).

``Matcher(knowledge, semantic=False)`` runs the lexical stage alone: no model, no cache, as before.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from bot.core.analyze import Analyzer, proper_names
from bot.core.documents import knowledge_documents
from bot.core.embedding import E5Embedder, Embedder
from bot.core.focus import question_focus
from bot.core.fusion import ALTERNATIVE_RATIO, Verdict, fuse, lexical_verdict, mix
from bot.core.knowledge import Knowledge
from bot.core.lexical import LexicalIndex, LexicalScores, either
from bot.core.normalize import MAX_QUESTION_CHARS
from bot.core.semantic import SemanticIndex, SemanticScores
from bot.core.smalltalk import classify

DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[2] / ".kodeks-cache"
"""Where the knowledge's embeddings are kept when the caller names no folder: the checkout's own
git-ignored ``.kodeks-cache/``. A server passes its own (a writable volume); an unwritable folder only
costs the ~30 s of computing them at each start."""

MIN_BULLETS = 3

BULLET_SHARE = 0.5
"""In hybrid mode, a topic's bullets listed beyond the first three must score this share of its best."""


@dataclass(frozen=True, slots=True)
class Match:
    """The codex answers the question: with this topic, these bullets first."""

    topic: str  # virtue id or "eskalering"
    confidence: float  # 0..1
    bullets: tuple[str, ...]  # bullet ids, best first; at least three
    alternatives: tuple[str, ...]  # other likely topics, best first
    scores: tuple[float, ...] = ()  # score of each bullet, parallel to ``bullets``
    passage: str = ""  # verbatim paragraph of the virtue's intro, when that answers best; else ""


@dataclass(frozen=True, slots=True)
class NoMatch:
    """The codex does not answer the question (off-topic, small talk, nonsense)."""

    suggestions: tuple[str, ...]  # topics that came close, best first; may be empty


MatchResult = Match | NoMatch


RECENT_RESULTS = 4096
"""Verdicts kept by their exact words: a few MB at most, and the questions of a busy week."""


class Matcher:
    """Matches questions against one loaded knowledge folder. Build once, match many times.

    Args:
        knowledge: the loaded knowledge folder.
        semantic: False runs the lexical stage alone (``KODEKS_MATCHER=lexical``): no model is loaded.
        cache_dir: where the knowledge's embeddings are cached on disk (None: memory only).
        embedder: the sentence embedder; default the process-wide multilingual-e5-small.

    Note:
        With ``semantic=True`` the first construction in a process loads the model (~0.3 s), and the
        first ever for a knowledge folder embeds its ~2,700 documents (~30–45 s on two cores) before
        writing them to ``cache_dir``; later starts read them in milliseconds. ``match`` embeds the
        question: ~15 ms for a short one, ~60 ms for a long pasted message. Both are CPU-bound and
        synchronous: a server runs them off its event loop.
    """

    def __init__(
        self,
        knowledge: Knowledge,
        *,
        semantic: bool = True,
        cache_dir: Path | None = DEFAULT_CACHE_DIR,
        embedder: Embedder | None = None,
    ) -> None:
        aids = knowledge.aids
        self.codex = knowledge.codex
        self._recent: OrderedDict[str, MatchResult] = OrderedDict()
        self._recent_lock = threading.Lock()
        self.analyzer = Analyzer(aids.stopwords, aids.synonyms)
        documents = knowledge_documents(knowledge)
        self.lexical = LexicalIndex(self.analyzer, documents)
        self.semantic: SemanticIndex | None = None
        if semantic:
            self.semantic = SemanticIndex(documents, embedder or E5Embedder.shared(), cache_dir)
        self._bullet_order = tuple(bullet.id for bullet in self.codex.bullets)
        self._passage_topic = {d.passage: d.topic or "" for d in documents if d.passage}

    def remembers(self, question: str) -> bool:
        """Whether the verdict on exactly these words is in the recent-results cache (answered in µs)."""
        return question[:MAX_QUESTION_CHARS] in self._recent

    def match(self, question: str) -> MatchResult:
        """Return the best topic and bullets for a question, or NoMatch with suggestions.

        Note:
            The last ``RECENT_RESULTS`` verdicts are kept by their exact words: the knowledge does not
            change while the process runs, so the same words always get the same verdict, and a
            question many people ask (or a button's words) costs a dictionary look-up. Safe to call
            from several threads: the cache is guarded by a lock, the matching itself shares nothing
            mutable but the embedder, which locks itself.
        """
        question = question[:MAX_QUESTION_CHARS]  # a 100,000-character paste costs what 2,000 do
        with self._recent_lock:
            if question in self._recent:
                self._recent.move_to_end(question)
                return self._recent[question]
        result = self._match(question)
        with self._recent_lock:
            self._recent[question] = result
            if len(self._recent) > RECENT_RESULTS:
                self._recent.popitem(last=False)
        return result

    def _match(self, question: str) -> MatchResult:
        if classify(question) is not None:
            return NoMatch(())
        focus = question_focus(question)
        ignore = self.lexical.names(proper_names(question))
        lexical = self.lexical.score(question, ignore)
        if focus is not None:
            lexical = either(lexical, self.lexical.score(focus, ignore))
        if self.semantic is None:
            if not lexical.topics:
                return NoMatch(())
            passages = {
                p: score
                for p, score in lexical.passages.items()
                if score >= _best_bullet(lexical.bullets, self._passage_topic[p])
            }
            return self._result(lexical_verdict(lexical), lexical.bullets, passages)
        plain = " ".join(question.split())  # platforms removed their markup (mentions) already
        if not plain:
            return NoMatch(())
        views = [plain] if focus is None else [plain, focus]
        # a question with typos is also read spelt as the codex spells it: e5 reads "politker" and
        # "ldeer" less well than the lexical stage, which repairs them; each document keeps its best view,
        # so a wrong repair ("gider" → "giver") costs little
        asked = plain if focus is None else focus
        corrected = self.analyzer.corrected(asked)
        if corrected != asked:
            views.append(corrected)
        semantic = self.semantic.score(views)
        verdict = fuse(lexical, semantic)
        return self._result(
            verdict, mix(lexical.bullets, semantic.bullets), self._passages(lexical, semantic)
        )

    def _result(self, verdict: Verdict, bullets: dict[str, float], passages: dict[str, float]) -> MatchResult:
        """Turn a verdict into a Match (bullets ranked, passage chosen) or a NoMatch with suggestions."""
        if not verdict.ranked:
            return NoMatch(())
        best_topic, best_score = verdict.ranked[0]
        if not verdict.answer:
            return NoMatch(verdict.suggestions)
        ranked = self._rank_bullets(best_topic, bullets)
        return Match(
            topic=best_topic,
            confidence=verdict.confidence,
            bullets=ranked,
            alternatives=tuple(t for t, s in verdict.ranked[1:3] if s >= best_score * ALTERNATIVE_RATIO),
            scores=tuple(round(bullets.get(b, 0.0), 4) for b in ranked),
            passage=self._passage(best_topic, passages),
        )

    def _passages(self, lexical: LexicalScores, semantic: SemanticScores) -> dict[str, float]:
        """Intro paragraphs' fused scores, for the topics whose nearest evidence is no bullet's.

        Note:
            "Evidence" is the nearest document by meaning: when an introduction sentence or an example
            about the virtue as a whole ("må jeg skrive et debatindlæg som privatperson") is nearer
            than every bullet and every bullet's example, the introduction is what answers, and the
            paragraph that does is the one nearest by words and meaning together.
        """
        general = {t for t, value in semantic.general.items() if value >= _best_bullet(semantic.bullets, t)}
        fused = mix(lexical.passages, semantic.passages)
        return {p: score for p, score in fused.items() if self._passage_topic.get(p) in general}

    def _passage(self, topic: str, passages: dict[str, float]) -> str:
        """The topic's best intro paragraph, when ``passages`` holds the topic's (see ``_passages``)."""
        own = {p: s for p, s in passages.items() if self._passage_topic.get(p) == topic and s > 0}
        return max(own, key=lambda paragraph: own[paragraph]) if own else ""

    def _rank_bullets(self, topic: str, scores: dict[str, float]) -> tuple[str, ...]:
        """The topic's own bullets by score first, then the best of other topics, padded to three."""
        own = [b for b in self._bullet_order if b.startswith(topic + ".")]
        ranked = sorted(own, key=lambda b: -scores.get(b, 0.0))
        floor = max((scores.get(b, 0.0) for b in own), default=0.0) * BULLET_SHARE if self.semantic else 0.0
        strong = [b for b in ranked if scores.get(b, 0.0) > floor]
        others = sorted((b for b in scores if b not in own), key=lambda b: -scores[b])
        result = (strong or ranked) + [b for b in others if scores[b] > floor]
        result += [b for b in ranked + others + list(self._bullet_order) if b not in result]
        return tuple(result[: max(MIN_BULLETS, len(strong))])


def _best_bullet(bullets: dict[str, float], topic: str) -> float:
    return max((s for b, s in bullets.items() if b.startswith(topic + ".")), default=0.0)
