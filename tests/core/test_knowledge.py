"""The knowledge folder: the codex quoted verbatim, and every kind of mistake reported by file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import PROJECT_KNOWLEDGE_DIR
from bot.core.knowledge import load_knowledge
from bot.errors import KnowledgeError
from tests.conftest import DATA


def _squash(text: str) -> str:
    return " ".join(text.split())


def _final_codex_text() -> str:
    """The final codex as printed, with the PDF extraction's known damage repaired (seeds README)."""
    text = (DATA / "codex-source.txt").read_text(encoding="utf-8")
    text = re.sub(r"(dispensations|fokusgruppe)\s*\n\s*(muligheder|interviews)", r"\1\2", text)
    return _squash(text.replace("sektorer  både", "sektorer – både").replace("●●", ""))


def test_project_knowledge_loads_with_seven_virtues_and_38_bullets() -> None:
    """The shipped knowledge folder is valid and holds the whole final codex."""
    codex = load_knowledge(PROJECT_KNOWLEDGE_DIR).codex

    assert [v.id for v in codex.virtues] == [
        "lovlighed", "faglighed", "sandhed", "neutralitet",
        "ansvar-og-ledelse", "udvikling-og-samarbejde", "aabenhed-om-fejl",
    ]  # fmt: skip
    assert [len(v.bullets) for v in codex.virtues] == [5, 5, 5, 5, 4, 8, 6]
    assert codex.contacts[0].email == "regionssekretariatet@rm.dk"
    assert codex.contacts[0].phone == "78 41 01 22"


def test_every_codex_text_is_quoted_verbatim_from_the_final_codex() -> None:
    """Promises, introductions, bullets and the escalation path are the final codex's own words."""
    codex = load_knowledge(PROJECT_KNOWLEDGE_DIR).codex
    source = _final_codex_text()
    texts = [codex.escalation.title, *codex.escalation.steps]
    texts += [
        p for part in (codex.foreword, codex.escalation.text, codex.help.text) for p in part.split("\n")
    ]
    for virtue in codex.virtues:
        texts += [virtue.promise, *virtue.intro.split("\n"), *(b.text for b in virtue.bullets)]

    missing = [text for text in texts if _squash(text) not in source]

    assert missing == []


def test_no_bullet_is_quoted_from_the_2016_draft() -> None:
    """The draft's wording, which the final codex changed, never reaches the knowledge folder."""
    draft_only = "Giv ikke partipolitisk rådgivning og deltag ikke i politiske aktiviteter i din arbejdstid"
    codex_text = (PROJECT_KNOWLEDGE_DIR / "codex.yaml").read_text(encoding="utf-8")

    assert draft_only not in _squash(codex_text)  # the final codex has a comma after "rådgivning"


def _problems(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(directory)
    return [str(problem) for problem in caught.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def test_a_misspelt_key_is_reported_with_file_and_line(knowledge_copy: Path) -> None:
    """A typo such as 'bulets:' is an error at its line, never a silently missing list."""
    codex = knowledge_copy / "codex.yaml"
    _edit(codex, "    bullets:\n      - Skriv og tal", "    bulets:\n      - Skriv og tal")

    problems = _problems(knowledge_copy)

    line = _line_of(codex, "bulets:")
    assert f"{codex}:{line}: unknown key 'bulets' in a virtue" in problems[0]
    assert any("missing 'bullets'" in problem for problem in problems)


def test_a_yaml_syntax_error_names_its_line(knowledge_copy: Path) -> None:
    """Broken indentation is reported at the line where YAML gave up, without a traceback."""
    codex = knowledge_copy / "codex.yaml"
    _edit(codex, "    promise: Vi skal tale sandt.", "    promise: Vi skal tale sandt.\n  broken: [")

    (problem,) = _problems(knowledge_copy)

    assert problem.startswith(f"{codex}:")
    assert "invalid YAML" in problem


def test_an_unclosed_quote_is_reported_where_it_opens(knowledge_copy: Path) -> None:
    """A quote that is never closed is reported at the line it opens, not at the end of the file."""
    codex = knowledge_copy / "codex.yaml"
    _edit(codex, "    promise: Vi skal tale sandt.", '    promise: "Vi skal tale sandt.')

    (problem,) = _problems(knowledge_copy)

    opened = _line_of(codex, 'promise: "Vi skal tale sandt.')
    assert problem.startswith(f"{codex}:{opened}: invalid YAML")
    assert "quoted scalar" in problem


def test_empty_and_wrongly_typed_fields_are_all_reported_together(knowledge_copy: Path) -> None:
    """An empty promise and a number where text belongs are both listed, each with its line."""
    codex = knowledge_copy / "codex.yaml"
    _edit(codex, "    promise: Vi skal tale sandt.", "    promise: ''")
    _edit(codex, "    name: Faglighed", "    name: 42")

    problems = _problems(knowledge_copy)

    empty_line = _line_of(codex, "promise: ''")
    assert f"{codex}:{empty_line}: promise must not be empty" in problems
    assert f"{codex}:{_line_of(codex, 'name: 42')}: virtue name must be text, not '42' (quote it)" in problems


def test_a_missing_field_names_the_virtue_it_belongs_to(knowledge_copy: Path) -> None:
    """A virtue without a promise is reported at the start of that virtue."""
    codex = knowledge_copy / "codex.yaml"
    _edit(codex, "    promise: Vi skal tale sandt.\n", "")

    problems = _problems(knowledge_copy)

    assert f"{codex}:{_line_of(codex, 'id: sandhed')}: a virtue is missing 'promise'" in problems


def test_duplicate_virtue_ids_and_duplicate_keys_are_errors(knowledge_copy: Path) -> None:
    """Two virtues with one id, or one key given twice, cannot both be meant."""
    codex = knowledge_copy / "codex.yaml"
    _edit(codex, "  - id: sandhed", "  - id: lovlighed")
    _edit(codex, "    name: Neutralitet", "    name: Neutralitet\n    name: Neutral")

    problems = _problems(knowledge_copy)

    assert any("duplicate virtue id 'lovlighed'" in p for p in problems)
    assert f"{codex}:{_line_of(codex, 'name: Neutral') + 1}: duplicate key 'name' in a virtue" in problems


def test_examples_for_unknown_topics_or_bullets_are_dangling(knowledge_copy: Path) -> None:
    """Examples pointing at a topic or bullet number the codex does not have are reported."""
    examples = knowledge_copy / "examples.yaml"
    text = examples.read_text(encoding="utf-8")
    text = text.replace("  neutralitet:\n", "  neutralitt:\n", 1)
    examples.write_text(text + "", encoding="utf-8")
    _edit(examples, "\n      1:\n", "\n      9:\n")

    problems = _problems(knowledge_copy)

    assert any(p.startswith(f"{examples}:") and "unknown topic 'neutralitt'" in p for p in problems)
    assert any(p.startswith(f"{examples}:") and "no bullet 9 in" in p for p in problems)


def test_problems_in_several_files_are_reported_in_one_run(knowledge_copy: Path) -> None:
    """An editor sees every problem at once instead of one per restart."""
    (knowledge_copy / "matching.yaml").write_text("stopwords: [og]\nsynonyms: [[chef]]\nextra: 1\n")
    _edit(knowledge_copy / "codex.yaml", "title: Kodeks", "titel: Kodeks")

    problems = _problems(knowledge_copy)

    assert any("codex.yaml:" in p and "unknown key 'titel'" in p for p in problems)
    assert any("matching.yaml:3: unknown key 'extra'" in p for p in problems)
    assert any("matching.yaml:2: a synonym group needs at least two words" in p for p in problems)


def test_a_missing_file_is_named(knowledge_copy: Path) -> None:
    """Deleting a file of the folder names that file."""
    (knowledge_copy / "matching.yaml").unlink()

    assert _problems(knowledge_copy) == [f"{knowledge_copy / 'matching.yaml'}:1: file not found"]
