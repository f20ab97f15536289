"""Kodeks: Region Midtjylland's codex for advising the regional council, in Slack, Teams and a terminal."""

__version__ = "0.1.0"
