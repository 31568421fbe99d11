"""Invariant 9: an appointment outside the advocate's boundaries is refused, saying which rule and the hours."""

from datetime import date, time, timedelta

import pytest

from cases.models import Case
from cases.services import open_case
from consent.services import withdraw
from scheduling.models import Appointment, ContactException, ContactHours
from scheduling.services import BookingRefused, book, free_slots, team_load
from tests.scheduling_fixtures import CHICAGO, at, chicago_advocate, consenting_case, give_consent, next_weekday  # noqa: F401

pytestmark = pytest.mark.django_db
TUESDAY = 1


def refused(case, advocate, start, minutes=50, mode="video") -> list[str]:
    with pytest.raises(BookingRefused) as refusal:
        book(case, advocate, start, start + timedelta(minutes=minutes), mode, survivor_time_zone="America/Chicago")
    return refusal.value.problems


def booked(case, advocate, start, minutes=50, mode="video") -> Appointment:
    return book(case, advocate, start, start + timedelta(minutes=minutes), mode, survivor_time_zone="America/Chicago")


def test_a_slot_inside_contact_hours_is_booked(consenting_case, chicago_advocate):
    appointment = booked(consenting_case, chicago_advocate, at(next_weekday(TUESDAY), 10))
    assert appointment.status == Appointment.Status.SCHEDULED


def test_outside_contact_hours_is_refused_naming_the_hours(consenting_case, chicago_advocate):
    day = next_weekday(TUESDAY)
    problems = refused(consenting_case, chicago_advocate, at(day, 18))
    assert problems == [
        f"Outside Alex's contact hours. On Tuesday {day.day} {day:%B} they are available 09:00–17:00 (America/Chicago)."
    ]


def test_running_past_the_end_of_the_hours_is_refused(consenting_case, chicago_advocate):
    problems = refused(consenting_case, chicago_advocate, at(next_weekday(TUESDAY), 16, 30))
    assert "Outside Alex's contact hours" in problems[0]


def test_a_day_without_hours_is_refused(consenting_case, chicago_advocate):
    saturday = next_weekday(5)
    assert refused(consenting_case, chicago_advocate, at(saturday, 10)) == [
        f"Alex has no contact hours on Saturday {saturday.day} {saturday:%B}."
    ]


def test_a_day_off_replaces_the_weekly_hours(consenting_case, chicago_advocate):
    day = next_weekday(TUESDAY)
    ContactException.objects.create(advocate=chicago_advocate, date=day)
    assert "has no contact hours" in refused(consenting_case, chicago_advocate, at(day, 10))[0]


def test_changed_hours_replace_the_weekly_hours(consenting_case, chicago_advocate):
    day = next_weekday(TUESDAY)
    ContactException.objects.create(advocate=chicago_advocate, date=day, start=time(18), end=time(20))
    assert "available 18:00–20:00" in refused(consenting_case, chicago_advocate, at(day, 10))[0]
    assert booked(consenting_case, chicago_advocate, at(day, 18, 30))


def test_an_overlap_is_refused(consenting_case, chicago_advocate):
    day = next_weekday(TUESDAY)
    booked(consenting_case, chicago_advocate, at(day, 10))
    assert refused(consenting_case, chicago_advocate, at(day, 10, 30)) == [
        "Alex already has an appointment from 10:00 to 10:50 that day."
    ]


def test_the_buffer_between_sessions_holds(consenting_case, chicago_advocate):
    day = next_weekday(TUESDAY)
    booked(consenting_case, chicago_advocate, at(day, 10))
    assert refused(consenting_case, chicago_advocate, at(day, 11)) == [
        "Alex keeps 15 minutes between sessions; the appointment from 10:00 to 10:50 is too close."
    ]
    assert booked(consenting_case, chicago_advocate, at(day, 11, 5))


def test_the_daily_maximum_holds(consenting_case, chicago_advocate):
    day = next_weekday(TUESDAY)
    for hour in (9, 11, 13):
        booked(consenting_case, chicago_advocate, at(day, hour))
    assert refused(consenting_case, chicago_advocate, at(day, 15)) == [
        f"Alex's limit of 3 sessions a day is reached on Tuesday {day.day} {day:%B}."
    ]


def test_a_cancelled_session_frees_its_slot(consenting_case, chicago_advocate):
    from scheduling.services import cancel

    day = next_weekday(TUESDAY)
    cancel(booked(consenting_case, chicago_advocate, at(day, 10)))
    assert booked(consenting_case, chicago_advocate, at(day, 10))


def test_the_past_is_refused(consenting_case, chicago_advocate):
    from django.utils import timezone

    assert "That time has already passed." in refused(consenting_case, chicago_advocate, timezone.now() - timedelta(days=1))


def test_too_little_notice_is_refused(consenting_case, chicago_advocate, settings):
    from django.utils import timezone

    soon = timezone.now() + timedelta(minutes=30)
    assert "Alex needs at least 2 hours' notice." in refused(consenting_case, chicago_advocate, soon)


def test_a_case_without_consent_is_refused(chicago_advocate):
    case = open_case(Case(alias="Juniper"), chicago_advocate)
    assert refused(case, chicago_advocate, at(next_weekday(TUESDAY), 10)) == [
        "This case has no current consent covering video. Record consent first."
    ]


def test_consent_must_cover_the_mode(chicago_advocate):
    case = open_case(Case(alias="Juniper"), chicago_advocate)
    give_consent(case, modes=["audio"])
    assert "covering video" in refused(case, chicago_advocate, at(next_weekday(TUESDAY), 10))[0]
    assert booked(case, chicago_advocate, at(next_weekday(TUESDAY), 10), mode="audio")


def test_withdrawn_consent_is_refused_and_cancels_future_sessions(consenting_case, chicago_advocate):
    from scheduling.codes import issue

    appointment = booked(consenting_case, chicago_advocate, at(next_weekday(TUESDAY), 10))
    issue(appointment)
    withdraw(consenting_case)
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CANCELLED
    assert not appointment.codes.filter(revoked_at=None).exists()
    assert "no current consent" in refused(consenting_case, chicago_advocate, at(next_weekday(TUESDAY), 13))[0]


def test_an_end_before_the_start_is_refused(consenting_case, chicago_advocate):
    assert refused(consenting_case, chicago_advocate, at(next_weekday(TUESDAY), 10), minutes=-10) == [
        "The end must be after the start."
    ]


class TestDaylightSaving:
    """A weekly 09:00 slot stays at 09:00 local time across the change; its UTC time moves."""

    def test_slots_keep_their_local_time_across_the_autumn_change(self, chicago_advocate):
        from datetime import date, datetime
        from zoneinfo import ZoneInfo

        # US clocks go back on Sunday 1 November 2026: CDT (UTC-5) to CST (UTC-6).
        before, after = date(2026, 10, 30), date(2026, 11, 2)
        now = datetime(2026, 10, 1, tzinfo=ZoneInfo("UTC"))
        slots = free_slots([chicago_advocate], before, 4, now=now)
        firsts = {}
        for slot in slots:
            local = slot.starts_at.astimezone(CHICAGO)
            firsts.setdefault(local.date(), local)
        assert firsts[before].hour == 9 and firsts[after].hour == 9
        assert firsts[before].utcoffset() == timedelta(hours=-5)
        assert firsts[after].utcoffset() == timedelta(hours=-6)
        assert firsts[before].astimezone(ZoneInfo("UTC")).hour == 14
        assert firsts[after].astimezone(ZoneInfo("UTC")).hour == 15

    def test_slots_keep_their_local_time_across_the_spring_change(self, chicago_advocate):
        from datetime import date, datetime
        from zoneinfo import ZoneInfo

        # Sunday 14 March 2027: CST to CDT.
        now = datetime(2027, 3, 1, tzinfo=ZoneInfo("UTC"))
        slots = free_slots([chicago_advocate], date(2027, 3, 12), 4, now=now)
        local_starts = {s.starts_at.astimezone(CHICAGO).date(): s.starts_at.astimezone(CHICAGO) for s in reversed(slots)}
        assert local_starts[date(2027, 3, 12)].strftime("%H:%M %z") == "09:00 -0600"
        assert local_starts[date(2027, 3, 15)].strftime("%H:%M %z") == "09:00 -0500"

    def test_a_slot_step_across_the_night_of_the_change_stays_on_the_clock(self, make_staff):
        from datetime import date, datetime, time
        from zoneinfo import ZoneInfo

        from scheduling.models import ContactException

        night_owl = make_staff("advocate", "owl", time_zone="America/Chicago")
        ContactException.objects.create(advocate=night_owl, date=date(2026, 11, 1), start=time(0), end=time(4))
        now = datetime(2026, 10, 1, tzinfo=ZoneInfo("UTC"))
        slots = free_slots([night_owl], date(2026, 11, 1), 1, minutes=50, now=now)
        # 00:00-04:00 local that night lasts five real hours (01:00-02:00 happens twice).
        assert slots[0].starts_at.astimezone(CHICAGO).strftime("%H:%M") == "00:00"
        assert (slots[-1].ends_at - slots[0].starts_at) <= timedelta(hours=5)


class TestFreeSlots:
    def test_free_slots_honour_every_rule(self, consenting_case, chicago_advocate):
        day = next_weekday(TUESDAY)
        booked(consenting_case, chicago_advocate, at(day, 10))
        slots = [s for s in free_slots([chicago_advocate], day, 1) if s.starts_at.astimezone(CHICAGO).date() == day]
        starts = [s.starts_at.astimezone(CHICAGO).strftime("%H:%M") for s in slots]
        assert "09:00" not in starts  # 09:00-09:50 is too close to 10:00 with a 15-minute buffer
        assert "10:00" not in starts and "10:30" not in starts
        assert "11:00" not in starts  # buffer after 10:50
        assert "11:30" in starts and starts[-1] == "16:00"  # the last one that ends by 17:00

    def test_a_full_day_has_no_free_slot(self, consenting_case, chicago_advocate):
        day = next_weekday(TUESDAY)
        for hour in (9, 11, 13):
            booked(consenting_case, chicago_advocate, at(day, hour))
        assert not [s for s in free_slots([chicago_advocate], day, 1) if s.starts_at.astimezone(CHICAGO).date() == day]

    def test_any_advocate_of_the_program(self, chicago_advocate, make_staff):
        from tests.scheduling_fixtures import weekday_hours

        other = make_staff("advocate", "jordan", time_zone="Europe/Madrid")
        weekday_hours(other, time(9), time(10))
        day = next_weekday(TUESDAY)
        slots = free_slots([chicago_advocate, other], day, 1)
        assert {slot.advocate.username for slot in slots} == {"alex", "jordan"}
        assert slots == sorted(slots, key=lambda slot: slot.starts_at)


def test_the_team_week_counts_real_contact_hours_across_a_clock_change(make_staff):
    advocate = make_staff("advocate", "kim", time_zone="America/Chicago")
    ContactHours.objects.create(advocate=advocate, weekday=6, start=time(0), end=time(4))
    # Sunday 8 March 2026: clocks jump from 02:00 to 03:00, so 00:00-04:00 is three hours.
    [load] = team_load([advocate], date(2026, 3, 2))
    assert load.contact_hours == 3.0
