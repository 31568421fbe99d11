"""The advocate's side of the live session: today's appointments, admit, host, end, outcome."""

import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from scheduling.access import appointment_for_advocate, require_advocate
from scheduling.models import Appointment

from . import embed, services
from .jitsi_client import JitsiClient, JitsiError
from .models import CallEvent

logger = logging.getLogger(__name__)
OUTCOMES = {
    "completed": Appointment.Status.COMPLETED,
    "dropped": Appointment.Status.DROPPED,
    "no_show": Appointment.Status.NO_SHOW,
}


def _today(user) -> tuple[datetime, datetime]:
    zone = ZoneInfo(user.time_zone)
    today = timezone.now().astimezone(zone).date()
    start = datetime.combine(today, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def dashboard(request):
    require_advocate(request)
    start, end = _today(request.user)
    appointments = list(
        Appointment.objects.filter(advocate=request.user, starts_at__gte=start, starts_at__lt=end)
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("case")
        .prefetch_related("call_events")
    )
    rows = [
        {
            "appointment": appointment,
            "survivor": services.live_status(appointment, CallEvent.Who.SURVIVOR, list(appointment.call_events.all())),
            "interpreter": services.live_status(
                appointment, CallEvent.Who.INTERPRETER, list(appointment.call_events.all())
            ),
        }
        for appointment in appointments
    ]
    return render(request, "sessions/live.html", {"rows": rows, "socket": "/ws/staff/live/"})


@require_POST
def admit(request, pk: int):
    appointment = appointment_for_advocate(request, pk)
    who = request.POST.get("who", CallEvent.Who.SURVIVOR)
    if who not in (CallEvent.Who.SURVIVOR, CallEvent.Who.INTERPRETER):
        raise Http404
    if not appointment.is_active:
        messages.error(request, "This appointment is no longer active.")
    else:
        services.admit(appointment, who)
        messages.success(request, "Admitted. Open the room to join them.")
    return redirect("video_sessions:live")


def host_room(request, pk: int):
    """The room page for the advocate, who joins as moderator."""
    appointment = appointment_for_advocate(request, pk)
    if not appointment.is_active or not services.room_for(appointment).is_open:
        raise Http404
    options = services.embed_for(appointment, CallEvent.Who.STAFF, staff=request.user)
    response = render(
        request,
        "sessions/host_room.html",
        {"appointment": appointment, "options": options, "external_api": embed.external_api_url()},
    )
    return embed.allow_jitsi(request, response)


@require_POST
def end_meeting(request, pk: int):
    appointment = appointment_for_advocate(request, pk)
    services.end_meeting(appointment)
    try:
        JitsiClient.from_settings().end_meeting(services.room_for(appointment).name)
    except (JitsiError, RuntimeError) as error:  # RuntimeError: the system key is missing
        logger.warning("end meeting: the video server refused or was unreachable (%s)", type(error).__name__)
        messages.warning(request, "The video server could not be reached; the guests' pages were closed anyway.")
    messages.success(request, "The meeting has ended for everyone. Record how it went below.")
    return redirect("video_sessions:live")


@require_POST
def outcome(request, pk: int):
    appointment = appointment_for_advocate(request, pk)
    status = OUTCOMES.get(request.POST.get("outcome", ""))
    if status is None:
        messages.error(request, "Choose held, dropped or no-show.")
    elif appointment.status == Appointment.Status.CANCELLED:
        messages.error(request, "This appointment was cancelled.")
    else:
        Appointment.objects.filter(pk=appointment.pk).update(status=status)
        messages.success(request, f"Recorded as {dict(Appointment.Status.choices)[status].lower()}.")
    return redirect("video_sessions:live")
