"""Dilemmas: the shipped cases cover the codex, every mistake names its line, the weekly rotation is fair."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from bot.config import PROJECT_KNOWLEDGE_DIR
from bot.core.codex import ESCALATION_TOPIC, Codex
from bot.core.dilemmas import (
    DILEMMAS_FILE,
    Dilemma,
    dilemmas_with,
    load_dilemmas,
    read_dilemmas,
    weekly_order,
)
from bot.core.knowledge import load_knowledge
from bot.core.yaml_reader import FileReader
from bot.errors import KnowledgeError, KnowledgeProblem

SHIPPED = PROJECT_KNOWLEDGE_DIR / DILEMMAS_FILE

GOOD_CASE = """\
  - id: {id}
    title: En titel
    situation: >-
      Første sætning. Anden sætning. Tredje sætning.
    question: Hvad gør du?
    virtues: [neutralitet, sandhed]
    bullets: [neutralitet.2, sandhed.1]
    discussion:
      - Første spørgsmål?
      - Andet spørgsmål?
"""


@pytest.fixture(scope="module")
def codex() -> Codex:
    """The project's codex, loaded once for the module."""
    return load_knowledge(PROJECT_KNOWLEDGE_DIR).codex


@pytest.fixture(scope="module")
def shipped(codex: Codex) -> tuple[Dilemma, ...]:
    """The project's own dilemmas."""
    return read_dilemmas(SHIPPED, codex)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / DILEMMAS_FILE
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _cases(*ids: str) -> str:
    return "dilemmas:\n" + "".join(GOOD_CASE.format(id=case_id) for case_id in ids)


def _problems(path: Path, codex: Codex | None) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        read_dilemmas(path, codex)
    return [str(problem) for problem in caught.value.problems]


def _line_of(path: Path, fragment: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line]
    return lines[occurrence - 1]


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?][\"”»]?(?:\s|$)", text))


def _dilemma(case_id: str, *virtues: str) -> Dilemma:
    return Dilemma(case_id, "t", "s", "q", virtues, (f"{virtues[0]}.1",), ("a?", "b?"))


# The shipped cases


def test_shipped_dilemmas_load_with_at_least_16_cases(shipped: tuple[Dilemma, ...]) -> None:
    """The project's dilemmas.yaml is valid and holds enough cases for a season of department meetings."""
    assert len(shipped) >= 16
    assert len({d.id for d in shipped}) == len(shipped)


def test_every_virtue_and_escalation_is_at_stake_in_at_least_two_cases(
    codex: Codex, shipped: tuple[Dilemma, ...]
) -> None:
    """Each of the seven virtues, and what to do when they are broken, can be discussed twice over."""
    at_stake = Counter(topic for d in shipped for topic in d.virtues)
    main = Counter(d.topic for d in shipped)

    for topic in codex.topic_ids:
        assert at_stake[topic] >= 2, topic
        assert main[topic] >= 2, topic
    assert ESCALATION_TOPIC in codex.topic_ids


def test_every_cited_bullet_exists_and_belongs_to_a_listed_virtue(
    codex: Codex, shipped: tuple[Dilemma, ...]
) -> None:
    """The bot can quote every bullet a case cites, under a virtue the case is about."""
    for dilemma in shipped:
        assert dilemma.bullets, dilemma.id
        for bullet_id in dilemma.bullets:
            assert codex.bullet(bullet_id).virtue_id in dilemma.virtues, (dilemma.id, bullet_id)


def test_shipped_cases_follow_the_writing_guide(codex: Codex, shipped: tuple[Dilemma, ...]) -> None:
    """A situation has 3-6 sentences, 2-3 discussion questions, and no case quotes a bullet itself."""
    bullet_texts = [bullet.text for bullet in codex.bullets]
    for dilemma in shipped:
        assert 3 <= _sentences(dilemma.situation) <= 6, dilemma.id
        assert 2 <= len(dilemma.discussion) <= 3, dilemma.id
        assert dilemma.question.endswith("?"), dilemma.id
        case_text = " ".join((dilemma.situation, dilemma.question, *dilemma.discussion))
        assert [text for text in bullet_texts if text in case_text] == [], dilemma.id


def test_the_project_folder_offers_its_dilemmas_through_the_folder_entry_point(codex: Codex) -> None:
    """load_dilemmas reads the folder's file and reports nothing for the shipped cases."""
    problems: list[KnowledgeProblem] = []

    dilemmas = load_dilemmas(PROJECT_KNOWLEDGE_DIR, codex, problems)

    assert problems == []
    assert dilemmas == read_dilemmas(SHIPPED, codex)


# An absent or empty file


def test_a_folder_without_the_file_simply_has_no_dilemmas(tmp_path: Path, codex: Codex) -> None:
    """Dilemmas are optional: no file is no dilemmas and no problem."""
    problems: list[KnowledgeProblem] = []

    assert load_dilemmas(tmp_path, codex, problems) == ()
    assert problems == []


@pytest.mark.parametrize("text", ["", "# only a comment\n", "dilemmas:\n", "dilemmas: []\n"])
def test_an_empty_file_means_no_dilemmas(tmp_path: Path, codex: Codex, text: str) -> None:
    """An empty file, a comment only or an empty list all mean: no dilemmas, no problem."""
    _write(tmp_path, text)
    problems: list[KnowledgeProblem] = []

    assert load_dilemmas(tmp_path, codex, problems) == ()
    assert problems == []


def test_a_valid_small_file_gives_frozen_dilemmas_with_their_lines(tmp_path: Path, codex: Codex) -> None:
    """Each case becomes a Dilemma with its texts, ids and the line it starts on."""
    path = _write(tmp_path, _cases("en", "to"))

    first, second = read_dilemmas(path, codex)

    assert first.id == "en" and first.topic == "neutralitet"
    assert first.situation == "Første sætning. Anden sætning. Tredje sætning."
    assert first.bullets == ("neutralitet.2", "sandhed.1")
    assert first.discussion == ("Første spørgsmål?", "Andet spørgsmål?")
    assert (first.line, second.line) == (_line_of(path, "id: en"), _line_of(path, "id: to"))
    with pytest.raises(AttributeError):
        first.id = "x"  # type: ignore[misc]


# Every kind of mistake names its line


def test_a_misspelt_key_is_reported_at_its_line(tmp_path: Path, codex: Codex) -> None:
    """A typo such as 'bulets:' is an unknown key at its line, and the real key is reported missing."""
    path = _write(tmp_path, _cases("en").replace("    bullets:", "    bulets:"))

    problems = _problems(path, codex)

    assert f"{path}:{_line_of(path, 'bulets:')}: unknown key 'bulets' in a dilemma" in problems[0]
    assert f"{path}:{_line_of(path, 'id: en')}: a dilemma is missing 'bullets'" in problems


def test_missing_and_empty_texts_and_numbers_are_all_reported(tmp_path: Path, codex: Codex) -> None:
    """An empty question, a number as title and a missing situation are listed together, each at its line."""
    first = GOOD_CASE.format(id="en").replace("question: Hvad gør du?", "question: ''")
    first = first.replace("    situation: >-\n      Første sætning. Anden sætning. Tredje sætning.\n", "")
    second = GOOD_CASE.format(id="to").replace("title: En titel", "title: 42")
    path = _write(tmp_path, "dilemmas:\n" + first + second)

    problems = _problems(path, codex)

    empty = _line_of(path, "question: ''")
    assert f"{path}:{_line_of(path, 'id: en')}: a dilemma is missing 'situation'" in problems
    assert f"{path}:{empty}: question of 'en' must not be empty" in problems
    assert (
        f"{path}:{_line_of(path, 'title: 42')}: title of 'to' must be text, not '42' (quote it)" in problems
    )
    assert len(problems) == 3


def test_duplicate_ids_and_malformed_ids_are_errors(tmp_path: Path, codex: Codex) -> None:
    """Two cases with one id cannot both be meant, and an id with æ/ø/å or capitals is rejected."""
    path = _write(tmp_path, _cases("en", "to", "en", "Åben-Sag"))

    problems = _problems(path, codex)

    first, second = _line_of(path, "id: en"), _line_of(path, "id: en", occurrence=2)
    assert f"{path}:{second}: duplicate dilemma id 'en' (first at line {first})" in problems
    assert any(p.startswith(f"{path}:{_line_of(path, 'Åben-Sag')}: dilemma id 'Åben-Sag'") for p in problems)


def test_unknown_virtues_and_bullets_are_named_with_a_hint(tmp_path: Path, codex: Codex) -> None:
    """A misspelt virtue, a bullet number the virtue lacks and a malformed bullet id are each reported."""
    text = _cases("en").replace("[neutralitet, sandhed]", "[neutralitt, sandhed]")
    path = _write(tmp_path, text.replace("[neutralitet.2, sandhed.1]", "[sandhed.9, sandhed]"))

    problems = _problems(path, codex)

    virtues, bullets = _line_of(path, "virtues:"), _line_of(path, "bullets:")
    assert (
        f"{path}:{virtues}: unknown virtue 'neutralitt' in virtues of 'en'; did you mean 'neutralitet'?"
    ) in problems
    assert f"{path}:{bullets}: no bullet 9 in 'sandhed' (it has 5 bullets)" in problems
    assert any(
        p.startswith(f"{path}:{bullets}: unknown bullet 'sandhed' (write '<virtue id>.") for p in problems
    )


def test_a_bullet_of_a_virtue_the_case_does_not_list_is_an_error(tmp_path: Path, codex: Codex) -> None:
    """Citing lovlighed.1 in a case about neutralitet and sandhed would show a virtue it is not about."""
    path = _write(
        tmp_path, _cases("en").replace("[neutralitet.2, sandhed.1]", "[neutralitet.2, lovlighed.1]")
    )

    (problem,) = _problems(path, codex)

    assert problem.startswith(
        f"{path}:{_line_of(path, 'bullets:')}: bullet 'lovlighed.1' belongs to 'lovlighed'"
    )
    assert "add 'lovlighed' to virtues" in problem


def test_escalation_is_a_topic_but_has_no_bullets_of_its_own(tmp_path: Path, codex: Codex) -> None:
    """'eskalering' is allowed among the virtues; 'eskalering.1' is explained, not just called unknown."""
    text = _cases("en").replace("[neutralitet, sandhed]", "[eskalering, neutralitet, sandhed]")
    path = _write(tmp_path, text.replace("[neutralitet.2, sandhed.1]", "[eskalering.1, sandhed.1]"))

    (problem,) = _problems(path, codex)

    assert problem.startswith(f"{path}:{_line_of(path, 'bullets:')}: unknown bullet 'eskalering.1'")
    assert "cite the bullets of the virtues at stake" in problem


def test_fewer_than_two_discussion_questions_is_an_error(tmp_path: Path, codex: Codex) -> None:
    """One discussion question is not a discussion; the problem points at the start of the list."""
    path = _write(tmp_path, _cases("en").replace("      - Andet spørgsmål?\n", ""))

    problems = _problems(path, codex)

    line = _line_of(path, "- Første spørgsmål?")
    assert problems == [f"{path}:{line}: discussion of 'en' needs at least 2 questions (it has 1)"]


def test_lists_given_as_text_and_repeats_within_a_list_are_errors(tmp_path: Path, codex: Codex) -> None:
    """'virtues: neutralitet' without brackets is not a list, and a bullet named twice is a slip."""
    text = _cases("en", "to").replace("virtues: [neutralitet, sandhed]", "virtues: neutralitet", 1)
    path = _write(tmp_path, text.replace("[neutralitet.2, sandhed.1]", "[neutralitet.2, neutralitet.2]", 2))

    problems = _problems(path, codex)

    assert f"{path}:{_line_of(path, 'virtues: neutralitet')}: virtues of 'en' must be a list" in problems
    second_bullets = _line_of(path, "bullets:", occurrence=2)
    assert f"{path}:{second_bullets}: bullet 'neutralitet.2' is listed twice in bullets of 'to'" in problems


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path, codex: Codex) -> None:
    """Broken YAML is one problem at the line where the parser gave up, not a traceback."""
    path = _write(tmp_path, _cases("en") + "  - id: [\n")

    (problem,) = _problems(path, codex)

    assert problem.startswith(f"{path}:")
    assert "invalid YAML" in problem


def test_a_wrong_top_level_is_reported(tmp_path: Path, codex: Codex) -> None:
    """A file that forgets 'dilemmas:' and starts with the list is told what it should look like."""
    path = _write(tmp_path, _cases("en").removeprefix("dilemmas:\n"))

    assert _problems(path, codex) == [f"{path}:1: the dilemmas file must be a mapping of keys to values"]


def test_through_a_reader_problems_join_the_shared_list_instead_of_raising(
    tmp_path: Path, codex: Codex
) -> None:
    """Given the folder's FileReader, problems go to its list, so load_knowledge reports all files at once."""
    path = _write(tmp_path, _cases("en").replace("title: En titel", "titel: En titel"))
    problems = [KnowledgeProblem(tmp_path / "codex.yaml", 3, "an earlier problem")]

    assert read_dilemmas(FileReader(path, problems), codex) == ()
    assert len(problems) == 3  # the earlier one, the unknown key, the missing title


def test_without_a_codex_only_the_shape_is_checked(tmp_path: Path) -> None:
    """When the codex itself failed to load, unknown ids are not reported on top of the codex's problems."""
    path = _write(tmp_path, _cases("en").replace("[neutralitet.2, sandhed.1]", "[nothing.7]"))

    (dilemma,) = read_dilemmas(path, None)

    assert dilemma.bullets == ("nothing.7",)


# Choosing and rotating


def test_dilemmas_with_a_virtue_lists_its_own_cases_first(shipped: tuple[Dilemma, ...]) -> None:
    """Asking for sandhed gives the cases about sandhed first, then those where it is also at stake."""
    cases = dilemmas_with(shipped, "sandhed")

    topics = [d.topic == "sandhed" for d in cases]
    assert topics == sorted(topics, reverse=True)
    assert {d.id for d in cases} == {d.id for d in shipped if "sandhed" in d.virtues}
    assert dilemmas_with(shipped, "ukendt") == ()


def test_weekly_order_shows_every_case_once_before_any_repeats(shipped: tuple[Dilemma, ...]) -> None:
    """A round of weekly dilemmas is a permutation of the file's cases, the same every time."""
    order = weekly_order(shipped)

    assert sorted(order) == sorted(d.id for d in shipped)
    assert weekly_order(shipped) == order


def test_consecutive_weeks_have_different_main_topics(shipped: tuple[Dilemma, ...]) -> None:
    """Within a round, no two weeks in a row discuss the same main virtue."""
    topic = {d.id: d.topic for d in shipped}
    order = weekly_order(shipped)

    assert all(topic[a] != topic[b] for a, b in pairwise(order))


def test_weekly_order_spreads_a_dominant_topic_as_far_as_it_can() -> None:
    """Three cases of one virtue and two of another alternate; an empty list gives an empty order."""
    cases = [_dilemma("a1", "sandhed"), _dilemma("a2", "sandhed"), _dilemma("a3", "sandhed")]
    cases += [_dilemma("b1", "lovlighed"), _dilemma("b2", "lovlighed")]

    assert weekly_order(cases) == ("a1", "b1", "a2", "b2", "a3")
    assert weekly_order([*cases, _dilemma("a4", "sandhed")]) == ("a1", "b1", "a2", "b2", "a3", "a4")
    assert weekly_order([]) == ()
