"""Contact-hour boundaries (invariant 9): when an advocate can be booked, and why not.

A Calendar holds one advocate's hours, exceptions, boundaries and booked
sessions for a window, loaded in a few queries; booking and the free-slot
finder ask it the same questions, so they can never disagree.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .models import Appointment, Boundaries, ContactException, ContactHours

UTC = ZoneInfo("UTC")

Range = tuple[datetime, datetime]


def local_datetime(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The instant a wall-clock time happens on a date; across a DST change the local time stays."""
    return datetime.combine(day, at, tzinfo=zone)


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def hours_text(ranges: list[Range]) -> str:
    return ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in ranges)


@dataclass
class Calendar:
    advocate: object
    zone: ZoneInfo
    boundaries: Boundaries
    weekly: dict[int, list[tuple[time, time]]] = field(default_factory=dict)
    exceptions: dict[date, list[tuple[time | None, time | None]]] = field(default_factory=dict)
    booked: list[Range] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.advocate.display_name

    # Built once per calendar (the slot finder asks about thousands of candidates).
    _ranges: dict = field(default_factory=dict, repr=False)

    @cached_property
    def _booked_by_day(self) -> dict[date, list[Range]]:
        """Booked sessions by the local day they start on; `booked` is complete before the first question."""
        by_day: dict[date, list[Range]] = defaultdict(list)
        for start, end in self.booked:
            by_day[self.local_day(start)].append((start, end))
        return by_day

    def booked_near(self, starts_at: datetime, ends_at: datetime, buffer: timedelta) -> list[Range]:
        """Sessions that may touch [starts_at - buffer, ends_at + buffer]: they start within a day of it."""
        first = self.local_day(starts_at - buffer) - timedelta(days=1)
        last = self.local_day(ends_at + buffer)
        days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
        return [booked for day in days for booked in self._booked_by_day.get(day, [])]

    def ranges_on(self, day: date) -> list[Range]:
        """Contact ranges on a local date: a date exception replaces the weekly hours."""
        if day not in self._ranges:
            self._ranges[day] = self._contact_ranges(day)
        return self._ranges[day]

    def _contact_ranges(self, day: date) -> list[Range]:
        if day in self.exceptions:
            times = [(start, end) for start, end in self.exceptions[day] if start is not None]
        else:
            times = self.weekly.get(day.weekday(), [])
        return [(local_datetime(day, start, self.zone), local_datetime(day, end, self.zone)) for start, end in times]

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def contact_seconds(self, day: date) -> float:
        """Real seconds of contact on a local date: through UTC, since two wall-clock times of one
        zone subtract without the clock change between them."""
        return sum((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() for start, end in self.ranges_on(day))

    def hours_problem(self, starts_at: datetime, ends_at: datetime) -> str | None:
        day = self.local_day(starts_at)
        ranges = self.ranges_on(day)
        if any(start <= starts_at and ends_at <= end for start, end in ranges):
            return None
        if not ranges:
            return f"{self.name} has no contact hours on {long_date(day)}."
        return (
            f"Outside {self.name}'s contact hours. On {long_date(day)} they are available "
            f"{hours_text([(s.astimezone(self.zone), e.astimezone(self.zone)) for s, e in ranges])} ({self.zone.key})."
        )

    def clash_problem(self, starts_at: datetime, ends_at: datetime) -> str | None:
        buffer = timedelta(minutes=self.boundaries.buffer_minutes)
        for start, end in self.booked_near(starts_at, ends_at, buffer):
            if start < ends_at and starts_at < end:
                return (
                    f"{self.name} already has an appointment from {start.astimezone(self.zone):%H:%M} "
                    f"to {end.astimezone(self.zone):%H:%M} that day."
                )
            if start < ends_at + buffer and starts_at - buffer < end:
                return (
                    f"{self.name} keeps {self.boundaries.buffer_minutes} minutes between sessions; the appointment "
                    f"from {start.astimezone(self.zone):%H:%M} to {end.astimezone(self.zone):%H:%M} is too close."
                )
        return None

    def daily_problem(self, starts_at: datetime) -> str | None:
        day = self.local_day(starts_at)
        booked_that_day = len(self._booked_by_day.get(day, []))
        if booked_that_day >= self.boundaries.max_sessions_per_day:
            return (
                f"{self.name}'s limit of {self.boundaries.max_sessions_per_day} sessions a day is reached "
                f"on {long_date(day)}."
            )
        return None

    def notice_problem(self, starts_at: datetime, now: datetime) -> str | None:
        if starts_at <= now:
            return "That time has already passed."
        if starts_at < now + timedelta(hours=self.boundaries.min_notice_hours):
            return f"{self.name} needs at least {self.boundaries.min_notice_hours} hours' notice."
        return None

    def problems(self, starts_at: datetime, ends_at: datetime, now: datetime) -> list[str]:
        if ends_at <= starts_at:
            return ["The end must be after the start."]
        found = [
            self.notice_problem(starts_at, now),
            self.hours_problem(starts_at, ends_at),
            self.clash_problem(starts_at, ends_at),
            self.daily_problem(starts_at),
        ]
        return [problem for problem in found if problem]


def load_calendars(
    advocates, first_day: date, last_day: date, exclude_appointment=None, with_bookings: bool = True
) -> dict[int, Calendar]:
    """Calendars of `advocates` for local dates first_day..last_day, in four queries (three without bookings)."""
    advocates = list(advocates)
    ids = [advocate.pk for advocate in advocates]
    boundaries = {b.advocate_id: b for b in Boundaries.objects.filter(advocate_id__in=ids)}
    calendars = {
        advocate.pk: Calendar(
            advocate=advocate,
            zone=ZoneInfo(advocate.time_zone),
            boundaries=boundaries.get(advocate.pk) or Boundaries(advocate=advocate),
        )
        for advocate in advocates
    }
    weekly = defaultdict(list)
    for hours in ContactHours.objects.filter(advocate_id__in=ids).order_by("start"):
        weekly[hours.advocate_id].append((hours.weekday, hours.start, hours.end))
    for advocate_id, rows in weekly.items():
        for weekday, start, end in rows:
            calendars[advocate_id].weekly.setdefault(weekday, []).append((start, end))
    for exception in ContactException.objects.filter(
        advocate_id__in=ids, date__range=(first_day, last_day)
    ).order_by("start"):
        calendars[exception.advocate_id].exceptions.setdefault(exception.date, []).append(
            (exception.start, exception.end)
        )
    if not with_bookings:
        return calendars
    # A day either side: local dates straddle UTC ones.
    window_start = datetime.combine(first_day - timedelta(days=1), time.min, tzinfo=UTC)
    window_end = datetime.combine(last_day + timedelta(days=2), time.min, tzinfo=UTC)
    booked = Appointment.objects.filter(
        advocate_id__in=ids,
        status__in=Appointment.ACTIVE,
        starts_at__lt=window_end,
        ends_at__gt=window_start,
    ).order_by("starts_at")
    if exclude_appointment is not None:
        booked = booked.exclude(pk=exclude_appointment.pk)
    for advocate_id, starts_at, ends_at in booked.values_list("advocate_id", "starts_at", "ends_at"):
        calendars[advocate_id].booked.append((starts_at, ends_at))
    return calendars


def calendar_for(advocate, starts_at: datetime, exclude_appointment=None, with_bookings: bool = True) -> Calendar:
    day = starts_at.astimezone(ZoneInfo(advocate.time_zone)).date()
    return load_calendars([advocate], day, day, exclude_appointment, with_bookings)[advocate.pk]
