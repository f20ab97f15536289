"""The console's read-only pages: Overblik, Prøv et spørgsmål and Viden. Thin: ask the backend, render."""

from __future__ import annotations

import json

from aiohttp import web

from bot.admin import params, texts
from bot.admin.backend import KnowledgeInfo
from bot.admin.keys import BACKEND
from bot.admin.rendering import render
from bot.core.codex import ESCALATION_TOPIC
from bot.report_format import report_to_dict

OVERVIEW_DAYS = 12 * 7
"""The overview's default period: twelve weeks show a trend in the weekly chart; a month would not."""
MAX_PREVIEW_CHARS = 1000
"""Longer than any chat message worth previewing; Slack cuts slash commands far shorter."""


def topic_names(info: KnowledgeInfo) -> dict[str, str]:
    """Virtue id (and "eskalering") → the name people read, for charts and lists."""
    names = {topic.id: topic.name for topic in info.topics}
    return {**names, ESCALATION_TOPIC: texts.ESCALATION_SHORT}


async def overview(request: web.Request) -> web.StreamResponse:
    """Overblik: the period's numbers, and charts of them drawn in the browser from a JSON data block."""
    backend = request.app[BACKEND]
    first, last = params.period(request.query, backend.today(), OVERVIEW_DAYS)
    report = await backend.report(first, last)
    data = report_to_dict(report)
    data["topic_names"] = topic_names(await backend.knowledge_info())
    return await render(request, "overview.html", report=report, data=data, first=first, last=last)


async def try_question(request: web.Request) -> web.StreamResponse:
    """Prøv et spørgsmål: the matcher's verdict and the reply as Teams, Slack and the chat show it.

    Note:
        A GET form, so a preview can be bookmarked and sent to a colleague; it changes nothing, records
        nothing, and ``Referrer-Policy: no-referrer`` keeps the question out of other sites' logs.
    """
    backend = request.app[BACKEND]
    question = params.text(request.query.get("q", ""), MAX_PREVIEW_CHARS)
    preview = backend.preview(question) if question else None
    names = topic_names(await backend.knowledge_info())
    slack_json = json.dumps(list(preview.slack_blocks), ensure_ascii=False, indent=2) if preview else ""
    return await render(
        request, "try.html", question=question, preview=preview, names=names, slack_json=slack_json
    )


async def knowledge(request: web.Request) -> web.StreamResponse:
    """Viden: what the server loaded, and whether the folder on disk would load now."""
    info = await request.app[BACKEND].knowledge_info()
    return await render(request, "knowledge.html", info=info)
