"""Two people booking the same advocate's slot at the same moment: exactly one wins (PostgreSQL)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from scheduling.models import Appointment
from scheduling.services import BookingRefused, book
from tests.scheduling_fixtures import at, chicago_advocate, consenting_case, next_weekday  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_exactly_one_of_two_simultaneous_bookings_wins(consenting_case, chicago_advocate):
    start = at(next_weekday(1), 10)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(offset_minutes: int):
        try:
            barrier.wait(timeout=5)
            slot = start + timedelta(minutes=offset_minutes)
            book(consenting_case, chicago_advocate, slot, slot + timedelta(minutes=50), "video",
                 survivor_time_zone="America/Chicago")
            outcomes.append("booked")
        except BookingRefused as refusal:
            outcomes.append(refusal.problems[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(offset,)) for offset in (0, 10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes.count("booked") == 1, outcomes
    assert any("already has an appointment" in outcome for outcome in outcomes)
    assert Appointment.objects.count() == 1


def test_many_racing_bookings_leave_no_overlap(consenting_case, chicago_advocate):
    day = next_weekday(2)
    barrier = threading.Barrier(6)

    def attempt(offset_minutes: int):
        try:
            barrier.wait(timeout=5)
            slot = at(day, 10) + timedelta(minutes=offset_minutes)
            book(consenting_case, chicago_advocate, slot, slot + timedelta(minutes=50), "video",
                 survivor_time_zone="America/Chicago")
        except BookingRefused:
            pass
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(offset,)) for offset in range(0, 60, 10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    booked = list(Appointment.objects.order_by("starts_at").values_list("starts_at", "ends_at"))
    assert len(booked) == 1
