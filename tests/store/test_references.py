"""Conversation references are kept so that daily tips can be posted later, on SQLite and PostgreSQL."""

from __future__ import annotations

from bot.store import open_store

REFERENCE = {
    "channelId": "msteams",
    "serviceUrl": "https://smba.trafficmanager.net/emea/",
    "conversation": {"id": "19:abc@thread.tacv2", "conversationType": "channel", "name": "Økonomi"},
}


async def test_a_saved_reference_is_found_again_after_a_restart(database_url: str) -> None:
    """A reference saved before a restart is returned unchanged afterwards, æøå included."""
    first = await open_store(database_url)
    await first.save_reference("teams", "19:abc@thread.tacv2", REFERENCE)
    await first.close()

    second = await open_store(database_url)
    found = await second.reference("teams", "19:abc@thread.tacv2")
    await second.close()

    assert found == REFERENCE


async def test_saving_again_replaces_the_reference_and_platforms_are_apart(database_url: str) -> None:
    """The latest reference of a conversation wins; the same id on another platform is another entry."""
    store = await open_store(database_url)
    moved = {**REFERENCE, "serviceUrl": "https://smba.trafficmanager.net/amer/"}
    await store.save_reference("teams", "19:abc@thread.tacv2", REFERENCE)
    await store.save_reference("teams", "19:abc@thread.tacv2", moved)

    found = await store.reference("teams", "19:abc@thread.tacv2")
    elsewhere = await store.reference("slack", "19:abc@thread.tacv2")
    unknown = await store.reference("teams", "19:never-seen@thread.tacv2")
    await store.close()

    assert found == moved
    assert elsewhere is None and unknown is None
