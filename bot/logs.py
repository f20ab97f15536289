"""Logging for operators: JSON lines in production, readable lines on a terminal, no personal data.

Every record carries the request id and platform of the request it belongs to (from context
variables set by the web middleware and the adapters), so one request's lines can be found together.
People ask about sensitive situations at work: question texts, user names and ids are never logged
unless ``KODEKS_LOG_QUESTIONS=1``, and only the service decides to add a question (see
``Kodeks.log_questions``).
"""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar
from typing import TextIO

from pythonjsonlogger.json import JsonFormatter

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
PLATFORM: ContextVar[str] = ContextVar("platform", default="")

QUIET_LIBRARIES = ("slack_bolt", "slack_sdk", "microsoft_agents", "aiohttp.access", "asyncio")
"""Libraries whose INFO and DEBUG lines can contain payloads (and so questions and user ids)."""

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class RequestContext(logging.Filter):
    """Stamp each record with the current request id and platform."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Add the context; never drops a record."""
        record.request_id = REQUEST_ID.get()
        if not getattr(record, "platform", ""):  # a line may name its platform itself (tips)
            record.platform = PLATFORM.get()
        return True


class ReadableFormatter(logging.Formatter):
    """``12:00:01 INFO answered topic=neutralitet confidence=0.93``: the extras as key=value."""

    def format(self, record: logging.LogRecord) -> str:
        """Time, level, message, then every extra field."""
        extras = " ".join(
            f"{key}={value}" for key, value in vars(record).items() if key not in _STANDARD and value != ""
        )
        line = f"{self.formatTime(record, '%H:%M:%S')} {record.levelname} {record.getMessage()} {extras}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line.rstrip()


def setup_logging(json_lines: bool, stream: TextIO | None = None) -> None:
    """Send every record to ``stream`` (stderr) as JSON lines or readable lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RequestContext())
    formatter: logging.Formatter
    if json_lines:
        formatter = JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s", rename_fields={"levelname": "level"}
        )
    else:
        formatter = ReadableFormatter()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
