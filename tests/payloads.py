"""Builders for signed Slack requests, so tests never paste JSON blobs or hand-sign anything.

Signatures are real: HMAC-SHA256 over ``v0:{timestamp}:{body}`` with the signing secret, exactly as
Slack signs, computed with the Slack SDK's own verifier's algorithm.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from typing import Any
from urllib.parse import urlencode

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
_event_ids = count(1)


@dataclass(frozen=True)
class SignedRequest:
    """A request body with the headers Slack would send."""

    body: bytes
    headers: dict[str, str]


def sign(body: bytes, content_type: str, timestamp: int | None = None, secret: str = SIGNING_SECRET,
         retry: int | None = None) -> SignedRequest:  # fmt: skip
    """Sign a body as Slack does; ``timestamp`` defaults to now, ``retry`` adds X-Slack-Retry-Num."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest}",
    }
    if retry is not None:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return SignedRequest(body, headers)


def event(event: dict[str, Any], event_id: str | None = None, **signing: Any) -> SignedRequest:
    """An Events API callback wrapping ``event``."""
    body = {
        "type": "event_callback",
        "token": "legacy",
        "team_id": "T0REGION",
        "api_app_id": "AKODEKS",
        "event": event,
        "event_id": event_id or f"Ev{next(_event_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0REGION", "user_id": "UKODEKS", "is_bot": True}],
    }
    return sign(json.dumps(body).encode(), "application/json", **signing)


def socket_envelope(request: SignedRequest, retry_attempt: int = 0) -> dict[str, Any]:
    """The same event as Socket Mode delivers it: unsigned, in an envelope the app must ack."""
    body = json.loads(request.body)
    return {"envelope_id": f"env-{body['event_id']}-{retry_attempt}", "type": "events_api",
            "accepts_response_payload": False, "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "", "payload": body}  # fmt: skip


def dm(text: str, user: str = "U0STAFF", fields: dict[str, Any] | None = None,
       **signing: Any) -> SignedRequest:  # fmt: skip
    """A direct message to the bot; ``fields`` adds to the event (a subtype, files, a thread_ts)."""
    message = {"type": "message", "channel": "D0DM", "channel_type": "im", "user": user, "text": text,
               "ts": "1700000000.000001", **(fields or {})}  # fmt: skip
    return event(message, **signing)


def mention(text: str, channel: str = "C0TEAM", ts: str = "1700000000.000200", thread_ts: str | None = None,
            fields: dict[str, Any] | None = None, **signing: Any) -> SignedRequest:  # fmt: skip
    """An @mention of the bot in a channel; ``fields`` adds to the event (``edited`` after an edit)."""
    body = {
        "type": "app_mention",
        "channel": channel,
        "user": "U0STAFF",
        "text": f"<@UKODEKS> {text}",
        "ts": ts,
        **(fields or {}),
    }
    if thread_ts:
        body["thread_ts"] = thread_ts
    return event(body, **signing)


def command(text: str, response_url: str, channel: str = "C0TEAM", channel_name: str = "team",
            **signing: Any) -> SignedRequest:  # fmt: skip
    """A ``/kodeks`` slash command; a DM has ``channel_name`` "directmessage", a group DM "mpdm-…"."""
    form = {"token": "legacy", "team_id": "T0REGION", "channel_id": channel, "channel_name": channel_name,
            "user_id": "U0STAFF", "user_name": "staff", "command": "/kodeks", "text": text,
            "api_app_id": "AKODEKS", "response_url": response_url, "trigger_id": "1.2.3"}  # fmt: skip
    return sign(urlencode(form).encode(), "application/x-www-form-urlencoded", **signing)


def action(
    action_id: str,
    value: str,
    response_url: str,
    channel: str = "C0TEAM",
    channel_name: str = "team",
    message: dict[str, Any] | None = None,
    user: str = "U0STAFF",
    **signing: Any,
) -> SignedRequest:
    """A click on a button (``block_actions``) under an ephemeral message in ``channel``.

    With ``message`` (its text and blocks) the click is under that visible message, whose content
    Slack then sends along, as it does for every message that is not ephemeral.
    """
    container = {"type": "message", "channel_id": channel, "message_ts": "1700000000.000100",
                 "is_ephemeral": message is None}  # fmt: skip
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": "T0REGION"},
        "user": {"id": user},
        "api_app_id": "AKODEKS",
        "channel": {"id": channel, "name": channel_name},
        "container": container,
        **({"message": {"ts": "1700000000.000100", **message}} if message else {}),
        "response_url": response_url,
        "trigger_id": "1.2.3",
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "value": value,
                "block_id": "b1",
                "action_ts": "1700000000.1",
            }
        ],
    }
    return sign(
        urlencode({"payload": json.dumps(payload)}).encode(), "application/x-www-form-urlencoded", **signing
    )


def home_click(action_id: str, value: str) -> SignedRequest:
    """A click on a button of the Home tab: a ``block_actions`` from a view, without a response URL."""
    payload = {
        "type": "block_actions",
        "team": {"id": "T0REGION"},
        "user": {"id": "U0STAFF"},
        "api_app_id": "AKODEKS",
        "container": {"type": "view", "view_id": "V0HOME"},
        "view": {"id": "V0HOME", "type": "home", "blocks": []},
        "trigger_id": "1.2.3",
        "actions": [{"type": "button", "action_id": action_id, "value": value, "block_id": "b1",
                     "action_ts": "1700000000.1"}],
    }  # fmt: skip
    return sign(urlencode({"payload": json.dumps(payload)}).encode(), "application/x-www-form-urlencoded")


def view_submission(view: dict[str, Any], answers: dict[str, str], user: str = "U0STAFF") -> SignedRequest:
    """The submission of a modal as Slack sends it: every input of ``view`` with its value.

    ``answers`` maps an input's block id to what was typed (a text input) or chosen (the option's
    value); an input left out keeps its prefilled value or initial option, as in Slack.
    """
    values: dict[str, dict[str, Any]] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element, block_id = block["element"], block["block_id"]
        if element["type"] == "radio_buttons":
            chosen = answers.get(block_id)
            options = [o for o in element["options"] if o["value"] == chosen] or [
                element.get("initial_option")
            ]
            state = {"type": "radio_buttons", "selected_option": options[0]}
        else:
            state = {"type": element["type"], "value": answers.get(block_id, element.get("initial_value"))}
        values[block_id] = {element["action_id"]: state}
    submitted = {**view, "id": "V0001", "state": {"values": values}}
    payload = {"type": "view_submission", "team": {"id": "T0REGION"}, "user": {"id": user},
               "api_app_id": "AKODEKS", "trigger_id": "1.2.4", "view": submitted}  # fmt: skip
    return sign(urlencode({"payload": json.dumps(payload)}).encode(), "application/x-www-form-urlencoded")


def ssl_check() -> SignedRequest:
    """Slack's certificate probe: an unsigned form POST ``ssl_check=1&token=…``, no signature headers."""
    body = urlencode({"ssl_check": "1", "token": "legacy"}).encode()
    return SignedRequest(body, {"Content-Type": "application/x-www-form-urlencoded"})


def home_opened(user: str = "U0STAFF") -> SignedRequest:
    """The user opened the app's Home tab."""
    return event({"type": "app_home_opened", "user": user, "channel": "D0DM", "tab": "home"})


# --- Teams: activities as the Bot Connector posts them to /api/messages (unsigned; tokens are separate) ---

TEAMS_APP_ID = "6f1c2b1e-3a5d-4c8e-9b7a-2d4e6f8a0b1c"  # the bot's Microsoft App ID (a GUID), as the client id
TEAMS_BOT = {"id": "28:kodeks-bot", "name": "Kodeks"}
TEAMS_USER = {"id": "29:staff-member", "name": "Medarbejder"}
TEAMS_CHANNEL = "19:okonomi@thread.tacv2"
_activity_ids = count(1)


def _teams(kind: str, service_url: str, conversation: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "id": f"act-{next(_activity_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": TEAMS_USER,
        "recipient": TEAMS_BOT,
        "conversation": {"tenantId": "tenant-rm", **conversation},
        "locale": "da-DK",
        **fields,
    }


def _conversation(thread: str | None) -> dict[str, Any]:
    """A 1:1 chat without ``thread``; with it, that thread of the channel (its root message id)."""
    if thread is None:
        return {"id": "a:personal-chat", "conversationType": "personal"}
    return {"id": f"{TEAMS_CHANNEL};messageid={thread}", "conversationType": "channel", "isGroup": True}


def teams_message(text: str, service_url: str) -> dict[str, Any]:
    """A message in a 1:1 chat with Kodeks."""
    return _teams("message", service_url, _conversation(None), text=text)


def _said(text: str, mention: bool) -> dict[str, Any]:
    """Text and entities of a message, @mentioning Kodeks as Teams writes it (``<at>Kodeks</at>``)."""
    if not mention:
        return {"text": text}
    entity = {"type": "mention", "text": "<at>Kodeks</at>", "mentioned": TEAMS_BOT}
    return {"text": f"<at>Kodeks</at> {text}", "entities": [entity]}


def teams_channel_message(text: str, service_url: str, mention: bool = True) -> dict[str, Any]:
    """A new post in a channel, by default @mentioning Kodeks."""
    activity = _teams("message", service_url, {}, **_said(text, mention))
    activity["conversation"] |= _conversation(activity["id"])  # a new post starts its own thread
    return activity


def teams_group_message(text: str, service_url: str, mention: bool = True) -> dict[str, Any]:
    """A message in a group chat that Kodeks was added to, by default @mentioning it."""
    conversation = {"id": "19:group-chat@thread.v2", "conversationType": "groupChat", "isGroup": True}
    return _teams("message", service_url, conversation, **_said(text, mention))


def teams_click(
    data: dict[str, Any], service_url: str, card_message_id: str, thread: str | None = None
) -> dict[str, Any]:
    """A click on an ``Action.Submit`` button: a message with the button's data and no text."""
    return _teams("message", service_url, _conversation(thread), value=data, replyToId=card_message_id)


def teams_activity(kind: str, service_url: str, **fields: Any) -> dict[str, Any]:
    """Any other activity in a 1:1 chat (a reaction, an invoke …), with ``fields`` such as name and value."""
    return _teams(kind, service_url, _conversation(None), **fields)


def teams_execute(verb: str, data: dict[str, Any], service_url: str) -> dict[str, Any]:
    """An ``Action.Execute`` click: an ``adaptiveCard/action`` invoke that waits for the card to show."""
    action = {"type": "Action.Execute", "verb": verb, "data": data}
    return teams_activity("invoke", service_url, name="adaptiveCard/action", value={"action": action})


def teams_added(
    service_url: str, member: dict[str, str] = TEAMS_BOT, in_team: bool = False
) -> dict[str, Any]:
    """``conversationUpdate``: ``member`` was added (Kodeks itself: the app was installed)."""
    conversation = {"id": TEAMS_CHANNEL, "conversationType": "channel"} if in_team else _conversation(None)
    return _teams("conversationUpdate", service_url, conversation, membersAdded=[member])


def teams_submit(
    card: dict[str, Any], title: str, inputs: dict[str, str], service_url: str, card_message_id: str,
    thread: str | None = None, sender: dict[str, str] = TEAMS_USER,
) -> dict[str, Any]:  # fmt: skip
    """A click on the card's ``Action.Submit`` named ``title``, by ``sender``, as Teams sends it.

    Teams merges the button's data with the card's inputs: their prefilled values, or what ``inputs``
    says was typed or chosen.
    """
    objects = list(_objects(card))
    (data,) = [o["data"] for o in objects if o.get("type") == "Action.Submit" and o.get("title") == title]
    prefilled = {o["id"]: o.get("value", "") for o in objects if str(o.get("type", "")).startswith("Input.")}
    value = {**data, **prefilled, **inputs}
    sent_by = {"from": sender}
    return _teams(
        "message", service_url, _conversation(thread), value=value, replyToId=card_message_id, **sent_by
    )


def _objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a card, depth first."""
    if isinstance(node, dict):
        yield node
        for child in node.values():
            yield from _objects(child)
    elif isinstance(node, list):
        for child in node:
            yield from _objects(child)
