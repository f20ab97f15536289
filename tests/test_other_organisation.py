"""Another organisation adopts Kodeks by replacing the knowledge folder alone.

A copy of the knowledge in which Region Midtjylland, its secretariat and its domain are renamed must
drive every reply, card and manifest with no trace of the old names: nothing in ``bot/`` names us.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from bot.core.knowledge import load_knowledge
from bot.core.replies import Replies
from bot.platforms.slack.manifest import slack_manifest
from bot.platforms.teams.manifest import teams_package
from bot.render import adaptive_card, plain, slack_blocks, texts

OLD_NAMES = ("Midtjylland", "Regionssekretariat", "rm.dk", "1F4E79", "1f4e79")
RENAMES = {
    "Region Midtjyllands": "Region Nordvests",
    "Region Midtjylland": "Region Nordvest",
    "Regionssekretariatet": "Kodekskontoret",
    "regionssekretariatet@rm.dk": "kodeks@nordvest.example",
    "rm.dk": "nordvest.example",
    "#1F4E79": "#225522",
}


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Replies:
    """The project's knowledge with the organisation renamed everywhere, loaded."""
    from bot.config import PROJECT_KNOWLEDGE_DIR

    target = tmp_path_factory.mktemp("nordvest")
    for source in Path(PROJECT_KNOWLEDGE_DIR).glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        for old, new in RENAMES.items():
            text = text.replace(old, new)
        (target / source.name).write_text(text, encoding="utf-8")
    return Replies(load_knowledge(target))


def test_no_reply_card_or_manifest_names_the_old_organisation(other: Replies) -> None:
    """Help, answers, a virtue, a tip, a notice, blocks, cards and both manifests name only the new one."""
    today = date(2026, 11, 24)
    answers = [
        other.handle(text, today)
        for text in (
            "hjælp",
            "må jeg give partipolitisk rådgivning?",
            "neutralitet",
            "tip",
            "tip til",
            "eskalering",
        )
    ]
    answers.append(other.handle("hvornår lukker kantinen", today))
    rendered = [plain.render(answer) for answer in answers]
    rendered += [json.dumps(slack_blocks.render(answer, share="x"), ensure_ascii=False) for answer in answers]
    rendered += [json.dumps(adaptive_card.render(answer), ensure_ascii=False) for answer in answers]
    rendered.append(
        json.dumps(slack_manifest("https://kodeks.nordvest.example", other.knowledge), ensure_ascii=False)
    )
    package = zipfile.ZipFile(
        io.BytesIO(
            teams_package(
                "00000000-0000-0000-0000-000000000001", "https://kodeks.nordvest.example", other.knowledge
            )
        )
    )
    rendered.append(package.read("manifest.json").decode())
    rendered.append(texts.error_apology(other.knowledge.organisation.codex_owner))
    everything = "\n".join(rendered)

    assert [name for name in OLD_NAMES if name in everything] == []
    assert "Region Nordvest" in everything and "Kodekskontoret" in everything
    assert "kodeks@nordvest.example" in everything and "#225522" in everything
