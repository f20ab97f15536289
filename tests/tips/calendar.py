"""The region's working calendar, as its knowledge folder describes it (organisation.yaml)."""

from __future__ import annotations

from bot.config import PROJECT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from bot.tips.schedule import WorkingDays

REGION_DAYS = WorkingDays.of(load_knowledge(PROJECT_KNOWLEDGE_DIR).organisation)
"""Danish public holidays plus Grundlovsdag, juleaftensdag and nytårsaftensdag."""
