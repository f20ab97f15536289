"""Answers quote the codex exactly and always say whom to go to."""

from __future__ import annotations

from datetime import date

from bot.core.answer import AnswerKind
from bot.core.replies import Replies
from bot.render import plain

TODAY = date(2026, 11, 24)
"""A Tuesday: the day whose tip ``tip`` shows."""


def test_an_answer_quotes_the_bullet_exactly_with_its_number(service: Replies) -> None:
    """The answer to a party-politics question quotes Neutralitet, punkt 2 word for word."""
    answer = service.ask("må jeg give partipolitisk rådgivning?")
    text = plain.render(answer)

    bullet = service.codex.bullet("neutralitet.2")
    assert answer.kind is AnswerKind.MATCH and answer.bullets[0] == bullet
    assert " ".join(bullet.text.split()) in " ".join(text.split())
    assert "Neutralitet, punkt 2" in text


def test_every_kind_of_answer_shows_the_escalation_path_and_the_contacts(service: Replies) -> None:
    """Matched, escalation, virtue, help, tip and no-match replies all end with whom to go to."""
    for message in (
        "må jeg give partipolitisk rådgivning",
        "hvem kan jeg gå til",
        "sandhed",
        "hjælp",
        "tip",
        "hvor er kantinen",
    ):
        text = plain.render(service.handle(message, TODAY))

        assert "regionssekretariatet@rm.dk" in text, message
        assert "78 41 01 22" in text, message
        assert "nærmeste leder" in " ".join(text.split()), message


def test_no_match_offers_the_seven_virtues(service: Replies) -> None:
    """A question the codex does not answer gets an explanation and the list of virtues."""
    answer = service.ask("hvornår lukker kantinen")
    text = plain.render(answer)

    assert answer.kind is AnswerKind.NO_MATCH
    assert "kan jeg desværre ikke svare på" in text
    assert all(virtue.name in text for virtue in service.codex.virtues)


def test_escalation_answer_quotes_the_whole_path_up_to_forretningsudvalget(service: Replies) -> None:
    """Asking whom to go to shows the leader, the union representative and the chair of the council."""
    text = " ".join(
        plain.render(
            service.ask("en politiker beder mig gøre noget klart ulovligt, hvem går jeg til?")
        ).split()
    )

    for who in ("nærmeste leder", "tillidsrepræsentant", "regionsrådsformanden", "forretningsudvalget"):
        assert who in text


def test_a_virtue_is_shown_in_full_by_name_prefix_or_without_diacritics(service: Replies) -> None:
    """'aabenhed', 'åbenhed om fejl' and 'Åben' all show every bullet of Åbenhed om fejl."""
    for name in ("aabenhed", "åbenhed om fejl", "Åben", "aabenhed-om-fejl"):
        answer = service.handle(name, TODAY)

        assert answer.kind is AnswerKind.VIRTUE, name
        assert answer.virtue is not None and answer.virtue.id == "aabenhed-om-fejl"
        assert len(answer.bullets) == 6


def test_help_words_show_what_the_bot_can_do(service: Replies) -> None:
    """An empty message, 'hjælp', 'hjaelp' and 'help' all give the help reply."""
    for word in ("", "hjælp", "hjaelp", "help"):
        assert service.handle(word, TODAY).kind is AnswerKind.HELP
