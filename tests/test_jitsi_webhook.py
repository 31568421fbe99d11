"""Prosody's event_sync posts: authenticated, parsed, and stripped of anything personal."""

import json
from datetime import UTC, datetime

import pytest
from django.urls import resolve

from sessions import webhooks
from sessions.webhooks import JitsiEvent, parse_event

# Payloads as jitsi-contrib/prosody-plugins event_sync/README.md documents them,
# with include_user_info adding the token's context.user fields.
OCCUPANT = {
    "name": "James Barrow",
    "email": "j.barrow@domain.com",
    "id": "00380324-a840-400d-880f-7ee0933b7556",
    "occupant_jid": "14f01c40-5195-4a4d-8efb-f58b49d18741@meet.jitsi/OWhl8jSh",
    "moderator": "false",
    "affiliation": "member",
    "joined_at": 1625823996,
}
ROOM = {"room_name": "catchup", "room_jid": "catchup@muc.meet.jitsi", "is_breakout": False}
PAYLOADS = {
    "room/created": {"event_name": "muc-room-created", **ROOM, "created_at": 1625823996},
    "room/destroyed": {
        "event_name": "muc-room-destroyed",
        **ROOM,
        "created_at": 1625823996,
        "destroyed_at": 1625824035,
        "all_occupants": [{**OCCUPANT, "left_at": 1625824035}],
    },
    "occupant/joined": {"event_name": "muc-occupant-joined", **ROOM, "active_occupants_count": 2, "occupant": OCCUPANT},
    "occupant/left": {
        "event_name": "muc-occupant-left",
        **ROOM,
        "active_occupants_count": 1,
        "occupant": {**OCCUPANT, "left_at": 1625824035},
    },
}


@pytest.fixture
def received(monkeypatch):
    events: list[JitsiEvent] = []
    monkeypatch.setattr(webhooks, "EVENT_HANDLERS", [events.append])
    return events


def post(client, path, payload, authorization="valid", **extra):
    from django.conf import settings

    if authorization == "valid":
        authorization = f"Bearer {settings.JITSI_WEBHOOK_SECRET}"
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return client.post(f"/jitsi/events/{path}", body, content_type="application/json", **headers, **extra)


def test_it_refuses_an_unsigned_post(client, received):
    response = post(client, "occupant/joined", PAYLOADS["occupant/joined"], authorization=None)
    assert response.status_code == 401
    assert received == []


def test_it_refuses_a_wrong_secret(client, received, settings):
    response = post(client, "occupant/joined", PAYLOADS["occupant/joined"], authorization="Bearer not-the-secret")
    assert response.status_code == 401
    response = post(client, "occupant/joined", PAYLOADS["occupant/joined"], authorization=settings.JITSI_WEBHOOK_SECRET)
    assert response.status_code == 401  # the module sends "Bearer <secret>"
    assert received == []


def test_it_refuses_malformed_json(client, received):
    assert post(client, "room/created", "{not json").status_code == 400
    assert post(client, "room/created", b"\xff\xfe").status_code == 400
    assert received == []


def test_it_refuses_what_is_not_an_event_sync_event(client, received):
    created = PAYLOADS["room/created"]
    assert post(client, "room/created", ["a", "list"]).status_code == 400
    assert post(client, "room/created", {**created, "event_name": "muc-room-renamed"}).status_code == 400
    assert post(client, "room/created", {**created, "event_name": ["x"]}).status_code == 400
    assert post(client, "room/created", {"event_name": "muc-room-created"}).status_code == 400
    assert received == []


def test_it_only_accepts_posts(client):
    assert client.get("/jitsi/events/room/created").status_code == 405


def test_it_needs_no_staff_login_and_no_csrf_token(client, received):
    # The stock test client does not enforce CSRF; this one does.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, "room/created", PAYLOADS["room/created"]).status_code == 204
    assert len(received) == 1


@pytest.mark.parametrize("path", sorted(PAYLOADS))
def test_the_app_serves_every_path_the_module_posts_to(path):
    assert resolve(f"/jitsi/events/{path}").func is webhooks.event_sync_webhook


def test_it_turns_each_post_into_an_event(client, received):
    for path, payload in PAYLOADS.items():
        assert post(client, path, payload).status_code == 204
    joined_at, left_at = datetime(2021, 7, 9, 9, 46, 36, tzinfo=UTC), datetime(2021, 7, 9, 9, 47, 15, tzinfo=UTC)
    assert received == [
        JitsiEvent("room_created", "catchup", joined_at),
        JitsiEvent("room_destroyed", "catchup", left_at),
        JitsiEvent("occupant_joined", "catchup", joined_at, active_occupants=2, is_moderator=False),
        JitsiEvent("occupant_left", "catchup", left_at, active_occupants=1, is_moderator=False),
    ]


def test_it_keeps_no_name_email_or_address():
    for payload in PAYLOADS.values():
        kept = repr(parse_event(payload))
        for personal in ("James", "Barrow", "j.barrow", "00380324", "14f01c40", "OWhl8jSh", "@"):
            assert personal not in kept


@pytest.mark.parametrize(
    "user, moderator",
    [
        ({"moderator": "true"}, True),
        ({"moderator": True}, True),
        ({"affiliation": "owner"}, True),
        ({"moderator": "false", "affiliation": "member"}, False),
        ({}, None),  # event_sync without include_user_info
    ],
)
def test_it_reads_the_moderator_flag_as_token_affiliation_does(user, moderator):
    payload = {**PAYLOADS["occupant/joined"], "occupant": {"occupant_jid": "x@meet.jitsi/y", "joined_at": 1, **user}}
    assert parse_event(payload).is_moderator is moderator


def test_a_breakout_room_event_says_so():
    payload = {**PAYLOADS["room/created"], "is_breakout": True, "breakout_room_id": "c2d9"}
    assert parse_event(payload).is_breakout is True


def test_a_missing_or_absurd_time_is_left_empty():
    assert parse_event({**PAYLOADS["room/created"], "created_at": "yesterday"}).occurred_at is None
    assert parse_event({**PAYLOADS["room/created"], "created_at": 10**30}).occurred_at is None
