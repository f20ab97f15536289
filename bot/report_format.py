"""The owners' usage report as JSON data, Markdown or CSV: one conversion for the CLI and the console.

``report --format json`` and ``GET /admin/report.json`` both print ``report_to_dict``, so the shape in
interfaces.md is kept in one place. The totals are derived from the weekly counts (see ``Report``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from bot.admin import texts
from bot.admin.backend import FeedbackCount, QuestionState, Report


def iso_week(day: date) -> str:
    """ISO week label such as ``2026-W45`` (the week of 2026-11-02)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def asked_counts(report: Report) -> dict[str, int]:
    """Questions sent to the secretariat: the total and every state, zero where none."""
    by_state = {state.value: report.asked.get(state, 0) for state in QuestionState}
    return {"total": sum(by_state.values()), **by_state}


def feedback_totals(feedback: Iterable[FeedbackCount]) -> dict[str, int]:
    """All 👍 and 👎 votes of the period."""
    counts = list(feedback)
    return {"up": sum(c.up for c in counts), "down": sum(c.down for c in counts)}


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report in the JSON shape of interfaces.md, plus the weekly and per-bullet series."""
    return {
        "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "questions": {"answered": report.answered, "not_answered": report.not_answered},
        "by_topic": dict(report.by_topic),
        "by_platform": dict(report.by_platform),
        "feedback": feedback_totals(report.feedback),
        "asked": asked_counts(report),
        "tips_sent": report.tips_sent,
        "dilemmas_sent": report.dilemmas_sent,
        "subscribed_channels": dict(report.subscribed_channels),
        "by_kind": dict(report.by_kind),
        "weeks": [
            {
                "week": iso_week(week.week_start),
                "start": week.week_start.isoformat(),
                "answered": week.answered,
                "not_answered": week.not_answered,
            }
            for week in report.weeks
        ],
        "feedback_by_bullet": [
            {"topic": c.topic, "bullet": c.bullet, "up": c.up, "down": c.down} for c in report.feedback
        ],
    }


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines if len(lines) > 2 else [texts.REPORT_NONE]


def report_to_markdown(report: Report) -> str:
    """The report as a Markdown document with Danish headings, for e-mail or a wiki page."""
    t = texts
    asked = asked_counts(report)
    asked_rows = [(t.STATE_LABELS[s], asked[s.value]) for s in QuestionState]
    feedback = feedback_totals(report.feedback)
    sections: list[tuple[str, list[str]]] = [
        (
            t.REPORT_QUESTIONS,
            _table(
                ["", t.REPORT_COLUMN_COUNT],
                [(t.REPORT_ANSWERED, report.answered), (t.REPORT_NOT_ANSWERED, report.not_answered)],
            ),
        ),
        (
            t.REPORT_WEEKS,
            _table(
                [t.REPORT_COLUMN_WEEK, t.REPORT_ANSWERED, t.REPORT_NOT_ANSWERED],
                [(iso_week(w.week_start), w.answered, w.not_answered) for w in report.weeks],
            ),
        ),
        (t.REPORT_BY_TOPIC, _table([t.REPORT_COLUMN_TOPIC, t.REPORT_COLUMN_COUNT], report.by_topic.items())),
        (
            t.REPORT_BY_PLATFORM,
            _table(["", t.REPORT_COLUMN_COUNT], report.by_platform.items()),
        ),
        (
            t.REPORT_FEEDBACK,
            _table([t.REPORT_COLUMN_UP, t.REPORT_COLUMN_DOWN], [(feedback["up"], feedback["down"])]),
        ),
        (
            t.REPORT_FEEDBACK_BY_BULLET,
            _table(
                [t.REPORT_COLUMN_BULLET, t.REPORT_COLUMN_UP, t.REPORT_COLUMN_DOWN],
                [(c.bullet or f"{c.topic} ({t.REPORT_WHOLE_ANSWER})", c.up, c.down) for c in report.feedback],
            ),
        ),
        (
            t.REPORT_ASKED,
            _table(
                ["", t.REPORT_COLUMN_COUNT],
                [*asked_rows, (t.REPORT_TOTAL, asked["total"])],
            ),
        ),
        (
            t.REPORT_SENT,
            _table(
                ["", t.REPORT_COLUMN_COUNT],
                [(t.REPORT_TIPS_SENT, report.tips_sent), (t.REPORT_DILEMMAS_SENT, report.dilemmas_sent)],
            ),
        ),
        (t.REPORT_SUBSCRIBED, _table(["", t.REPORT_COLUMN_COUNT], report.subscribed_channels.items())),
    ]
    title = t.REPORT_TITLE.format(first=report.first.isoformat(), last=report.last.isoformat())
    body = [f"# {title}"] + [f"## {heading}\n\n" + "\n".join(lines) for heading, lines in sections]
    return "\n\n".join(body) + "\n"


def report_to_csv(report: Report) -> str:
    """The report as ``section,key,value`` rows: one number per row, easy to pivot in a spreadsheet."""
    data = report_to_dict(report)
    rows: list[tuple[str, str, object]] = [("period", "from", data["from"]), ("period", "to", data["to"])]
    for section in ("questions", "by_topic", "by_platform", "feedback", "asked", "subscribed_channels"):
        rows += [(section, key, value) for key, value in data[section].items()]
    rows += [("sent", "tips", report.tips_sent), ("sent", "dilemmas", report.dilemmas_sent)]
    for week in data["weeks"]:
        rows += [("week_answered", week["week"], week["answered"])]
        rows += [("week_not_answered", week["week"], week["not_answered"])]
    for count in report.feedback:
        key = count.bullet or count.topic
        rows += [("feedback_up", key, count.up), ("feedback_down", key, count.down)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("section", "key", "value"))
    writer.writerows(rows)
    return out.getvalue()
