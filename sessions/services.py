"""The live session: rooms, tokens, who is where, admission, and what to tell whom."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from advocacy.layer import group_send
from scheduling.models import Appointment
from scheduling.services import contact_ranges_now

from . import embed, jitsi
from .models import CallEvent, Room

Kind, Who = CallEvent.Kind, CallEvent.Who
# What a participant's page is called in Jitsi: never an alias or a real name,
# since Jitsi's server sees it.
DISPLAY_NAMES = {Who.SURVIVOR: "Guest", Who.INTERPRETER: "Interpreter"}


def room_for(appointment: Appointment) -> Room:
    room, _ = Room.objects.get_or_create(appointment=appointment)
    return room


def token_for(appointment: Appointment, who: str, staff=None) -> str:
    room = room_for(appointment)
    name = staff.first_name or "Advocate" if who == Who.STAFF else DISPLAY_NAMES[who]
    return jitsi.make_token(
        room.name,
        name,
        moderator=who == Who.STAFF,
        not_before=appointment.starts_at,
        expires=appointment.ends_at,
    )


def embed_for(appointment: Appointment, who: str, choices: dict | None = None, staff=None) -> dict:
    choices = choices or {}
    return embed.embed_options(
        room_for(appointment).name,
        token_for(appointment, who, staff),
        audio_only=choices.get("mode") == "audio" or appointment.mode == "audio",
        camera_off=bool(choices.get("camera_off")),
        hide_self_view=bool(choices.get("hide_self_view")),
        is_staff=who == Who.STAFF,
    )


# --- live status ------------------------------------------------------------------


@dataclass(frozen=True)
class LiveStatus:
    state: str  # not_arrived, waiting, callback, admitted, in_room, left, dropped, ended
    label: str
    since: object = None


LABELS = {
    "not_arrived": "Not arrived",
    "waiting": "Waiting",
    "callback": "Asks to be called",
    "admitted": "Admitted",
    "in_room": "In the room",
    "left": "Left",
    "dropped": "Connection lost",
    "ended": "Ended",
}
STATE_OF = {
    Kind.ARRIVED: "waiting",
    Kind.CALLBACK: "callback",
    Kind.ADMITTED: "admitted",
    Kind.JOINED: "in_room",
    Kind.LEFT: "left",
    Kind.DROPPED: "dropped",
    Kind.ENDED: "ended",
}


def live_status(appointment: Appointment, who: str = Who.SURVIVOR, events=None) -> LiveStatus:
    """A guest's state (survivor or interpreter), from the newest event about them or the meeting's end."""
    events = events if events is not None else appointment.call_events.all()
    relevant = [e for e in events if e.who == who or e.kind == Kind.ENDED]
    if not relevant:
        return LiveStatus("not_arrived", LABELS["not_arrived"])
    last = relevant[-1]
    state = STATE_OF[last.kind]
    return LiveStatus(state, LABELS[state], last.at)


def is_admitted(appointment: Appointment, who: str = Who.SURVIVOR) -> bool:
    """Admitted since the guest last arrived (a returning guest is admitted again)."""
    return live_status(appointment, who).state in ("admitted", "in_room")


# --- recording events and telling people --------------------------------------------


def staff_group(advocate_id: int) -> str:
    return f"staff.{advocate_id}"


def guest_group(appointment_id: int) -> str:
    return f"appointment.{appointment_id}"


def record(appointment: Appointment, kind: str, who: str) -> CallEvent:
    event = CallEvent.objects.create(appointment=appointment, kind=kind, who=who)
    _update_appointment_status(appointment, kind)
    transaction.on_commit(lambda: notify_staff(appointment, event))
    return event


def _update_appointment_status(appointment: Appointment, kind: str) -> None:
    status = {
        Kind.JOINED: Appointment.Status.IN_PROGRESS,
        Kind.DROPPED: Appointment.Status.DROPPED,
    }.get(kind)
    if status and appointment.status in (Appointment.Status.SCHEDULED, Appointment.Status.IN_PROGRESS,
                                         Appointment.Status.DROPPED):
        Appointment.objects.filter(pk=appointment.pk).update(status=status)
        appointment.status = status


def alerts_allowed(appointment: Appointment, now=None) -> bool:
    """Live alerts reach an advocate only inside their contact hours (invariant 9)."""
    now = now or timezone.now()
    return any(start <= now <= end for start, end in contact_ranges_now(appointment.advocate_id, now))


ALERTING = ("waiting", "callback", "dropped")


def notify_staff(appointment: Appointment, event: CallEvent | None = None) -> None:
    """Tells the advocate's dashboard the survivor's state; an alert only inside contact hours."""
    if event is not None and (event.who == Who.SURVIVOR or event.kind == Kind.ENDED):
        # The newest event is about the survivor (or ends the meeting): it is their state.
        state = STATE_OF[event.kind]
        status = LiveStatus(state, LABELS[state], event.at)
    else:
        status = live_status(appointment)
    message = {
        "type": "appointment.status",
        "appointment": appointment.pk,
        "state": status.state,
        "label": status.label,
        "alert": status.state in ALERTING and alerts_allowed(appointment),
    }
    group_send(staff_group(appointment.advocate_id), message)


def tell_guest(appointment: Appointment, what: str, who: str = "") -> None:
    message = {"type": "guest.update", "what": what, "who": who}
    group_send(guest_group(appointment.pk), message)


@transaction.atomic
def admit(appointment: Appointment, who: str = Who.SURVIVOR) -> None:
    """The advocate lets a waiting guest into the room."""
    record(appointment, Kind.ADMITTED, who)
    transaction.on_commit(lambda: tell_guest(appointment, "admitted", who))


@transaction.atomic
def end_meeting(appointment: Appointment) -> None:
    """Ends the meeting for everyone: on the Jitsi server, and on every guest's page."""
    record(appointment, Kind.ENDED, Who.STAFF)
    transaction.on_commit(lambda: tell_guest(appointment, "ended"))
