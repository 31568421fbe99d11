"""WebSockets of the live session.

GuestConsumer: the survivor's (or interpreter's) waiting room and room page;
authorized by the visit in the server-side session. StaffLiveConsumer: an
advocate's live dashboard; authorized by a verified second factor. Both join
one group on connect and leave it on disconnect; malformed input is ignored.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.sessions.backends.base import SessionBase
from django.utils.module_loading import import_string
from django.conf import settings

from staff.models import User
from staff.otp import VerifiedStaffConsumerMixin

from . import join, services
from .models import CallEvent


def _fresh_session(session_key: str | None) -> SessionBase:
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    return store(session_key)


@database_sync_to_async
def _guest_code(session_key: str | None):
    """The visit's code if it still works: read anew, so a quick exit counts at once."""
    session = _fresh_session(session_key)
    visit = session.get(join.JOIN_KEY)
    return (join.code_of_visit(visit), visit) if visit else (None, None)


class GuestConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        session = self.scope.get("session")
        self.session_key = session.session_key if session is not None else None
        code, _visit = await _guest_code(self.session_key)
        if code is None:
            await self.close(code=4403)
            return
        self.appointment_id = code.appointment_id
        self.role = code.role
        self.group = services.guest_group(self.appointment_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, close_code):
        if not hasattr(self, "group"):
            return
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await self._note_drop()

    @database_sync_to_async
    def _note_drop(self):
        """A guest whose page vanished while in the room, without leaving, has lost the connection."""
        session = _fresh_session(self.session_key)
        visit = session.get(join.JOIN_KEY)
        code = join.code_of_visit(visit) if visit else None
        if code is None or visit.get("left"):
            return
        if services.live_status(code.appointment, self.role).state == "in_room":
            services.record(code.appointment, CallEvent.Kind.DROPPED, self.role)

    async def receive_json(self, content, **kwargs):
        pass  # guests only listen

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        pass  # nothing a guest sends is read, malformed or not

    async def guest_update(self, event):
        if event.get("who") in ("", None, self.role):
            await self.send_json({"what": event["what"]})


class StaffLiveConsumer(VerifiedStaffConsumerMixin, AsyncJsonWebsocketConsumer):
    allowed_roles = (User.Role.ADVOCATE,)

    async def connect(self):
        if not await self.authorize_staff():
            return
        self.group = services.staff_group(self.staff.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, close_code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        pass  # actions go through forms (CSRF-protected POSTs), not the socket

    async def appointment_status(self, event):
        await self.send_json(
            {key: event[key] for key in ("appointment", "state", "label", "alert")}
        )
