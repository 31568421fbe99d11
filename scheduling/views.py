from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cases.access import case_for_advocate
from cases.models import AnonymousCount
from staff.models import User

from . import codes, services
from .access import advocate_for_supervisor, appointment_for_advocate, require_advocate, team_of
from .forms import (
    AppointmentForm,
    BoundariesForm,
    ContactExceptionFormSet,
    ContactHoursFormSet,
    SendCodeForm,
)
from .models import Appointment, Boundaries
from .rules import hours_text, load_calendars

SUGGESTED_SLOTS = 8


def _week_start(request) -> date:
    try:
        day = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    return day - timedelta(days=day.weekday())


@require_http_methods(["GET", "POST"])
def book(request, case_pk: int):
    case = case_for_advocate(request, case_pk)
    advocates = list(case.advocates.filter(is_active=True))
    me = request.user
    boundaries = Boundaries.of(me)
    initial = {
        "advocate": me.pk,
        "minutes": boundaries.session_minutes,
        "survivor_time_zone": me.time_zone,
        "mode": (case.modes or ["video"])[0],
        "reconnect_caller": Appointment.Caller.ADVOCATE,
        "reconnect_wait_minutes": 5,
    }
    slot_advocate = next((a for a in advocates if str(a.pk) == request.GET.get("advocate")), me)
    if request.GET.get("slot"):
        initial.update(_slot_initial(request.GET["slot"], slot_advocate))
    form = AppointmentForm(request.POST or None, initial=initial, advocates=advocates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = services.book(
                case, data["advocate"], data["starts_at"], data["ends_at"], data["mode"], **form.appointment_fields()
            )
        except services.BookingRefused as refusal:
            for problem in refusal.problems:
                form.add_error(None, problem)
            if any("contact hours" in problem for problem in refusal.problems):
                AnonymousCount.bump(AnonymousCount.Kind.BOOKING_REFUSED_HOURS, case=case)
        else:
            messages.success(request, "Appointment booked. Next, send the survivor their code.")
            return redirect("scheduling:appointment", pk=appointment.pk)
    slots = services.free_slots(advocates, timezone.localdate(), 14, limit=SUGGESTED_SLOTS)
    return render(request, "scheduling/book.html", {"case": case, "form": form, "slots": slots})


def _slot_initial(slot: str, advocate: User) -> dict:
    try:
        starts_at = datetime.fromisoformat(slot).astimezone(ZoneInfo(advocate.time_zone))
    except ValueError:
        return {}
    return {"advocate": advocate.pk, "date": starts_at.date(), "start": starts_at.time().replace(second=0, microsecond=0)}


def appointment_detail(request, pk: int):
    appointment = appointment_for_advocate(request, pk)
    return render(
        request,
        "scheduling/appointment.html",
        {
            "appointment": appointment,
            "codes": appointment.codes.all(),
            "deliveries": appointment.deliveries.all()[:10],
            "send_form": SendCodeForm(case=appointment.case),
            "code_window": codes.window(appointment),
        },
    )


@require_POST
def send_code(request, pk: int):
    """Two steps: the first POST shows the message as it will be sent, the second sends it."""
    appointment = appointment_for_advocate(request, pk)
    if not appointment.is_active:
        raise Http404
    form = SendCodeForm(request.POST, case=appointment.case)
    if not form.is_valid():
        return render(request, "scheduling/send_code.html", {"appointment": appointment, "form": form})
    data = form.cleaned_data
    if "confirm" not in request.POST:
        _, preview = services.render_message(appointment, data["channel"], "XXXX-XXXX-XXXX")
        return render(
            request, "scheduling/send_code.html", {"appointment": appointment, "form": form, "preview": preview}
        )
    services.queue_delivery(appointment, data["channel"], data["address"], data["role"])
    kind = AnonymousCount.Kind.CODE_SENT_EMAIL if data["channel"] == "email" else AnonymousCount.Kind.CODE_SENT_SMS
    AnonymousCount.bump(kind, case=appointment.case)
    messages.success(request, "The code is being sent. The address you typed is discarded once it is sent.")
    return redirect("scheduling:appointment", pk=appointment.pk)


@require_POST
def show_code(request, pk: int):
    """Issues a new code and shows it once, to read out on a call (the old one stops working)."""
    appointment = appointment_for_advocate(request, pk)
    if not appointment.is_active:
        raise Http404
    role = request.POST.get("role", "survivor")
    if role not in ("survivor", "interpreter"):
        role = "survivor"
    code = codes.issue(appointment, role)
    return render(request, "scheduling/show_code.html", {"appointment": appointment, "code": code, "role": role})


@require_POST
def cancel(request, pk: int):
    appointment = appointment_for_advocate(request, pk)
    services.cancel(appointment)
    messages.success(request, "Appointment cancelled; its codes no longer work.")
    return redirect("cases:detail", pk=appointment.case_id)


def week(request):
    require_advocate(request)
    me = request.user
    start = _week_start(request)
    days = [start + timedelta(days=offset) for offset in range(7)]
    calendar = load_calendars([me], days[0], days[-1])[me.pk]
    zone = ZoneInfo(me.time_zone)
    appointments = list(
        Appointment.objects.filter(
            advocate=me,
            starts_at__gte=datetime.combine(days[0], time.min, tzinfo=zone),
            starts_at__lt=datetime.combine(days[-1] + timedelta(days=1), time.min, tzinfo=zone),
        ).select_related("case")
    )
    columns = [
        {
            "day": day,
            "hours": hours_text([(s.astimezone(zone), e.astimezone(zone)) for s, e in calendar.ranges_on(day)]),
            "appointments": [a for a in appointments if a.starts_at.astimezone(zone).date() == day],
        }
        for day in days
    ]
    return render(
        request,
        "scheduling/week.html",
        {
            "columns": columns,
            "zone": me.time_zone,
            "previous": start - timedelta(days=7),
            "next": start + timedelta(days=7),
            "boundaries": calendar.boundaries,
        },
    )


@require_http_methods(["GET", "POST"])
def my_hours(request):
    require_advocate(request)
    return _hours_page(request, request.user, "scheduling:week")


def team(request):
    """A supervisor's view of each advocate's booked hours against their boundaries, week by week."""
    if not getattr(request.user, "is_supervisor", False):
        raise Http404
    start = _week_start(request)
    advocates = team_of(request.user)
    rows = services.team_load(advocates, start)
    return render(
        request,
        "scheduling/team.html",
        {"rows": rows, "week": start, "previous": start - timedelta(days=7), "next": start + timedelta(days=7)},
    )


@require_http_methods(["GET", "POST"])
def edit_hours(request, advocate_pk: int):
    return _hours_page(request, advocate_for_supervisor(request, advocate_pk), "scheduling:team")


def _hours_page(request, advocate: User, done_url: str):
    """Contact hours, days that differ and limits: set by the advocate or their supervisor."""
    data = request.POST or None
    boundaries_form = BoundariesForm(data, instance=Boundaries.of(advocate), prefix="limits")
    hours = ContactHoursFormSet(data, instance=advocate, prefix="hours")
    exceptions = ContactExceptionFormSet(
        data,
        instance=advocate,
        prefix="exceptions",
        queryset=advocate.contact_exceptions.filter(date__gte=timezone.localdate()),
    )
    if request.method == "POST" and all(f.is_valid() for f in (boundaries_form, hours, exceptions)):
        with transaction.atomic():
            boundaries_form.save()
            hours.save()
            exceptions.save()
        messages.success(request, f"Contact hours of {advocate.display_name} saved.")
        return redirect(done_url)
    return render(
        request,
        "scheduling/edit_hours.html",
        {
            "advocate": advocate,
            "boundaries_form": boundaries_form,
            "hours": hours,
            "exceptions": exceptions,
            "done_url": done_url,
        },
    )


def slots(request):
    """Free slots for one advocate or any advocate of the program (names and times only)."""
    user = request.user
    if not (user.is_advocate or user.is_supervisor):
        raise Http404
    advocates = list(User.objects.advocates())
    chosen = request.GET.get("advocate", "any")
    if chosen != "any":
        advocates = [a for a in advocates if str(a.pk) == chosen] or advocates
    days = 14
    found = services.free_slots(advocates, timezone.localdate(), days, limit=40)
    return render(
        request,
        "scheduling/slots.html",
        {"slots": found, "advocates": User.objects.advocates(), "chosen": chosen, "days": days},
    )
