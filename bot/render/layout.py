"""The order in which every renderer shows an Answer, as a list of simple sections.

Plain text, Slack blocks and Teams cards differ in markup only; what comes first, what is quoted and
that the escalation path and contacts always close the answer is decided here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answer import (
    Answer,
    AnswerKind,
    CodexOverview,
    DilemmaAnswered,
    DilemmaShown,
    EscalationShown,
    HelpShown,
    IntroPurpose,
    IntroStep,
    IntroVirtue,
    IntroWhom,
    Matched,
    NotAnswered,
    Notice,
    SmallTalkReply,
    TipShown,
    Topic,
    VirtueShown,
)
from bot.core.codex import ESCALATION_TOPIC, Bullet, Contact
from bot.core.commands import AnswerDilemma, ShowDilemma, ShowIntro, words_for
from bot.render import texts

LOW_CONFIDENCE = 0.35
"""Below this match confidence the answer says that it is unsure."""


@dataclass(frozen=True, slots=True)
class Title:
    """The answer's headline: a virtue's name and promise, or a heading such as help."""

    text: str
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    """A small heading inside the answer."""

    text: str


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """Running text; codex paragraphs are kept apart."""

    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A bullet quoted from the codex, with its citation ("Neutralitet, punkt 2")."""

    text: str
    citation: str


@dataclass(frozen=True, slots=True)
class Steps:
    """A numbered path: whom to go to, in order."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Contacts:
    """The people to contact; phone links get the organisation's country code."""

    contacts: tuple[Contact, ...]
    country_code: str  # "+45"


@dataclass(frozen=True, slots=True)
class Choices:
    """Topics to pick from: buttons on Slack and Teams, command words in plain text."""

    heading: str
    topics: tuple[Topic, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """A small context line: the source, a confidence hint."""

    text: str


@dataclass(frozen=True, slots=True)
class RunCommand:
    """A button that does what typing its chat words would do ("dilemma svar <case> <virtue>", "intro 3").

    Slack and Teams each have one listener for all of them, which feeds the words back to the service.
    """

    label: str
    command: str


@dataclass(frozen=True, slots=True)
class Commands:
    """Buttons under a heading that run chat commands; plain text shows the words to type."""

    heading: str
    buttons: tuple[RunCommand, ...]
    hint: str = ""  # for plain text: how to type a choice, when listing every command would be long


Section = Title | Heading | Paragraphs | Quote | Steps | Contacts | Choices | Note | Commands


@dataclass(frozen=True, slots=True)
class ShowTopic:
    """A button that shows a topic in full ("Vis hele dyden")."""

    label: str
    topic: str


@dataclass(frozen=True, slots=True)
class Feedback:
    """A 👍 or 👎 button; a vote names the topic and the first quoted bullet, never the person."""

    label: str
    helpful: bool
    topic: str
    bullet: str  # "" when the answer quoted no bullet (the escalation path)
    question: str = ""  # on 👎 only: the words asked, so the thanks can offer to ask the codex owners


@dataclass(frozen=True, slots=True)
class AskOwner:
    """The "Spørg <codex owner>" button: opens a form to send the question to the people who own the codex.

    It carries the words asked and what Kodeks had answered (kind and topic), so the owners see both.
    """

    label: str
    question: str
    kind: str  # the reply's kind: no_match, match, escalation
    topic: str  # the topic answered, "" for none


Button = ShowTopic | Feedback | RunCommand | AskOwner


def tel_uri(phone: str, country_code: str) -> str:
    """A ``tel:`` link that dials from anywhere: "86 13 13 13" with "+45" becomes ``tel:+4586131313``.

    Note:
        The codex writes phone numbers the local way, without the country code; the code comes from
        ``organisation.yaml``. A number that already starts with "+" is kept as it is.
    """
    digits = phone.replace(" ", "")
    return f"tel:{digits}" if digits.startswith("+") else f"tel:{country_code}{digits}"


def paragraphs(text: str) -> tuple[str, ...]:
    """Split codex text into its paragraphs."""
    return tuple(part.strip() for part in text.split("\n") if part.strip())


def sections(answer: Answer) -> list[Section]:
    """Return the sections of an answer in the order every platform shows them."""
    return body(answer) + footer(answer)


def body(answer: Answer) -> list[Section]:
    """What the answer says and the topics offered next; platforms put their answer buttons after it."""
    result = _body(answer)
    match answer.content:
        case Matched(alternatives=topics) | EscalationShown(alternatives=topics) if topics:
            result.append(Choices(texts.SUGGESTIONS_HEADING, topics))
        case NotAnswered(suggestions, virtues):
            if suggestions:
                result.append(Choices(texts.DID_YOU_MEAN_HEADING, suggestions))
            result.append(Choices(texts.VIRTUES_HEADING, virtues))
        case HelpShown(virtues) | SmallTalkReply(virtues=virtues):
            result.append(Choices(texts.VIRTUES_HEADING, virtues))
        case CodexOverview(virtues=virtues):
            topics = tuple(Topic(v.id, v.name, v.name.lower()) for v in virtues)
            result.append(Choices(texts.VIRTUES_HEADING, topics))
        case DilemmaShown(dilemma, choices):
            buttons = tuple(RunCommand(t.name, words_for(AnswerDilemma(dilemma.id, t.id))) for t in choices)
            hint = texts.dilemma_choose_hint(f"dilemma svar {dilemma.id}")
            result.append(Commands(texts.DILEMMA_CHOOSE_HEADING, buttons, hint))
        case IntroStep(page=IntroVirtue(case=case)) if case is not None:
            try_case = RunCommand(texts.intro_try(case.title), words_for(ShowDilemma(case=case.id)))
            result.append(Commands(texts.INTRO_TRY_HEADING, (try_case,)))
    return result


def footer(answer: Answer) -> list[Section]:
    """Whom to go to and the source: the same closing lines under every answer about the codex."""
    match answer.content:
        case Notice() | SmallTalkReply(kind="greeting" | "thanks" | "goodbye" | "test"):
            return []  # the bot's own short words: no codex text to source, nothing to escalate
    source = Note(texts.source_line(answer.context.codex_title, answer.context.version))
    return [*_whom_to_go_to(answer), source]


def answer_buttons(answer: Answer) -> list[Button]:
    """The answer's own buttons, shown after its body: the whole virtue, and 👍/👎 on answered questions.

    Note:
        Help, no-match and virtue answers get no feedback buttons: they answer no question, so a vote
        on them would say nothing about the matcher.
    """
    buttons: list[Button] = []
    match answer.content:
        case Matched(virtue=virtue, bullets=bullets, question=question):
            bullet = bullets[0].id if bullets else ""
            buttons.append(ShowTopic(texts.SHOW_VIRTUE_BUTTON, virtue.id))
            buttons += _votes(virtue.id, bullet, question)
        case TipShown(virtue=virtue):
            buttons.append(ShowTopic(texts.SHOW_VIRTUE_BUTTON, virtue.id))
        case EscalationShown(confidence=confidence, question=question) if confidence is not None:
            buttons += _votes(ESCALATION_TOPIC, "", question)
        case HelpShown():
            buttons.append(RunCommand(texts.INTRO_BUTTON, words_for(ShowIntro())))
            buttons.append(RunCommand(texts.DILEMMA_BUTTON, words_for(ShowDilemma())))
        case DilemmaAnswered():
            buttons.append(RunCommand(texts.DILEMMA_ANOTHER_BUTTON, words_for(ShowDilemma())))
        case IntroStep(number=number, total=total):
            if number > 1:
                buttons.append(RunCommand(texts.INTRO_PREVIOUS, words_for(ShowIntro(number - 1))))
            if number < total:
                buttons.append(RunCommand(texts.INTRO_NEXT, words_for(ShowIntro(number + 1))))
    buttons += _ask_owner(answer)
    return buttons


def repeat_command(answer: Answer) -> str | None:
    """The chat words that rebuild exactly this answer, where they may differ from what was typed.

    ``dilemma`` alone shows the day's case; sharing it in a channel (or tomorrow) must show the same
    case, so a dilemma is shared by its id. None: the words that were typed will do.
    """
    match answer.content:
        case DilemmaShown(dilemma=dilemma):
            return words_for(ShowDilemma(case=dilemma.id))
        case DilemmaAnswered(dilemma=dilemma, chosen=chosen):
            return words_for(AnswerDilemma(dilemma.id, chosen.id))
        case IntroStep(number=number):
            return words_for(ShowIntro(number))
    return None


def _votes(topic: str, bullet: str, question: str = "") -> list[Button]:
    return [
        Feedback(texts.FEEDBACK_UP, True, topic, bullet),
        Feedback(texts.FEEDBACK_DOWN, False, topic, bullet, question),
    ]


def _ask_owner(answer: Answer) -> list[Button]:
    """Offer "Spørg <codex owner>" under every "kan ikke svare" and every answer given with low confidence.

    Note:
        Only a question typed by a person has words to send; a topic shown by name or button has none,
        so it never gets the button.
    """
    content = answer.content
    confidence = answer.confidence
    unsure = confidence is not None and confidence < LOW_CONFIDENCE
    if not isinstance(content, NotAnswered) and not unsure:
        return []
    question = getattr(content, "question", "")
    owner = answer.context.organisation.codex_owner
    topic = answer.topic or ""
    return [AskOwner(texts.ask_owner_button(owner), question, answer.kind.value, topic)] if question else []


def ask_after_vote(owner: str, helpful: bool, topic: str, question: str) -> AskOwner | None:
    """The button offered with the thanks for a 👎: ask the codex owners the same question instead."""
    if helpful or not question:
        return None
    kind = AnswerKind.ESCALATION if topic == ESCALATION_TOPIC else AnswerKind.MATCH
    return AskOwner(texts.ask_owner_button(owner), question, kind.value, topic)


def _quotes(answer: Answer) -> list[Section]:
    virtue = answer.virtue
    return (
        [Quote(b.text, texts.bullet_label(virtue.name, b.number)) for b in answer.bullets] if virtue else []
    )


def _quote(bullet: Bullet, virtue_name: str) -> Quote:
    return Quote(bullet.text, texts.bullet_label(virtue_name, bullet.number))


def _intro_page(answer: Answer, page: IntroPurpose | IntroVirtue | IntroWhom) -> list[Section]:
    match page:
        case IntroPurpose(foreword):
            return [
                Title(texts.INTRO_TITLE, answer.context.codex_title),
                Heading(texts.INTRO_PURPOSE_HEADING),
                Paragraphs(paragraphs(foreword)),
            ]
        case IntroVirtue(virtue=virtue):
            return [
                Title(virtue.name, virtue.promise),
                Heading(texts.VIRTUE_BULLETS_HEADING),
                *_quotes(answer),
            ]
        case IntroWhom():
            escalation = answer.context.escalation
            return [
                Title(texts.INTRO_WHOM_TITLE),
                Paragraphs(paragraphs(escalation.text)),
                Steps(escalation.steps),
            ]


def _body(answer: Answer) -> list[Section]:
    context = answer.context
    match answer.content:
        case Notice(data):
            return [Paragraphs((texts.notice(data),))]
        case HelpShown():
            return [
                Title(texts.BOT_NAME),
                Paragraphs((texts.help_intro(context.codex_title), texts.HELP_HOW)),
            ]
        case NotAnswered():
            return [Paragraphs((texts.no_match_intro(context.codex_title), texts.HELP_HOW))]
        case EscalationShown(confidence=confidence):
            escalation = context.escalation
            return [
                Title(escalation.title),
                Paragraphs(paragraphs(escalation.text)),
                Steps(escalation.steps),
                *_confidence(confidence),
            ]
        case VirtueShown(virtue):
            return [
                Title(virtue.name, virtue.promise),
                Paragraphs(paragraphs(virtue.intro)),
                Heading(texts.VIRTUE_BULLETS_HEADING),
                *_quotes(answer),
            ]
        case TipShown(virtue=virtue):
            invitation = texts.tip_invitation(virtue.name, virtue.name.lower())
            return [Title(texts.TIP_HEADING, virtue.name), *_quotes(answer), Note(invitation)]
        case DilemmaShown(dilemma=dilemma, weekly=weekly):
            label = (
                f"{texts.WEEKLY_DILEMMA_HEADING} · {texts.DILEMMA_LABEL}" if weekly else texts.DILEMMA_LABEL
            )
            return [
                Title(dilemma.title, label),
                Paragraphs(paragraphs(dilemma.situation)),
                Heading(dilemma.question),
                Note(texts.DILEMMA_NO_VERDICT),
            ]
        case DilemmaAnswered(dilemma, chosen, at_stake, bullets) as answered:
            names = {topic.id: topic.name for topic in at_stake}
            verdict = texts.dilemma_verdict(chosen.name, answered.hit, list(names.values()))
            return [
                Title(dilemma.title, texts.DILEMMA_LABEL),
                Paragraphs((verdict,)),
                Heading(texts.QUOTE_HEADING),
                *(_quote(bullet, names[bullet.virtue_id]) for bullet in bullets),
                Heading(texts.DILEMMA_DISCUSSION_HEADING),
                Steps(dilemma.discussion),
                Note(texts.DILEMMA_NO_VERDICT),
            ]
        case IntroStep(number=number, total=total, page=page):
            return [*_intro_page(answer, page), Note(texts.intro_progress(number, total))]
        case SmallTalkReply(kind=kind):
            return [Paragraphs((texts.small_talk(kind, context.codex_title), texts.HELP_HOW))]
        case CodexOverview(purpose=purpose, virtues=virtues):
            return [
                Title(context.codex_title),
                Heading(texts.OVERVIEW_PURPOSE_HEADING),
                *(Quote(paragraph, texts.FOREWORD_CITATION) for paragraph in purpose),
                Heading(texts.OVERVIEW_VIRTUES_HEADING),
                Steps(tuple(f"{virtue.name}: {virtue.promise}" for virtue in virtues)),
            ]
        case Matched(virtue=virtue, confidence=confidence, passage=passage):
            intro = [Quote(passage, texts.intro_label(virtue.name))] if passage else []
            return [
                Title(virtue.name, virtue.promise),
                Heading(texts.QUOTE_HEADING),
                *intro,
                *_quotes(answer),
                *_confidence(confidence),
            ]
    raise TypeError(f"unknown answer content {answer.content!r}")  # pragma: no cover


def _confidence(confidence: float | None) -> list[Section]:
    if confidence is not None and confidence < LOW_CONFIDENCE:
        return [Note(texts.confidence_note(confidence))]
    return []


def _whom_to_go_to(answer: Answer) -> list[Section]:
    """The escalation path (unless the answer already is it) and the contacts: in every answer."""
    context = answer.context
    result: list[Section] = []
    content = answer.content
    shows_path = isinstance(content, EscalationShown) or (
        isinstance(content, IntroStep) and isinstance(content.page, IntroWhom)
    )
    shows_help = isinstance(content, HelpShown) or shows_path
    if not shows_path:
        result += [Heading(texts.IN_DOUBT_HEADING), Steps(context.escalation.steps[:2])]
    result += [Heading(texts.CONTACT_HEADING)]
    if shows_help:
        result.append(Paragraphs(paragraphs(context.help_text)))
    result.append(Contacts(context.contacts, context.organisation.phone_country_code))
    return result
