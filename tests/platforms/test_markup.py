"""Each platform removes its own chat markup before the words reach the core."""

from __future__ import annotations

from bot.platforms.slack.markup import strip_markup as strip_slack
from bot.platforms.teams.markup import strip_markup as strip_teams


def test_slack_mentions_are_removed_but_link_labels_stay() -> None:
    """Slack mentions are not words of the question; a link's visible label is."""
    text = strip_slack("<@U123> se <https://intra.example.org|intranettet> <!here> <#C1|kanal> tak &amp; hej")

    assert text.split() == ["se", "intranettet", "kanal", "tak", "&", "hej"]


def test_teams_mentions_and_html_are_removed() -> None:
    """A Teams ``<at>`` mention of someone else and HTML tags are not words of the question."""
    text = strip_teams("<p><at>Mette</at> må jeg&nbsp;give <b>partipolitisk</b> rådgivning?</p>")

    assert text.split() == ["må", "jeg", "give", "partipolitisk", "rådgivning?"]
