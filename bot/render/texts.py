"""Every Danish sentence the bot shows, in one place so the wording is reviewed together.

Codex text never lives here: it comes from ``knowledge/``. These are the bot's own words around it,
and where they name the organisation or its codex, the name is a parameter: another organisation's
knowledge folder changes every sentence that mentions it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.core.answer import (
    DilemmasOnlyInChannels,
    DilemmasSwitched,
    NoDilemmas,
    NoticeData,
    TipsOnlyInChannels,
    TipsSwitched,
)

BOT_NAME = "Kodeks"
TEAMS_COMMAND_HELP = "Hvad Kodeks kan, de syv dyder og hvem du kan gå til"
TEAMS_COMMAND_TIP = "Et tip fra kodeks"
SLACK_COMMAND_DESCRIPTION = "Spørg om kodeks, eller vis en dyd"
SLACK_COMMAND_HINT = "[spørgsmål | neutralitet | tip | dilemma | intro | hjælp]"

QUOTE_HEADING = "Det siger kodeks"
VIRTUE_BULLETS_HEADING = "Det betyder:"
IN_DOUBT_HEADING = "Hvis du er i tvivl"
CONTACT_HEADING = "Mere viden eller hjælp?"
SUGGESTIONS_HEADING = "Se også"
DID_YOU_MEAN_HEADING = "Mente du måske"
VIRTUES_HEADING = "De syv dyder"
SHOW_VIRTUE_BUTTON = "Vis hele dyden"
SHARE_BUTTON = "Del i kanalen"
FEEDBACK_UP, FEEDBACK_DOWN = "👍 Hjælpsomt", "👎 Ikke hjælpsomt"
FEEDBACK_THANKS = "Tak for din tilbagemelding."
FEEDBACK_ALREADY_COUNTED = "Tak – der er allerede givet en tilbagemelding på dette svar."
CLOSE_BUTTON = "Luk"

HELP_HOW = (
    "Skriv dit spørgsmål med dine egne ord, fx »må jeg give partipolitisk rådgivning?«. "
    "Skriv navnet på en dyd (fx »neutralitet«) for at se hele dyden, »tip« for et tip, "
    "»dilemma« for en case til drøftelse, »intro« for en introduktion til kodeks "
    "eller »hjælp« for at se denne besked igen."
)
TIP_HEADING = "Dagens tip fra kodeks"
WELCOME_TITLE = "Velkommen til Kodeks"
TEAMS_MENTION_HINT = "Her svarer jeg, når du nævner mig: skriv @Kodeks efterfulgt af dit spørgsmål."
INVITE_APP_HINT = (
    "Jeg kan ikke skrive i denne kanal, fordi jeg ikke er medlem af den. "
    "Invitér mig med /invite @Kodeks, og prøv igen."
)
SHARED_BY = "<@{user}> delte dette svar fra Kodeks"
TIPS_ON = (
    "Denne kanal får nu et tip fra kodeks hver arbejdsdag kl. {at}. Det første kommer {when}. "
    "Slå det fra igen med »tip fra«."
)
TIPS_ALREADY_ON = "Denne kanal får allerede et tip fra kodeks hver arbejdsdag. Det næste kommer {when}."
TIPS_OFF = "Denne kanal får ikke længere dagens tip fra kodeks. Slå det til igen med »tip til«."
TIPS_ALREADY_OFF = "Denne kanal får ikke dagens tip fra kodeks. Slå det til med »tip til«."
TIPS_ONLY_IN_CHANNELS = (
    "Her kan Kodeks ikke sende dagens tip. Det slås til i en kanal, som Kodeks er med i: skriv "
    "»@Kodeks tip til« i kanalen. Skriv »tip« for at se et tip nu."
)
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
UNKNOWN_VIRTUE = "Jeg kender ikke en dyd ved navn »{name}«. De syv dyder er: {names}."


def bullet_label(virtue_name: str, number: int) -> str:
    """How a quoted bullet is cited: "Neutralitet, punkt 2"."""
    return f"{virtue_name}, punkt {number}"


def teams_command_virtue(promise: str) -> str:
    """The description of a virtue in Teams' command menu: its promise."""
    return f"Vis hele dyden: {promise}"


def tip_invitation(virtue_name: str, command: str) -> str:
    """The line under a tip that invites people to read the whole virtue.

    Note:
        The same words go to Slack, to Teams and into the plain-text fallback of both, so they name
        no platform and no platform's command: the button and writing to Kodeks work everywhere.
    """
    return f"Læs hele dyden {virtue_name}: tryk »{SHOW_VIRTUE_BUTTON}«, eller skriv »{command}« til Kodeks."


PRIVACY_TITLE = "Kodeks og dine oplysninger"


def privacy_sections(organisation: str, codex_owner: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The privacy page (``/privacy``): what Kodeks keeps, what it never keeps, and whom to ask.

    Each section is a heading and its paragraphs; ``bot.render.privacy`` turns them into HTML.
    """
    return (
        (
            "Hvad er Kodeks?",
            (
                f"Kodeks er {organisation}s chatbot, der svarer på spørgsmål om kodeks for rådgivning og "
                "bistand med kodeksets egne ord, på Slack og i Microsoft Teams.",
            ),
        ),
        (
            "Det gemmer Kodeks",
            (
                "Tilbagemeldinger (👍/👎) som anonyme optællinger pr. dag, dyd og punkt i kodeks – "
                "uden hvem der stemte, og uden spørgsmålet.",
                "Kanaler, der har slået dagens tip til: platform, kanalens id og hvor langt kanalen er "
                "i rækken af tip – ikke hvem der slog det til.",
                "I Teams: hvordan Kodeks kan skrive til en samtale senere (en samtalereference), uden "
                "personen, der skrev.",
                "På Slack: id'et på de hændelser, Kodeks har besvaret, i en time, så et spørgsmål, som "
                "Slack sender igen, kun besvares én gang. Indholdet gemmes ikke.",
            ),
        ),
        (
            "Det gemmer Kodeks aldrig",
            (
                "Dine spørgsmål, dit navn eller dit bruger-id. Spørgsmål besvares og glemmes; de skrives "
                "heller ikke i driftsloggen.",
            ),
        ),
        (
            "Spørgsmål",
            (f"Spørg {codex_owner}, der har ansvaret for kodeks og for Kodeks.",),
        ),
    )


def source_line(title: str, version: str) -> str:
    """The context line naming the codex and its version."""
    return f"Kilde: {title} ({version})"


def contact_line(name: str, email: str, phone: str, url: str) -> str:
    """One contact on one line, for plain text."""
    return f"{name} · {email} · tlf. {phone} · {url}"


def confidence_note(confidence: float) -> str:
    """A hint shown under a weak match, so nobody takes a guess for the codex's verdict."""
    return f"Jeg er ikke helt sikker på, at det er det, du spørger om (sikkerhed {confidence:.0%})."


def clock(at: time) -> str:
    """A time of day the Danish way: "9.00"."""
    return f"{at.hour}.{at.minute:02d}"


def when(moment: datetime, now: datetime) -> str:
    """A coming moment in words, relative to ``now`` in the same timezone: "i morgen kl. 9.00"."""
    day, today = moment.date(), now.date()
    if day == today:
        name = "i dag"
    elif day == today + timedelta(days=1):
        name = "i morgen"
    else:
        name = f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]}"
    return f"{name} kl. {clock(moment.timetz())}"


def help_intro(codex_title: str) -> str:
    """The first lines of help: what Kodeks is."""
    return (
        f"Jeg er Kodeks. Jeg svarer på spørgsmål om {codex_title} – med kodeksets egne ord, "
        "og altid med hvem du kan gå til."
    )


def no_match_intro(codex_title: str) -> str:
    """Why a question gets no codex answer."""
    return f"Det spørgsmål kan jeg desværre ikke svare på ud fra kodeks. Jeg kender kun til {codex_title}."


def error_apology(codex_owner: str) -> str:
    """The apology when something failed on our side; names whom to call if it is urgent."""
    return (
        f"Beklager, der gik noget galt hos mig. Prøv igen om lidt – eller kontakt {codex_owner}, "
        "hvis det haster."
    )


def app_long_description(codex_title: str) -> str:
    """The Slack app directory's long description."""
    return (
        f"Kodeks svarer på spørgsmål om {codex_title}. Spørg med dine egne ord – fx »må jeg give "
        "partipolitisk rådgivning?« – og få svaret med kodeksets egne ord: den dyd og de punkter, der "
        "passer, og altid hvem du kan gå til, hvis du er i tvivl. Skriv /kodeks efterfulgt af et spørgsmål "
        "eller navnet på en dyd, fx /kodeks neutralitet. Kanaler kan abonnere på et dagligt tip med "
        "/kodeks tip til."
    )


def teams_full_name(app_description: str) -> str:
    """The Teams app's full name (at most 100 characters)."""
    return f"Kodeks – {app_description}"[:100]


def teams_long_description(codex_title: str) -> str:
    """The Teams app's long description."""
    return (
        f"Kodeks svarer på spørgsmål om {codex_title}. Spørg med dine egne ord – fx »må jeg give "
        "partipolitisk rådgivning?« – og få svaret med kodeksets egne ord: den dyd og de punkter, der "
        "passer, og altid hvem du kan gå til, hvis du er i tvivl. Skriv til Kodeks i en chat, eller nævn "
        "@Kodeks i en kanal. Skriv navnet på en dyd, fx »neutralitet«, for at se hele dyden, eller »tip« "
        "for et tip fra kodeks."
    )


def notice(data: NoticeData) -> str:
    """The bot's sentence for a notice."""
    match data:
        case TipsSwitched(on=True, changed=True, next_at=next_at, now=now, at=at):
            return TIPS_ON.format(when=when(next_at, now), at=clock(at))
        case TipsSwitched(on=True, next_at=next_at, now=now):
            return TIPS_ALREADY_ON.format(when=when(next_at, now))
        case TipsSwitched(changed=True):
            return TIPS_OFF
        case TipsSwitched():
            return TIPS_ALREADY_OFF
        case TipsOnlyInChannels():
            return TIPS_ONLY_IN_CHANNELS
        case DilemmasSwitched(on=True, changed=True, next_at=next_at, now=now):
            return DILEMMAS_ON.format(when=when(next_at, now))
        case DilemmasSwitched(on=True, next_at=next_at, now=now):
            return DILEMMAS_ALREADY_ON.format(when=when(next_at, now))
        case DilemmasSwitched(changed=True):
            return DILEMMAS_OFF
        case DilemmasSwitched():
            return DILEMMAS_ALREADY_OFF
        case DilemmasOnlyInChannels():
            return DILEMMAS_ONLY_IN_CHANNELS
        case NoDilemmas():
            return NO_DILEMMAS


# --- Dilemmas and the introduction for new staff ---

DILEMMA_LABEL = "Et dilemma til drøftelse"
DILEMMA_NO_VERDICT = (
    "Casen er skrevet til drøftelse, fx på et afdelingsmøde. Kodeks giver ikke svaret: "
    "det finder I sammen, med kodeks' egne ord som udgangspunkt."
)
DILEMMA_CHOOSE_HEADING = "Hvilken dyd er på spil?"
DILEMMA_DISCUSSION_HEADING = "Spørgsmål til drøftelse"
DILEMMA_ANOTHER_BUTTON = "Et andet dilemma"
WEEKLY_DILEMMA_HEADING = "Ugens dilemma"
DILEMMAS_ON = (
    "Denne kanal får nu et dilemma til drøftelse hver uge, på ugens første arbejdsdag. "
    "Det første kommer {when}. Slå det fra igen med »dilemma fra«."
)
DILEMMAS_ALREADY_ON = "Denne kanal får allerede ugens dilemma. Det næste kommer {when}."
DILEMMAS_OFF = "Denne kanal får ikke længere ugens dilemma. Slå det til igen med »dilemma til«."
DILEMMAS_ALREADY_OFF = "Denne kanal får ikke ugens dilemma. Slå det til med »dilemma til«."
DILEMMAS_ONLY_IN_CHANNELS = (
    "Ugens dilemma slås til i en kanal på Slack eller Teams: skriv »/kodeks dilemma til« i kanalen på "
    "Slack, eller »dilemma til« til Kodeks i Teams. Skriv »dilemma« for at se et dilemma nu."
)
NO_DILEMMAS = "Der er ingen dilemmaer i Kodeks endnu."
INTRO_BUTTON = "Introduktion til kodeks"
DILEMMA_BUTTON = "Et dilemma til drøftelse"
INTRO_TITLE = "Introduktion til kodeks"
INTRO_PURPOSE_HEADING = "Hvad er kodeks til?"
INTRO_WHOM_TITLE = "Hvem kan du gå til?"
INTRO_TRY_HEADING = "Hvilken dyd er på spil her?"
INTRO_NEXT, INTRO_PREVIOUS = "Næste", "Forrige"


def dilemma_verdict(chosen: str, hit: bool, at_stake: list[str]) -> str:
    """What the case's authors name as at stake, relative to the virtue a person chose.

    The sentence reports the case's own annotation ("i casen"), never a judgement by the bot.
    """
    if hit:
        others = [name for name in at_stake if name != chosen]
        also = f" Det er også: {_listed(others)}." if others else ""
        return f"Ja, {chosen} er på spil i casen.{also}"
    return f"Casen handler ikke først og fremmest om {chosen}. På spil er: {_listed(at_stake)}."


def _listed(names: list[str]) -> str:
    """Names the Danish way, each in »«: »A«, »B« og »C« (a topic's name may itself end in "?")."""
    quoted = [f"»{name}«" for name in names]
    return " og ".join(quoted) if len(quoted) < 3 else f"{', '.join(quoted[:-1])} og {quoted[-1]}"


def dilemma_choose_hint(command: str) -> str:
    """Plain text cannot press buttons: how to choose a virtue by typing."""
    return f"Skriv »{command} DYD«, fx »{command} neutralitet«."


def intro_progress(number: int, total: int) -> str:
    """Where in the introduction a step is."""
    return f"{INTRO_TITLE} · trin {number} af {total}"


def intro_try(title: str) -> str:
    """The button that opens the case of an intro step."""
    return f"Prøv casen: {title}"


OVERVIEW_PURPOSE_HEADING = "Det handler kodeks om"
OVERVIEW_VIRTUES_HEADING = "De syv dyder og deres løfter"
FOREWORD_CITATION = "Kodeks, forordet"
SMALL_TALK_OPENINGS = {
    "greeting": "Hej! Jeg er Kodeks.",
    "thanks": "Selv tak – spørg bare igen, når du er i tvivl.",
    "goodbye": "Farvel, og god dag. Du kan altid skrive til mig igen.",
    "test": "Jeg er her, og jeg virker.",
}


def small_talk(kind: str, codex_title: str) -> str:
    """A friendly reply to small talk that also says what Kodeks is for."""
    opening = SMALL_TALK_OPENINGS.get(kind, "Jeg er Kodeks.")
    return f"{opening} Jeg svarer på spørgsmål om {codex_title} – med kodeksets egne ord."


def intro_label(virtue_name: str) -> str:
    """How a quoted passage of a virtue's introduction is cited: "Neutralitet, indledningen"."""
    return f"{virtue_name}, indledningen"


# --- Asking the codex owners ("Spørg Regionssekretariatet") ---

ASK_FORM_TITLE = "Send et spørgsmål"  # Slack allows 24 characters in a modal's title
ASK_QUESTION_LABEL = "Dit spørgsmål"
ASK_REMINDER = (
    "Skriv ikke navne på borgere eller kolleger – og heller ikke andet, der kan pege på bestemte personer."
)
ASK_WHO_LABEL = "Hvordan vil du spørge?"
ASK_ANONYMOUS = "Anonymt – jeg får ikke et svar"
ASK_SEND, ASK_CANCEL = "Send", "Annullér"
ASK_EMPTY = "Skriv dit spørgsmål, før du sender."
ASK_NAMED_ONLY_IN_CHAT = (
    "Her kan du kun spørge anonymt. Vil du have et svar, så skriv dit spørgsmål til Kodeks i en chat."
)
ASK_NOT_SENT = "Dit spørgsmål kunne ikke sendes. Prøv igen om lidt."
REVIEW_ANSWER_BUTTON, REVIEW_SEND_ANSWER = "Besvar", "Send svar"
REVIEW_DONE_BUTTON, REVIEW_CLOSE_BUTTON = "Markér som besvaret", "Luk"
REVIEW_ANSWER_TITLE = "Besvar spørgsmålet"  # a Slack modal title, at most 24 characters
REVIEW_ANSWER_LABEL = "Dit svar"
REVIEW_ANSWER_PLACEHOLDER = "Skriv svaret her. Det sendes til den, der spurgte."
REVIEW_QUESTION_GONE = "Spørgsmålet findes ikke længere (det er slettet efter opbevaringstiden)."
REVIEW_FROM, REVIEW_KODEKS, REVIEW_ASKED, REVIEW_STATE = "Fra", "Kodeks svarede", "Stillet", "Status"
REVIEW_ANONYMOUS = "anonym – svaret kan ikke sendes til spørgeren"
REVIEW_NAMED = "en medarbejder, der vil have svar (svaret sendes i vedkommendes chat med Kodeks)"
REVIEW_NO_ANSWER = "kunne ikke svare"
REVIEW_STATE_OPEN = "ny"
REVIEW_UPDATE_FAILED = "Kortet kunne ikke opdateres; her er spørgsmålets nye status."


def ask_owner_button(owner: str) -> str:
    """The button that sends a question to the codex owners: "Spørg Regionssekretariatet"."""
    return f"Spørg {owner}"


def ask_named(owner: str) -> str:
    """The choice to ask with one's name, so the owners can answer."""
    return f"Med mit navn, så {owner} kan svare mig"


def ask_form_intro(owner: str, has_channel: bool) -> str:
    """What happens to the question; says so when the owners have no channel where it is posted."""
    if has_channel:
        return f"Dit spørgsmål sendes til {owner}. Du kan rette det, før du sender det."
    return (
        f"{owner} har ikke en kanal til spørgsmål fra Kodeks endnu, så dit spørgsmål gemmes i Kodeks' "
        f"liste over spørgsmål, som {owner} gennemgår. Du kan rette det, før du sender det."
    )


def ask_sent(owner: str, has_channel: bool, named: bool) -> str:
    """The confirmation after sending."""
    where = "sendt til" if has_channel else "gemt til"
    reply = " Du får svaret her i Kodeks." if named else " Det er sendt anonymt, så du får ikke et svar."
    return f"Tak. Dit spørgsmål er {where} {owner}.{reply}"


def review_title(owner: str) -> str:
    """The heading of a question's card in the owners' channel."""
    return f"Spørgsmål til {owner}"


def review_state(state: str, by: str) -> str:
    """A question's state on its card: "ny", "besvaret af …", "lukket af …"."""
    return {"answered": f"besvaret af {by}", "closed": f"lukket af {by}"}.get(state, REVIEW_STATE_OPEN)


def owner_answer_heading(owner: str) -> str:
    """Above the answer sent to the person who asked."""
    return f"Svar fra {owner} på dit spørgsmål"


def date_and_time(moment: datetime) -> str:
    """A moment written out: "søndag den 22. november kl. 13.00" (in the moment's own timezone)."""
    day = moment.date()
    return f"{WEEKDAYS[day.weekday()]} den {day.day}. {MONTHS[day.month - 1]} kl. {clock(moment.timetz())}"
