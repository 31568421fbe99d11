"""Invariant 8 over WebSocket: staff consumers need a verified second factor too."""

import pytest
from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import path

from advocacy.scope import ScopePrivacyMiddleware
from staff.otp import VerifiedStaffConsumerMixin
from tests.conftest import login_verified, session_cookie_header

pytestmark = pytest.mark.django_db(transaction=True)


class EchoStaffConsumer(VerifiedStaffConsumerMixin, AsyncJsonWebsocketConsumer):
    """The smallest staff consumer: who am I, if verified."""

    async def connect(self):
        if await self.authorize_staff():
            await self.accept()
            await self.send_json({"staff": self.staff.username})


application = ScopePrivacyMiddleware(AuthMiddlewareStack(URLRouter([path("ws/echo/", EchoStaffConsumer.as_asgi())])))


async def connect(headers):
    communicator = WebsocketCommunicator(application, "/ws/echo/", headers=headers)
    connected, code = await communicator.connect()
    message = await communicator.receive_json_from() if connected else None
    await communicator.disconnect()
    return connected, code, message


async def test_a_verified_staff_member_connects(advocate):
    client = Client()
    await sync(login_verified)(client, advocate)
    connected, _, message = await connect(session_cookie_header(client))
    assert connected and message == {"staff": "alex"}


async def test_a_password_alone_is_refused(advocate):
    client = Client()
    await sync(client.force_login)(advocate)  # no second factor in this session
    connected, code, _ = await connect(session_cookie_header(client))
    assert not connected and code == 4403


async def test_a_stranger_is_refused():
    connected, code, _ = await connect([])
    assert not connected and code == 4403


async def test_the_consumer_never_sees_the_client_address_or_agent():
    seen = {}

    async def app(scope, receive, send):
        seen.update(scope)

    scope = {
        "type": "websocket",
        "path": "/ws/echo/",
        "client": ("203.0.113.9", 40000),
        "headers": [(b"user-agent", b"MarkerAgent"), (b"x-forwarded-for", b"192.0.2.1"), (b"host", b"testserver")],
    }
    await ScopePrivacyMiddleware(app)(scope, None, None)
    assert seen["client"] is None and seen["client_key"]
    assert "203.0.113.9" not in repr(seen) and b"MarkerAgent" not in repr(seen).encode()


def sync(function):
    from asgiref.sync import sync_to_async

    return sync_to_async(function)
