"""What the semantic stage adds: meaning without the codex's words, long messages, introductions, typos."""

from __future__ import annotations

import pytest

from bot.core.codex import Codex
from bot.core.documents import intro_paragraphs
from bot.core.matcher import Match, Matcher, NoMatch
from bot.core.replies import Replies


def _topic(matcher: Matcher, question: str) -> str | None:
    result = matcher.match(question)
    return result.topic if isinstance(result, Match) else None


@pytest.mark.parametrize(
    ("question", "topics"),
    [
        ("skal vi fortælle politikerne, hvad der sker bagefter, hvis de stemmer ja?", "faglighed sandhed"),
        ("må jeg glatte tallene lidt ud, før de ryger videre til udvalget?", "sandhed"),
        ("vi trækker bare på skuldrene, når patientforeningen brokker sig", "udvikling-og-samarbejde"),
        ("vores afdeling kører sit eget løb uden at snakke med de andre", "ansvar-og-ledelse faglighed"),
    ],
)
def test_a_paraphrase_without_codex_words_finds_its_virtue(
    hybrid: Matcher, question: str, topics: str
) -> None:
    """Questions that share no word with the codex are answered by meaning."""
    assert _topic(hybrid, question) in topics.split()


def test_a_long_message_full_of_names_is_judged_by_its_question(hybrid: Matcher, lexical: Matcher) -> None:
    """A pasted message with names, places and context is answered by the plain question in it."""
    message = (
        "Hej Kodeks. Jeg sidder i Regional Udvikling i Viborg og arbejder sammen med Mette Skovgaard og "
        "Anders Bech om en sag om busruterne mellem Skive, Lemvig og Holstebro. I går ringede Karsten fra "
        "Midttrafik, og bagefter bad vores kontorchef Birgitte om, at jeg hjælper et regionsrådsmedlem med "
        "hans valgtale til partiets møde i Struer. Må jeg give den slags partipolitisk rådgivning?"
    )

    assert _topic(hybrid, message) == "neutralitet"
    assert _topic(lexical, message) == "neutralitet"


@pytest.mark.parametrize(
    "question",
    [
        "hvilken lov regulerer hviletid mellem to vagter?",
        "hvad er fristen for at svare på en anmodning om aktindsigt?",
        "hvordan opretter jeg et samarbejdsrum i SharePoint?",
        "er min ferieansøgning blevet godkendt?",
    ],
)
def test_a_factual_legal_hr_or_it_question_is_not_answered_from_the_codex(
    hybrid: Matcher, question: str
) -> None:
    """Sharing a word with the codex (lov, frist, samarbejde) does not make a factual question the codex's."""
    assert isinstance(hybrid.match(question), NoMatch)


@pytest.mark.parametrize(
    "text",
    ["hej", "tak", "test", "farvel og tak", "kodeks", "hej kodeks", "hvad er kodeks",
     "What is the code of conduct about?", "hvad kan du", "kan du hjælpe mig"],
)  # fmt: skip
def test_small_talk_gets_no_virtue(hybrid: Matcher, lexical: Matcher, text: str) -> None:
    """Greetings, thanks and questions about the bot are not answered with a virtue, in either mode."""
    assert isinstance(hybrid.match(text), NoMatch)
    assert isinstance(lexical.match(text), NoMatch)


def test_two_typos_in_a_short_question_are_still_answered(hybrid: Matcher) -> None:
    """A short question with two typos ("lder", "skjle") about covering up a mistake is answered."""
    result = hybrid.match("min lder vil ha mig til at skjle en fejl")

    assert isinstance(result, Match) and result.topic in ("aabenhed-om-fejl", "eskalering")


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("må jeg skrive et læserbrev om regionens politik i eget navn?", "neutralitet"),
        ("er det nok at sige nej til et ulovligt forslag?", "lovlighed"),
        ("hvordan håndterer vi faglig kritik udefra?", "sandhed"),
    ],
)
def test_a_question_the_introduction_answers_names_the_verbatim_paragraph(
    hybrid: Matcher, codex: Codex, question: str, topic: str
) -> None:
    """When a virtue's introduction answers, the match names that paragraph, word for word, and 3 bullets."""
    result = hybrid.match(question)

    assert isinstance(result, Match) and result.topic == topic
    virtue = codex.virtue(topic)
    assert result.passage in intro_paragraphs(virtue.intro)
    assert "\n" not in result.passage and result.passage in virtue.intro
    assert len(result.bullets) >= 3


def test_every_passage_is_one_verbatim_intro_paragraph(hybrid: Matcher, codex: Codex) -> None:
    """Whatever is asked, a passage is exactly one paragraph of the matched virtue's own introduction."""
    questions = [
        "har jeg ytringsfrihed som ansat",
        "hvorfor skal vi være åbne om vores fejl",
        "hvad betyder det at være oversætter mellem politik og fag",
        "hvem har ansvaret for at mål og strategier bliver forstået",
        "skal vi være dristige og nysgerrige",
    ]
    for question in questions:
        result = hybrid.match(question)
        assert isinstance(result, Match), question
        if result.passage:
            assert result.passage in intro_paragraphs(codex.virtue(result.topic).intro), question


def test_services_share_one_model_and_one_set_of_knowledge_vectors(service: Replies) -> None:
    """A second service in the same process reuses the loaded model and the embedded knowledge."""
    again = Replies(service.knowledge)

    assert service.matcher.semantic is not None and again.matcher.semantic is not None
    assert again.matcher.semantic.embedder is service.matcher.semantic.embedder
    assert again.matcher.semantic._vectors is service.matcher.semantic._vectors
