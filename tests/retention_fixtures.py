"""Fixtures for the retention tests: a clock that moves, finished appointments with call events.

    from tests.retention_fixtures import clock, finished  # noqa: F401  (fixtures)
"""

import datetime as dt
from datetime import timedelta

import pytest
from django.utils import timezone as django_timezone

from cases.models import Case
from scheduling.models import Appointment
from sessions.models import CallEvent
from tests.scheduling_fixtures import case_with_consent, make_appointment

REAL_DATETIME = dt.datetime


class _AnyDatetime(type):
    def __instancecheck__(cls, value) -> bool:
        return isinstance(value, REAL_DATETIME)


class Clock:
    """Moves django.utils.timezone.now() forward: jobs, views and model defaults all see the new time."""

    def __init__(self, monkeypatch) -> None:
        self.offset = timedelta(0)
        clock = self

        class Shifted(REAL_DATETIME, metaclass=_AnyDatetime):
            @classmethod
            def now(cls, tz=None):
                return REAL_DATETIME.now(tz) + clock.offset

        monkeypatch.setattr(django_timezone, "datetime", Shifted)

    def travel(self, **delta) -> dt.datetime:
        self.offset += timedelta(**delta)
        return django_timezone.now()


@pytest.fixture
def clock(monkeypatch) -> Clock:
    return Clock(monkeypatch)


def log_events(appointment: Appointment, *events: tuple[float, str, str]) -> None:
    """(minutes after the start, kind, who) for each event."""
    for minutes, kind, who in events:
        CallEvent.objects.create(
            appointment=appointment, kind=kind, who=who, at=appointment.starts_at + timedelta(minutes=minutes)
        )


A_HELD_SESSION = (
    (0, "arrived", "survivor"),
    (3, "admitted", "survivor"),
    (3.5, "joined", "survivor"),
    (4, "joined", "staff"),
    (40.5, "left", "survivor"),
    (41, "ended", "staff"),
)


@pytest.fixture
def counted_case(advocate) -> Case:
    return case_with_consent(advocate)


@pytest.fixture
def finished(counted_case, advocate) -> Appointment:
    """A video session held two days ago: waited 3 minutes, talked 37."""
    appointment = make_appointment(
        counted_case, advocate, django_timezone.now() - timedelta(days=2), status="completed"
    )
    log_events(appointment, *A_HELD_SESSION)
    return appointment
