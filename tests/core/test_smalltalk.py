"""Small talk and questions about the bot or the codex are recognised, and never mistaken for questions."""

from __future__ import annotations

import pytest

from bot.core.smalltalk import SmallTalk, classify


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hej", SmallTalk.GREETING),
        ("Godmorgen!", SmallTalk.GREETING),
        ("Hej!", SmallTalk.GREETING),
        ("tak", SmallTalk.THANKS),
        ("mange tak for hjælpen 🙏", SmallTalk.THANKS),
        ("thanks!", SmallTalk.THANKS),
        ("farvel", SmallTalk.GOODBYE),
        ("farvel og tak", SmallTalk.GOODBYE),
        ("test", SmallTalk.TEST),
        ("test 123", SmallTalk.TEST),
        ("hvad kan du", SmallTalk.CAPABILITIES),
        ("kan du hjælpe mig?", SmallTalk.CAPABILITIES),
        ("hjælp mig", SmallTalk.CAPABILITIES),
        ("hvem er du", SmallTalk.CAPABILITIES),
        ("Hej Kodeks, hvad kan du?", SmallTalk.CAPABILITIES),
        ("kodeks", SmallTalk.ABOUT_CODEX),
        ("hej kodeks", SmallTalk.ABOUT_CODEX),
        ("hvad er kodeks", SmallTalk.ABOUT_CODEX),
        ("Hvad er kodekset?", SmallTalk.ABOUT_CODEX),
        ("What is the code of conduct about?", SmallTalk.ABOUT_CODEX),
        ("Hvor mange dyder er der i kodekset?", SmallTalk.ABOUT_CODEX),
        ("hvornår blev kodekset vedtaget", SmallTalk.ABOUT_CODEX),
        ("hvem gaelder kodekset for?", SmallTalk.ABOUT_CODEX),
        ("hvor kan jeg læse kodekset", SmallTalk.ABOUT_CODEX),
        ("er kodekset juridisk bindende?", SmallTalk.ABOUT_CODEX),
    ],
)
def test_small_talk_is_recognised_by_kind(text: str, kind: SmallTalk) -> None:
    """Greetings, thanks, goodbyes, tests and questions about the bot or the codex each get their kind."""
    assert classify(text) is kind


@pytest.mark.parametrize(
    "text",
    [
        "tak, men må jeg give partipolitisk rådgivning?",
        "hej, må jeg give partipolitisk rådgivning",
        "hej kodeks, min chef vil have mig til at pynte på tallene",
        "hvad siger kodeks om fejl",
        "hvad er sandhed",
        "test af en ny behandling, skal politikerne inddrages",
        "hjælp mig, jeg har begået en fejl",
        "tavshedspligt",
        "hvilke dyder gælder, når jeg rådgiver udvalget om en ulovlig plan",
        "hvem skal jeg gå til, hvis dyderne krænkes",
        "",
        "og",
    ],
)
def test_a_question_with_a_friendly_word_is_still_a_question(text: str) -> None:
    """A message is small talk only when every word is: "tak, men må jeg …?" is a question, not thanks."""
    assert classify(text) is None


def test_a_long_friendly_message_is_never_small_talk() -> None:
    """Beyond a dozen words a message carries a question, however it opens and closes."""
    assert classify("hej hej " * 10 + "tak") is None
