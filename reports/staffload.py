"""Each advocate's booked and held hours against their contact-hour boundaries.

Staff are not anonymized (survivors are): this names advocates and counts
every session, since it describes the advocate's working day. It shows the
same kind of figures as the Team hours page, over a longer period, and is
left out of the funder export. Contact hours come from scheduling.rules
(weekly hours, date exceptions, DST); sessions from GROUP BY counts per local day.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate

from scheduling.models import Appointment
from scheduling.rules import Calendar, load_calendars
from staff.models import User

from .periods import Period
from .sources import local_bounds

BOOKED = (Appointment.Status.SCHEDULED, Appointment.Status.IN_PROGRESS, Appointment.Status.COMPLETED)
HELD = Appointment.Status.COMPLETED


@dataclass
class Day:
    sessions: int = 0
    booked_seconds: float = 0.0
    held_seconds: float = 0.0


@dataclass(frozen=True)
class Load:
    name: str
    contact_hours: float
    booked_hours: float
    held_hours: float
    busiest_day: int
    average_per_day: float
    max_per_day: int
    weeks_over: int
    weeks: int


def staff_load(period: Period) -> list[Load]:
    """Active advocates, and any who had sessions in the period and have left since."""
    first_day, last_day = period.span
    everyone = list(User.objects.filter(role=User.Role.ADVOCATE))
    days = booked_days(everyone, first_day, last_day)
    advocates = [advocate for advocate in everyone if advocate.is_active or advocate.pk in days]
    # Hours and boundaries only: the report never reads the calendars' bookings, so they are not loaded.
    calendars = load_calendars(advocates, first_day, last_day, with_bookings=False)
    every_day = [first_day + timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    changes = {zone: clock_changes(zone, every_day) for zone in {calendar.zone for calendar in calendars.values()}}
    loads = [
        load_of(calendar, days[calendar.advocate.pk], period.mondays, changes[calendar.zone])
        for calendar in calendars.values()
    ]
    return sorted(loads, key=lambda load: load.name.casefold())


def booked_days(advocates: list[User], first_day: date, last_day: date) -> dict[int, dict[date, Day]]:
    """{advocate id: {local day: Day}}: one GROUP BY per time zone among the advocates."""
    days: dict[int, dict[date, Day]] = defaultdict(dict)
    by_zone = sorted(advocates, key=lambda advocate: advocate.time_zone)
    for zone_name, group in groupby(by_zone, key=lambda advocate: advocate.time_zone):
        zone = ZoneInfo(zone_name)
        start, end = local_bounds(first_day, last_day, zone)
        length = F("ends_at") - F("starts_at")
        rows = (
            Appointment.objects.filter(
                advocate__in=[advocate.pk for advocate in group],
                status__in=BOOKED,
                starts_at__gte=start,
                starts_at__lt=end,
            )
            .annotate(day=TruncDate("starts_at", tzinfo=zone))
            .values("advocate_id", "day")
            .annotate(n=Count("id"), booked=Sum(length), held=Sum(length, filter=Q(status=HELD)))
            .order_by()
        )
        for row in rows:
            held = row["held"].total_seconds() if row["held"] is not None else 0.0
            days[row["advocate_id"]][row["day"]] = Day(row["n"], row["booked"].total_seconds(), held)
    return days


def clock_changes(zone: ZoneInfo, every_day: list[date]) -> set[date]:
    """The local days whose UTC offset at midnight differs from the next midnight's: the clock changes that day.

    Zones change their clocks at most once a day, so every other day keeps one offset from midnight to midnight.
    """
    offsets = [datetime.combine(day, time.min, zone).utcoffset() for day in every_day]
    offsets.append(datetime.combine(every_day[-1] + timedelta(days=1), time.min, zone).utcoffset())
    return {day for day, offset, following in zip(every_day, offsets, offsets[1:]) if offset != following}


def load_of(calendar: Calendar, days: dict[date, Day], mondays: list[date], changes: set[date]) -> Load:
    limit = calendar.boundaries.max_sessions_per_day
    usual: dict[int, float] = {}  # weekday: contact seconds of a day with its weekly hours and no clock change

    def contact_on(day: date) -> float:
        # A day with neither a date exception nor a clock change has exactly its weekday's usual seconds,
        # so ranges_on() (datetimes in the zone) runs once per weekday plus once per unusual day.
        if day in calendar.exceptions or day in changes:
            return calendar.contact_seconds(day)
        if day.weekday() not in usual:
            usual[day.weekday()] = calendar.contact_seconds(day)
        return usual[day.weekday()]

    contact = booked = held = 0.0
    sessions = busiest = working_days = weeks_over = 0
    for monday in mondays:
        week = [monday + timedelta(days=n) for n in range(7)]
        week_contact = [contact_on(day) for day in week]
        week_days = [days[day] for day in week if day in days]
        week_booked = sum(d.booked_seconds for d in week_days)
        week_busiest = max((d.sessions for d in week_days), default=0)
        contact += sum(week_contact)
        booked += week_booked
        held += sum(d.held_seconds for d in week_days)
        sessions += sum(d.sessions for d in week_days)
        busiest = max(busiest, week_busiest)
        working_days += sum(1 for seconds in week_contact if seconds)
        weeks_over += week_booked > sum(week_contact) or week_busiest > limit

    return Load(
        name=calendar.name,
        contact_hours=hours(contact),
        booked_hours=hours(booked),
        held_hours=hours(held),
        busiest_day=busiest,
        average_per_day=round(sessions / (working_days or 1), 1),
        max_per_day=limit,
        weeks_over=weeks_over,
        weeks=len(mondays),
    )


def hours(seconds: float) -> float:
    return round(seconds / 3600, 1)
