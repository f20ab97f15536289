"""The SQL side of what the codex owners read: usage counts and the queue of asked questions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from bot.store import AskedQuestion, QuestionState, UsageCount, UsageKey
from bot.store.migrations import asked_questions, usage_counts
from bot.store.sql_base import SqlBase, aware, utc


class SqlOwners(SqlBase):
    """``UsageStore`` and ``QuestionQueue`` on SQLAlchemy Core."""

    async def add_usage(self, counts: Mapping[UsageKey, int]) -> None:
        """Upsert each (day, platform, kind, topic) row, adding to its count; one transaction."""
        if not counts:
            return
        async with self._engine.begin() as connection:
            for (day, platform, kind, topic), count in counts.items():
                statement = self._insert(usage_counts).values(
                    day=day, platform=platform, kind=kind, topic=topic, count=count
                )
                await connection.execute(
                    statement.on_conflict_do_update(
                        index_elements=["day", "platform", "kind", "topic"],
                        set_={"count": usage_counts.c["count"] + count},
                    )
                )

    async def usage(self, first: date, last: date) -> list[UsageCount]:
        """Counts of the days ``first`` to ``last`` inclusive, oldest first."""
        query = (
            sa.select(usage_counts)
            .where(usage_counts.c.day >= first, usage_counts.c.day <= last)
            .order_by(usage_counts.c.day, usage_counts.c.platform, usage_counts.c.kind, usage_counts.c.topic)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [UsageCount(row.day, row.platform, row.kind, row.topic, row._mapping["count"]) for row in rows]

    async def enqueue(
        self,
        asked_at: datetime,
        platform: str,
        question: str,
        kodeks: tuple[str, str | None],
        asker: Mapping[str, Any] | None,
    ) -> AskedQuestion:
        """Insert a new question in state ``open``; the stored question is returned without re-reading it."""
        asked_utc = utc(asked_at)
        values = {
            "asked_at": asked_utc,
            "platform": platform,
            "question": question,
            "kodeks_kind": kodeks[0],
            "kodeks_topic": kodeks[1],
            "state": QuestionState.OPEN.value,
            "asker": json.dumps(dict(asker)) if asker is not None else None,
        }
        async with self._engine.begin() as connection:
            result = await connection.execute(asked_questions.insert().values(**values))
            (question_id,) = result.inserted_primary_key or (0,)
        return AskedQuestion(
            id=int(question_id),
            asked_at=asked_utc,
            platform=platform,
            question=question,
            kodeks_kind=kodeks[0],
            kodeks_topic=kodeks[1],
            state=QuestionState.OPEN,
            asker=dict(asker) if asker is not None else None,
            card=None,
            handled_by=None,
            answer=None,
            handled_at=None,
        )

    async def attach_card(self, question_id: int, card: Mapping[str, Any]) -> None:
        """Remember where the experts' card of a question is."""
        statement = (
            asked_questions.update()
            .where(asked_questions.c.id == question_id)
            .values(card=json.dumps(dict(card)))
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def questions(self, state: QuestionState | None = None) -> list[AskedQuestion]:
        """The queue, newest first; only one state if given."""
        query = sa.select(asked_questions).order_by(
            asked_questions.c.asked_at.desc(), asked_questions.c.id.desc()
        )
        if state is not None:
            query = query.where(asked_questions.c.state == state.value)
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [_question(row) for row in rows]

    async def question(self, question_id: int) -> AskedQuestion | None:
        """One question, or None."""
        query = sa.select(asked_questions).where(asked_questions.c.id == question_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return _question(row) if row is not None else None

    async def resolve(
        self, question_id: int, state: QuestionState, by: str, answer: str | None, now: datetime
    ) -> AskedQuestion | None:
        """Move a question on (open → answered or closed, answered → closed); None if it cannot move.

        Note:
            The ``WHERE`` on the current state makes two experts pressing at once harmless: only one
            update wins, the other gets None and shows the card as it is.
        """
        allowed = [QuestionState.OPEN.value] + (
            [QuestionState.ANSWERED.value] if state is QuestionState.CLOSED else []
        )
        values: dict[str, Any] = {"state": state.value, "handled_by": by[:100], "handled_at": utc(now)}
        if answer is not None:
            values["answer"] = answer
        statement = (
            asked_questions.update()
            .where(asked_questions.c.id == question_id, asked_questions.c.state.in_(allowed))
            .values(**values)
        )
        async with self._engine.begin() as connection:
            changed = (await connection.execute(statement)).rowcount == 1
        return await self.question(question_id) if changed else None

    async def forget_before(self, cutoff: datetime) -> int:
        """Delete questions asked before ``cutoff``."""
        statement = asked_questions.delete().where(asked_questions.c.asked_at < utc(cutoff))
        async with self._engine.begin() as connection:
            return int((await connection.execute(statement)).rowcount)


def _question(row: sa.Row[Any]) -> AskedQuestion:
    return AskedQuestion(
        id=row.id,
        asked_at=aware(row.asked_at),
        platform=row.platform,
        question=row.question,
        kodeks_kind=row.kodeks_kind,
        kodeks_topic=row.kodeks_topic,
        state=QuestionState(row.state),
        asker=json.loads(row.asker) if row.asker else None,
        card=json.loads(row.card) if row.card else None,
        handled_by=row.handled_by,
        answer=row.answer,
        handled_at=aware(row.handled_at) if row.handled_at else None,
    )
