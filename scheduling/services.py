"""What views, other apps and jobs call about scheduling."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from consent.services import has_current_consent
from staff.models import User

from . import codes
from .models import DEFAULT_TEMPLATES, Appointment, CodeDelivery, MessageTemplate, ServiceHours, Weekday
from .rules import calendar_for, load_calendars


class BookingRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def consent_problem(case, mode: str) -> str | None:
    if has_current_consent(case, mode):
        return None
    return f"This case has no current consent covering {mode_label(mode)}. Record consent first."


def mode_label(mode: str) -> str:
    from cases.models import Mode

    return Mode(mode).label.lower()


def booking_problems(case, advocate, starts_at, ends_at, mode, exclude=None, now=None) -> list[str]:
    now = now or timezone.now()
    problems = calendar_for(advocate, starts_at, exclude).problems(starts_at, ends_at, now)
    consent = consent_problem(case, mode)
    return problems + [consent] if consent else problems


def book(case, advocate, starts_at: datetime, ends_at: datetime, mode: str, **details) -> Appointment:
    """Creates the appointment, or raises BookingRefused naming every rule it breaks.

    The advocate's row is locked for the check and the insert, so two people
    booking the same advocate at once are served one after the other and
    exactly one of them gets a clashing slot.
    """
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=advocate.pk).first()
        problems = booking_problems(case, advocate, starts_at, ends_at, mode)
        if problems:
            raise BookingRefused(problems)
        return Appointment.objects.create(
            case=case, advocate=advocate, starts_at=starts_at, ends_at=ends_at, mode=mode, **details
        )


@transaction.atomic
def cancel(appointment: Appointment) -> None:
    if appointment.status in (Appointment.Status.SCHEDULED, Appointment.Status.IN_PROGRESS):
        appointment.status = Appointment.Status.CANCELLED
        appointment.cancelled_at = timezone.now()
        appointment.save(update_fields=["status", "cancelled_at"])
    codes.revoke(appointment)


def cancel_future(case) -> int:
    """Cancels the case's appointments that have not ended, revoking their codes."""
    upcoming = list(case.appointments.filter(status=Appointment.Status.SCHEDULED, ends_at__gt=timezone.now()))
    for appointment in upcoming:
        cancel(appointment)
    return len(upcoming)


@dataclass(frozen=True)
class Slot:
    advocate: User
    starts_at: datetime
    ends_at: datetime


def free_slots(
    advocates,
    first_day: date,
    days: int,
    minutes: int | None = None,
    step_minutes: int = 30,
    limit: int | None = None,
    now: datetime | None = None,
) -> list[Slot]:
    """The next free slots of `advocates` over `days` local days, honouring every boundary rule."""
    now = now or timezone.now()
    last_day = first_day + timedelta(days=days - 1)
    calendars = load_calendars(advocates, first_day, last_day)
    slots = []
    for calendar in calendars.values():
        length = timedelta(minutes=minutes or calendar.boundaries.session_minutes)
        for offset in range(days):
            for start, end in calendar.ranges_on(first_day + timedelta(days=offset)):
                slots.extend(_slots_in(calendar, start, end, length, timedelta(minutes=step_minutes), now))
    slots.sort(key=lambda slot: (slot.starts_at, slot.advocate.display_name))
    return slots[:limit] if limit else slots


def _slots_in(calendar, start, end, length, step, now):
    candidate = start
    while candidate + length <= end:
        if not calendar.problems(candidate, candidate + length, now):
            yield Slot(calendar.advocate, candidate, candidate + length)
        candidate = (candidate.astimezone(ZoneInfo("UTC")) + step).astimezone(calendar.zone)


CONTACT_RANGES_KEY = "contact-ranges:{}"


def contact_ranges_now(advocate_id: int, now: datetime) -> list[tuple[datetime, datetime]]:
    """The advocate's contact hours on their local day holding `now`, from the cache.

    Every survivor's arrival asks it (alerts only inside contact hours,
    invariant 9), and a calendar costs four queries. A change of the hours,
    the exceptions or the advocate's zone deletes the entry (apps.py); a new
    local day computes it again.
    """
    key = CONTACT_RANGES_KEY.format(advocate_id)
    cached = cache.get(key)
    if cached is not None:
        zone, day, ranges = cached
        if now.astimezone(ZoneInfo(zone)).date() == day:
            return ranges
    advocate = User.objects.get(pk=advocate_id)
    calendar = calendar_for(advocate, now, with_bookings=False)
    day = calendar.local_day(now)
    ranges = calendar.ranges_on(day)
    cache.set(key, (advocate.time_zone, day, ranges), 24 * 3600)
    return ranges


SERVICE_HOURS_KEY = "service-hours-text"


def service_hours_text() -> str:
    """The program's service hours as one line, e.g. 'Mon 09:00–17:00; Tue 09:00–17:00 (America/Chicago)'.

    Cached: every survivor page shows it; saving service hours clears it (apps.py).
    """
    return cache.get_or_set(SERVICE_HOURS_KEY, _service_hours_text, 60)


def _service_hours_text() -> str:
    from program.models import ProgramSettings

    rows = list(ServiceHours.objects.all())
    if not rows:
        return ""
    by_day: dict[int, list[str]] = {}
    for row in rows:
        by_day.setdefault(row.weekday, []).append(str(row))
    parts = [f"{Weekday(day).label[:3]} {', '.join(ranges)}" for day, ranges in sorted(by_day.items())]
    return f"{'; '.join(parts)} ({ProgramSettings.load().time_zone})"


def template_for(channel: str) -> MessageTemplate:
    template = MessageTemplate.objects.filter(channel=channel).first()
    return template or MessageTemplate(channel=channel, **DEFAULT_TEMPLATES[channel])


def render_message(appointment: Appointment, channel: str, code: str) -> tuple[str, str]:
    """(subject, body) of a code message, in the survivor's time zone."""
    template = template_for(channel)
    starts_at, _ = appointment.in_zone(appointment.survivor_time_zone)
    values = {
        "code": code,
        "time": f"{starts_at:%a %d %b %H:%M} ({appointment.survivor_time_zone})",
        "site": f"{settings.SITE_URL}/join/",
        "service_hours": service_hours_text(),
    }
    return template.subject.format(**values), template.body.format(**values)


def queue_delivery(appointment: Appointment, channel: str, address: str, role: str = "survivor") -> CodeDelivery:
    """Records the sending and queues it after commit; the task makes, sends and activates the code."""
    from .tasks import send_code

    delivery = CodeDelivery.objects.create(appointment=appointment, role=role, channel=channel, address=address)
    transaction.on_commit(lambda: send_code.delay(delivery.pk))
    return delivery


@dataclass(frozen=True)
class Load:
    advocate: User
    contact_hours: float
    booked_hours: float
    sessions: int
    busiest_day: int
    max_per_day: int

    @property
    def over(self) -> bool:
        return self.booked_hours > self.contact_hours or self.busiest_day > self.max_per_day


def team_load(advocates, week_start: date) -> list[Load]:
    """Each advocate's booked hours in a week against their contact hours and daily limit."""
    last_day = week_start + timedelta(days=6)
    calendars = load_calendars(advocates, week_start, last_day)
    loads = []
    for calendar in calendars.values():
        days = [week_start + timedelta(days=offset) for offset in range(7)]
        contact = sum(calendar.contact_seconds(day) for day in days)
        booked = [(s, e) for s, e in calendar.booked if week_start <= calendar.local_day(s) <= last_day]
        per_day = [sum(1 for s, _ in booked if calendar.local_day(s) == day) for day in days]
        loads.append(
            Load(
                advocate=calendar.advocate,
                contact_hours=round(contact / 3600, 1),
                booked_hours=round(sum((e - s).total_seconds() for s, e in booked) / 3600, 1),
                sessions=len(booked),
                busiest_day=max(per_day),
                max_per_day=calendar.boundaries.max_sessions_per_day,
            )
        )
    return sorted(loads, key=lambda load: load.advocate.display_name)
