"""Kodeks: an organisation's codex of conduct, in Slack, Teams and a terminal."""

__version__ = "0.1.0"
