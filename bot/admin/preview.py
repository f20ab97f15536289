"""Build a console ``Preview`` from the real matcher verdict and the real renderers.

A backend calls this, so the console shows exactly what Slack, Teams and the local chat would get: the
same Answer and the same three renderers, with nothing recorded (no feedback, no counts).
"""

from __future__ import annotations

from bot.admin.backend import BulletRef, Preview
from bot.core.answer import Answer
from bot.core.codex import Codex
from bot.core.matcher import Match, MatchResult
from bot.render import adaptive_card, plain, slack_blocks


def build_preview(codex: Codex, question: str, result: MatchResult, answer: Answer) -> Preview:
    """Render ``answer``, the reply to ``question`` built from the matcher's ``result`` for it."""
    if isinstance(result, Match):
        topic, confidence, alternatives = result.topic, result.confidence, result.alternatives
        bullets = tuple(BulletRef(b, codex.bullet(b).text) for b in result.bullets)
    else:
        topic, confidence, alternatives, bullets = None, 0.0, result.suggestions, ()
    return Preview(
        question=question,
        topic=topic,
        confidence=confidence,
        bullets=bullets,
        alternatives=alternatives,
        plain_text=plain.render(answer),
        slack_blocks=tuple(slack_blocks.render(answer)),
        adaptive_card=adaptive_card.render(answer),
    )
