"""Dilemmas on request and the introduction for new staff: grammar, answers and verbatim quotes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.core import discussion
from bot.core.answer import (
    DilemmaAnswered,
    DilemmaShown,
    DilemmasOnlyInChannels,
    IntroPurpose,
    IntroStep,
    IntroVirtue,
    IntroWhom,
    NoDilemmas,
    Notice,
)
from bot.core.commands import (
    AnswerDilemma,
    AskQuestion,
    ShowDilemma,
    ShowIntro,
    SwitchDilemmas,
    words_for,
)
from bot.core.dilemmas import weekly_order
from bot.core.replies import Replies
from bot.render import layout, plain

MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("dilemma", ShowDilemma()),
        ("Dilemma Neutralitet", ShowDilemma(virtue="neutralitet")),
        ("dilemma åbenhed om fejl", ShowDilemma(virtue="aabenhed-om-fejl")),
        ("dilemma kamera-paa-botilbuddet", ShowDilemma(case="kamera-paa-botilbuddet")),
        ("dilemma svar slet-mailen sandhed", AnswerDilemma("slet-mailen", "sandhed")),
        ("dilemma til", SwitchDilemmas(on=True)),
        ("dilemma fra", SwitchDilemmas(on=False)),
        ("intro", ShowIntro()),
        ("introduktion", ShowIntro()),
        ("intro 4", ShowIntro(4)),
        ("dilemma om min chef og et parti", AskQuestion("dilemma om min chef og et parti")),
    ],
)
def test_dilemma_and_intro_words_parse_into_their_commands(
    service: Replies, typed: str, command: object
) -> None:
    """The chat words of issue 14 become typed commands; a longer sentence stays a question."""
    assert service.parse(typed) == command


def test_every_button_command_parses_back_into_the_same_command(service: Replies) -> None:
    """What a button carries (words_for) is read back by the grammar as exactly that command."""
    commands: list[ShowDilemma | AnswerDilemma | ShowIntro] = [ShowDilemma(), ShowIntro(), ShowIntro(5)]
    for case in service.dilemmas:
        commands.append(ShowDilemma(case=case.id))
        commands += [AnswerDilemma(case.id, topic) for topic in service.codex.topic_ids]
    commands += [ShowDilemma(virtue=topic) for topic in service.codex.topic_ids]

    assert [service.parse(words_for(command)) for command in commands] == commands


def test_dilemma_shows_the_situation_and_question_with_a_button_per_virtue(service: Replies) -> None:
    """`dilemma` shows a case labelled for discussion, and asks which of the seven virtues is at stake."""
    answer = service.handle("dilemma", MONDAY)
    assert isinstance(answer.content, DilemmaShown)
    text = plain.render(answer)

    case = answer.content.dilemma
    assert case.situation.split()[0] in text and case.question[:40] in text
    assert "Et dilemma til drøftelse" in text and "Kodeks giver ikke svaret" in text
    assert [topic.id for topic in answer.content.choices] == [v.id for v in service.codex.virtues]
    assert "Det siger kodeks" not in text  # nothing is given away before a virtue is chosen


def test_dilemma_is_the_same_all_day_and_changes_with_the_day(service: Replies) -> None:
    """Everyone asking on one day sees the same case; the next day brings another."""
    cases = {service.handle("dilemma", MONDAY + timedelta(days=n)).content for n in range(3)}
    again = service.handle("dilemma", MONDAY).content

    assert again == service.handle("dilemma", MONDAY).content
    assert len(cases) == 3


@pytest.mark.parametrize("virtue", ["neutralitet", "lovlighed", "aabenhed-om-fejl", "eskalering"])
def test_dilemma_with_a_virtue_picks_a_case_where_that_virtue_is_at_stake(
    service: Replies, virtue: str
) -> None:
    """`dilemma neutralitet` always shows a case that names Neutralitet among its virtues."""
    for offset in range(20):
        answer = service.reply(ShowDilemma(virtue=virtue), MONDAY + timedelta(days=offset))
        assert isinstance(answer.content, DilemmaShown)
        assert virtue in answer.content.dilemma.virtues


def test_every_case_and_choice_quotes_its_bullets_verbatim_from_the_codex(service: Replies) -> None:
    """For every case and every virtue chosen, the quoted bullets are the codex's exact words."""
    for case in service.dilemmas:
        for topic in service.codex.topic_ids:
            answer = service.reply(AnswerDilemma(case.id, topic), MONDAY)
            assert isinstance(answer.content, DilemmaAnswered)
            quotes = [s for s in layout.sections(answer) if isinstance(s, layout.Quote)]
            assert [q.text for q in quotes] == [service.codex.bullet(b).text for b in case.bullets]
            assert answer.content.hit == (topic in case.virtues)


def test_choosing_a_virtue_says_whether_it_is_at_stake_and_names_the_others(service: Replies) -> None:
    """A right choice says "Ja" and names the other virtues; a wrong one names the ones at stake."""
    right, wrong = (
        " ".join(
            plain.render(service.handle(f"dilemma svar festival-i-formandens-by {virtue}", MONDAY)).split()
        )
        for virtue in ("neutralitet", "faglighed")
    )

    assert "Ja, Neutralitet er på spil i casen. Det er også: »Lovlighed«." in right
    assert "ikke først og fremmest om Faglighed. På spil er: »Neutralitet« og »Lovlighed«." in wrong
    for text in (right, wrong):
        assert "Det siger kodeks" in text and "Spørgsmål til drøftelse" in text
        assert "Kodeks giver ikke svaret" in text


def test_an_unknown_case_in_a_button_shows_a_case_instead_of_failing(service: Replies) -> None:
    """A stale button (the owners deleted the case) shows a case to choose from, never an error."""
    assert isinstance(service.handle("dilemma svar slettet-case neutralitet", MONDAY).content, DilemmaShown)
    assert isinstance(service.handle("dilemma slettet-case", MONDAY).content, DilemmaShown)


def test_a_knowledge_folder_without_dilemmas_says_so(service: Replies) -> None:
    """Without dilemmas.yaml, `dilemma` answers with a short notice, not an error."""
    empty = Replies(replace(service.knowledge, dilemmas=()), service.matcher)

    assert empty.handle("dilemma", MONDAY).content == Notice(NoDilemmas())
    assert "ingen dilemmaer" in plain.render(empty.handle("dilemma neutralitet", MONDAY))


def test_dilemma_til_outside_a_channel_explains_where_it_is_switched_on(service: Replies) -> None:
    """In the local chat `dilemma til` explains that weekly dilemmas belong to channels."""
    answer = service.handle("dilemma til", MONDAY)

    assert answer.content == Notice(DilemmasOnlyInChannels())
    assert "/kodeks dilemma til" in plain.render(answer)


def test_the_intro_is_the_foreword_each_virtue_and_whom_to_go_to(service: Replies) -> None:
    """Nine steps: purpose in the foreword's words, the seven virtues with a case, whom to go to."""
    steps = [service.intro(n).content for n in range(1, 10)]
    assert all(isinstance(step, IntroStep) and step.total == 9 for step in steps)
    pages = [step.page for step in steps if isinstance(step, IntroStep)]

    assert pages[0] == IntroPurpose(service.codex.foreword)
    assert [p.virtue.id for p in pages[1:8] if isinstance(p, IntroVirtue)] == [
        v.id for v in service.codex.virtues
    ]
    for page in pages[1:8]:
        assert isinstance(page, IntroVirtue) and page.case is not None
        assert page.virtue.id in page.case.virtues
    assert pages[8] == IntroWhom()


def test_intro_quotes_the_foreword_and_the_bullets_verbatim(service: Replies) -> None:
    """The first step quotes every paragraph of the foreword; a virtue step quotes every bullet."""
    first = plain.render(service.handle("intro", MONDAY))
    sections = layout.sections(service.handle("intro 5", MONDAY))
    virtue = service.codex.virtues[3]

    for paragraph in layout.paragraphs(service.codex.foreword):
        assert " ".join(paragraph.split()) in " ".join(first.split())
    assert [s.text for s in sections if isinstance(s, layout.Quote)] == [b.text for b in virtue.bullets]


def test_intro_buttons_go_forward_and_back_and_stop_at_the_ends(service: Replies) -> None:
    """Step 1 has only "Næste", a middle step both, the last only "Forrige"; the step is in the button."""

    def buttons(step: int) -> dict[str, str]:
        answer = service.intro(step)
        return {b.label: b.command for b in layout.answer_buttons(answer) if isinstance(b, layout.RunCommand)}

    assert buttons(1) == {"Næste": "intro 2"}
    assert buttons(4) == {"Forrige": "intro 3", "Næste": "intro 5"}
    assert buttons(9) == {"Forrige": "intro 8"}
    assert service.handle("intro 42", MONDAY).content == service.intro(9).content


def test_an_intro_virtue_step_offers_a_case_for_that_virtue(service: Replies) -> None:
    """The intro's "Hvilken dyd er på spil her?" opens a case where that step's virtue is at stake."""
    answer = service.intro(2)
    (offer,) = [s for s in layout.sections(answer) if isinstance(s, layout.Commands)]
    case = service.parse(offer.buttons[0].command)

    assert offer.heading == "Hvilken dyd er på spil her?"
    assert isinstance(case, ShowDilemma) and case.case is not None
    shown = service.reply(case, MONDAY).content
    assert isinstance(shown, DilemmaShown) and "lovlighed" in shown.dilemma.virtues


def test_help_offers_the_intro_and_a_dilemma(service: Replies) -> None:
    """The help answer (Slack Home tab, Teams welcome card) has buttons for the intro and a dilemma."""
    commands = [b.command for b in layout.answer_buttons(service.help()) if isinstance(b, layout.RunCommand)]

    assert commands == ["intro", "dilemma"]


def test_the_weekly_rotation_continues_after_the_last_case_when_the_file_changes(service: Replies) -> None:
    """The rotation follows the last case's id; a deleted last case falls back to the stored count."""
    order = weekly_order(service.dilemmas)
    after = discussion.weekly(service.codex, service.dilemmas, 0, order[4])
    assert isinstance(after, DilemmaShown) and after.dilemma.id == order[5] and after.weekly

    fewer = tuple(d for d in service.dilemmas if d.id != order[4])
    fallback = discussion.weekly(service.codex, fewer, 5, order[4])
    assert isinstance(fallback, DilemmaShown) and fallback.dilemma.id == weekly_order(fewer)[5]
    assert "Ugens dilemma" in plain.render(service.answer(after))
