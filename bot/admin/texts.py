"""Every Danish sentence the owners' console and the usage report produce from Python.

Page wording lives in the templates; what code says (errors, notices, labels, report headings) is here,
so the console's Danish is reviewed in two places only.
"""

from __future__ import annotations

from bot.admin.backend import QuestionState

HANDLED_BY = "konsollen"
"""Who answered or closed a question through the console, as the queue records it."""

STATE_WORDS = {QuestionState.OPEN: "ny", QuestionState.ANSWERED: "besvaret", QuestionState.CLOSED: "lukket"}
"""The state filter as owners read it in the address bar (``?tilstand=ny``)."""
STATE_LABELS = {QuestionState.OPEN: "Ny", QuestionState.ANSWERED: "Besvaret", QuestionState.CLOSED: "Lukket"}
PLATFORM_LABELS = {"slack": "Slack", "teams": "Teams", "console": "Lokal chat"}
SUBSCRIPTION_LABELS = {"tips": "Dagens tip", "dilemmas": "Ugens dilemma"}
ESCALATION_SHORT = "Når dyderne krænkes"
"""The escalation topic in charts and lists: its codex title is a whole question, too long for a label."""

COUNT_VIRTUES = "Dyder"
COUNT_BULLETS = "Punkter"
COUNT_STEPS = "Trin ved krænkelse"
COUNT_CONTACTS = "Kontakter"
COUNT_SYNONYMS = "Synonymgrupper"
COUNT_EXAMPLES = "Eksempelspørgsmål"
COUNT_OFFTOPIC = "Eksempler uden for kodekset"


def check_ok(virtues: int, bullets: int) -> str:
    """The Viden page's line when the knowledge folder on disk validates."""
    return f"Mappen er i orden: {virtues} dyder og {bullets} punkter kan indlæses."


# Errors a person can cause: each becomes a clean 4xx, never a 5xx.
BAD_DATE = "Ugyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-01."
DATES_REVERSED = "Startdatoen ligger efter slutdatoen."
PERIOD_TOO_LONG = "Perioden er for lang: højst {days} dage ad gangen."
UNKNOWN_QUESTION = "Spørgsmålet findes ikke."
BAD_FORM = "Formularen kunne ikke læses."
BAD_STATE = "Ukendt tilstand. Vælg ny, besvaret eller lukket."
BAD_TOPIC = "Ukendt dyd eller punkt."
ANSWER_EMPTY = "Skriv et svar, før du gemmer."
TEXT_TOO_LONG = "Teksten er for lang: højst {limit} tegn."
CSRF_FAILED = "Formularen er udløbet eller kom ikke fra konsollen. Indlæs siden igen, og prøv en gang til."
NOT_SIGNED_IN = "Du skal logge ind med konsollens adgangsnøgle."
WRONG_TOKEN = "Forkert adgangsnøgle."
NOT_FOUND = "Siden findes ikke."
METHOD_NOT_ALLOWED = "Den handling er ikke mulig her."
INTERNAL_ERROR = "Der skete en fejl i Kodeks. Prøv igen om lidt; fejlen er logget."


def locked(seconds: int) -> str:
    """Sign-in refused for a while after several wrong tokens."""
    return f"For mange forkerte forsøg. Vent {seconds} sekunder, og prøv igen."


# Notices after a form was handled (shown once, on the next page).
ANSWER_SAVED = "Svaret er gemt, og spørgsmålet er markeret som besvaret."
QUESTION_CLOSED = "Spørgsmålet er lukket."
SIGNED_OUT = "Du er logget ud."

# The usage report (`report --format md`, and the headings of the console's tables).
REPORT_TITLE = "Kodeks: brug {first} – {last}"
REPORT_QUESTIONS = "Spørgsmål"
REPORT_ANSWERED = "Besvaret ud fra kodekset"
REPORT_NOT_ANSWERED = "Ikke besvaret"
REPORT_BY_TOPIC = "Svar pr. dyd"
REPORT_BY_PLATFORM = "Spørgsmål pr. platform"
REPORT_FEEDBACK = "Feedback"
REPORT_FEEDBACK_BY_BULLET = "Feedback pr. punkt"
REPORT_WEEKS = "Pr. uge"
REPORT_ASKED = "Spørgsmål sendt til sekretariatet"
REPORT_SENT = "Udsendt"
REPORT_TIPS_SENT = "Dagens tip sendt"
REPORT_DILEMMAS_SENT = "Dilemmaer sendt"
REPORT_SUBSCRIBED = "Abonnerende kanaler"
REPORT_TOTAL = "I alt"
REPORT_WHOLE_ANSWER = "hele svaret"
REPORT_NONE = "Ingen i perioden."
REPORT_COLUMN_COUNT = "antal"
REPORT_COLUMN_WEEK = "uge"
REPORT_COLUMN_TOPIC = "dyd"
REPORT_COLUMN_BULLET = "punkt"
REPORT_COLUMN_UP = "👍"
REPORT_COLUMN_DOWN = "👎"
