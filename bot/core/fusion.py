"""Fuse the lexical and the semantic stage: both vote on the topic, the bullets and whether to answer.

The two stages fail on different questions (measured: either is right on ~94 % of unseen questions,
each alone on ~77–87 %). Words find what staff write in the codex's own vocabulary and reject questions
full of words it never uses; meaning finds paraphrases, English and typos that share no word with it.

The rule, in three parts:

- **Answer or not.** Semantic margin = the best topic's score minus the off-topic examples' score.
  Answer when the margin is clearly positive (``SURE_MARGIN``), or when the lexical stage would answer
  and the margin is not clearly negative (``DOUBT_MARGIN``). So meaning alone may answer a paraphrase,
  words alone may not answer what meaning places among the off-topic examples, and where they agree
  the bar is low.
- **Which topic.** Each stage's scores are put on a common 0..1 scale (lexical: share of its best
  vote; semantic: ``exp((score - best) / SEMANTIC_SCALE)``, since only differences of e5 scores mean
  anything), then mixed: the words weigh their similarity to the nearest document, kept between
  ``LEXICAL_WEIGHT`` and ``MAX_LEXICAL_WEIGHT`` (``lexical_weight``).
- **Which bullets.** The same mix per bullet (see ``fuse_bullets``).

Note:
    The constants were chosen on the development set, our staff questions and the tuning set
    (``tests/data/tuning_questions.yaml``); a broad plateau around these values scores the same, which
    is why they are round numbers. Re-checked on branch matcher2 with the two validation sets
    (``validation_questions.yaml``, ``validation2_questions.yaml``) after the aids grew: still on the
    plateau (SURE 0.015–0.025, DOUBT −0.015–−0.005 within a question or two), so unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from bot.core.lexical import LexicalScores
from bot.core.semantic import SemanticScores

LEXICAL_WEIGHT = 0.5
"""Least share of the lexical stage in the fused topic and bullet scores; the semantic stage has the rest."""

MAX_LEXICAL_WEIGHT = 0.8
"""Most share of the lexical stage, for a question whose words match a document almost exactly."""

SEMANTIC_SCALE = 0.02
"""e5 score difference that weighs a topic down by a factor e: 0.02 is about the gap between a clear
first and a second topic on our questions."""

SURE_MARGIN = 0.02
"""Semantic margin over the off-topic examples at which meaning alone answers a question."""

DOUBT_MARGIN = -0.01
"""Semantic margin below which a question is not answered even when its words look like the codex's."""

ALTERNATIVE_RATIO = 0.6
"""A topic scoring at least this share of the best one is listed as an alternative."""

SUGGESTION_SHARE = 0.5
"""An unanswered question near the codex is offered topics ("mente du …?") scoring this share of the best."""

SUGGESTION_SIMILARITY = 0.10
"""Lexical mode: a topic this close to an unanswered question is offered as "mente du …?"."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The fused decision: ``answer`` False means NoMatch; ``ranked`` holds fused topic scores, best first."""

    answer: bool
    ranked: tuple[tuple[str, float], ...]
    confidence: float  # 0..1
    suggestions: tuple[str, ...]  # for an unanswered question: topics that came close, best first


def lexical_verdict(lexical: LexicalScores) -> Verdict:
    """The lexical stage alone (``semantic=False``): the behaviour before the semantic stage existed."""
    ranked = tuple(lexical.ranked())
    suggestions = tuple(topic for topic, score in ranked[:3] if score >= SUGGESTION_SIMILARITY)
    return Verdict(lexical.answers, ranked, round(min(1.0, lexical.nearest), 3), suggestions)


def fuse(lexical: LexicalScores, semantic: SemanticScores) -> Verdict:
    """Combine both stages' scores for one question into one verdict."""
    semantic_ranked = semantic.ranked()
    best_semantic = semantic_ranked[0][1]
    margin = best_semantic - semantic.offtopic
    answer = margin > SURE_MARGIN or (lexical.answers and margin > DOUBT_MARGIN)
    scores = mix(lexical.topics, semantic.topics, lexical_weight(lexical))
    ranked = tuple(sorted(scores.items(), key=lambda item: -item[1]))
    # confidence: how clearly meaning puts the question on-topic, with the words' agreement
    certainty = 1 / (1 + math.exp(-(margin - DOUBT_MARGIN) / SEMANTIC_SCALE))
    confidence = (1 - LEXICAL_WEIGHT) * certainty + LEXICAL_WEIGHT * min(1.0, lexical.nearest)
    # "mente du …?" only for a question meaning places near the codex, not for "hvor er kantinen"
    near = margin > DOUBT_MARGIN
    suggestions = tuple(t for t, s in ranked[:3] if near and s >= ranked[0][1] * SUGGESTION_SHARE)
    return Verdict(answer, ranked, round(max(0.001, min(1.0, confidence)), 3), suggestions)


def lexical_weight(lexical: LexicalScores) -> float:
    """How much the words count for this question: their similarity to the nearest document.

    Note:
        A question that repeats an example almost word for word ("min chef vil have mig til at pynte
        på tallene", similarity 0.88) is where words are surest; meaning then still pulls towards the
        topic with most *similar-sounding* examples (eskalering: "min chef vil have mig til …").
        Between ``LEXICAL_WEIGHT`` and ``MAX_LEXICAL_WEIGHT``, so neither stage is ever silenced.
    """
    return min(MAX_LEXICAL_WEIGHT, max(LEXICAL_WEIGHT, lexical.nearest))


def mix(
    lexical: Mapping[str, float], semantic: Mapping[str, float], weight: float = LEXICAL_WEIGHT
) -> dict[str, float]:
    """Both stages' scores for the same keys (topics or bullets) on one 0..1 scale, mixed.

    Note:
        A key the lexical stage did not see (no shared word) counts 0 there; a key only the lexical
        stage saw cannot happen, as every document is embedded.
    """
    top_lexical = max(lexical.values(), default=0.0) or 1.0
    top_semantic = max(semantic.values(), default=0.0)
    return {
        key: weight * lexical.get(key, 0.0) / top_lexical
        + (1 - weight) * math.exp((value - top_semantic) / SEMANTIC_SCALE)
        for key, value in semantic.items()
    }
