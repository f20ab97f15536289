"""Every Danish sentence the bot shows, in one place so the wording is reviewed together.

Codex text never lives here: it comes from ``knowledge/``. These are the bot's own words around it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

BOT_NAME = "Kodeks"
APP_SHORT_DESCRIPTION = "Region Midtjyllands kodeks for rådgivning og bistand til regionsrådet"
APP_LONG_DESCRIPTION = (
    "Kodeks svarer på spørgsmål om Region Midtjyllands kodeks for rådgivning og bistand til "
    "regionsrådet. Spørg med dine egne ord – fx »må jeg give partipolitisk rådgivning?« – og få svaret "
    "med kodeksets egne ord: den dyd og de punkter, der passer, og altid hvem du kan gå til, hvis du "
    "er i tvivl. Skriv /kodeks efterfulgt af et spørgsmål eller navnet på en dyd, fx /kodeks "
    "neutralitet. Kanaler kan abonnere på et dagligt tip med /kodeks tip til."
)
TEAMS_FULL_NAME = "Kodeks – Region Midtjyllands kodeks for rådgivning og bistand"
TEAMS_LONG_DESCRIPTION = (
    "Kodeks svarer på spørgsmål om Region Midtjyllands kodeks for rådgivning og bistand til "
    "regionsrådet. Spørg med dine egne ord – fx »må jeg give partipolitisk rådgivning?« – og få svaret "
    "med kodeksets egne ord: den dyd og de punkter, der passer, og altid hvem du kan gå til, hvis du "
    "er i tvivl. Skriv til Kodeks i en chat, eller nævn @Kodeks i en kanal. Skriv navnet på en dyd, "
    "fx »neutralitet«, for at se hele dyden, eller »tip« for et tip fra kodeks."
)
TEAMS_DEVELOPER = "Region Midtjylland"
TEAMS_COMMAND_HELP = "Hvad Kodeks kan, de syv dyder og hvem du kan gå til"
TEAMS_COMMAND_TIP = "Et tip fra kodeks"
SLACK_COMMAND_DESCRIPTION = "Spørg om kodeks, eller vis en dyd"
SLACK_COMMAND_HINT = "[spørgsmål | neutralitet | tip | hjælp]"

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

HELP_INTRO = (
    "Jeg er Kodeks. Jeg svarer på spørgsmål om Region Midtjyllands kodeks for rådgivning og bistand "
    "til regionsrådet – med kodeksets egne ord, og altid med hvem du kan gå til."
)
HELP_HOW = (
    "Skriv dit spørgsmål med dine egne ord, fx »må jeg give partipolitisk rådgivning?«. "
    "Skriv navnet på en dyd (fx »neutralitet«) for at se hele dyden, »tip« for et tip "
    "eller »hjælp« for at se denne besked igen."
)
NO_MATCH_INTRO = (
    "Det spørgsmål kan jeg desværre ikke svare på ud fra kodeks. Jeg kender kun til kodeks for "
    "rådgivning og bistand til regionsrådet."
)
TIP_HEADING = "Dagens tip fra kodeks"
WELCOME_TITLE = "Velkommen til Kodeks"
TEAMS_MENTION_HINT = "Her svarer jeg, når du nævner mig: skriv @Kodeks efterfulgt af dit spørgsmål."
ERROR_APOLOGY = (
    "Beklager, der gik noget galt hos mig. Prøv igen om lidt – eller kontakt Regionssekretariatet, "
    "hvis det haster."
)
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
    "Dagens tip slås til i en kanal på Slack eller Teams: skriv »/kodeks tip til« i kanalen på Slack, "
    "eller »tip til« til Kodeks i Teams. Skriv »tip« for at se et tip nu."
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
    """The line under a tip that invites people to read the whole virtue, on Slack and in Teams."""
    return (
        f"Læs hele dyden {virtue_name}: skriv »/kodeks {command}« på Slack "
        f"eller »{command}« til Kodeks i Teams."
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
