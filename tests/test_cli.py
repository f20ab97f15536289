"""The command line as operators and scripts use it: output formats and exit codes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA

IDENTITY = {  # a Teams bot's configured identity: what `manifest teams` needs
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": "6f1c2b1e-3a5d-4c8e-9b7a-2d4e6f8a0b1c",
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET": "secret",
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": "tenant-rm",
}


def kodeks(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bot`` as a separate process, exactly as an operator would."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


def test_ask_prints_the_answer_with_the_quoted_bullet() -> None:
    """`ask` prints a readable answer quoting the codex."""
    result = kodeks("ask", "må jeg give partipolitisk rådgivning?")

    assert result.returncode == 0
    assert "Neutralitet, punkt 2" in result.stdout
    assert "regionssekretariatet@rm.dk" in result.stdout


def test_ask_json_prints_the_platform_neutral_answer() -> None:
    """`ask --json` prints the Answer with its kind, virtue and quoted bullets."""
    result = kodeks("ask", "--json", "tavshedspligt")
    answer = json.loads(result.stdout)

    assert answer["kind"] == "match"
    assert answer["virtue"]["id"] == "neutralitet"
    assert answer["bullets"][0]["id"] == "neutralitet.4"
    assert answer["contacts"][0]["name"] == "Regionssekretariatet"


def test_match_prints_one_json_line_per_question_in_order() -> None:
    """`match` reads questions on stdin and writes the documented JSON-lines format, same order."""
    result = kodeks("match", stdin="må jeg give partipolitisk rådgivning\nhvor er kantinen\n\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]

    assert [line["question"] for line in lines] == [
        "må jeg give partipolitisk rådgivning",
        "hvor er kantinen",
        "",
    ]
    assert lines[0]["topic"] == "neutralitet" and lines[0]["bullets"][0] == "neutralitet.2"
    assert len(lines[0]["bullets"]) >= 3 and isinstance(lines[0]["alternatives"], list)
    assert lines[1]["topic"] is None and lines[2]["topic"] is None


def test_virtue_shows_a_virtue_and_refuses_an_unknown_name() -> None:
    """`virtue neutral` shows Neutralitet in full; an unknown name exits 1 and lists the virtues."""
    shown = kodeks("virtue", "neutral")
    unknown = kodeks("virtue", "ærlighed")

    assert (
        shown.returncode == 0 and "Vær loyal i din udførelse af de politiske mål, der er sat." in shown.stdout
    )
    assert unknown.returncode == 1 and "Neutralitet" in unknown.stderr


def test_eval_prints_the_metrics_of_a_question_file() -> None:
    """`eval FILE` prints the score line in the format of shared/eval/score.py."""
    result = kodeks("eval", str(DATA / "dev-questions.yaml"))

    assert result.returncode == 0
    assert "answer_acc=" in result.stdout and "bullet@3=" in result.stdout and "(n=57)" in result.stdout


def test_knowledge_json_has_the_documented_shape() -> None:
    """`knowledge --json` lists the virtues with bullets, the escalation steps and the contacts."""
    data = json.loads(kodeks("knowledge", "--json").stdout)

    assert [v["id"] for v in data["virtues"]][3] == "neutralitet"
    assert data["virtues"][3]["bullets"][1] == {
        "id": "neutralitet.2",
        "text": "Giv ikke partipolitisk rådgivning, og deltag ikke i politiske aktiviteter i din arbejdstid.",
    }
    assert "nærmeste leder" in data["escalation"]["steps"][0]
    assert data["contacts"][0]["email"] == "regionssekretariatet@rm.dk"


def test_check_knowledge_passes_the_shipped_folder() -> None:
    """`check-knowledge` exits 0 with a one-line summary for the project's knowledge folder."""
    result = kodeks("check-knowledge")

    assert result.returncode == 0
    assert "7 virtues, 38 bullets" in result.stdout


def test_a_broken_knowledge_folder_stops_every_command_with_file_and_line(knowledge_copy: Path) -> None:
    """A typo in codex.yaml makes check-knowledge, ask and serve exit 1 naming FILE:LINE, no traceback."""
    codex = knowledge_copy / "codex.yaml"
    codex.write_text(
        codex.read_text(encoding="utf-8").replace("    promise:", "    promis:", 1), encoding="utf-8"
    )

    checked = kodeks("check-knowledge", str(knowledge_copy))
    for result in (
        checked,
        kodeks("ask", "hej", env={"KODEKS_KNOWLEDGE_DIR": str(knowledge_copy)}),
        kodeks("serve", env={"KODEKS_KNOWLEDGE_DIR": str(knowledge_copy), "PORT": "3999"}),
    ):
        assert result.returncode == 1
        assert f"{codex}:" in result.stderr and "unknown key 'promis'" in result.stderr
        assert "Traceback" not in result.stderr


def test_chat_with_piped_input_answers_each_line_and_exits() -> None:
    """`chat` with piped stdin answers every line and exits 0 at end of input."""
    result = kodeks("chat", stdin="må jeg give partipolitisk rådgivning?\nhjælp\n")

    assert result.returncode == 0
    assert result.stdout.count("> ") >= 2
    assert "Neutralitet, punkt 2" in result.stdout
    assert "De syv dyder" in result.stdout


def test_an_invalid_port_is_a_one_line_error() -> None:
    """PORT=abc stops `serve` with a message naming the variable."""
    result = kodeks("serve", env={"PORT": "abc"})

    assert result.returncode == 1
    assert result.stderr.strip() == "PORT: must be a port number between 1 and 65535, not 'abc'"


def test_dilemmas_json_lists_every_case_with_the_documented_fields() -> None:
    """`dilemmas --json` lists each case: id, title, situation, question, virtues, bullets, discussion."""
    result = kodeks("dilemmas", "--json")
    cases = json.loads(result.stdout)

    assert result.returncode == 0 and len(cases) == 18
    for case in cases:
        assert {"id", "title", "situation", "question", "virtues", "bullets", "discussion"} <= set(case)
        assert case["bullets"] and len(case["discussion"]) >= 2
    assert kodeks("dilemmas").stdout.count("\n") == 18


def test_ask_dilemma_json_prints_a_case_to_discuss() -> None:
    """`ask dilemma --json` is a dilemma answer with the case and the seven virtues to choose from."""
    answer = json.loads(kodeks("ask", "dilemma", "--json").stdout)

    assert answer["kind"] == "dilemma"
    assert answer["dilemma"]["id"] and len(answer["choices"]) == 7


def test_chat_walks_through_a_dilemma_and_the_intro() -> None:
    """The local chat shows a case, answers a typed choice with the codex's words, and shows the intro."""
    result = kodeks("chat", stdin="dilemma neutralitet\ndilemma svar slet-mailen sandhed\nintro 2\n")

    assert result.returncode == 0
    assert "Hvilken dyd er på spil? Skriv »dilemma svar" in result.stdout
    assert "Ja, Sandhed er på spil i casen." in result.stdout and "Det siger kodeks" in result.stdout
    assert "trin 2 af 9" in result.stdout and "Næste: skriv »intro 3«" in result.stdout


def test_serve_on_a_port_in_use_is_a_one_line_error() -> None:
    """`serve` on a port another program listens on: exit 1 and one line naming PORT, no traceback."""
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = kodeks("serve", env={"PORT": str(port), "KODEKS_LOG_FORMAT": "json"})

    errors = [line for line in result.stderr.splitlines() if not line.startswith("{")]
    assert result.returncode == 1
    assert errors == [errors[0]] and errors[0].startswith(f"PORT: cannot listen on port {port}")
    assert "Traceback" not in result.stderr


def test_a_teams_package_to_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    """`manifest teams --out /no/such/dir/app.zip`: exit 1, one line naming the file, no traceback."""
    out = tmp_path / "no" / "such" / "dir" / "app.zip"
    result = kodeks("manifest", "teams", "--out", str(out), "--url", "https://kodeks.rm.dk", env=IDENTITY)

    assert result.returncode == 1
    assert result.stderr.strip() == f"manifest teams: cannot write {out}: No such file or directory"


@pytest.mark.parametrize("platform", ["slack", "teams"])
@pytest.mark.parametrize("url", [None, "notaurl", "http://kodeks.rm.dk", "https://"])
def test_a_manifest_needs_the_servers_https_address(platform: str, url: str | None, tmp_path: Path) -> None:
    """Without --url, or with one that is not https://HOST, no manifest is made: one line, exit 1."""
    env = IDENTITY if platform == "teams" else {}
    out = tmp_path / "app.zip"
    args = ["--out", str(out)] if platform == "teams" else []
    result = kodeks("manifest", platform, *args, *(["--url", url] if url is not None else []), env=env)

    assert result.returncode == 1 and result.stdout == "" and not out.exists()
    assert result.stderr.startswith(f"manifest {platform}: --url ") and len(result.stderr.splitlines()) == 1
