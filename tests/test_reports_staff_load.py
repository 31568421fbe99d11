"""Staff load: each advocate's hours against their contact-hour boundaries (staff are named; survivors are not)."""

from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case
from reports.periods import period_of
from reports.staffload import staff_load
from scheduling.models import ContactException, ContactHours
from tests.scheduling_fixtures import CHICAGO, chicago_advocate, make_appointment  # noqa: F401  (fixtures)

TWO_WEEKS = period_of("custom", date(2026, 11, 2), date(2026, 11, 15))  # 2026-W45 and W46, after DST ended


def sessions(advocate, day: date, hour: int, how_many: int, status="completed", minutes=60) -> None:
    case = Case.objects.create(alias="Load")
    for n in range(how_many):
        starts_at = datetime.combine(day, time(hour + n * 2), CHICAGO)
        make_appointment(case, advocate, starts_at, minutes, survivor_time_zone="America/Chicago", status=status)


def test_it_weighs_booked_and_held_hours_against_contact_hours(chicago_advocate):
    sessions(chicago_advocate, date(2026, 11, 2), 9, 4)  # Monday: four held, one over the limit of three
    sessions(chicago_advocate, date(2026, 11, 10), 9, 2, status="scheduled", minutes=90)
    sessions(chicago_advocate, date(2026, 11, 11), 9, 1, status="cancelled")
    sessions(chicago_advocate, date(2026, 11, 12), 9, 1, status="no_show")
    [load] = staff_load(TWO_WEEKS)
    assert (load.name, load.contact_hours, load.booked_hours, load.held_hours) == ("Alex", 80.0, 7.0, 4.0)
    assert (load.busiest_day, load.max_per_day, load.average_per_day) == (4, 3, 0.6)
    assert (load.weeks_over, load.weeks) == (1, 2)


def test_a_week_is_over_when_booked_hours_pass_contact_hours(make_staff):
    advocate = make_staff("advocate", "kim", time_zone="America/Chicago")
    ContactHours.objects.create(advocate=advocate, weekday=0, start=time(9), end=time(10))
    sessions(advocate, date(2026, 11, 2), 9, 1)
    [load] = staff_load(TWO_WEEKS)
    assert (load.contact_hours, load.booked_hours, load.weeks_over) == (2.0, 1.0, 0)  # one hour a week
    sessions(advocate, date(2026, 11, 3), 9, 1)  # a second hour in the first week
    assert staff_load(TWO_WEEKS)[0].weeks_over == 1


def test_contact_hours_follow_daylight_saving(make_staff):
    advocate = make_staff("advocate", "kim", time_zone="America/Chicago")
    ContactHours.objects.create(advocate=advocate, weekday=6, start=time(0), end=time(4))
    # Sunday 8 March 2026: clocks jump from 02:00 to 03:00, so 00:00-04:00 is three hours.
    [load] = staff_load(period_of("week", date(2026, 3, 8)))
    assert load.contact_hours == 3.0


def test_each_clock_change_counts_on_its_own_day_only(make_staff):
    advocate = make_staff("advocate", "kim", time_zone="America/Chicago")
    ContactHours.objects.create(advocate=advocate, weekday=6, start=time(0), end=time(4))
    # Sunday 8 March 2026 has 3 hours (clocks go forward), Sunday 15 March the usual 4.
    assert staff_load(period_of("custom", date(2026, 3, 2), date(2026, 3, 15)))[0].contact_hours == 7.0
    # Sunday 25 October has the usual 4, Sunday 1 November 5 (clocks go back at 02:00).
    assert staff_load(period_of("custom", date(2026, 10, 19), date(2026, 11, 1)))[0].contact_hours == 9.0


def test_a_date_exception_replaces_the_weekly_hours_of_that_day_only(chicago_advocate):
    ContactException.objects.create(advocate=chicago_advocate, date=date(2026, 11, 2))  # a Monday off
    ContactException.objects.create(advocate=chicago_advocate, date=date(2026, 11, 10), start=time(10), end=time(12))
    [load] = staff_load(TWO_WEEKS)
    assert load.contact_hours == 80.0 - 8 - 6
    assert load.average_per_day == 0.0 and load.weeks == 2


def test_appointments_are_read_only_as_counts_per_day(chicago_advocate):
    """Never a row per appointment: the report sums them in SQL (and loads no calendar bookings it would not use)."""
    sessions(chicago_advocate, date(2026, 11, 10), 9, 2, status="scheduled")
    with CaptureQueriesContext(connection) as queries:
        [load] = staff_load(TWO_WEEKS)
    assert load.booked_hours == 2.0
    reading = [query["sql"] for query in queries if "scheduling_appointment" in query["sql"]]
    assert reading and all("GROUP BY" in sql for sql in reading)


def test_a_session_counts_on_the_advocates_own_day(make_staff):
    advocate = make_staff("advocate", "kim", time_zone="Asia/Tokyo")
    case = Case.objects.create(alias="Late")
    starts_at = datetime(2026, 11, 15, 16, tzinfo=CHICAGO)  # Sunday in Chicago, Monday 16 November in Tokyo
    make_appointment(case, advocate, starts_at, minutes=60, survivor_time_zone="America/Chicago", status="completed")
    assert staff_load(TWO_WEEKS)[0].held_hours == 0.0
    assert staff_load(period_of("week", date(2026, 11, 16)))[0].held_hours == 1.0


def test_an_advocate_who_left_still_shows_for_the_weeks_they_worked(make_staff):
    advocate = make_staff("advocate", "former", time_zone="America/Chicago", is_active=False)
    make_staff("advocate", "idle", time_zone="America/Chicago", is_active=False)
    sessions(advocate, date(2026, 11, 2), 9, 1)
    assert [load.name for load in staff_load(TWO_WEEKS)] == ["Former"]


@pytest.mark.django_db
def test_the_page_names_advocates_and_their_load(supervisor, staff_client, chicago_advocate):
    sessions(chicago_advocate, date(2026, 11, 2), 9, 4)
    query = {"period": "custom", "start": "2026-11-02", "end": "2026-11-15"}
    text = staff_client(supervisor).get(reverse("reports:staff"), query).content.decode()
    assert '<th scope="row">Alex</th>' in text and "4 / 3" in text and "1 of 2" in text
