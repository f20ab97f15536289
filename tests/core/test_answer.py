"""Answers quote the codex exactly and always say whom to go to."""

from __future__ import annotations

from datetime import date

import pytest

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


@pytest.mark.parametrize("said", ["hej", "tak", "farvel og tak", "test", "hvad kan du", "kan du hjælpe mig"])
def test_small_talk_gets_a_friendly_reply_never_a_virtue_or_kan_ikke_svare(
    service: Replies, said: str
) -> None:
    """Greetings, thanks, goodbyes, "test" and "hvad kan du" get what Kodeks can do, not a codex answer."""
    answer = service.handle(said, TODAY)
    text = plain.render(answer)

    assert answer.kind is AnswerKind.SMALL_TALK and answer.virtue is None
    assert "kan desværre ikke svare" not in text and "Skriv dit spørgsmål" in text


@pytest.mark.parametrize(
    "said", ["kodeks", "hej kodeks", "hvad er kodeks", "What is the code of conduct about?"]
)
def test_questions_about_the_codex_get_its_purpose_quoted_and_the_seven_virtues(
    service: Replies, said: str
) -> None:
    """Questions about the codex quote the foreword's statement of purpose verbatim and list the virtues."""
    answer = service.handle(said, TODAY)
    text = plain.render(answer)

    assert answer.kind is AnswerKind.OVERVIEW
    purpose = [p for p in service.codex.foreword.split("\n") if "Formålet med kodeks" in p]
    assert purpose and purpose[0].strip() in text
    assert all(virtue.name in text for virtue in service.codex.virtues)


def test_an_introduction_passage_is_quoted_verbatim_with_its_virtue(service: Replies) -> None:
    """A question the introduction answers quotes that passage word for word, cited as the introduction."""
    answer = service.handle("må jeg skrive et læserbrev om regionens politik i mit eget navn?", TODAY)
    text = plain.render(answer)

    assert answer.virtue is not None and answer.virtue.id == "neutralitet"
    assert "ukrænkelig ret til at ytre os" in text and "Neutralitet, indledningen" in text
    passage = next(line for line in text.splitlines() if "ukrænkelig" in line).strip(" •»«")
    assert passage in answer.virtue.intro
