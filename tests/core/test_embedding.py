"""The knowledge's embeddings are computed once per content and model, then read from disk."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.core import embedding
from bot.core.embedding import E5Embedder, Vectors, embed_cached


class CountingEmbedder:
    """A stand-in model: deterministic vectors, and a count of the texts it was asked to embed."""

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id
        self.embedded = 0

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.embedded += len(texts)
        rows = np.array([[len(text), text.count("a"), 1.0] for text in texts], dtype=np.float32)
        normalised: Vectors = rows / np.linalg.norm(rows, axis=1, keepdims=True)
        return normalised


@pytest.fixture(autouse=True)
def no_vectors_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a new process would: nothing embedded in memory yet."""
    monkeypatch.setattr(embedding, "_memory", {})


def test_a_second_start_reads_the_vectors_from_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second start with the same knowledge embeds nothing: the vectors come from the cache folder."""
    texts = ["må jeg give partipolitisk rådgivning", "tavshedspligt", "hvem kan jeg gå til"]
    first = CountingEmbedder("fake/1")
    vectors = embed_cached(first, texts, tmp_path)
    monkeypatch.setattr(embedding, "_memory", {})  # a new process
    second = CountingEmbedder("fake/1")

    again = embed_cached(second, texts, tmp_path)

    assert first.embedded == 3 and second.embedded == 0
    assert np.array_equal(vectors, again)
    assert len(list(tmp_path.glob("embeddings-*.npy"))) == 1


@pytest.mark.parametrize("change", ["a text", "the model"])
def test_changed_knowledge_or_model_never_reads_stale_vectors(tmp_path: Path, change: str) -> None:
    """Editing an example or upgrading the model gives a new cache key, so the vectors are recomputed."""
    embed_cached(CountingEmbedder("fake/1"), ["a", "b"], tmp_path)
    texts, model = (["a", "b, rettet"], "fake/1") if change == "a text" else (["a", "b"], "fake/2")
    embedder = CountingEmbedder(model)

    embed_cached(embedder, texts, tmp_path)

    assert embedder.embedded == 2
    assert len(list(tmp_path.glob("embeddings-*.npy"))) == 2


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    """A read-only deploy still matches: the vectors are kept in memory and nothing is half-written."""
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    embedder = CountingEmbedder("fake/1")

    vectors = embed_cached(embedder, ["a", "b"], blocked / "cache")

    assert vectors.shape == (2, 3) and embedder.embedded == 2


def test_a_truncated_cache_file_is_recomputed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A damaged file (a crash while copying) is not trusted: the vectors are computed again."""
    embed_cached(CountingEmbedder("fake/1"), ["a", "b"], tmp_path)
    (cached,) = tmp_path.glob("embeddings-*.npy")
    cached.write_bytes(cached.read_bytes()[:40])
    monkeypatch.setattr(embedding, "_memory", {})
    embedder = CountingEmbedder("fake/1")

    embed_cached(embedder, ["a", "b"], tmp_path)

    assert embedder.embedded == 2


def test_repeated_questions_are_remembered_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question asked again is not embedded again, and the memory of questions stays bounded."""
    monkeypatch.setattr(embedding, "MAX_CACHED_QUERIES", 5)
    model = E5Embedder.shared()
    model._recent.clear()

    first = model.embed(["må jeg give partipolitisk rådgivning"])
    for number in range(8):
        model.embed([f"spørgsmål nummer {number}"])

    assert len(model._recent) <= 5
    assert first.shape == (1, 384)
    assert abs(float(np.linalg.norm(first[0])) - 1.0) < 1e-3
    assert E5Embedder.shared() is model  # one model per process
