"""The report's conversions, the example-question YAML and the login throttle, without a server."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import yaml

from bot.admin.backend import FeedbackCount, QuestionState, Report, WeekCount
from bot.admin.examples import example_yaml
from bot.admin.throttle import LoginThrottle
from bot.report_format import report_to_csv, report_to_dict, report_to_markdown
from tests.admin.conftest import FakeClock

REPORT = Report(
    first=date(2026, 11, 1),
    last=date(2026, 11, 30),
    weeks=(WeekCount(date(2026, 10, 26), 12, 1), WeekCount(date(2026, 11, 2), 400, 36)),
    by_topic={"neutralitet": 88, "eskalering": 21},
    by_platform={"slack": 300, "teams": 149},
    feedback=(FeedbackCount("neutralitet", "neutralitet.2", 50, 8), FeedbackCount("eskalering", None, 1, 1)),
    asked={QuestionState.OPEN: 3, QuestionState.ANSWERED: 8, QuestionState.CLOSED: 1},
    tips_sent=230,
    dilemmas_sent=18,
)


def test_report_json_has_the_shape_of_interfaces_md() -> None:
    """``report --format json`` and /admin/report.json print exactly the documented keys and numbers."""
    data = report_to_dict(REPORT)
    assert data["from"] == "2026-11-01" and data["to"] == "2026-11-30"
    assert data["questions"] == {"answered": 412, "not_answered": 37}
    assert data["by_topic"] == {"neutralitet": 88, "eskalering": 21}
    assert data["by_platform"] == {"slack": 300, "teams": 149}
    assert data["feedback"] == {"up": 51, "down": 9}
    assert data["asked"] == {"total": 12, "open": 3, "answered": 8, "closed": 1}
    assert (data["tips_sent"], data["dilemmas_sent"]) == (230, 18)
    assert data["weeks"][1] == {
        "week": "2026-W45",
        "start": "2026-11-02",
        "answered": 400,
        "not_answered": 36,
    }


def test_a_state_without_questions_counts_zero() -> None:
    """States the backend left out are zero, so the JSON always has all four keys."""
    report = Report(REPORT.first, REPORT.last, (), {}, {}, (), {}, 0, 0)
    assert report_to_dict(report)["asked"] == {"total": 0, "open": 0, "answered": 0, "closed": 0}
    assert "Ingen i perioden." in report_to_markdown(report)


def test_markdown_report_has_danish_headings_and_the_numbers() -> None:
    """The Markdown report names the period and lists every count under a Danish heading."""
    text = report_to_markdown(REPORT)
    assert text.startswith("# Kodeks: brug 2026-11-01 – 2026-11-30")
    assert "| Besvaret ud fra kodekset | 412 |" in text
    assert "| neutralitet.2 | 50 | 8 |" in text
    assert "| eskalering (hele svaret) | 1 | 1 |" in text


def test_csv_report_has_one_number_per_row() -> None:
    """The CSV is section,key,value and holds the same numbers as the JSON."""
    rows = list(csv.reader(io.StringIO(report_to_csv(REPORT))))
    assert rows[0] == ["section", "key", "value"]
    assert ["questions", "answered", "412"] in rows
    assert ["week_not_answered", "2026-W45", "36"] in rows
    assert ["feedback_down", "neutralitet.2", "8"] in rows
    assert all(len(row) == 3 for row in rows)


@pytest.mark.parametrize(
    "question",
    ["må jeg give partipolitisk rådgivning?", 'Han sagde: "nej" # ikke en kommentar', "to\nlinjer"],
)
@pytest.mark.parametrize(("topic", "bullet"), [("neutralitet", None), ("neutralitet", "neutralitet.2")])
def test_example_lines_paste_into_examples_yaml(question: str, topic: str, bullet: str | None) -> None:
    """The copied lines are valid YAML in examples.yaml's nesting, with the question as one line."""
    parsed = yaml.safe_load("topics:\n" + example_yaml(question, topic, bullet))
    entry = parsed["topics"][topic]
    examples = entry["examples"] if bullet is None else entry["bullets"][2]
    assert examples == [" ".join(question.split())]


def test_example_for_another_topics_bullet_is_refused() -> None:
    """A bullet id must belong to the chosen topic."""
    with pytest.raises(ValueError, match=r"sandhed\.2"):
        example_yaml("x", "neutralitet", "sandhed.2")


def test_throttle_locks_out_after_three_wrong_tokens_and_doubles_the_wait() -> None:
    """Three free tries, then 1, 2, 4 … seconds; a success forgets; another client is not affected."""
    clock = FakeClock()
    throttle = LoginThrottle(clock)
    for _ in range(3):
        assert throttle.wait("a") == 0
        throttle.failed("a")
    assert throttle.wait("a") == 0
    throttle.failed("a")
    assert throttle.wait("a") == 1
    throttle.failed("a")
    assert throttle.wait("a") == 2
    assert throttle.wait("b") == 0
    clock.now += 2
    assert throttle.wait("a") == 0
    throttle.succeeded("a")
    throttle.failed("a")
    assert throttle.wait("a") == 0


def test_throttle_forgets_old_failures() -> None:
    """A client that stopped guessing a quarter of an hour ago starts over."""
    clock = FakeClock()
    throttle = LoginThrottle(clock)
    for _ in range(10):
        throttle.failed("a")
    assert throttle.wait("a") > 0
    clock.now += 901
    assert throttle.wait("a") == 0
