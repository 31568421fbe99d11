"""The Jitsi server's events feed the call events, without names or addresses."""

import pytest

from sessions.models import CallEvent
from sessions.services import admit, live_status
from tests.join_fixtures import now_appointment  # noqa: F401
from tests.test_jitsi_webhook import OCCUPANT, PAYLOADS, post

pytestmark = pytest.mark.django_db


def for_room(path, room):
    payload = dict(PAYLOADS[path], room_name=room)
    return payload


def test_a_guest_joining_is_seen_even_if_the_page_report_was_lost(client, now_appointment):
    admit(now_appointment)
    post(client, "occupant/joined", for_room("occupant/joined", now_appointment.room.name))
    assert live_status(now_appointment).state == "in_room"


def test_a_moderator_joining_is_not_the_guest(client, now_appointment):
    admit(now_appointment)
    payload = for_room("occupant/joined", now_appointment.room.name)
    payload["occupant"] = {**OCCUPANT, "moderator": "true", "affiliation": "owner"}
    post(client, "occupant/joined", payload)
    assert live_status(now_appointment).state == "admitted"


def test_the_room_closing_ends_a_guests_presence(client, now_appointment):
    admit(now_appointment)
    post(client, "occupant/joined", for_room("occupant/joined", now_appointment.room.name))
    post(client, "room/destroyed", for_room("room/destroyed", now_appointment.room.name))
    assert live_status(now_appointment).state == "left"


def test_events_about_unknown_rooms_are_ignored(client, now_appointment):
    assert post(client, "occupant/joined", for_room("occupant/joined", "no-such-room")).status_code == 204
    assert not CallEvent.objects.exists()


def test_nothing_personal_is_stored(client, now_appointment):
    admit(now_appointment)
    post(client, "occupant/joined", for_room("occupant/joined", now_appointment.room.name))
    stored = repr(list(CallEvent.objects.values()))
    assert "Barrow" not in stored and "domain.com" not in stored and "14f01c40" not in stored
