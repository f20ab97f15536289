"""The semantic stage: nearest neighbours by meaning, over the same documents the lexical stage uses.

Every example question, bullet, introduction sentence and introduction paragraph is one embedded
document labelled with its topic (and bullet, or the verbatim paragraph). A question is embedded once
per *view* (the whole message, and the question sentences of a long one, see ``focus``) and each
document keeps its best similarity over the views. A topic's score is the mean of its nearest
documents, as in the lexical stage; off-topic examples form one more "topic" that competes with them.

Note:
    e5's similarities are compressed (mostly 0.75–0.92) and shift with the length and language of the
    question, so this stage reports scores for the fusion to compare *with each other* (margins between
    topics, and between the best topic and the off-topic examples), never against a fixed level.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.core.documents import Document
from bot.core.embedding import Embedder, embed_cached

NEIGHBOURS = 3
"""How many of a topic's nearest documents make its score (the mean): agreement, not one lucky example.
Three, not five, since the examples grew (matcher2): a topic with many examples near a long message's
context words (sandhed: "notat", "oplysninger") no longer outvotes the few that match its question;
chosen on the staff, tuning and both validation sets (2–4 score within a question or two of each other)."""

NEAREST_WEIGHT = 0.0
"""Weight of the single nearest document in a topic's score, beside the mean of its NEIGHBOURS."""


@dataclass(frozen=True, slots=True)
class SemanticScores:
    """What the semantic stage found for one question."""

    topics: dict[str, float]  # topic → mean similarity of its NEIGHBOURS nearest documents
    offtopic: float  # the same mean over the off-topic examples
    bullets: dict[str, float]  # bullet id → its nearest document's similarity
    passages: dict[str, float]  # verbatim intro paragraph → its similarity (paragraph or its sentences)
    general: dict[str, float]  # topic → its nearest document that is no bullet's (intro, general example)
    nearest: Document  # the single nearest document

    def ranked(self) -> list[tuple[str, float]]:
        """Topics best first."""
        return sorted(self.topics.items(), key=lambda item: -item[1])


class SemanticIndex:
    """Embedded documents, built once per knowledge folder; ``score`` embeds only the question."""

    def __init__(self, documents: Sequence[Document], embedder: Embedder, cache_dir: Path | None) -> None:
        self.documents = tuple(documents)
        self.embedder = embedder
        self._vectors = embed_cached(embedder, [d.text for d in self.documents], cache_dir)
        labels = sorted({d.topic or "" for d in self.documents})
        self._groups = {
            label: np.array([i for i, d in enumerate(self.documents) if (d.topic or "") == label])
            for label in labels
        }
        self._bullets = _index_by(d.bullet for d in self.documents)
        self._passages = _index_by(d.passage or None for d in self.documents)
        self._general = _index_by(d.topic if d.bullet is None else None for d in self.documents)

    def score(self, views: Sequence[str]) -> SemanticScores:
        """Score a question given as one or more texts (views); each document keeps its best view."""
        queries = self.embedder.embed(list(views))
        # einsum, not "@": a matrix-vector product goes to multi-threaded BLAS, whose threads spin for a
        # core on a busy server (measured 15 ms instead of 0.5 ms); einsum stays on this thread
        similarity = np.einsum("dk,qk->dq", self._vectors, queries).max(axis=1)
        nearest = {label: np.sort(similarity[rows])[-NEIGHBOURS:] for label, rows in self._groups.items()}
        means = {
            label: float(NEAREST_WEIGHT * top[-1] + (1 - NEAREST_WEIGHT) * top.mean())
            for label, top in nearest.items()
        }
        offtopic = means.pop("", 0.0)
        return SemanticScores(
            topics=means,
            offtopic=offtopic,
            bullets={b: float(similarity[rows].max()) for b, rows in self._bullets.items()},
            passages={p: float(similarity[rows].max()) for p, rows in self._passages.items()},
            general={t: float(similarity[rows].max()) for t, rows in self._general.items()},
            nearest=self.documents[int(similarity.argmax())],
        )


def _index_by(keys: Iterable[str | None]) -> dict[str, npt.NDArray[np.intp]]:
    """Rows of the documents per non-empty key, e.g. per bullet id."""
    rows: dict[str, list[int]] = {}
    for number, key in enumerate(keys):
        if key:
            rows.setdefault(key, []).append(number)
    return {key: np.array(numbers) for key, numbers in rows.items()}
