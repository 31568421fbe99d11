"""The waiting room over WebSocket: the survivor waits, the advocate admits, both hear it.

Runs on the configured channel layer: channels-redis in CI (REDIS_URL), the
in-memory layer on a machine without Redis.
"""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client

from advocacy.asgi import application
from sessions import services
from sessions.models import CallEvent
from tests.conftest import session_cookie_header
from tests.join_fixtures import check_in, enter, now_appointment, survivor_code  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
HOST = [(b"host", b"127.0.0.1"), (b"origin", b"http://127.0.0.1")]


def cookies(client: Client) -> list[tuple[bytes, bytes]]:
    return [*HOST, *session_cookie_header(client)]


async def open_socket(path, headers):
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def call_kinds(appointment) -> list[str]:
    return await sync_to_async(lambda: list(appointment.call_events.values_list("kind", flat=True)))()


@pytest.fixture
def waiting_survivor(now_appointment, survivor_code):
    client = Client()
    enter(client, survivor_code)
    check_in(client)
    return client


@pytest.fixture
def verified_advocate(now_appointment, staff_client):
    return staff_client(now_appointment.advocate)


async def test_the_advocate_admits_and_both_hear_it(now_appointment, waiting_survivor, verified_advocate):
    guest, guest_ok, _ = await open_socket("/ws/join/", await sync_to_async(cookies)(waiting_survivor))
    staff, staff_ok, _ = await open_socket("/ws/staff/live/", await sync_to_async(cookies)(verified_advocate))
    assert guest_ok and staff_ok
    try:
        await sync_to_async(services.admit)(now_appointment)
        assert await guest.receive_json_from(timeout=3) == {"what": "admitted"}
        status = await staff.receive_json_from(timeout=3)
        assert status == {"appointment": now_appointment.pk, "state": "admitted", "label": "Admitted", "alert": False}
    finally:
        await guest.disconnect()
        await staff.disconnect()


async def test_arrival_alerts_the_advocate_inside_contact_hours(now_appointment, survivor_code, verified_advocate):
    staff, connected, _ = await open_socket("/ws/staff/live/", await sync_to_async(cookies)(verified_advocate))
    assert connected
    try:
        survivor = Client()
        await sync_to_async(enter)(survivor, survivor_code)
        await sync_to_async(check_in)(survivor)
        message = await staff.receive_json_from(timeout=3)
        assert message["state"] == "waiting" and message["alert"] is True
    finally:
        await staff.disconnect()


async def test_no_alert_outside_contact_hours(now_appointment, survivor_code, verified_advocate):
    await sync_to_async(now_appointment.advocate.contact_hours.all().delete)()
    staff, _, _ = await open_socket("/ws/staff/live/", await sync_to_async(cookies)(verified_advocate))
    try:
        survivor = Client()
        await sync_to_async(enter)(survivor, survivor_code)
        await sync_to_async(check_in)(survivor)
        message = await staff.receive_json_from(timeout=3)
        assert message["state"] == "waiting" and message["alert"] is False  # shown on the page, not pushed as alert
    finally:
        await staff.disconnect()


async def test_an_interpreter_arriving_leaves_the_survivors_state_as_it_is(
    now_appointment, waiting_survivor, verified_advocate
):
    staff, connected, _ = await open_socket("/ws/staff/live/", await sync_to_async(cookies)(verified_advocate))
    assert connected
    try:
        await sync_to_async(services.record)(now_appointment, CallEvent.Kind.ARRIVED, CallEvent.Who.INTERPRETER)
        await sync_to_async(services.admit)(now_appointment, CallEvent.Who.INTERPRETER)
        message = await staff.receive_json_from(timeout=3)
        assert (message["state"], message["alert"]) == ("waiting", True)  # the survivor still waits
        message = await staff.receive_json_from(timeout=3)
        assert (message["state"], message["alert"]) == ("waiting", True)
    finally:
        await staff.disconnect()


async def test_a_strangers_socket_is_refused(now_appointment):
    stranger = Client()
    await sync_to_async(stranger.get)("/join/")
    _, connected, code = await open_socket("/ws/join/", await sync_to_async(cookies)(stranger))
    assert not connected and code == 4403
    _, connected, code = await open_socket("/ws/staff/live/", HOST)
    assert not connected and code == 4403


async def test_a_survivor_cannot_listen_on_the_staff_socket(waiting_survivor):
    _, connected, code = await open_socket("/ws/staff/live/", await sync_to_async(cookies)(waiting_survivor))
    assert not connected and code == 4403


async def test_a_socket_from_another_site_is_refused(waiting_survivor):
    headers = [(b"host", b"127.0.0.1"), (b"origin", b"https://elsewhere.example")]
    value = (await sync_to_async(cookies)(waiting_survivor))[-1]
    _, connected, _ = await open_socket("/ws/join/", [*headers, value])
    assert not connected


async def test_losing_the_connection_in_the_room_is_a_drop(now_appointment, waiting_survivor, verified_advocate):
    await sync_to_async(services.admit)(now_appointment)
    await sync_to_async(services.record)(now_appointment, CallEvent.Kind.JOINED, CallEvent.Who.SURVIVOR)
    staff, _, _ = await open_socket("/ws/staff/live/", await sync_to_async(cookies)(verified_advocate))
    guest, _, _ = await open_socket("/ws/join/", await sync_to_async(cookies)(waiting_survivor))
    await guest.disconnect()  # the page vanished without leaving
    try:
        message = await staff.receive_json_from(timeout=3)
        assert message["state"] == "dropped" and message["alert"] is True
        kinds = await call_kinds(now_appointment)
        assert kinds[-1] == "dropped"
    finally:
        await staff.disconnect()


async def test_leaving_on_purpose_is_not_a_drop(now_appointment, waiting_survivor):
    await sync_to_async(services.admit)(now_appointment)
    await sync_to_async(waiting_survivor.post)("/join/events", {"event": "videoConferenceJoined"},
                                               content_type="application/json")
    await sync_to_async(waiting_survivor.post)("/join/events", {"event": "videoConferenceLeft"},
                                               content_type="application/json")
    kinds = await call_kinds(now_appointment)
    assert {"joined", "left"} <= set(kinds)
    guest, connected, _ = await open_socket("/ws/join/", await sync_to_async(cookies)(waiting_survivor))
    assert connected
    await guest.disconnect()
    kinds = await call_kinds(now_appointment)
    assert "dropped" not in kinds


@pytest.mark.redis
def test_the_channel_layer_is_redis_with_encrypted_messages():
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    assert type(layer).__name__ == "RedisChannelLayer"
    stored = layer.serialize({"type": "guest.update", "what": "admitted-ZebraMarker"})
    assert b"ZebraMarker" not in stored  # symmetric_encryption_keys: Redis never holds it readable
    assert layer.group_expiry >= 4 * 3600
