"""The bot's own words: each message names only the platform it is shown on (or none)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.core.answer import Answer
from bot.core.replies import Replies
from bot.render import adaptive_card, plain, slack_blocks

TUESDAY = date(2026, 11, 24)


def _answers(service: Replies) -> dict[str, Answer]:
    """A tip, and the notice that tips are switched on in a channel (``tip til`` where there is none)."""
    return {"tip": service.tip(TUESDAY), "tips_only_in_channels": service.handle("tip til", TUESDAY)}


@pytest.mark.parametrize("kind", ["tip", "tips_only_in_channels"])
def test_slack_and_teams_each_see_no_other_platforms_instructions(service: Replies, kind: str) -> None:
    """A Slack tip does not say "i Teams", a Teams tip does not say "/kodeks", and neither names the other."""
    answer = _answers(service)[kind]
    on_slack = json.dumps(slack_blocks.render(answer), ensure_ascii=False) + plain.render(answer)
    in_teams = json.dumps(adaptive_card.render(answer), ensure_ascii=False)

    assert "Teams" not in on_slack
    assert "Slack" not in in_teams and "/kodeks" not in in_teams
