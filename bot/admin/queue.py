"""Spørgsmål: the review queue of questions sent to the secretariat — list, read, answer, close.

State changes are POSTs (CSRF-checked by the middleware) that redirect back (post/redirect/get), so a
reload never sends an answer twice.
"""

from __future__ import annotations

from aiohttp import web
from aiohttp_session import get_session

from bot.admin import params, texts
from bot.admin.backend import KnowledgeInfo, QuestionState, QueuedQuestion, UnknownQuestionError
from bot.admin.examples import example_yaml
from bot.admin.keys import BACKEND
from bot.admin.pages import topic_names
from bot.admin.rendering import render, set_notice
from bot.admin.responses import RefusedError, read_form

MAX_ANSWER_CHARS = 10_000


async def _question(request: web.Request) -> QueuedQuestion:
    found = await request.app[BACKEND].question(params.question_id(request))
    if found is None:
        raise RefusedError(404, texts.UNKNOWN_QUESTION)
    return found


def _example_target(info: KnowledgeInfo, choice: str) -> tuple[str, str | None]:
    """``?eksempel=neutralitet`` (the topic) or ``neutralitet.2`` (a bullet) → (topic, bullet)."""
    for topic in info.topics:
        if choice == topic.id:
            return topic.id, None
        if choice in {bullet.id for bullet in topic.bullets}:
            return topic.id, choice
    raise RefusedError(400, texts.BAD_TOPIC)


async def question_list(request: web.Request) -> web.StreamResponse:
    """The queue, newest first, filtered by ``?tilstand=``."""
    state = params.state(request.query)
    questions = await request.app[BACKEND].questions(state)
    return await render(
        request,
        "questions.html",
        questions=questions,
        state=state,
        states=list(QuestionState),
        state_words=texts.STATE_WORDS,
        state_labels=texts.STATE_LABELS,
    )


async def question_page(request: web.Request) -> web.StreamResponse:
    """One question: its text, the answer form, closing, and "kopiér som eksempel"."""
    question = await _question(request)
    info = await request.app[BACKEND].knowledge_info()
    choice = request.query.get("eksempel", "")
    yaml_lines = example_yaml(question.text, *_example_target(info, choice)) if choice else ""
    return await render(
        request,
        "question.html",
        question=question,
        topics=info.topics,
        names=topic_names(info),
        choice=choice or (question.topic or ""),
        yaml_lines=yaml_lines,
        state_labels=texts.STATE_LABELS,
        open=question.state is QuestionState.OPEN,
    )


async def answer(request: web.Request) -> web.StreamResponse:
    """Save the secretariat's answer typed in the console."""
    question = await _question(request)
    text = params.text((await read_form(request)).get("answer"), MAX_ANSWER_CHARS)
    if not text:
        raise RefusedError(400, texts.ANSWER_EMPTY)
    try:
        await request.app[BACKEND].answer_question(question.id, text, texts.HANDLED_BY)
    except UnknownQuestionError:  # removed between reading and answering
        raise RefusedError(404, texts.UNKNOWN_QUESTION) from None
    set_notice(await get_session(request), texts.ANSWER_SAVED)
    raise web.HTTPSeeOther(f"/admin/questions/{question.id}")


async def close(request: web.Request) -> web.StreamResponse:
    """Close a question that needs no answer."""
    question = await _question(request)
    try:
        await request.app[BACKEND].close_question(question.id, texts.HANDLED_BY)
    except UnknownQuestionError:
        raise RefusedError(404, texts.UNKNOWN_QUESTION) from None
    set_notice(await get_session(request), texts.QUESTION_CLOSED)
    raise web.HTTPSeeOther(f"/admin/questions/{question.id}")
