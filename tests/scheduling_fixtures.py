"""A case with current consent, an advocate with contact hours: the ground for scheduling tests."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cases.models import Case
from cases.services import open_case
from consent.defaults import create_defaults
from consent.models import ConsentForm, ConsentRecord
from consent.services import current_form, record_consent
from scheduling.models import Appointment, Boundaries, ContactHours

CHICAGO = ZoneInfo("America/Chicago")


def next_weekday(weekday: int, after: date | None = None) -> date:
    """The first date with `weekday` (0 = Monday) at least two days after `after` (today)."""
    day = (after or date.today()) + timedelta(days=2)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def at(day: date, hour: int, minute: int = 0, zone=CHICAGO) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def give_consent(case: Case, modes=("video", "audio", "phone")) -> ConsentRecord:
    if current_form("en") is None:
        create_defaults(ConsentForm)  # a transactional test's flush removed the shipped forms
    return record_consent(
        case,
        current_form("en"),
        agreed=True,
        modes=list(modes),
        for_sessions=True,
        for_reports=True,
        given_by=ConsentRecord.GivenBy.ADVOCATE,
    )


def make_appointment(case: Case, advocate, starts_at: datetime, minutes: int = 50, **fields) -> Appointment:
    """Created directly: the booking rules refuse the past, and these appointments are long over."""
    fields.setdefault("survivor_time_zone", "UTC")
    fields.setdefault("mode", "video")
    return Appointment.objects.create(
        case=case, advocate=advocate, starts_at=starts_at, ends_at=starts_at + timedelta(minutes=minutes), **fields
    )


def booking_data(advocate, day: date, hour: int, **overrides) -> dict:
    """The booking form's fields for `hour`:00 on `day`, in the advocate's time zone; overrides replace any."""
    return {
        "advocate": advocate.pk,
        "date": day.isoformat(),
        "start": f"{hour:02d}:00",
        "minutes": 50,
        "mode": "video",
        "survivor_time_zone": "America/Chicago",
        "interpreter_language": "",
        "reconnect_caller": "advocate",
        "reconnect_wait_minutes": 5,
        "reconnect_fallback": "call the program line",
        **overrides,
    }


def weekday_hours(advocate, start=time(9), end=time(17), weekdays=range(5)) -> None:
    for weekday in weekdays:
        ContactHours.objects.create(advocate=advocate, weekday=weekday, start=start, end=end)


@pytest.fixture
def chicago_advocate(make_staff):
    advocate = make_staff("advocate", "alex", time_zone="America/Chicago")
    weekday_hours(advocate)
    Boundaries.objects.create(advocate=advocate, max_sessions_per_day=3, buffer_minutes=15, min_notice_hours=2)
    return advocate


def case_with_consent(advocate) -> Case:
    """A case opened by `advocate` for video and audio, with consent to sessions in every mode and to reports."""
    case = open_case(Case(alias="Marigold", modes=["video", "audio"]), advocate)
    give_consent(case)
    return case


@pytest.fixture
def consenting_case(chicago_advocate) -> Case:
    return case_with_consent(chicago_advocate)
