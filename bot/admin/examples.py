"""Turn a question from the review queue into lines for ``knowledge/examples.yaml``.

The matcher learns from example questions per topic and bullet. An owner who sees a question Kodeks
missed copies it as an example; the lines here are indented exactly as the file nests them, so they can
be pasted under the existing ``topics:`` entry (or the topic's ``bullets:`` key) without editing.
"""

from __future__ import annotations

import json


def bullet_number(topic: str, bullet: str) -> int:
    """The number of ``bullet`` ("neutralitet.2" → 2) when it belongs to ``topic``; ValueError otherwise."""
    prefix, _, number = bullet.rpartition(".")
    if prefix != topic or not number.isdigit() or int(number) < 1:
        raise ValueError(f"bullet {bullet!r} is not a bullet of {topic!r}")
    return int(number)


def example_yaml(question: str, topic: str, bullet: str | None) -> str:
    """YAML lines that add ``question`` as an example of ``topic`` (and of ``bullet``, when given).

    Note:
        The question becomes one line (runs of whitespace joined) in a JSON-style double-quoted
        scalar: valid YAML for any text, quotes, colons and ``#`` included, with æ/ø/å kept readable.
    """
    quoted = json.dumps(" ".join(question.split()), ensure_ascii=False)
    if bullet is None:
        return f"  {topic}:\n    examples:\n      - {quoted}\n"
    number = bullet_number(topic, bullet)
    return f"  {topic}:\n    bullets:\n      {number}:\n        - {quoted}\n"
