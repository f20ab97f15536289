"""Matchers for the core tests: the hybrid one the service uses, and the lexical stage alone."""

from __future__ import annotations

import pytest

from bot.config import PROJECT_KNOWLEDGE_DIR
from bot.core.codex import Codex
from bot.core.knowledge import Knowledge, load_knowledge
from bot.core.matcher import Matcher


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The project's knowledge folder, loaded once."""
    return load_knowledge(PROJECT_KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def lexical(knowledge: Knowledge) -> Matcher:
    """The lexical stage alone (``KODEKS_MATCHER=lexical``): no model loaded."""
    return Matcher(knowledge, semantic=False)


@pytest.fixture(scope="session")
def hybrid(knowledge: Knowledge) -> Matcher:
    """Lexical and semantic stages fused, with the knowledge's embeddings in the checkout's cache.

    Note:
        The cache folder is the default one (the checkout's git-ignored ``.kodeks-cache/``), shared with
        the service and every ``python -m bot`` the suite starts: from a fresh clone the ~2,700 documents
        are embedded once per run, not once per process.
    """
    return Matcher(knowledge)


@pytest.fixture(scope="session")
def codex(knowledge: Knowledge) -> Codex:
    """The codex itself, to check that quoted text is verbatim."""
    return knowledge.codex


@pytest.fixture(params=["hybrid", "lexical"])
def matcher(request: pytest.FixtureRequest) -> Matcher:
    """Each matcher test runs on both modes: ``KODEKS_MATCHER=lexical`` must keep passing too."""
    chosen: Matcher = request.getfixturevalue(request.param)
    return chosen
