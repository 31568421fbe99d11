"""Each advocate's booked and held hours against their contact-hour boundaries.

Staff are not anonymized (survivors are): this names advocates and counts
every session, since it describes the advocate's working day. It shows the
same kind of figures as the Team hours page, over a longer period, and is
left out of the funder export. Contact hours come from scheduling.rules
(weekly hours, date exceptions, DST); sessions from GROUP BY counts per local day.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncDate

from scheduling.models import Appointment
from scheduling.rules import Calendar, load_calendars
from staff.models import User

from .periods import Period
from .sources import local_bounds

BOOKED = (Appointment.Status.SCHEDULED, Appointment.Status.IN_PROGRESS, Appointment.Status.COMPLETED)
HELD = Appointment.Status.COMPLETED
UTC = ZoneInfo("UTC")


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
    calendars = load_calendars(advocates, first_day, last_day)
    loads = [load_of(calendar, days[calendar.advocate.pk], period.mondays) for calendar in calendars.values()]
    return sorted(loads, key=lambda load: load.name.casefold())


def booked_days(advocates: list[User], first_day: date, last_day: date) -> dict[int, dict[date, Day]]:
    """{advocate id: {local day: Day}}: one GROUP BY per time zone among the advocates."""
    days: dict[int, dict[date, Day]] = defaultdict(lambda: defaultdict(Day))
    by_zone = sorted(advocates, key=lambda advocate: advocate.time_zone)
    for zone_name, group in groupby(by_zone, key=lambda advocate: advocate.time_zone):
        zone = ZoneInfo(zone_name)
        start, end = local_bounds(first_day, last_day, zone)
        rows = (
            Appointment.objects.filter(
                advocate__in=[advocate.pk for advocate in group],
                status__in=BOOKED,
                starts_at__gte=start,
                starts_at__lt=end,
            )
            .annotate(day=TruncDate("starts_at", tzinfo=zone))
            .values("advocate_id", "day", "status")
            .annotate(n=Count("id"), length=Sum(F("ends_at") - F("starts_at")))
            .order_by()
        )
        for row in rows:
            day = days[row["advocate_id"]][row["day"]]
            seconds = row["length"].total_seconds()
            day.sessions += row["n"]
            day.booked_seconds += seconds
            day.held_seconds += seconds if row["status"] == HELD else 0.0
    return days


def load_of(calendar: Calendar, days: dict[date, Day], mondays: list[date]) -> Load:
    limit = calendar.boundaries.max_sessions_per_day
    weeks = [[monday + timedelta(days=n) for n in range(7)] for monday in mondays]
    every_day = [day for week in weeks for day in week]
    contact = {day: sum(elapsed(start, end) for start, end in calendar.ranges_on(day)) for day in every_day}
    booked = [days.get(day, Day()) for day in every_day]
    working_days = sum(1 for day in every_day if contact[day]) or 1

    def over(week: list[date]) -> bool:
        loads = [days.get(day, Day()) for day in week]
        too_long = sum(d.booked_seconds for d in loads) > sum(contact[day] for day in week)
        return too_long or any(d.sessions > limit for d in loads)

    return Load(
        name=calendar.name,
        contact_hours=hours(sum(contact.values())),
        booked_hours=hours(sum(d.booked_seconds for d in booked)),
        held_hours=hours(sum(d.held_seconds for d in booked)),
        busiest_day=max((d.sessions for d in booked), default=0),
        average_per_day=round(sum(d.sessions for d in booked) / working_days, 1),
        max_per_day=limit,
        weeks_over=sum(1 for week in weeks if over(week)),
        weeks=len(weeks),
    )


def elapsed(start: datetime, end: datetime) -> float:
    """Real seconds: wall-clock times of one zone subtract without the DST change between them."""
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds()


def hours(seconds: float) -> float:
    return round(seconds / 3600, 1)
