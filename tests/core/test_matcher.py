"""The matcher finds the virtue staff mean, however they type it, and abstains where the codex is silent."""

from __future__ import annotations

import pytest

from bot.core.matcher import Match, Matcher, NoMatch
from bot.evaluation import evaluate, load_questions
from tests.conftest import DATA


def _topic(matcher: Matcher, question: str) -> str | None:
    result = matcher.match(question)
    return result.topic if isinstance(result, Match) else None


@pytest.mark.parametrize(
    ("question", "topic", "bullet"),
    [
        ("må jeg give partipolitisk rådgivning?", "neutralitet", "neutralitet.2"),
        (
            "en regionspolitiker vil have hjælp til sin valgtale, kan jeg skrive den?",
            "neutralitet",
            "neutralitet.2",
        ),
        ("min svoger byder på en opgave i min afdeling", "neutralitet", "neutralitet.1"),
        ("hvad må jeg fortælle min familie om en fortrolig sag", "neutralitet", "neutralitet.4"),
        (
            "regionsrådet vil have noget der måske er ulovligt, hvilke muligheder har de",
            "lovlighed eskalering",
            "lovlighed.2",
        ),
        ("jeg er i tvivl om det er lovligt", "lovlighed", "lovlighed.5"),
        ("hvordan skriver jeg en indstilling som politikerne forstår", "faglighed", "faglighed.1"),
        ("hvilke konsekvenser har beslutningen", "faglighed", "faglighed.3"),
        ("min chef vil have mig til at pynte på tallene", "sandhed", None),
        ("skal jeg lægge alle informationer frem for udvalget", "sandhed", "sandhed.4"),
        ("hvornår skal politikerne inddrages i en ny plan", "ansvar-og-ledelse", "ansvar-og-ledelse.1"),
        ("bruger vi pengene fornuftigt", "udvikling-og-samarbejde", "udvikling-og-samarbejde.5"),
        ("jeg kom til at sende et forkert notat til udvalget", "aabenhed-om-fejl", None),
        ("journalisterne ringer om vores fejl", "aabenhed-om-fejl", "aabenhed-om-fejl.5"),
        ("hvem kan jeg gå til hvis min leder ikke gør noget", "eskalering", None),
    ],
)
def test_realistic_questions_find_their_virtue_and_bullet(
    matcher: Matcher, question: str, topic: str, bullet: str | None
) -> None:
    """Questions in staff's own words land on the virtue (and bullet) that answers them.

    Where the codex answers a question in two places, both topics are listed and accepted.
    """
    result = matcher.match(question)

    assert isinstance(result, Match), question
    assert result.topic in topic.split()
    if bullet:
        assert bullet in result.bullets[:3]


@pytest.mark.parametrize(
    "question",
    [
        "maa jeg give partipolitisk raadgivning",  # æøå as digraphs
        "ma jeg give partipolitisk radgivning",  # æøå dropped
        "MÅ JEG GIVE PARTIPOLITISK RÅDGIVNING!!!",  # shouting
        "må jeg give partipoltisk rådgivnig",  # typos
        "<at>Kodeks</at> må jeg give partipolitisk rådgivning?",  # a Teams mention
        "can I give party political advice?",  # English
    ],
)
def test_spelling_markup_and_language_do_not_change_the_answer(matcher: Matcher, question: str) -> None:
    """The same question typed without æøå, with typos, in chat markup or in English finds Neutralitet."""
    assert _topic(matcher, question) == "neutralitet"


@pytest.mark.parametrize(
    "question",
    [
        "hvor er kantinen",
        "kan du anbefale en god ledelsesbog",
        "skærmen på min computer har en fejl",
        "hej",
        "asdf qwerty",
        "hvad bliver vejret i morgen",
    ],
)
def test_questions_the_codex_does_not_answer_get_no_match(matcher: Matcher, question: str) -> None:
    """Off-topic questions, small talk and nonsense are not answered from the codex."""
    assert isinstance(matcher.match(question), NoMatch)


def test_a_match_always_names_three_bullets_and_a_confidence(matcher: Matcher) -> None:
    """Even the escalation topic, which has no bullets of its own, comes with three bullet ids."""
    result = matcher.match("hvad gør jeg hvis dyderne krænkes")

    assert isinstance(result, Match) and result.topic == "eskalering"
    assert len(result.bullets) >= 3
    assert 0 < result.confidence <= 1


def test_empty_and_huge_input_is_handled(matcher: Matcher) -> None:
    """An empty message and a 100 000-character paste both get a verdict, not an exception."""
    assert isinstance(matcher.match(""), NoMatch)
    assert isinstance(matcher.match("fejl " * 20_000), Match | NoMatch)


def test_development_set_answer_accuracy_stays_above_95_percent(matcher: Matcher) -> None:
    """The shared development questions (a copy kept in tests/data) are answered right 95 % of the time."""
    score = evaluate(load_questions(DATA / "dev-questions.yaml"), matcher.match)

    assert score.answer_accuracy >= 0.95, score.summary("dev")


def test_our_own_staff_questions_meet_the_acceptance_targets(hybrid: Matcher) -> None:
    """Staff questions (written apart from the matching aids) meet issue 12's targets for unseen questions.

    The 240 questions in ``staff_questions.yaml`` were written without sight of ``knowledge/``. The
    fusion's few constants were chosen with their score in view (with the development and tuning
    sets), so the figures are a slightly optimistic estimate of unseen questions.
    """
    score = evaluate(load_questions(DATA / "staff_questions.yaml"), hybrid.match)

    assert score.questions >= 150
    assert score.answer_accuracy >= 0.93, score.summary("staff")
    assert score.bullet_in_top3 / score.with_bullets >= 0.90, score.summary("staff")
    assert score.abstained_off_topic / score.off_topic >= 0.90, score.summary("staff")
    assert score.false_abstain / score.on_topic <= 0.04, score.summary("staff")


def test_the_held_out_questions_meet_the_targets_for_unseen_questions(hybrid: Matcher) -> None:
    """241 questions nobody tuned on meet issue 12's targets for unseen questions.

    Targets: answer accuracy 0.93, bullet in the top 3 0.90, off-topic not answered 0.90, on-topic
    left unanswered at most 0.04, over long messages, paraphrases, introductions, factual questions,
    small talk and typos.

    ``heldout_questions.yaml`` was written by someone who saw only the final codex and the format,
    never ``knowledge/``'s matching aids or the other sets, and it was never used for tuning: it was
    measured once before and once after the last round of matcher work, and nothing was changed
    because of it. Its figures are the project's honest estimate for questions nobody has seen.
    """
    score = evaluate(load_questions(DATA / "heldout_questions.yaml"), hybrid.match)

    assert score.questions >= 200
    assert score.answer_accuracy >= 0.93, score.summary("held-out")
    assert score.bullet_in_top3 / score.with_bullets >= 0.90, score.summary("held-out")
    assert score.abstained_off_topic / score.off_topic >= 0.90, score.summary("held-out")
    assert score.false_abstain / score.on_topic <= 0.04, score.summary("held-out")


def test_the_lexical_stage_alone_still_meets_the_earlier_targets(lexical: Matcher) -> None:
    """``semantic=False`` (no model) answers the development set and the staff questions as before."""
    dev = evaluate(load_questions(DATA / "dev-questions.yaml"), lexical.match)
    staff = evaluate(load_questions(DATA / "staff_questions.yaml"), lexical.match)

    assert dev.answer_accuracy >= 0.95, dev.summary("dev")
    assert staff.answer_accuracy >= 0.90, staff.summary("staff")
    assert staff.bullet_in_top3 / staff.with_bullets >= 0.85, staff.summary("staff")
    assert staff.abstained_off_topic / staff.off_topic >= 0.85, staff.summary("staff")


def test_the_tuning_set_stays_answered(hybrid: Matcher) -> None:
    """The questions written to tune the fusion (long messages, paraphrases, small talk …) stay answered.

    A regression guard, not an estimate: the fusion was tuned on these questions.
    """
    score = evaluate(load_questions(DATA / "tuning_questions.yaml"), hybrid.match)

    assert score.questions >= 150
    assert score.answer_accuracy >= 0.90, score.summary("tuning")
    assert score.abstained_off_topic / score.off_topic >= 0.88, score.summary("tuning")


def test_a_name_is_not_read_as_the_codex_words_inside_it(matcher: Matcher) -> None:
    """A surname such as "Ansvarsgaard" is a person, not "ansvar": asking who it is is not answered."""
    assert isinstance(matcher.match("hvem er Ansvarsgaard"), NoMatch)
    assert isinstance(matcher.match("hvem har ansvaret"), Match)


def test_a_stream_of_new_words_does_not_grow_memory_without_bound(
    lexical: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The typo-repair cache is bounded: a server answering endless new words keeps a flat footprint."""
    monkeypatch.setattr("bot.core.analyze.MAX_CACHED_REPAIRS", 200)

    for number in range(500):
        lexical.match(f"ukendtord{number}x")

    assert len(lexical.analyzer._repairs) <= 200


def test_typos_are_spelt_right_for_the_semantic_stage(lexical: Matcher) -> None:
    """A misspelt word is written as the codex writes it; known words and names are left alone."""
    corrected = lexical.analyzer.corrected
    assert corrected("min ldeer vil skjule noget") == "min leder vil skjule noget"
    assert corrected("skal jeg orientere regionsraadet") == "skal jeg orientere regionsraadet"
    assert corrected("Hej Søren, printeren virker ikke") == "Hej Søren, printeren virker ikke"
