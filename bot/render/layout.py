"""The order in which every renderer shows an Answer, as a list of simple sections.

Plain text, Slack blocks and Teams cards differ in markup only; what comes first, what is quoted and
that the escalation path and contacts always close the answer is decided here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answer import Answer, AnswerKind, Topic
from bot.core.codex import ESCALATION_TOPIC, Contact
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
    """The people to contact."""

    contacts: tuple[Contact, ...]


@dataclass(frozen=True, slots=True)
class Choices:
    """Topics to pick from: buttons on Slack and Teams, command words in plain text."""

    heading: str
    topics: tuple[Topic, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """A small context line: the source, a confidence hint."""

    text: str


Section = Title | Heading | Paragraphs | Quote | Steps | Contacts | Choices | Note


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


Button = ShowTopic | Feedback

PHONE_COUNTRY_CODE = "+45"
"""The codex's phone numbers are Danish and written without the country code."""


def tel_uri(phone: str) -> str:
    """A ``tel:`` link that dials from anywhere: "86 13 13 13" becomes ``tel:+4586131313``."""
    return f"tel:{PHONE_COUNTRY_CODE}{phone.replace(' ', '')}"


def paragraphs(text: str) -> tuple[str, ...]:
    """Split codex text into its paragraphs."""
    return tuple(part.strip() for part in text.split("\n") if part.strip())


def sections(answer: Answer) -> list[Section]:
    """Return the sections of an answer in the order every platform shows them."""
    return body(answer) + footer(answer)


def body(answer: Answer) -> list[Section]:
    """What the answer says and the topics offered next; platforms put their answer buttons after it."""
    result = _body(answer)
    if answer.suggestions:
        no_match = answer.kind is AnswerKind.NO_MATCH
        heading = texts.DID_YOU_MEAN_HEADING if no_match else texts.SUGGESTIONS_HEADING
        result.append(Choices(heading, answer.suggestions))
    if answer.virtues:
        result.append(Choices(texts.VIRTUES_HEADING, answer.virtues))
    return result


def footer(answer: Answer) -> list[Section]:
    """Whom to go to and the source: the same closing lines under every answer about the codex."""
    if answer.kind is AnswerKind.NOTICE:
        return []
    return [*_whom_to_go_to(answer), Note(texts.source_line(answer.codex_title, answer.version))]


def answer_buttons(answer: Answer) -> list[Button]:
    """The answer's own buttons, shown after its body: the whole virtue, and 👍/👎 on answered questions.

    Note:
        Help, no-match and virtue answers get no feedback buttons: they answer no question, so a vote
        on them would say nothing about the matcher.
    """
    buttons: list[Button] = []
    if answer.kind in (AnswerKind.MATCH, AnswerKind.TIP) and answer.virtue is not None:
        buttons.append(ShowTopic(texts.SHOW_VIRTUE_BUTTON, answer.virtue.id))
    if answer.kind in (AnswerKind.MATCH, AnswerKind.ESCALATION):
        topic = answer.virtue.id if answer.virtue else ESCALATION_TOPIC
        bullet = answer.bullets[0].id if answer.bullets else ""
        buttons.append(Feedback(texts.FEEDBACK_UP, True, topic, bullet))
        buttons.append(Feedback(texts.FEEDBACK_DOWN, False, topic, bullet))
    return buttons


def _body(answer: Answer) -> list[Section]:
    virtue = answer.virtue
    if answer.kind is AnswerKind.NOTICE:
        return [Paragraphs((answer.notice,))]
    if answer.kind is AnswerKind.HELP:
        return [Title(texts.BOT_NAME), Paragraphs((texts.HELP_INTRO, texts.HELP_HOW))]
    if answer.kind is AnswerKind.NO_MATCH:
        return [Paragraphs((texts.NO_MATCH_INTRO, texts.HELP_HOW))]
    if answer.kind is AnswerKind.ESCALATION:
        body: list[Section] = [Title(answer.escalation.title), Paragraphs(paragraphs(answer.escalation.text))]
        return [*body, Steps(answer.escalation.steps), *_confidence(answer)]
    assert virtue is not None, "match, virtue and tip answers always have a virtue"
    quotes = [Quote(b.text, texts.bullet_label(virtue.name, b.number)) for b in answer.bullets]
    if answer.kind is AnswerKind.VIRTUE:
        return [
            Title(virtue.name, virtue.promise),
            Paragraphs(paragraphs(virtue.intro)),
            Heading(texts.VIRTUE_BULLETS_HEADING),
            *quotes,
        ]
    if answer.kind is AnswerKind.TIP:
        invitation = texts.tip_invitation(virtue.name, virtue.name.lower())
        return [Title(texts.TIP_HEADING, virtue.name), *quotes, Note(invitation)]
    return [Title(virtue.name, virtue.promise), Heading(texts.QUOTE_HEADING), *quotes, *_confidence(answer)]


def _confidence(answer: Answer) -> list[Section]:
    if answer.confidence is not None and answer.confidence < LOW_CONFIDENCE:
        return [Note(texts.confidence_note(answer.confidence))]
    return []


def _whom_to_go_to(answer: Answer) -> list[Section]:
    """The escalation path (unless the answer already is it) and the contacts: in every answer."""
    result: list[Section] = []
    if answer.kind is not AnswerKind.ESCALATION:
        result += [Heading(texts.IN_DOUBT_HEADING), Steps(answer.escalation.steps[:2])]
    result += [Heading(texts.CONTACT_HEADING)]
    if answer.help_text:
        result.append(Paragraphs(paragraphs(answer.help_text)))
    result.append(Contacts(answer.contacts))
    return result
