from .models import Room


def create_room(sender, instance, created, **kwargs):
    """Every appointment gets its own room when it is booked."""
    if created:
        Room.objects.get_or_create(appointment=instance)


def jitsi_event(event) -> None:
    """What the program's Jitsi server says about a room, as call events.

    Only what cannot be misread: a guest joining (when the page's own report
    was lost) and the room closing while a guest still counted as inside.
    Names and addresses never arrive here (sessions/webhooks.py drops them).
    """
    from .models import CallEvent
    from .services import live_status, record

    room = Room.objects.select_related("appointment").filter(name=event.room).first()
    if room is None or event.is_breakout:
        return
    appointment = room.appointment
    guests = [CallEvent.Who.SURVIVOR] if not appointment.interpreter_language else []
    for who in guests:
        state = live_status(appointment, who).state
        if event.kind == "occupant_joined" and event.is_moderator is False and state == "admitted":
            record(appointment, CallEvent.Kind.JOINED, who)
        elif event.kind == "room_destroyed" and state == "in_room":
            record(appointment, CallEvent.Kind.LEFT, who)
