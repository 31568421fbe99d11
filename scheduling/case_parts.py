"""Scheduling's part of a case's page and of its export (registered in apps.py)."""

from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Appointment


def appointments_panel(request, case) -> str:
    appointments = case.appointments.select_related("advocate").order_by("-starts_at")[:20]
    return render_to_string(
        "scheduling/_case_appointments.html",
        {"case": case, "appointments": appointments, "now": timezone.now()},
        request=request,
    )


def appointments_export(case) -> tuple[str, list[dict]]:
    rows = [
        {
            "starts": f"{appointment.starts_at.astimezone(ZoneInfo(appointment.survivor_time_zone)):%Y-%m-%d %H:%M} "
            f"({appointment.survivor_time_zone})",
            "way to meet": appointment.get_mode_display(),
            "status": appointment.get_status_display(),
            "if the call drops": appointment.get_reconnect_caller_display(),
            "fallback": appointment.reconnect_fallback,
        }
        for appointment in case.appointments.order_by("starts_at")
        if appointment.status != Appointment.Status.CANCELLED or appointment.starts_at > timezone.now()
    ]
    return "Appointments", rows
