"""Teams end to end: dilemmas, the weekly dilemma and the intro, through the real Agents SDK."""

from __future__ import annotations

from bot.config import Settings
from bot.platforms.teams import agent
from bot.render import adaptive_card
from bot.service import Kodeks
from bot.tips.sender import TipSender
from tests import payloads
from tests.fakes.bot_connector import FakeBotConnector
from tests.platforms.server import SUNDAY_NOON
from tests.platforms.test_teams import Server, _answer_to, _buttons
from tests.platforms.test_teams import server as server  # and Kodeks with Teams in anonymous mode


async def test_a_dilemma_card_has_a_button_per_virtue_and_a_press_shows_the_codex(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """`dilemma` in a chat gets a case card with seven virtue buttons; pressing one quotes the bullets."""
    shown = await _answer_to(server, connector, payloads.teams_message("dilemma neutralitet", connector.url))
    buttons = _buttons(shown.card)
    virtues = {title: data for title, data in buttons.items() if data["verb"] == adaptive_card.VERB_COMMAND}

    assert "Hvilken dyd er på spil?" in shown.shown and "Et dilemma til drøftelse" in shown.shown
    assert list(virtues)[:7] == [virtue.name for virtue in bot.codex.virtues]
    press = payloads.teams_click(virtues["Neutralitet"], connector.url, "reply-1")
    answered = await _answer_to(server, connector, press)

    case_id = virtues["Neutralitet"]["command"].split()[2]
    (case,) = [case for case in bot.replies.dilemmas if case.id == case_id]
    assert "neutralitet" in case.virtues and "Ja, Neutralitet er på spil i casen." in answered.shown
    assert "Det siger kodeks" in answered.shown and "Spørgsmål til drøftelse" in answered.shown
    for bullet in case.bullets:
        assert f"»{bot.codex.bullet(bullet).text}«" in answered.shown


async def test_the_intro_card_walks_forward_with_next(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """`intro` quotes the foreword; its "Næste" button shows the first virtue's step."""
    first = await _answer_to(server, connector, payloads.teams_message("intro", connector.url))
    step_two = await _answer_to(
        server, connector, payloads.teams_click(_buttons(first.card)["Næste"], connector.url, "reply-1")
    )

    assert "Hvad er kodeks til?" in first.shown
    assert bot.codex.virtues[0].promise in step_two.shown and "trin 2 af 9" in step_two.shown


async def test_dilemma_til_in_a_channel_brings_the_weekly_dilemma_on_monday_once(
    server: Server, connector: FakeBotConnector, bot: Kodeks
) -> None:
    """`@Kodeks dilemma til` confirms; the sender posts one case there on Monday and none again."""
    confirmation = await _answer_to(
        server, connector, payloads.teams_channel_message("dilemma til", connector.url)
    )
    poster = agent.create_teams(bot, server.store, Settings().teams, lambda: SUNDAY_NOON).poster
    sender = TipSender(
        bot.schedule, bot.store, {"teams": poster}, bot.replies.rotation_tip, bot.replies.rotation_dilemma
    )
    monday = bot.schedule.next_weekly_moment(SUNDAY_NOON)

    first = await sender.send_due(monday)
    again = await sender.send_due(monday)

    post = (await connector.wait_for_posts(2))[1]
    assert "hver uge" in confirmation.shown
    assert first.sent == [f"teams:{payloads.TEAMS_CHANNEL} (dilemma)"] and again.taken == first.sent
    assert post.conversation_id == payloads.TEAMS_CHANNEL and "Ugens dilemma" in post.shown
