"""Events from Prosody's event_sync component (jitsi-contrib/prosody-plugins).

The component POSTs JSON to {api_prefix}/events/room/created, .../room/destroyed,
.../occupant/joined and .../occupant/left, with the extra headers of its
`api_headers` option; deploy/ sets `Authorization: Bearer <JITSI_WEBHOOK_SECRET>`.
It retries on 5xx, not on 4xx.

Each payload also carries the occupant's JID, name, email and (for a
destroyed room) everyone who was there. Only the kind of event, the room, the
time, the moderator flag and a count are kept: nothing that names or locates
a person reaches the rest of the app.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from advocacy.access import public

KINDS = {
    "muc-room-created": "room_created",
    "muc-room-destroyed": "room_destroyed",
    "muc-occupant-joined": "occupant_joined",
    "muc-occupant-left": "occupant_left",
}
# Where each event's time is in its payload.
TIME_FIELDS = {
    "room_created": ("created_at", False),
    "room_destroyed": ("destroyed_at", False),
    "occupant_joined": ("joined_at", True),
    "occupant_left": ("left_at", True),
}
EVENT_PATHS = ("room/created", "room/destroyed", "occupant/joined", "occupant/left")


class BadEvent(ValueError):
    """The payload is not an event_sync event."""


@dataclass(frozen=True)
class JitsiEvent:
    kind: str  # room_created / room_destroyed / occupant_joined / occupant_left
    room: str
    occurred_at: datetime | None
    is_breakout: bool = False
    # Occupants still in the room (joined/left events only).
    active_occupants: int | None = None
    # From the token's context.user, sent when event_sync has include_user_info.
    is_moderator: bool | None = None


EVENT_HANDLERS: list[Callable[[JitsiEvent], None]] = []


def record_event(event: JitsiEvent) -> None:
    """Hands the event to every registered handler (the call-events code registers one)."""
    for handler in EVENT_HANDLERS:
        handler(event)


def is_authentic(authorization: str | None) -> bool:
    expected = f"Bearer {settings.JITSI_WEBHOOK_SECRET}".encode()
    return hmac.compare_digest((authorization or "").encode(), expected)


def parse_event(payload: object) -> JitsiEvent:
    if not isinstance(payload, dict):
        raise BadEvent("not a JSON object")
    name = payload.get("event_name")
    kind = KINDS.get(name) if isinstance(name, str) else None
    room = payload.get("room_name")
    if kind is None:
        raise BadEvent("unknown event_name")
    if not isinstance(room, str) or not room:
        raise BadEvent("no room_name")
    occupant = payload.get("occupant")
    occupant = occupant if isinstance(occupant, dict) else {}
    field, in_occupant = TIME_FIELDS[kind]
    count = payload.get("active_occupants_count")
    return JitsiEvent(
        kind=kind,
        room=room,
        occurred_at=_time((occupant if in_occupant else payload).get(field)),
        is_breakout=payload.get("is_breakout") is True,
        active_occupants=count if isinstance(count, int) and not isinstance(count, bool) else None,
        is_moderator=_moderator(occupant),
    )


def _time(value: object) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _moderator(occupant: dict) -> bool | None:
    # mod_token_affiliation's reading of the same context.user fields.
    if occupant.get("affiliation") in ("owner", "moderator") or occupant.get("moderator") in (True, "true"):
        return True
    if "moderator" in occupant or "affiliation" in occupant:
        return False
    return None


@public
@csrf_exempt
@require_POST
def event_sync_webhook(request):
    if not is_authentic(request.headers.get("Authorization")):
        return HttpResponse(status=401)
    try:
        event = parse_event(json.loads(request.body))
    except (ValueError, UnicodeDecodeError):  # json.JSONDecodeError and BadEvent are ValueErrors
        return HttpResponse(status=400)
    record_event(event)
    return HttpResponse(status=204)
